/**
 * pi's own verdict: the installed pi, through its public SDK, answers what it makes of agent dirs.
 * Used by the conformance suite (test/conformance, three pi versions) and by the app's verdict
 * (issue 11), which launch it as a child process with the pi's OWN Node binary:
 *
 *   <pi's node> pi-oracle.mjs <request.json> <answers.json>
 *   <pi's node> pi-oracle.mjs --serve       (a warm worker: the same requests over IPC, see `serve`)
 *   request: { piDir, mode: "conformance" | "product", baseEnv?: {…}, timeoutMs?, workRoot?, cases: [{ name, dir, env }] }
 *   answers: [{ name, piVersion, sdk, modelsError, settingsValid, settingsErrors, models, available,
 *               scope, unmatched, scopeWarnings, default, keys, network, error }]
 *
 * (the answer fields are documented at `answerCase` below). Plain JavaScript, no dependency: it
 * must run in bare Node exactly as pi runs, without our TypeScript toolchain in between, and pi is
 * imported by absolute file URL from `piDir` only, so it can never pick up another pi (e.g. ours).
 *
 * Safety, because pi writes into the dir it reads (auth.json, models-store.json) and can reach out:
 * - each case runs on a COPY of its dir in a temp dir (inside `workRoot` when given: the caller's
 *   private dir, which it removes even when this process was killed), removed afterwards, and at
 *   exit for a case cut off by its timeout; cwd is a temp dir with no `.pi/`, so only the agent
 *   dir's files count;
 * - process.env is replaced per case (pi reads it at call time) by baseEnv (absent: this process's
 *   own environment, so the app's verdict never writes env values, keys among them, to a file) + case env +
 *   PI_CODING_AGENT_DIR=<copy>, PI_OFFLINE=1, PI_SKIP_VERSION_CHECK=1, PI_TELEMETRY=0;
 * - every outgoing TCP connection is refused in this process (and reported in `network`);
 * - mode "product": every `!command` config value in the copied auth.json (key) and models.json
 *   (apiKey, header values) is replaced by an inert literal before pi reads the copy, and the keys
 *   pi would take from one are reported as form "command, not run": the app never runs the user's
 *   commands in the background. Mode "conformance" (our own corpus) leaves the copy as it is.
 * - one case that hangs is cut off after timeoutMs (default 20 s) and answered with `error`.
 *
 * Two SDK generations, one adapter each: "registry" (pi 0.7x: AuthStorage + ModelRegistry +
 * resolveModelScope, which reports through console.warn) and "runtime" (pi ≥ 0.80: ModelRuntime +
 * resolveModelScopeWithDiagnostics; ModelRegistry is a facade over the runtime).
 */
import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { stripVTControlCharacters } from "node:util";

const FORCED_ENV = { PI_OFFLINE: "1", PI_SKIP_VERSION_CHECK: "1", PI_TELEMETRY: "0" };
const COMMAND_NOT_RUN = "command, not run";
/** Request-body keys that are the conversation, not configuration: left out of `body`. */
const CONVERSATION_KEYS = new Set(["messages", "tools", "tool_choice", "stream", "stream_options", "system", "input", "contents"]);

// ---------------------------------------------------------------------------------------------
// No network, ever: refuse every TCP connection this process tries (Unix sockets stay allowed).

const networkAttempts = [];
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const options = typeof args[0] === "object" && args[0] !== null ? (Array.isArray(args[0]) ? args[0][0] : args[0]) : { port: args[0], host: args[1] };
  if (options && typeof options.path === "string" && options.port === undefined) return originalConnect.apply(this, args);
  networkAttempts.push(`${options?.host ?? "localhost"}:${options?.port}`);
  process.nextTick(() => this.destroy(Object.assign(new Error("pi-oracle: network access is disabled"), { code: "ENETUNREACH" })));
  return this;
};
globalThis.fetch = async (input) => {
  networkAttempts.push(String(input instanceof Request ? input.url : input));
  throw Object.assign(new TypeError("pi-oracle: network access is disabled"), { code: "ENETUNREACH" });
};

// ---------------------------------------------------------------------------------------------
// Loading the given pi.

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** Node's lookup of a dependency of the package at pkgDir: its package dir. */
function dependencyDir(pkgDir, name) {
  for (let dir = pkgDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", ...name.split("/"));
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) throw new Error(`pi-oracle: ${name} not found next to ${pkgDir}`);
  }
}

/** The file a package's "." export (import condition) or main points at. */
function packageEntry(pkgDir) {
  const pkg = readJson(join(pkgDir, "package.json"));
  let entry = pkg.exports?.["."] ?? pkg.exports ?? null;
  if (entry && typeof entry === "object") entry = entry.import?.default ?? entry.import ?? entry.default ?? null;
  if (typeof entry !== "string") entry = pkg.main ?? "index.js";
  return join(pkgDir, entry);
}

const fileImport = (path) => import(pathToFileURL(path).href);

/**
 * The SDK entry of the bundle pi's CLI runs, when its `bin` is one (0.84.3+: dist/bundle/cli.js, with
 * pi-ai inside it and index.js beside it built from the same chunks); null when pi imports pi-ai
 * from node_modules. The pi-ai npm put beside a bundled pi can be another release (pi 0.84.3 gets
 * 0.84.4): only the bundle's SDK answers with the catalog pi runs.
 */
function bundledSdk(piDir, pkg) {
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.pi;
  if (!bin) return null;
  const dir = dirname(join(piDir, bin));
  return basename(dir) === "bundle" && existsSync(join(dir, "index.js")) ? join(dir, "index.js") : null;
}

async function loadPi(piDir) {
  const pkg = readJson(join(piDir, "package.json"));
  if (!/(^|\/)pi-coding-agent$/.test(pkg.name ?? "")) throw new Error(`pi-oracle: ${piDir} is not a pi-coding-agent package (${pkg.name})`);
  const bundled = bundledSdk(piDir, pkg);
  if (bundled) {
    const sdk = await fileImport(bundled);
    // Bundles came with the runtime generation, which needs nothing but the SDK.
    if (typeof sdk.ModelRuntime === "function") return { version: pkg.version, piDir, sdk, generation: "runtime" };
  }
  const piAiName = Object.keys(pkg.dependencies ?? {}).find((n) => /(^|\/)pi-ai$/.test(n));
  if (!piAiName) throw new Error(`pi-oracle: ${pkg.name}@${pkg.version} names no pi-ai dependency`);
  const piAiDir = dependencyDir(piDir, piAiName);
  const entry = packageEntry(piDir);
  const sdk = await fileImport(entry);
  // Deep modules by file URL: the exports map hides them from bare imports, not from file URLs, and
  // the URL is the one pi's own entry imports, so they are the same module instances.
  const resolver = await fileImport(join(dirname(entry), "core", "model-resolver.js"));
  const piAi = await fileImport(packageEntry(piAiDir));
  const generation = typeof sdk.ModelRuntime === "function" ? "runtime" : "registry";
  return { version: pkg.version, piDir, piAiDir, sdk, resolver, piAi, generation };
}

// ---------------------------------------------------------------------------------------------
// Product mode: commands in the copy are made inert before pi reads it.

/**
 * Replace `!command` string values at the given JSON paths in JSONC text (comments, trailing
 * commas) without parsing it strictly: a tokenizer that tracks the key path. `wanted(path)` says
 * whether a string at `path` (array of keys) is a config value pi may run.
 */
function neutralizeCommands(text, wanted, replacementFor) {
  let out = "";
  let i = 0;
  const stack = []; // { type: "object"|"array", key: string|null, index: number, expectKey: boolean }
  const path = () => stack.flatMap((f) => (f.type === "object" ? [f.key] : [String(f.index)]));
  while (i < text.length) {
    const ch = text[i];
    if (ch === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const raw = text.slice(i, j + 1);
      i = j + 1;
      const top = stack[stack.length - 1];
      let value;
      try {
        value = JSON.parse(raw);
      } catch {
        value = null;
      }
      if (top?.type === "object" && top.expectKey) {
        top.key = value;
        out += raw;
        continue;
      }
      if (typeof value === "string" && value.startsWith("!") && wanted(path())) out += JSON.stringify(replacementFor(value, path()));
      else out += raw;
      continue;
    }
    const top = stack[stack.length - 1];
    if (ch === "{") stack.push({ type: "object", key: null, index: 0, expectKey: true });
    else if (ch === "[") stack.push({ type: "array", key: null, index: 0, expectKey: false });
    else if (ch === "}" || ch === "]") stack.pop();
    else if (ch === ":" && top?.type === "object") top.expectKey = false;
    else if (ch === "," && top) {
      if (top.type === "object") top.expectKey = true;
      else top.index += 1;
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** auth.json: `<provider>.key`. models.json: `providers.<p>.apiKey` and every `headers` value. */
const authKeyPath = (p) => p.length === 2 && p[1] === "key";
const modelsConfigPath = (p) => p[0] === "providers" && ((p.length === 3 && p[2] === "apiKey") || p[p.length - 2] === "headers");

function makeCommandsInert(agentDir) {
  const inert = new Map(); // replacement literal -> where the command was
  const replacementFor = (file) => (_command, path) => {
    const literal = `pi-oracle-command-not-run-${randomBytes(6).toString("hex")}`;
    inert.set(literal, `${file}:${path.join(".")}`);
    return literal;
  };
  for (const [file, wanted] of [
    ["auth.json", authKeyPath],
    ["models.json", modelsConfigPath],
  ]) {
    const path = join(agentDir, file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, "utf8");
    const next = neutralizeCommands(text, wanted, replacementFor(file));
    if (next !== text) writeFileSync(path, next);
  }
  return inert;
}

// ---------------------------------------------------------------------------------------------
// Asking pi.

const fingerprint = (key) => createHash("sha256").update(key).digest("hex").slice(0, 16);
const ref = (m) => `${m.provider}/${m.id}`;

/**
 * Whether two models are the same JSON (key order and undefined-valued keys aside), to tell an
 * untouched built-in. Walked in place: printing every model of the catalog as sorted JSON, twice
 * per case, was a third of the oracle's time on the corpus.
 */
function sameJson(a, b) {
  if (a === b) return true;
  const aObject = a !== null && typeof a === "object";
  const bObject = b !== null && typeof b === "object";
  // What JSON prints for a leaf (a function or undefined in an array prints as null).
  if (!aObject || !bObject) return !aObject && !bObject && (JSON.stringify(a) ?? "null") === (JSON.stringify(b) ?? "null");
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  const aKeys = Object.keys(a).filter((k) => a[k] !== undefined);
  const bKeys = new Set(Object.keys(b).filter((k) => b[k] !== undefined));
  return aKeys.length === bKeys.size && aKeys.every((k) => bKeys.has(k) && sameJson(a[k], b[k]));
}

const needsPayload = (m) => Boolean(m.compat?.openRouterRouting || m.samplingParams || m.samplingParamsByThinkingLevel);

/**
 * What pi-ai itself puts in the request body for this model, captured by its `onPayload` hook,
 * which runs after the body is built and before any request: throwing there aborts the call.
 * Thinking off, a dummy key; `stream` is pi-ai's stream function for the model's api.
 */
async function capturePayload(stream, model) {
  let payload = null;
  const context = { messages: [{ role: "user", content: "hi", timestamp: 0 }] };
  const controller = new AbortController();
  const events = stream(model, context, {
    apiKey: "pi-oracle-dummy-key",
    signal: controller.signal,
    onPayload: (params) => {
      payload = params;
      controller.abort();
      throw new Error("pi-oracle: payload captured");
    },
  });
  for await (const event of events) if (event.type === "done" || event.type === "error") break;
  if (!payload) return { routing: null, body: null };
  // Whatever pi put there, verbatim: pi 0.7x sends a string `openRouterRouting` as it is.
  const routing = payload.provider === undefined ? null : JSON.parse(JSON.stringify(payload.provider));
  const body = Object.fromEntries(Object.entries(payload).filter(([k, v]) => !CONVERSATION_KEYS.has(k) && v !== undefined));
  return { routing, body: JSON.parse(JSON.stringify(body)) };
}

/** The registry generation (pi 0.7x). */
async function askRegistry(pi, agentDir, work) {
  const { AuthStorage, ModelRegistry, SettingsManager, SessionManager, DefaultResourceLoader, createAgentSession } = pi.sdk;
  const warnings = [];
  const originalWarn = console.warn;
  // pi 0.7x reports scope problems only as (chalk-coloured) console.warn lines.
  console.warn = (...args) => warnings.push(stripVTControlCharacters(args.map(String).join(" ")));
  try {
    const authStorage = AuthStorage.create(join(agentDir, "auth.json"));
    const registry = ModelRegistry.create(authStorage, join(agentDir, "models.json"));
    const settings = SettingsManager.create(work, agentDir);
    const settingsErrors = settings.drainErrors().filter((e) => e.scope === "global").map((e) => String(e.error?.message ?? e.error));
    const patterns = settings.getEnabledModels();
    const scoped = patterns && patterns.length > 0 ? await pi.resolver.resolveModelScope(patterns, registry) : [];
    const unmatched = [];
    const scopeWarnings = [];
    for (const w of warnings) {
      const m = /No models match pattern "(.*)"$/s.exec(w);
      if (m) unmatched.push(m[1]);
      else scopeWarnings.push(w.replace(/^Warning: /, ""));
    }
    const pristine = pi.pristine ?? (pi.pristine = new Set(pi.piAi.getProviders().flatMap((p) => pi.piAi.getModels(p))));
    return {
      modelsError: registry.getError() ?? null,
      settingsErrors,
      all: registry.getAll(),
      isBuiltIn: (m) => pristine.has(m),
      available: registry.getAvailable(),
      scoped,
      unmatched,
      scopeWarnings,
      resolveKey: async (model) => {
        const auth = await registry.getApiKeyAndHeaders(model);
        return auth.ok ? { apiKey: auth.apiKey } : { error: auth.error };
      },
      stream: (model, context, options) => pi.piAi.streamSimple(model, context, options),
      startSession: (options) =>
        createAgentSession({ ...options, authStorage, modelRegistry: registry, settingsManager: settings, sessionManager: SessionManager.inMemory(work), resourceLoader: quietLoader(DefaultResourceLoader, work, agentDir, settings), cwd: work, agentDir }),
      findModel: (provider, id) => registry.find(provider, id),
      settings,
    };
  } finally {
    console.warn = originalWarn;
  }
}

/** The runtime generation (pi ≥ 0.80: 0.87.1, 1.x). */
async function askRuntime(pi, agentDir, work) {
  const { ModelRuntime, ModelRegistry, SettingsManager, SessionManager, DefaultResourceLoader, createAgentSession } = pi.sdk;
  // The same catalog with no models.json and no credentials: what "untouched built-in" means here,
  // since the runtime composes (and may copy) pi-ai's model objects. The catalogs pi restores from
  // models-store.json (refreshed, or the key's own OpenRouter list) are part of that catalog: copied
  // before the real runtime below gets to rewrite the file.
  const bare = join(work, "bare");
  mkdirSync(bare);
  if (existsSync(join(agentDir, "models-store.json"))) cpSync(join(agentDir, "models-store.json"), join(bare, "models-store.json"));
  const runtimeOptions = { authPath: join(agentDir, "auth.json"), modelsPath: join(agentDir, "models.json"), allowModelNetwork: false };
  const runtime = await ModelRuntime.create(runtimeOptions);
  // A models.json path that does not exist (not null: with no path pi keeps its store in memory).
  const pristineRuntime = await ModelRuntime.create({ authPath: join(bare, "auth.json"), modelsPath: join(bare, "models.json"), allowModelNetwork: false });
  const pristine = new Map(pristineRuntime.getModels().map((m) => [ref(m), m]));
  const registry = new ModelRegistry(runtime);
  const settings = SettingsManager.create(work, agentDir);
  const settingsErrors = settings.drainErrors().filter((e) => e.scope === "global").map((e) => String(e.error?.message ?? e.error));
  const patterns = settings.getEnabledModels();
  const { scopedModels, diagnostics } = patterns && patterns.length > 0 ? await pi.sdk.resolveModelScopeWithDiagnostics(patterns, runtime) : { scopedModels: [], diagnostics: [] };
  return {
    modelsError: runtime.getError() ?? null,
    settingsErrors,
    all: registry.getAll(),
    isBuiltIn: (m) => pristine.has(ref(m)) && sameJson(pristine.get(ref(m)), m),
    available: await runtime.getAvailable(),
    scoped: scopedModels,
    unmatched: diagnostics.filter((d) => d.code === "no-match").map((d) => d.pattern),
    scopeWarnings: diagnostics.filter((d) => d.code !== "no-match").map((d) => stripVTControlCharacters(d.message)),
    resolveKey: async (model) => {
      const auth = await registry.getApiKeyAndHeaders(model);
      if (!auth.ok) return { error: auth.error };
      // Credentials that are not a key (an AWS profile for Bedrock): configured, nothing to fingerprint.
      if (!auth.apiKey && (await runtime.getAuth(model.provider).catch(() => undefined))) return { ambient: true };
      return { apiKey: auth.apiKey };
    },
    // The provider's own stream, without the runtime's auth step: a dummy key is enough to build the body.
    stream: (model, context, options) => runtime.getProvider(model.provider).streamSimple(model, context, options),
    startSession: (options) =>
      createAgentSession({ ...options, modelRuntime: runtime, settingsManager: settings, sessionManager: SessionManager.inMemory(work), resourceLoader: quietLoader(DefaultResourceLoader, work, agentDir, settings), cwd: work, agentDir }),
    findModel: (provider, id) => runtime.getModel(provider, id),
    settings,
  };
}

/** A resource loader that finds nothing (no extensions, skills, templates, themes, context files). */
function quietLoader(DefaultResourceLoader, cwd, agentDir, settingsManager) {
  return new DefaultResourceLoader({ cwd, agentDir, settingsManager, noExtensions: true, noSkills: true, noPromptTemplates: true, noThemes: true, noContextFiles: true });
}

/**
 * The model and thinking level pi starts with: main's choice among scoped models (the saved default
 * if it is in scope, else the first; not exported, mirrored here in four lines), then pi's own
 * createAgentSession for the rest (saved default, first available, thinking level and its clamp).
 */
async function startingModel(view) {
  const options = {};
  if (view.scoped.length > 0) {
    const provider = view.settings.getDefaultProvider();
    const id = view.settings.getDefaultModel();
    const saved = provider && id ? view.findModel(provider, id) : undefined;
    const pick = (saved && view.scoped.find((s) => s.model.provider === saved.provider && s.model.id === saved.id)) || view.scoped[0];
    options.model = pick.model;
    if (pick.thinkingLevel) options.thinkingLevel = pick.thinkingLevel;
    options.scopedModels = view.scoped.map((s) => ({ model: s.model, thinkingLevel: s.thinkingLevel }));
  }
  const { session } = await view.startSession({ ...options, noTools: "all" });
  try {
    // Without any model, pi 0.7x's session still holds a placeholder ("unknown/unknown") that pi does not have.
    const model = session.model && view.findModel(session.model.provider, session.model.id) ? session.model : undefined;
    return { ref: model ? ref(model) : null, thinkingLevel: model ? (session.thinkingLevel ?? null) : null };
  } finally {
    session.dispose?.();
  }
}

/**
 * One case's answer:
 * - modelsError: pi's models.json error (null: accepted); settingsValid/settingsErrors: settings.json.
 * - models: every model pi has, in pi's order: {provider, id, name, api, baseUrl, builtIn (an
 *   untouched pi-ai model), routing (the exact `provider` value pi puts in the request body, or
 *   null), body (request-body keys other than the conversation: only for models with routing,
 *   samplingParams or samplingParamsByThinkingLevel, else null)}. routing/body come from pi-ai.
 * - available: "provider/id" of models with configured auth, in pi's order.
 * - scope: enabledModels resolved, in pi's order, with explicit thinking levels (else null);
 *   unmatched: patterns that matched nothing; scopeWarnings: pi's other scope warnings.
 * - default: the model and thinking level pi starts with (null ref: none).
 * - keys: per provider that has models: {resolves, fingerprint (sha256 hex, first 16, of the key pi
 *   resolves; never the key; null with resolves true for credentials that are no key, e.g. an AWS profile), error, form ("command, not run" in product mode when the key would come
 *   from a command, then resolves and fingerprint are null; else absent)}.
 * - network: connections pi tried (always refused); error: why the case could not be answered.
 */
/** Case copies not yet removed: a case cut off by its timeout still holds one when the answers are written. */
const liveCopies = new Set();

async function answerCase(pi, request, testCase) {
  const work = mkdtempSync(join(request.workRoot ?? tmpdir(), "pi-oracle-"));
  liveCopies.add(work);
  const agentDir = join(work, "agent");
  const cwd = join(work, "cwd");
  const networkBefore = networkAttempts.length;
  const savedEnv = process.env;
  const savedCwd = process.cwd();
  try {
    cpSync(testCase.dir, agentDir, { recursive: true });
    mkdirSync(cwd);
    const inert = request.mode === "product" ? makeCommandsInert(agentDir) : new Map();
    const inertByFingerprint = new Map([...inert.keys()].map((literal) => [fingerprint(literal), literal]));
    process.env = { ...request.baseEnv, ...testCase.env, PI_CODING_AGENT_DIR: agentDir, ...FORCED_ENV };
    process.chdir(cwd);
    const view = pi.generation === "runtime" ? await askRuntime(pi, agentDir, cwd) : await askRegistry(pi, agentDir, cwd);

    const models = [];
    for (const m of view.all) {
      const sent = needsPayload(m) ? await capturePayload(view.stream, m) : { routing: null, body: null };
      models.push({ provider: m.provider, id: m.id, name: m.name, api: m.api, baseUrl: m.baseUrl, builtIn: view.isBuiltIn(m), routing: sent.routing, body: sent.body });
    }

    const keys = {};
    for (const m of view.all) {
      if (m.provider in keys) continue;
      keys[m.provider] = null;
      let resolved;
      try {
        resolved = await view.resolveKey(m);
      } catch (error) {
        resolved = { error: errorText(error) };
      }
      const key = resolved.apiKey;
      const print = typeof key === "string" && key !== "" ? fingerprint(key) : null;
      if (print && inertByFingerprint.has(print)) keys[m.provider] = { resolves: null, fingerprint: null, error: null, form: COMMAND_NOT_RUN };
      else keys[m.provider] = { resolves: print !== null || resolved.ambient === true, fingerprint: print, error: resolved.error == null ? null : withoutQuotedSource(String(resolved.error)) };
    }

    let start;
    try {
      start = await startingModel(view);
    } catch (error) {
      start = { ref: null, thinkingLevel: null, error: errorText(error) };
    }

    return {
      name: testCase.name,
      piVersion: pi.version,
      sdk: pi.generation,
      modelsError: view.modelsError === null ? null : withoutQuotedSource(String(view.modelsError)),
      settingsValid: view.settingsErrors.length === 0,
      settingsErrors: view.settingsErrors.map(withoutQuotedSource),
      models,
      available: view.available.map(ref),
      scope: view.scoped.map((s) => ({ ref: ref(s.model), thinkingLevel: s.thinkingLevel ?? null })),
      unmatched: view.unmatched,
      scopeWarnings: view.scopeWarnings,
      default: start,
      keys,
      network: networkAttempts.slice(networkBefore),
      error: null,
    };
  } finally {
    process.env = savedEnv;
    process.chdir(savedCwd);
    rmSync(work, { recursive: true, force: true });
    liveCopies.delete(work);
  }
}

/**
 * pi's error text without the file text V8's JSON.parse quotes around a fault (`Unexpected token
 * 's', ..."key": sk-or-v1-S"... is not valid JSON`: up to ten characters either side, or all of a
 * short file). In auth.json or models.json that text can be a key, and every error here reaches the
 * app's window and CLI. What is wrong, and the position where V8 gives one, stay.
 */
function withoutQuotedSource(message) {
  return message.replace(/(Unexpected token '[\s\S]', )?(?:\.\.\.)?"[\s\S]*?"(?:\.\.\.)? is not valid JSON/g, (_, token) =>
    `${token ? "Unexpected token: " : ""}not valid JSON (the text around it is not quoted: the file may hold keys)`,
  );
}

const errorText = (error) => withoutQuotedSource(error instanceof Error ? error.message : String(error));

/** A case pi could not answer (e.g. pi ≥ 0.84 throws on an auth.json that does not parse): the message and where. */
function describeFailure(error) {
  if (!(error instanceof Error)) return withoutQuotedSource(String(error));
  const where = (error.stack ?? "").split("\n").find((line) => /^\s+at /.test(line))?.trim();
  return where ? `${error.name}: ${errorText(error)} (${where})` : `${error.name}: ${errorText(error)}`;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`pi-oracle: ${what} took longer than ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/** Every case of one request, each cut off after the request's timeout. */
async function answerRequest(pi, request) {
  const timeoutMs = request.timeoutMs ?? 20_000;
  const answers = [];
  for (const testCase of request.cases) {
    try {
      answers.push(await withTimeout(answerCase(pi, request, testCase), timeoutMs, `case ${testCase.name}`));
    } catch (error) {
      answers.push({ name: testCase.name, piVersion: pi.version, sdk: pi.generation, error: describeFailure(error) });
    }
  }
  for (const work of liveCopies) rmSync(work, { recursive: true, force: true });
  return answers;
}

function checkMode(request) {
  if (request.mode !== "conformance" && request.mode !== "product") throw new Error(`pi-oracle: mode must be "conformance" or "product", not ${JSON.stringify(request.mode)}`);
}

/** pi's SDK, imported under the base env: pi reads the environment at import time too (e.g. its agent dir). */
async function loadPiUnder(baseEnv, piDir) {
  const savedEnv = process.env;
  process.env = { ...baseEnv, ...FORCED_ENV };
  try {
    return await loadPi(piDir);
  } finally {
    process.env = savedEnv;
  }
}

/** One request from a file, answers to a file, then exit. */
async function answerOnce(requestPath, answersPath) {
  const request = readJson(requestPath);
  checkMode(request);
  request.baseEnv ??= { ...process.env };
  const pi = await loadPiUnder(request.baseEnv, request.piDir);
  writeFileSync(answersPath, JSON.stringify(await answerRequest(pi, request)));
  // Nothing of pi's (timers, watchers) may keep the child alive after the answers are written.
  process.exit(0);
}

/**
 * The warm worker (oracle-worker.ts): requests arrive as IPC messages `{ id, request }` and each
 * is answered with `{ id, answers }` or `{ id, error }`, one at a time, with pi's SDK imported once
 * (the second and later answers skip the second or more it takes). The request carries no
 * environment: the base env is this process's own, as in a one-shot run. The worker ends when the
 * app closes the channel (its exit included), whatever pi's timers would keep alive.
 */
function serve() {
  const baseEnv = { ...process.env };
  const loaded = new Map();
  let queue = Promise.resolve();
  process.on("disconnect", () => process.exit(0));
  process.on("message", ({ id, request }) => {
    queue = queue.then(async () => {
      try {
        checkMode(request);
        request.baseEnv = baseEnv;
        if (!loaded.has(request.piDir)) loaded.set(request.piDir, loadPiUnder(baseEnv, request.piDir));
        process.send({ id, answers: await answerRequest(await loaded.get(request.piDir), request) });
      } catch (error) {
        process.send({ id, error: describeFailure(error) });
      }
    });
  });
}

async function main() {
  if (process.argv[2] === "--serve" && process.send) return serve();
  const [requestPath, answersPath] = process.argv.slice(2);
  if (!requestPath || !answersPath) {
    process.stderr.write("usage: node pi-oracle.mjs <request.json> <answers.json> | --serve (with an IPC channel)\n");
    process.exit(2);
  }
  await answerOnce(requestPath, answersPath);
}

await main();
