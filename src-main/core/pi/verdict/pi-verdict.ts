/**
 * pi's own verdict: the user's pi (its SDK, run by its own Node in a child process: run-oracle.ts)
 * answers what it makes of the agent dir, and compare-verdict.ts says where the engine differs.
 * The engine stays the fast path; this runs after each snapshot, one question at a time, newest
 * files first, debounced over bursts of changes, and cached by what pi reads (verdict-key.ts): in
 * memory, and on disk when given a cache dir (verdict-cache.ts), so a warm answer starts no child.
 * The CLI starts one child per question (run-oracle.ts); the window and `serve` keep one warm
 * worker (oracle-worker.ts).
 *
 * Never touches the user's agent dir or the network: pi's files (models.json, settings.json,
 * auth.json, and models-store.json, nothing else: no backups) are copied into a private temp dir
 * (0700) that is removed afterwards whatever happened (a copy a killed app left is removed by
 * the next run), the oracle copies that again inside it and runs pi offline
 * (PI_OFFLINE=1, connections refused), and `!command` values are made inert before pi reads them.
 * Used by service.ts (the snapshot's `verdict`, and proposed models.json edits).
 */
import { createHash } from "node:crypto";
import { realpathSync, rmSync } from "node:fs";
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PiInfo, PiVerdict, VerdictDifference } from "../../common/index.js";
import { readAgentState, textVersion, type AgentFiles, type AgentState } from "../../agent-state.js";
import { resolvePlainValue } from "../config-value.js";
import type { PiCatalog } from "../pi-install.js";
import { readPiFileBytesSync } from "../../files/read-pi-file.js";
import { compareWithPi, type AppKey, type AppView } from "./compare-verdict.js";
import { OracleWorker } from "./oracle-worker.js";
import { oracleScriptPath, runOracle, type OracleAnswer, type OracleOutcome, type OracleRun } from "./run-oracle.js";
import { VerdictDiskCache } from "./verdict-cache.js";
import { piChildEnv, verdictKey } from "./verdict-key.js";

/** pi's files the verdict copies; everything else in the agent dir (backups, temps, sessions) stays out. */
const VERDICT_FILES = ["models.json", "settings.json", "auth.json", "models-store.json"] as const;
type VerdictFile = (typeof VERDICT_FILES)[number];
type StagedTexts = Record<VerdictFile, Buffer | null>;

const MAX_DIFFERENCES = 50;
/** How long reading one of pi's files for the copy may take; a local file of 16 MiB takes milliseconds. */
const STAGE_READ_LIMIT_MS = 5_000;
const CACHE_SIZE = 16;

export interface VerdictOptions {
  /** How long pi may take (default 20 s); the child is killed after it. */
  timeoutMs?: number;
  /** Quiet time after a change before pi is asked (default 150 ms). */
  debounceMs?: number;
  /** The oracle script (default: pi-oracle.mjs beside this module). */
  script?: string;
  /** Where the private copies go (default: the OS temp dir). */
  tempDir?: string;
  /** Keep pi's answers on disk here (verdictCacheDir: the app's cache dir); absent: in memory only. */
  cacheDir?: string;
  /** Ask one warm worker (the window, `serve`) instead of a child per question (the CLI, tests). */
  worker?: boolean;
  /** How long the warm worker lives without a question (default two minutes). */
  workerIdleMs?: number;
}

/** The private copies' names: how a later run tells a crashed run's copy (auth.json included) from anything else in the temp dir. */
export const VERDICT_COPY_PREFIX = "pi-switchboard-verdict-";
/** A copy this old is left over: a run lasts at most its timeout, and is removed when it ends. */
const STALE_COPY_MS = 10 * 60_000;

/**
 * Removes private copies an earlier run left behind (the app was killed mid-verdict): ours by
 * prefix and owner, real directories (never a link someone else put there), older than any run
 * can last. Copies by pi-oracle.mjs of earlier app versions (`pi-oracle-`, straight in the temp
 * dir) go by the same rule; now the oracle nests its copy inside ours.
 */
export async function removeStaleCopies(tempDir: string, timeoutMs: number, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const uid = process.getuid?.();
  const oldest = Math.max(STALE_COPY_MS, 3 * timeoutMs);
  for (const name of await readdir(tempDir).catch(() => [] as string[])) {
    if (!name.startsWith(VERDICT_COPY_PREFIX) && !name.startsWith("pi-oracle-")) continue;
    const path = join(tempDir, name);
    const stats = await lstat(path).catch(() => null);
    if (!stats?.isDirectory() || (uid !== undefined && stats.uid !== uid) || now - stats.mtimeMs < oldest) continue;
    await rm(path, { recursive: true, force: true }).then(
      () => removed.push(path),
      () => undefined,
    );
  }
  return removed;
}

/** Where pi can be run from, or why it cannot (no pi, no Node, a Node too old, not a Node package). */
export function runnablePi(pi: PiInfo): { ok: true; node: string; piDir: string } | { ok: false; reason: string } {
  if (!pi.found) return { ok: false, reason: "pi was not found, so it cannot check the files" };
  if (!pi.packageDir) return { ok: false, reason: `pi at ${pi.path} is not a Node package install, so its SDK cannot be loaded` };
  if (!pi.node) return { ok: false, reason: `no Node was found to run pi ${pi.version ?? ""}`.replace(" ,", ",").trimEnd() };
  if (pi.node.satisfiesEngines === false) return { ok: false, reason: pi.problem ?? `Node ${pi.node.version} is too old for pi ${pi.version} (needs ${pi.engines})` };
  // Its SDK would crash the same way, and "could not be asked: Node.js v22…" would hide why.
  if (pi.startFailure) return { ok: false, reason: `pi ${pi.version ?? ""} itself fails to start (${pi.startFailure.firstErrorLine}); run \`${pi.startFailure.command}\` to see it. The app shows what the files say, unchecked by pi`.replace("pi  ", "pi ") };
  let piDir = pi.packageDir;
  try {
    piDir = realpathSync(pi.packageDir);
  } catch {
    // as found
  }
  return { ok: true, node: pi.node.path, piDir };
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
/** The oracle's fingerprint of a key: sha256 hex, first 16 characters. */
export const keyFingerprint = (key: string) => sha256(key).slice(0, 16);

function baseVerdict(catalog: PiCatalog): Pick<PiVerdict, "piVersion" | "rulesBasis" | "leanOnPi"> {
  const version = catalog.info.version;
  return { piVersion: version, rulesBasis: catalog.rules.basis, leanOnPi: version !== null && catalog.rules.basis !== version };
}

function piName(catalog: PiCatalog): string {
  return `pi ${catalog.info.version ?? "(version unknown)"}`;
}

/** For a pi whose release the app does not know: which rules the engine applies instead. */
function rulesNote(catalog: PiCatalog): string {
  const v = baseVerdict(catalog);
  return v.leanOnPi ? ` (the app applies pi ${v.rulesBasis}'s rules to ${piName(catalog)}: pi's verdict decides)` : "";
}

function verdict(catalog: PiCatalog, fields: Omit<PiVerdict, "piVersion" | "rulesBasis" | "leanOnPi" | "differences" | "moreDifferences"> & { differences?: VerdictDifference[] }): PiVerdict {
  const all = fields.differences ?? [];
  return { ...baseVerdict(catalog), ...fields, differences: all.slice(0, MAX_DIFFERENCES), moreDifferences: Math.max(0, all.length - MAX_DIFFERENCES) };
}

/** Shown right after a new snapshot, before pi answers (or instead, when pi cannot be run). */
export function initialVerdict(catalog: PiCatalog): PiVerdict {
  const runnable = runnablePi(catalog.info);
  if (!runnable.ok) return verdict(catalog, { state: "unavailable", checkedAt: null, note: `No verdict from pi: ${runnable.reason}.`, modelsJsonAccepted: null });
  return verdict(catalog, { state: "pending", checkedAt: null, note: `Checking with ${piName(catalog)}…`, modelsJsonAccepted: null });
}

/** The engine's key for each provider pi answered for, fingerprinted like the oracle does, with the values it could have taken. */
function appKeys(state: AgentState): Map<string, AppKey> {
  const { keyContext: ctx, rules } = state;
  const out = new Map<string, AppKey>();
  const fp = (value: string | undefined) => (value ? keyFingerprint(value) : null);
  for (const m of state.snapshot.models) {
    if (out.has(m.provider)) continue;
    const provider = m.provider;
    const cred = ctx.auth[provider] as { type?: unknown; key?: unknown; env?: unknown } | undefined;
    const credEnv = cred?.env && typeof cred.env === "object" ? (cred.env as Record<string, string>) : {};
    const authKey = cred?.type === "api_key" && typeof cred.key === "string" && !cred.key.startsWith("!") ? resolvePlainValue(cred.key, ctx.env, rules, credEnv) : undefined;
    const modelsRaw = ctx.modelsApiKeys.get(provider);
    const modelsKey = modelsRaw !== undefined && !modelsRaw.startsWith("!") ? resolvePlainValue(modelsRaw, ctx.env, rules) : undefined;
    const envKey = ctx.envApiKey(provider);
    const candidates: AppKey["candidates"] = [];
    const add = (where: string, value: string | undefined) => {
      const print = fp(value);
      if (print) candidates.push({ where, fingerprint: print });
    };
    add("auth.json", authKey);
    add("models.json apiKey", modelsKey);
    add(`the environment (${ctx.envKeyNames(provider)[0] ?? "env var"})`, envKey);
    const source = m.keySource;
    const value = source.form === "command" || source.form === "oauth" || source.form === "none" ? undefined : source.origin === "auth.json" ? authKey : source.origin === "models.json" ? modelsKey : source.origin === "environment" ? envKey : undefined;
    out.set(provider, { source, fingerprint: fp(value), candidates });
  }
  return out;
}

/** pi's answer beside the engine's state: the verdict people see. `proposal`: the answer is about a proposed edit. */
export function verdictFromAnswer(catalog: PiCatalog, answer: OracleAnswer, state: AgentState, checkedAt: string, proposal = false): PiVerdict {
  const name = piName(catalog);
  const extra = rulesNote(catalog);
  if (answer.error) {
    if (/took longer than/.test(answer.error)) return verdict(catalog, { state: "timeout", checkedAt, note: `${name} did not answer in time: ${answer.error}`, modelsJsonAccepted: null });
    const { modelsFile, settingsFile, authFile } = state.snapshot;
    // A file pi reads but stops on (settings.json's non-pattern) carries an error while valid.
    const invalid = [modelsFile, settingsFile, authFile].filter((f) => !f.valid || f.errors.length > 0);
    if (invalid.length > 0) return verdict(catalog, { state: "agrees", checkedAt, note: `${name} refuses these files too (${answer.error})${extra}`, modelsJsonAccepted: null });
    const differences: VerdictDifference[] = [{ field: "files", pi: `refuses to load them: ${answer.error}`, app: "reads them as valid" }];
    return verdict(catalog, { state: "disagrees", checkedAt, differences, note: `${name} refuses these files: ${answer.error}${extra}`, modelsJsonAccepted: null });
  }
  const view: AppView = { snapshot: state.snapshot, keys: appKeys(state) };
  const differences = compareWithPi(answer, view);
  const accepted = answer.modelsError === null;
  const things = `${differences.length} ${differences.length === 1 ? "thing" : "things"}`;
  let note: string;
  if (proposal) {
    note = accepted ? `${name} accepts this change` : `${name} rejects this change: ${answer.modelsError}`;
    if (differences.length) note += `; the app reads it differently on ${things} (pi's reading is what pi will act on)`;
  } else {
    note = differences.length ? `${name} disagrees on ${things}: pi's answer is what pi will act on` : `${name} agrees`;
  }
  return verdict(catalog, { state: differences.length ? "disagrees" : "agrees", checkedAt, differences, note: note + extra, modelsJsonAccepted: accepted });
}

/**
 * pi's four files as they are now, through the app's one bounded reader: a FIFO, a device or a
 * socket is refused at once, a file is read to 16 MiB at most and within STAGE_READ_LIMIT_MS, all
 * on this thread (a plain readFile of a FIFO held a libuv worker thread for good: four previews
 * and `serve` answered nothing). A file that cannot be read is left out of the copy, as the
 * app's own reading leaves it out (its snapshot names the reason).
 */
function readStaged(agentDir: string): StagedTexts {
  const read = (name: VerdictFile) => {
    try {
      return readPiFileBytesSync(join(agentDir, name), { timeLimitMs: STAGE_READ_LIMIT_MS });
    } catch {
      return null;
    }
  };
  const [models, settings, auth, store] = VERDICT_FILES.map(read);
  return { "models.json": models!, "settings.json": settings!, "auth.json": auth!, "models-store.json": store! };
}

/** Whether the staged texts are the ones the state was built from (else the files moved on: a newer snapshot comes). */
function matchesState(texts: StagedTexts, state: AgentState): boolean {
  const { modelsFile, settingsFile, authFile } = state.snapshot;
  const version = (b: Buffer | null) => textVersion(b === null ? null : b.toString("utf8"));
  return version(texts["models.json"]) === modelsFile.version && version(texts["settings.json"]) === settingsFile.version && version(texts["auth.json"]) === authFile.version;
}

/**
 * Asks the user's pi, one question at a time, with caches keyed by everything pi's answer depends
 * on (verdict-key.ts: the four files' content, which pi and Node, the oracle script and the
 * environment, all hashed, never kept in plain text).
 */
export class PiVerdictAsker {
  private readonly cache = new Map<string, OracleAnswer>();
  private readonly disk: VerdictDiskCache | null;
  private worker: OracleWorker | null = null;
  private lane: Promise<unknown> = Promise.resolve();
  private readonly running = new Set<AbortController>();
  /** Private copies of runs in progress: close() removes them itself, since the app may exit before a run's own clean-up. */
  private readonly copies = new Set<string>();
  private closed = false;
  /** Questions pi was asked, by a child of their own or the worker (tests: the caches save runs). */
  runs = 0;
  /** What the oracle child inherits, and so what its answers are keyed by. */
  private readonly childEnv: NodeJS.ProcessEnv;

  constructor(
    readonly catalog: PiCatalog,
    private readonly env: NodeJS.ProcessEnv,
    private readonly options: VerdictOptions = {},
  ) {
    this.disk = options.cacheDir ? new VerdictDiskCache(options.cacheDir) : null;
    this.childEnv = piChildEnv(env);
  }

  /** Oracle children started so far (one per run without the worker; one per worker life with it). */
  get childrenStarted(): number {
    return this.options.worker ? (this.worker?.starts ?? 0) : this.runs;
  }

  get timeoutMs(): number {
    return this.options.timeoutMs ?? 20_000;
  }

  /** pi's verdict on the agent dir as `state` read it; null when the files changed since (a newer state will ask). */
  async verdictOnDir(agentDir: string, state: AgentState): Promise<PiVerdict | null> {
    const runnable = runnablePi(this.catalog.info);
    if (!runnable.ok) return initialVerdict(this.catalog);
    const texts = readStaged(agentDir);
    if (!matchesState(texts, state)) return null;
    return this.ask(texts, state, false);
  }

  /** pi's verdict on the agent dir with models.json replaced by `modelsText` (a proposed edit), and the engine's reading of it. */
  async verdictOnProposal(agentDir: string, modelsText: string): Promise<PiVerdict> {
    const runnable = runnablePi(this.catalog.info);
    if (!runnable.ok) return initialVerdict(this.catalog);
    const texts = { ...readStaged(agentDir), "models.json": Buffer.from(modelsText, "utf8") };
    const text = (name: VerdictFile) => texts[name]?.toString("utf8") ?? null;
    const files: AgentFiles = {
      models: { path: join(agentDir, "models.json"), text: modelsText },
      settings: { path: join(agentDir, "settings.json"), text: text("settings.json") },
      auth: { path: join(agentDir, "auth.json"), text: text("auth.json") },
      modelsStore: { path: join(agentDir, "models-store.json"), text: text("models-store.json") },
    };
    return this.ask(texts, await readAgentState(agentDir, files, this.catalog, this.env), true);
  }

  private ask(texts: StagedTexts, state: AgentState, proposal: boolean): Promise<PiVerdict> {
    const run = this.lane.then(() => this.askNow(texts, state, proposal));
    this.lane = run.catch(() => undefined);
    return run;
  }

  private async askNow(texts: StagedTexts, state: AgentState, proposal: boolean): Promise<PiVerdict> {
    const runnable = runnablePi(this.catalog.info);
    if (!runnable.ok) return initialVerdict(this.catalog);
    if (this.closed) return verdict(this.catalog, { state: "error", checkedAt: null, note: "The app stopped before pi was asked.", modelsJsonAccepted: null });
    const scriptPath = this.options.script ?? oracleScriptPath();
    const script = await readFile(scriptPath);
    const key = verdictKey({ files: texts, piDir: runnable.piDir, piVersion: this.catalog.info.version, node: runnable.node, nodeVersion: this.catalog.info.node?.version ?? null, script, env: this.childEnv });
    const cached = this.cache.get(key) ?? (await this.disk?.get(key)) ?? null;
    if (cached) {
      this.remember(key, cached);
      return verdictFromAnswer(this.catalog, cached, state, new Date().toISOString(), proposal);
    }

    const tempDir = this.options.tempDir ?? tmpdir();
    await removeStaleCopies(tempDir, this.timeoutMs);
    // The copy holds auth.json: it goes whatever happens to the run (timeout, error, the child killed); the oracle nests its own copy inside it.
    const workDir = await mkdtemp(join(tempDir, VERDICT_COPY_PREFIX));
    this.copies.add(workDir);
    try {
      const agent = join(workDir, "agent");
      await mkdir(agent, { mode: 0o700 });
      for (const name of VERDICT_FILES) {
        const body = texts[name];
        if (body !== null) await writeFile(join(agent, name), body, { mode: 0o600 });
      }
      this.runs++;
      const stop = new AbortController();
      this.running.add(stop);
      const outcome = await this.run({ node: runnable.node, piDir: runnable.piDir, cases: [{ name: "agent", dir: agent }], env: this.childEnv, timeoutMs: this.timeoutMs, workDir, script: scriptPath, signal: stop.signal }).finally(() => this.running.delete(stop));
      const checkedAt = new Date().toISOString();
      const name = piName(this.catalog);
      if (!outcome.ok) {
        return outcome.timedOut
          ? verdict(this.catalog, { state: "timeout", checkedAt, note: `${name} did not answer within ${this.timeoutMs / 1000} s; the app's own reading stands unchecked.`, modelsJsonAccepted: null })
          : verdict(this.catalog, { state: "error", checkedAt, note: `${name} could not be asked: ${outcome.message}`, modelsJsonAccepted: null });
      }
      const answer = outcome.answers[0];
      if (!answer) return verdict(this.catalog, { state: "error", checkedAt, note: `${name} gave no answer.`, modelsJsonAccepted: null });
      // A case that ran out of time is not pi's answer on these files: ask again next time.
      if (!(answer.error && /took longer than/.test(answer.error))) {
        this.remember(key, answer);
        await this.disk?.put(key, answer);
      }
      return verdictFromAnswer(this.catalog, answer, state, checkedAt, proposal);
    } finally {
      await rm(workDir, { recursive: true, force: true });
      this.copies.delete(workDir);
    }
  }

  /** One question to pi: the warm worker's, or a child of its own. */
  private run(run: OracleRun): Promise<OracleOutcome> {
    if (!this.options.worker) return runOracle(run);
    // pi moved (a symlinked install now points at another one): a worker for that pi.
    if (this.worker && !this.worker.serves(run.node, run.piDir)) {
      this.worker.close();
      this.worker = null;
    }
    this.worker ??= new OracleWorker({ node: run.node, piDir: run.piDir, env: run.env, cwd: this.options.tempDir ?? tmpdir(), ...(run.script ? { script: run.script } : {}), ...(this.options.workerIdleMs ? { idleMs: this.options.workerIdleMs } : {}) });
    return this.worker.ask(run);
  }

  private remember(key: string, answer: OracleAnswer): void {
    this.cache.delete(key);
    this.cache.set(key, answer);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Kills running children and removes their copies at once: serve and the app exit right after (SIGTERM left copies behind). */
  close(): void {
    this.closed = true;
    this.worker?.close();
    this.running.forEach((c) => c.abort());
    for (const dir of this.copies) rmSync(dir, { recursive: true, force: true });
    this.copies.clear();
  }
}

/**
 * When to ask: after a quiet `debounceMs` following the latest snapshot, one run at a time; a run
 * that finishes after newer files arrived is handed back anyway (the caller drops it if stale) and
 * the newest state is asked next, never the ones in between.
 */
export class VerdictScheduler {
  private timer: NodeJS.Timeout | null = null;
  private next: AgentState | null = null;
  private busy = false;
  private closed = false;

  constructor(
    private readonly asker: PiVerdictAsker,
    private readonly agentDir: string,
    private readonly onVerdict: (state: AgentState, verdict: PiVerdict) => void,
    private readonly debounceMs = 150,
  ) {}

  schedule(state: AgentState): void {
    if (this.closed) return;
    this.next = state;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, this.debounceMs);
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.next && !this.closed) {
        const state = this.next;
        this.next = null;
        let result: PiVerdict | null;
        try {
          result = await this.asker.verdictOnDir(this.agentDir, state);
        } catch (error) {
          result = { ...initialVerdict(this.asker.catalog), state: "error", checkedAt: new Date().toISOString(), note: `pi could not be asked: ${(error as Error).message}` };
        }
        if (result && !this.closed) this.onVerdict(state, result);
      }
    } finally {
      this.busy = false;
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.asker.close();
  }
}
