/**
 * pi's verdict cached on disk and asked of one warm worker (verdict-cache.ts, verdict-key.ts,
 * oracle-worker.ts), with real pi 1.6.0 (and 0.87.1): a second asker over the same inputs (another
 * CLI run) starts no child — counted by a wrapper around the real oracle that logs each start —
 * while a change to any input (each of pi's files, a provider's key in the environment, a `$NAME`
 * a file reads, AWS_PROFILE, another pi, pi's install rewritten in place) has pi asked again, and
 * the verdict agrees with the engine's reading of the new inputs, which a stale answer would not.
 * The warm worker answers every question with one child, exactly as one-shot runs answer, restarts
 * when pi's install changes, and goes when idle, closed, or when the app dies without closing it.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { readAgentState } from "../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../src-main/core/pi/read-agent-files.js";
import { loadPiCatalog, type PiCatalog } from "../../src-main/core/pi/pi-install.js";
import { OracleWorker } from "../../src-main/core/pi/verdict/oracle-worker.js";
import { PiVerdictAsker, type VerdictOptions } from "../../src-main/core/pi/verdict/pi-verdict.js";
import { runOracle } from "../../src-main/core/pi/verdict/run-oracle.js";
import { layGlobalPrefix, REPO } from "../installed-pis.js";
import { loadCorpus, ORACLE } from "./corpus.js";
import { testPiByVersion } from "./pi-versions.js";
import { cliArgv } from "../cli-under-test.js";

const work = mkdtempSync(join(tmpdir(), "pi-verdict-cache-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const askers: PiVerdictAsker[] = [];
afterEach(() => askers.splice(0).forEach((a) => a.close()));

const pi16 = testPiByVersion("1.6.0");
const pi087 = testPiByVersion("0.87.1");
const home = join(work, "home");
mkdirSync(home);
const baseEnv = { PATH: process.env.PATH ?? "", HOME: home };
const catalog16 = await loadPiCatalog({ ...baseEnv, PI_SWITCHBOARD_PI: join(layGlobalPrefix(join(work, "prefix16"), pi16.piDir, { node: pi16.node }), "pi") });
const catalog087 = await loadPiCatalog({ ...baseEnv, PI_SWITCHBOARD_PI: join(layGlobalPrefix(join(work, "prefix087"), pi087.piDir, { node: pi087.node }), "pi") });

/**
 * The real oracle behind a wrapper that logs every child started: its pid (what "no child process"
 * is checked by) and the names of the app's own variables (PI_SWITCHBOARD_*) it was given.
 */
const STARTS = join(work, "starts.log");
const COUNTING_ORACLE = join(work, "counting-oracle.mjs");
writeFileSync(
  COUNTING_ORACLE,
  `import { appendFileSync } from "node:fs";\n` +
    `const appEnv = Object.keys(process.env).filter((name) => name.startsWith("PI_SWITCHBOARD_"));\n` +
    `appendFileSync(${JSON.stringify(STARTS)}, [process.pid, ...appEnv].join(" ") + "\\n");\n` +
    `await import(${JSON.stringify(pathToFileURL(ORACLE).href)});\n`,
);
const startLines = (): string[][] => (existsSync(STARTS) ? readFileSync(STARTS, "utf8").split("\n").filter(Boolean).map((line) => line.split(" ")) : []);
const started = (): number[] => startLines().map(([pid]) => Number(pid));

let dirs = 0;
function agentDir(files: Record<string, string>): string {
  const dir = join(work, `agent-${++dirs}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function asker(catalog: PiCatalog, env: NodeJS.ProcessEnv, options: VerdictOptions): PiVerdictAsker {
  const a = new PiVerdictAsker(catalog, env, { script: COUNTING_ORACLE, ...options });
  askers.push(a);
  return a;
}

async function verdictOf(a: PiVerdictAsker, dir: string, env: NodeJS.ProcessEnv, catalog = catalog16) {
  const verdict = await a.verdictOnDir(dir, await readAgentState(dir, await readAgentFiles(dir), catalog, env));
  expect(verdict, JSON.stringify(verdict)).toMatchObject({ state: "agrees" });
  return verdict!;
}

const MODELS = JSON.stringify({
  providers: {
    "openrouter-mine": { baseUrl: "https://openrouter.ai/api/v1", api: "openai-completions", apiKey: "$MY_KEY", compat: { openRouterRouting: { only: ["groq"] } }, models: [{ id: "a/b" }] },
  },
});
const SETTINGS = JSON.stringify({ enabledModels: ["openrouter-mine/*"] });
const AUTH_SECRET = "sk-or-v1-auth-json-secret";
const ENV_SECRET = "sk-or-v1-env-secret";

describe("pi's verdict on disk", () => {
  it("a second asker over the same inputs (another CLI run, another terminal, another `serve` data dir) starts no child; the file is private and holds no key", async () => {
    const dir = agentDir({ "models.json": MODELS, "settings.json": SETTINGS, "auth.json": JSON.stringify({ openrouter: { type: "api_key", key: AUTH_SECRET } }) });
    const cacheDir = join(work, "cache-warm");
    const env = { ...baseEnv, OPENROUTER_API_KEY: ENV_SECRET, MY_KEY: "sk-mine", PWD: "/one", PI_SWITCHBOARD_DATA_DIR: join(work, "data-one"), PI_SWITCHBOARD_VAULT_SERVICE: "pi-switchboard-one" };
    const before = started().length;
    const first = await verdictOf(asker(catalog16, env, { cacheDir }), dir, env);
    expect(started().length).toBe(before + 1);
    // pi never reads the app's own settings: the child is not given them, and they are no part of the key.
    expect(startLines().at(-1)!.slice(1)).toEqual([]);
    const again = asker(catalog16, { ...env, PWD: "/another-terminal", PI_SWITCHBOARD_DATA_DIR: join(work, "data-two"), PI_SWITCHBOARD_VAULT_SERVICE: "pi-switchboard-two" }, { cacheDir });
    const second = await verdictOf(again, dir, env);
    expect(started().length).toBe(before + 1);
    expect(again.runs).toBe(0);
    expect(second).toMatchObject({ state: first.state, note: first.note, differences: first.differences, piVersion: "1.6.0" });
    const entries = readdirSync(cacheDir);
    expect(entries).toHaveLength(1);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(cacheDir, entries[0]!)).mode & 0o777).toBe(0o600);
    const stored = readFileSync(join(cacheDir, entries[0]!), "utf8");
    for (const secret of [AUTH_SECRET, ENV_SECRET, "sk-mine"]) expect(stored).not.toContain(secret);
  }, 120_000);

  it("each of pi's files changed: pi is asked again and agrees with the new reading; the files as before are answered from the cache; one warm child answers all", async () => {
    const dir = agentDir({ "models.json": MODELS, "settings.json": SETTINGS });
    const env = { ...baseEnv, MY_KEY: "sk-mine" };
    const before = started().length;
    const a = asker(catalog16, env, { cacheDir: join(work, "cache-files"), worker: true });
    await verdictOf(a, dir, env);
    const changes: [string, string][] = [
      ["models.json", JSON.stringify({ providers: { "openrouter-mine": { ...JSON.parse(MODELS).providers["openrouter-mine"], models: [{ id: "a/b" }, { id: "c/d" }] } } })],
      ["settings.json", JSON.stringify({ enabledModels: ["openrouter-mine/c/d", "openrouter-mine/a/b"], defaultProvider: "openrouter-mine", defaultModel: "c/d" })],
      ["auth.json", JSON.stringify({ openrouter: { type: "api_key", key: AUTH_SECRET } })],
      ["models-store.json", JSON.stringify({ version: 1 })],
    ];
    for (const [i, [name, text]] of changes.entries()) {
      writeFileSync(join(dir, name), text);
      await verdictOf(a, dir, env);
      expect(a.runs, name).toBe(i + 2);
    }
    // Back to the first files: pi answered those already.
    for (const [name] of changes) rmSync(join(dir, name), { force: true });
    writeFileSync(join(dir, "models.json"), MODELS);
    writeFileSync(join(dir, "settings.json"), SETTINGS);
    await verdictOf(a, dir, env);
    expect(a.runs).toBe(changes.length + 1);
    expect(started().length).toBe(before + 1);
    expect(a.childrenStarted).toBe(1);
  }, 240_000);

  it("the environment changed (a provider's key, a `$NAME` models.json reads, AWS_PROFILE) or another pi: asked again, and agrees with the new reading", async () => {
    const dir = agentDir({ "models.json": MODELS, "settings.json": SETTINGS });
    const cacheDir = join(work, "cache-env");
    const env = { ...baseEnv, OPENROUTER_API_KEY: ENV_SECRET };
    await verdictOf(asker(catalog16, env, { cacheDir }), dir, env);
    const before = started().length;
    for (const [i, changed] of [{ ...env, OPENROUTER_API_KEY: "sk-or-v1-rotated" }, { ...env, MY_KEY: "sk-mine" }, { ...env, AWS_PROFILE: "work" }].entries()) {
      await verdictOf(asker(catalog16, changed, { cacheDir }), dir, changed);
      expect(started().length).toBe(before + i + 1);
    }
    const other = await verdictOf(asker(catalog087, env, { cacheDir }), dir, env, catalog087);
    expect(other.piVersion).toBe("0.87.1");
    expect(started().length).toBe(before + 4);
  }, 300_000);
});

describe("the warm worker", () => {
  it("answers exactly as one-shot runs do, question after question, with one child", async () => {
    const cases = loadCorpus().slice(0, 4);
    const scratch = mkdtempSync(join(work, "same-"));
    const oneShot = await runOracle({ node: pi16.node, piDir: pi16.piDir, cases, env: baseEnv, timeoutMs: 120_000, workDir: scratch });
    if (!oneShot.ok) throw new Error(oneShot.message);
    const worker = new OracleWorker({ node: pi16.node, piDir: pi16.piDir, env: baseEnv, cwd: work });
    try {
      // In another order, the first one twice: nothing of one question may stay for the next.
      for (const c of [cases[3]!, cases[0]!, cases[1]!, cases[2]!, cases[0]!]) {
        const workDir = mkdtempSync(join(work, "ask-"));
        const outcome = await worker.ask({ cases: [c], timeoutMs: 120_000, workDir });
        rmSync(workDir, { recursive: true, force: true });
        if (!outcome.ok) throw new Error(outcome.message);
        expect(outcome.answers).toEqual(oneShot.answers.filter((a) => a.name === c.name));
      }
      expect(worker.starts).toBe(1);
    } finally {
      worker.close();
    }
  }, 300_000);

  it("restarts when pi's install changes on disk, goes after its idle time, and goes when closed", async () => {
    const dir = agentDir({ "models.json": MODELS });
    const env = { ...baseEnv };
    const pkg = join(pi16.piDir, "package.json");
    const { atime, mtime } = statSync(pkg);
    const a = asker(catalog16, env, { worker: true, workerIdleMs: 1_500 });
    try {
      const before = started().length;
      await verdictOf(a, dir, env);
      // Reinstalled in place: the modules in the running child are the old pi's.
      utimesSync(pkg, atime, new Date(mtime.getTime() + 1_000));
      await verdictOf(a, dir, env);
      expect(a.runs).toBe(2);
      expect(a.childrenStarted).toBe(2);
      const [first, second] = started().slice(before);
      expect(() => process.kill(first!, 0)).toThrow();
      // Idle: the worker goes by itself.
      await vi.waitFor(() => expect(() => process.kill(second!, 0)).toThrow(), { timeout: 15_000, interval: 100 });
    } finally {
      utimesSync(pkg, atime, mtime);
    }
    // Asked again after idling: a new child, which close() ends.
    writeFileSync(join(dir, "settings.json"), SETTINGS);
    await verdictOf(a, dir, env);
    const third = started().at(-1)!;
    expect(() => process.kill(third, 0)).not.toThrow();
    a.close();
    await vi.waitFor(() => expect(() => process.kill(third, 0)).toThrow(), { timeout: 10_000, interval: 100 });
  }, 240_000);
});

describe("the warm worker when the app dies", () => {
  it("exits by itself when the app that started it exits without closing it (the channel closes)", async () => {
    const dir = agentDir({ "models.json": MODELS });
    const script = join(work, "dying-app.mts");
    writeFileSync(
      script,
      `import { mkdtempSync } from "node:fs";\nimport { OracleWorker } from ${JSON.stringify(join(REPO, "src-main", "core", "pi", "verdict", "oracle-worker.ts"))};\n` +
        `const worker = new OracleWorker({ node: ${JSON.stringify(pi16.node)}, piDir: ${JSON.stringify(pi16.piDir)}, env: process.env, cwd: ${JSON.stringify(work)}, script: ${JSON.stringify(COUNTING_ORACLE)} });\n` +
        `const outcome = await worker.ask({ cases: [{ name: "agent", dir: ${JSON.stringify(dir)} }], timeoutMs: 120_000, workDir: mkdtempSync(${JSON.stringify(join(work, "dying-"))}) });\n` +
        `process.stdout.write(JSON.stringify({ ok: outcome.ok }));\nprocess.exit(0);\n`,
    );
    const before = started().length;
    const { stdout } = await promisify(execFile)(join(REPO, "node_modules", ".bin", "tsx"), [script], { cwd: REPO, env: baseEnv, timeout: 180_000 });
    expect(JSON.parse(stdout)).toEqual({ ok: true });
    const [pid] = started().slice(before);
    await vi.waitFor(() => expect(() => process.kill(pid!, 0)).toThrow(), { timeout: 15_000, interval: 100 });
  }, 240_000);
});

describe("the CLI", () => {
  it("`check --json` answers the second time from the cache in the app's cache dir, with the same verdict", async () => {
    const dir = agentDir({ "models.json": MODELS, "settings.json": SETTINGS });
    const cache = join(work, "cli-cache");
    const env = { ...baseEnv, XDG_CACHE_HOME: cache, PI_SWITCHBOARD_PI: join(work, "prefix16", "bin", "pi") };
    const check = async () => JSON.parse((await promisify(execFile)(...cliArgv(["check", "--json", "--agent-dir", dir]), { cwd: REPO, env, timeout: 120_000 })).stdout).verdict;
    const first = await check();
    expect(first).toMatchObject({ state: "agrees", piVersion: "1.6.0" });
    expect(readdirSync(join(cache, "pi-switchboard", "pi-verdicts"))).toHaveLength(1);
    const second = await check();
    expect({ ...second, checkedAt: null }).toEqual({ ...first, checkedAt: null });
    expect(readdirSync(join(cache, "pi-switchboard", "pi-verdicts"))).toHaveLength(1);
  }, 240_000);
});
