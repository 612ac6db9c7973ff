/**
 * The oracle: real pi 0.73 answers for a corpus of agent dirs. Run as a child process by
 * pi-conformance.test.ts (one child for the whole corpus, since importing pi takes a second).
 *
 *   node pi-oracle.mjs <request.json> <answers.json>
 *   request: { baseEnv: {…}, cases: [{ name, dir, env }] }
 *
 * Each case runs on a copy of its dir in a temp dir, because pi's AuthStorage creates auth.json
 * when it is missing. process.env is replaced per case before pi reads it: pi-ai's env-api-keys
 * and resolveConfigValue look at process.env at call time. Plain JavaScript on purpose: this file
 * must run in bare Node exactly as pi runs, without our TypeScript toolchain in between.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";

const [requestPath, answersPath] = process.argv.slice(2);
const request = JSON.parse(readFileSync(requestPath, "utf8"));

const piEntry = import.meta.resolve("@mariozechner/pi-coding-agent");
const { AuthStorage, ModelRegistry, SettingsManager } = await import(piEntry);
// Not exported from the package root, and the exports map blocks the deep bare import.
const { resolveModelScope } = await import(new URL("./core/model-resolver.js", piEntry).href);
const { getModels, getProviders } = await import("@mariozechner/pi-ai");

/** The untouched built-in objects: pi keeps their identity unless models.json changes them. */
const pristine = new Set(getProviders().flatMap((p) => getModels(p)));

/** The `provider` field pi-ai's openai-completions buildParams puts in the request body. */
function sentRouting(model) {
  if (model.api !== "openai-completions") return null;
  if (!model.baseUrl.includes("openrouter.ai")) return null;
  return model.compat?.openRouterRouting ? model.compat.openRouterRouting : null;
}

async function answer(testCase) {
  const work = mkdtempSync(join(tmpdir(), "pi-oracle-"));
  const agentDir = join(work, "agent");
  cpSync(testCase.dir, agentDir, { recursive: true });
  process.env = { ...request.baseEnv, ...testCase.env, PI_CODING_AGENT_DIR: agentDir };
  // pi reports scope problems only as (chalk-coloured) console.warn lines.
  const warnings = [];
  const originalWarn = console.warn;
  console.warn = (...args) => warnings.push(stripVTControlCharacters(args.map(String).join(" ")));
  try {
    const authStorage = AuthStorage.create(join(agentDir, "auth.json"));
    const registry = ModelRegistry.create(authStorage, join(agentDir, "models.json"));
    // cwd = the temp dir, which has no .pi/settings.json: only the agent dir's settings count.
    const settings = SettingsManager.create(work, agentDir);
    const settingsErrors = settings.drainErrors().filter((e) => e.scope === "global");
    const patterns = settings.getEnabledModels();
    const scoped = patterns && patterns.length > 0 ? await resolveModelScope(patterns, registry) : [];
    const unmatched = [];
    const scopeWarnings = [];
    for (const w of warnings) {
      const m = /No models match pattern "(.*)"$/s.exec(w);
      if (m) unmatched.push(m[1]);
      else scopeWarnings.push(w.replace(/^Warning: /, ""));
    }
    return {
      name: testCase.name,
      modelsError: registry.getError() ?? null,
      settingsValid: settingsErrors.length === 0,
      models: registry.getAll().map((m) => ({
        provider: m.provider,
        id: m.id,
        name: m.name,
        api: m.api,
        baseUrl: m.baseUrl,
        builtIn: pristine.has(m),
        routing: sentRouting(m),
      })),
      available: registry.getAvailable().map((m) => `${m.provider}/${m.id}`),
      scope: scoped.map((s) => ({ ref: `${s.model.provider}/${s.model.id}`, thinkingLevel: s.thinkingLevel ?? null })),
      unmatched,
      scopeWarnings,
    };
  } finally {
    console.warn = originalWarn;
    rmSync(work, { recursive: true, force: true });
  }
}

const answers = [];
for (const testCase of request.cases) answers.push(await answer(testCase));
writeFileSync(answersPath, JSON.stringify(answers));
