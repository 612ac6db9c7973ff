/**
 * pi's own verdict (src-main/core/pi/verdict/pi-verdict.ts) with the real pis the project installs
 * (.pis/): pi 1.6.0 agrees with the engine on a plain agent dir, disagrees (and says where) when
 * the engine is handed 0.73.1's rules, a pi whose SDK hangs is cut off, the user's agent dir stays
 * byte for byte as it was, `!command` keys are never run, and the cache saves a second run.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { readAgentState } from "../../src-main/core/agent-state.js";
import type { PiVerdict, Snapshot } from "../../src-main/core/common/index.js";
import { readAgentFiles } from "../../src-main/core/pi/read-agent-files.js";
import { loadPiCatalog, type PiCatalog } from "../../src-main/core/pi/pi-install.js";
import { rulesFor } from "../../src-main/core/pi/pi-rules.js";
import { PiVerdictAsker, VerdictScheduler, verdictFromAnswer } from "../../src-main/core/pi/verdict/pi-verdict.js";
import { runOracle } from "../../src-main/core/pi/verdict/run-oracle.js";
import { SwitchboardService } from "../../src-main/core/service.js";
import { layGlobalPrefix, REPO } from "../installed-pis.js";
import { baseEnv as corpusEnv, loadCorpus } from "./corpus.js";
import { TEST_PIS, testPiByVersion } from "./pi-versions.js";
import { cliArgv } from "../cli-under-test.js";

const work = mkdtempSync(join(tmpdir(), "pi-verdict-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const services: SwitchboardService[] = [];
afterEach(() => services.splice(0).forEach((s) => s.close()));

/** pi 1.6.0 installed the way users install it: a global prefix with its Node beside `pi`. */
const pi16 = testPiByVersion("1.6.0");
const prefixBin = layGlobalPrefix(join(work, "prefix"), pi16.piDir, { node: pi16.node });
const home = join(work, "home");
mkdirSync(home);
const baseEnv = { PATH: process.env.PATH ?? "", HOME: home };
const catalog16 = await loadPiCatalog({ ...baseEnv, PI_SWITCHBOARD_PI: join(prefixBin, "pi") });

let dirs = 0;
function agentDir(files: Record<string, string>): string {
  const dir = join(work, `agent-${++dirs}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Every file under dir with its bytes and mtime: what "untouched" means. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const s = statSync(path);
      if (s.isDirectory()) walk(path);
      else out[relative(dir, path)] = `${s.mtimeMs} ${s.mode} ${readFileSync(path, "base64")}`;
    }
  };
  walk(dir);
  return out;
}

const MODELS = JSON.stringify(
  {
    providers: {
      "openrouter-bedrock": {
        baseUrl: "https://openrouter.ai/api/v1",
        api: "openai-completions",
        apiKey: "$OPENROUTER_API_KEY",
        compat: { openRouterRouting: { only: ["amazon-bedrock"], allow_fallbacks: false } },
        models: [{ id: "anthropic/claude-sonnet-4.5", reasoning: true }],
      },
    },
  },
  null,
  2,
);
const SETTINGS = JSON.stringify({ enabledModels: ["openrouter-bedrock/*", "nothing-matches-this"], defaultProvider: "openrouter-bedrock", defaultModel: "anthropic/claude-sonnet-4.5" });

async function openWithVerdict(dir: string, catalog: PiCatalog, env: Record<string, string>, timeoutMs?: number): Promise<SwitchboardService> {
  const service = await SwitchboardService.open({ agentDir: dir, catalog, env, watch: false, verdict: { debounceMs: 0, ...(timeoutMs ? { timeoutMs } : {}) } });
  services.push(service);
  return service;
}

describe("pi 1.6.0's verdict", () => {
  it("agrees on a plain agent dir, arrives as a snapshot after the engine's, and leaves the dir byte for byte as it was", async () => {
    const dir = agentDir({ "models.json": MODELS, "settings.json": SETTINGS, "switchboard-backups/models.json.1": "{ not for pi" });
    const before = tree(dir);
    const env = { ...baseEnv, OPENROUTER_API_KEY: "sk-or-v1-test" };
    const service = await openWithVerdict(dir, catalog16, env);
    expect(service.snapshot().verdict?.state).toBe("pending");
    const events: Snapshot[] = [];
    service.on("snapshot", (s) => events.push(s));
    const verdict = await service.settledVerdict();
    expect(verdict, JSON.stringify(verdict?.differences)).toMatchObject({ state: "agrees", piVersion: "1.6.0", note: "pi 1.6.0 agrees", differences: [], leanOnPi: false, modelsJsonAccepted: true });
    expect(events.at(-1)?.verdict?.state).toBe("agrees");
    expect(events.at(-1)?.revision).toBeGreaterThan(1);
    expect(tree(dir)).toEqual(before);
    expect(existsSync(join(dir, "models-store.json"))).toBe(false);
  });

  it("disagrees, and says where, when the engine applies pi 0.73.1's rules", async () => {
    // Key order (1.x: models.json apiKey before the env var) and an unset `$VAR` (1.x: the provider has no key; 0.73.1: the text is the key).
    const models = JSON.stringify({
      providers: {
        openrouter: { apiKey: "sk-or-v1-from-models-json", headers: { "X-Title": "switchboard-test" } },
        "openrouter-bare": { baseUrl: "https://openrouter.ai/api/v1", api: "openai-completions", apiKey: "$UNSET_KEY_NAME", models: [{ id: "a/b" }] },
      },
    });
    const dir = agentDir({ "models.json": models, "settings.json": SETTINGS });
    const wrong: PiCatalog = { ...catalog16, rules: rulesFor("0.73.1") };
    const service = await openWithVerdict(dir, wrong, { ...baseEnv, OPENROUTER_API_KEY: "sk-or-v1-from-env" });
    const verdict = (await service.settledVerdict())!;
    expect(verdict.state).toBe("disagrees");
    expect(verdict.note).toMatch(/^pi 1\.6\.0 disagrees on \d+ things?: pi's answer is what pi will act on/);
    expect(verdict.differences).toContainEqual({ field: "key", ref: "openrouter", pi: "uses the key from models.json apiKey", app: expect.stringContaining("OPENROUTER_API_KEY") });
    expect(verdict.differences).toContainEqual({ field: "available", ref: "openrouter-bare", pi: "not available", app: "available" });
    // The rules the engine applies are not 1.6.0's: pi's verdict decides.
    expect(verdict).toMatchObject({ rulesBasis: "0.73.1", leanOnPi: true });
  });

  it("never runs a `!command` key: pi is told a command is there, the command's marker never appears", async () => {
    const marker = join(work, "command-ran");
    const command = `!touch ${marker} && echo sk-or-v1-from-command`;
    const models = JSON.stringify({ providers: { "openrouter-cmd": { baseUrl: "https://openrouter.ai/api/v1", api: "openai-completions", apiKey: command, headers: { "X-Extra": command }, models: [{ id: "a/b" }] } } });
    const dir = agentDir({ "models.json": models, "auth.json": JSON.stringify({ openrouter: { type: "api_key", key: command } }) });
    const before = tree(dir);
    const verdict = (await (await openWithVerdict(dir, catalog16, baseEnv)).settledVerdict())!;
    expect(verdict.state, JSON.stringify(verdict.differences)).toBe("agrees");
    expect(existsSync(marker)).toBe(false);
    expect(tree(dir)).toEqual(before);
  });

  it("asks pi once for files it has already answered for (cache), again when a file changes", async () => {
    const dir = agentDir({ "models.json": MODELS, "settings.json": SETTINGS });
    const asker = new PiVerdictAsker(catalog16, baseEnv);
    const state = async () => await readAgentState(dir, await readAgentFiles(dir), catalog16, baseEnv);
    const first = await asker.verdictOnDir(dir, await state());
    const second = await asker.verdictOnDir(dir, await state());
    expect(first?.state).toBe("agrees");
    expect(second).toMatchObject({ state: "agrees", note: first!.note });
    expect(asker.runs).toBe(1);
    writeFileSync(join(dir, "settings.json"), JSON.stringify({ enabledModels: ["openrouter-bedrock/*"] }));
    expect((await asker.verdictOnDir(dir, await state()))?.state).toBe("agrees");
    expect(asker.runs).toBe(2);
    // A state read before the change is stale: no verdict for it, no run.
    const stale = await readAgentState(dir, { models: { path: join(dir, "models.json"), text: MODELS }, settings: { path: join(dir, "settings.json"), text: SETTINGS }, auth: { path: join(dir, "auth.json"), text: null } }, catalog16, baseEnv);
    expect(await asker.verdictOnDir(dir, stale)).toBeNull();
    expect(asker.runs).toBe(2);
  });

  it("judges a proposed models.json edit on a temporary copy: accepted, and nothing is written", async () => {
    const dir = agentDir({ "models.json": MODELS, "settings.json": SETTINGS });
    const before = tree(dir);
    const service = await openWithVerdict(dir, catalog16, baseEnv);
    const result = await service.previewVerdict({ type: "setRouting", target: { level: "provider", provider: "openrouter-bedrock" }, routing: { order: ["amazon-bedrock", "anthropic"] } });
    expect(result.ok && result.value).toMatchObject({ state: "agrees", note: "pi 1.6.0 accepts this change", modelsJsonAccepted: true });
    expect(tree(dir)).toEqual(before);
  });
});

describe.each(TEST_PIS)("pi $version on the whole conformance corpus", (pi) => {
  it("the app's verdict raises no false alarm: it agrees with pi on every agent dir the engine gets right", async () => {
    // The conformance suite proves the engine equals pi there (known-gaps.ts is empty); the product's
    // comparison, on pi's product-mode answers (commands inert), must then find nothing either.
    const cases = loadCorpus();
    const env = corpusEnv(home);
    const scratch = mkdtempSync(join(work, "corpus-"));
    const outcome = await runOracle({ node: pi.node, piDir: pi.piDir, cases: cases.map(({ name, dir, env: caseEnv }) => ({ name, dir, env: caseEnv })), env, timeoutMs: 400_000, workDir: scratch });
    if (!outcome.ok) throw new Error(outcome.message);
    const catalog = await loadPiCatalog({ PI_SWITCHBOARD_PI: pi.piDir });
    const alarms: string[] = [];
    for (const answer of outcome.answers) {
      const c = cases.find((x) => x.name === answer.name)!;
      const state = await readAgentState(c.dir, await readAgentFiles(c.dir, { settle: false }), catalog, { ...env, ...c.env });
      const verdict = verdictFromAnswer(catalog, answer, state, "now");
      if (verdict.state !== "agrees") alarms.push(`${c.name}: ${verdict.note} ${JSON.stringify(verdict.differences)}`);
    }
    expect(outcome.answers.length).toBe(cases.length);
    expect(alarms).toEqual([]);
  }, 420_000);
});

describe("asking pi", () => {
  it("asks once for a burst of changes, with the newest files only", async () => {
    const dir = agentDir({ "models.json": MODELS });
    const script = join(work, "counting-oracle.mjs");
    writeFileSync(script, `import { writeFileSync } from "node:fs";\nwriteFileSync(process.argv[3], "[]");\n`);
    const asker = new PiVerdictAsker(catalog16, baseEnv, { script });
    const heard: unknown[] = [];
    const states = await Promise.all([1, 2, 3].map(async () => await readAgentState(dir, await readAgentFiles(dir), catalog16, baseEnv)));
    const scheduler = new VerdictScheduler(asker, dir, (state) => heard.push(state), 50);
    states.forEach((s) => scheduler.schedule(s));
    await new Promise((r) => setTimeout(r, 2_000));
    scheduler.close();
    expect(heard).toEqual([states[2]]);
    expect(asker.runs).toBe(1);
  });
});

describe("the CLI", () => {
  it("`check` prints pi's verdict line, and `check --json` carries it as `verdict`", async () => {
    const dir = agentDir({ "models.json": MODELS, "settings.json": SETTINGS });
    const cli = (...args: string[]) =>
      promisify(execFile)(...cliArgv([...args, "--agent-dir", dir]), { cwd: REPO, env: { ...baseEnv, PI_SWITCHBOARD_PI: join(prefixBin, "pi") }, timeout: 60_000 });
    const [human, json] = await Promise.all([cli("check"), cli("check", "--json")]);
    expect(human.stdout).toContain("✓ pi 1.6.0 agrees\n");
    expect(JSON.parse(json.stdout).verdict).toMatchObject({ state: "agrees", piVersion: "1.6.0", differences: [] });
  }, 90_000);
});

describe("when pi cannot answer", () => {
  it("says why there is no verdict (no pi, not a Node package, a Node too old), without starting anything", async () => {
    const tooOld: PiCatalog = { ...catalog16, info: { ...catalog16.info, node: { path: "/usr/bin/node", version: "20.20.2", satisfiesEngines: false }, problem: "pi 1.6.0 needs Node >=22.19.0, but Node 20.20.2 would run it (/usr/bin/node): put a newer Node first on PATH" } };
    const notPackage: PiCatalog = { ...catalog16, info: { ...catalog16.info, packageDir: null, path: "/opt/pi/pi" } };
    const noPi: PiCatalog = { ...catalog16, info: { ...catalog16.info, found: false, version: null, packageDir: null, path: null, node: null } };
    const notes: string[] = [];
    for (const catalog of [tooOld, notPackage, noPi]) {
      const service = await openWithVerdict(agentDir({ "models.json": MODELS }), catalog, baseEnv);
      const verdict = service.snapshot().verdict!;
      expect(verdict.state).toBe("unavailable");
      expect(await service.settledVerdict()).toBe(verdict);
      notes.push(verdict.note);
    }
    expect(notes[0]).toMatch(/needs Node >=22\.19\.0, but Node 20\.20\.2/);
    expect(notes[1]).toMatch(/\/opt\/pi\/pi is not a Node package install/);
    expect(notes[2]).toMatch(/pi was not found/);
  });

  it("cuts off a pi whose SDK never resolves, kills it, and says so (a pi newer than the app knows: pi decides)", async () => {
    const pkg = join(work, "hanging", "node_modules", "@earendil-works", "pi-coding-agent");
    const piAi = join(work, "hanging", "node_modules", "@earendil-works", "pi-ai");
    mkdirSync(join(pkg, "dist"), { recursive: true });
    mkdirSync(piAi, { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "@earendil-works/pi-coding-agent", version: "9.9.9", type: "module", main: "dist/index.js", dependencies: { "@earendil-works/pi-ai": "*" } }));
    const pidFile = join(work, "hanging-pid");
    writeFileSync(join(pkg, "dist", "index.js"), `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetInterval(() => {}, 1000);\nawait new Promise(() => {});\n`);
    writeFileSync(join(piAi, "package.json"), JSON.stringify({ name: "@earendil-works/pi-ai", version: "9.9.9", type: "module", main: "index.js" }));
    writeFileSync(join(piAi, "index.js"), "export {};\n");
    const catalog = await loadPiCatalog({ ...baseEnv, PI_SWITCHBOARD_PI: pkg });
    expect(catalog.info).toMatchObject({ found: true, version: "9.9.9" });
    const service = await openWithVerdict(agentDir({ "models.json": MODELS }), catalog, baseEnv, 2_000);
    const started = Date.now();
    const verdict: PiVerdict = (await service.settledVerdict())!;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(verdict).toMatchObject({ state: "timeout", piVersion: "9.9.9", rulesBasis: "1.6.0", leanOnPi: true });
    expect(verdict.note).toMatch(/pi 9\.9\.9 did not answer within 2 s/);
    const pid = Number(readFileSync(pidFile, "utf8"));
    expect(() => process.kill(pid, 0)).toThrow();

    // Closing the app while pi hangs: the wait ends and the child goes with it.
    rmSync(pidFile);
    const closing = await openWithVerdict(agentDir({ "models.json": MODELS }), catalog, baseEnv, 60_000);
    const waiting = closing.settledVerdict();
    await vi.waitFor(() => expect(existsSync(pidFile)).toBe(true), { timeout: 10_000, interval: 50 });
    closing.close();
    expect((await waiting)?.state).toBe("pending");
    const second = Number(readFileSync(pidFile, "utf8"));
    await vi.waitFor(() => expect(() => process.kill(second, 0)).toThrow(), { timeout: 5_000, interval: 50 });
  });

  it("copies only pi's four files for pi, never the app's backups or anything else in the agent dir", async () => {
    const listing = join(work, "staged-listing.json");
    const script = join(work, "listing-oracle.mjs");
    // A stand-in oracle that reports what it was given to read, then answers nothing.
    writeFileSync(
      script,
      `import { readdirSync, readFileSync, writeFileSync } from "node:fs";\nconst [req, answers] = process.argv.slice(2);\nconst request = JSON.parse(readFileSync(req, "utf8"));\nwriteFileSync(${JSON.stringify(listing)}, JSON.stringify({ files: readdirSync(request.cases[0].dir).sort(), baseEnv: request.baseEnv ?? null, mode: request.mode }));\nwriteFileSync(answers, "[]");\n`,
    );
    const dir = agentDir({ "models.json": MODELS, "settings.json": SETTINGS, "auth.json": "{}", "models-store.json": "{}", "switchboard-backups/auth.json.1": "{}", "sessions/x.jsonl": "", "models.json.tmp-1": "" });
    const asker = new PiVerdictAsker(catalog16, { ...baseEnv, OPENROUTER_API_KEY: "sk-or-v1-secret" }, { script });
    const verdict = await asker.verdictOnDir(dir, await readAgentState(dir, await readAgentFiles(dir), catalog16, baseEnv));
    expect(verdict?.state).toBe("error");
    // The environment (keys among it) is inherited by the child, never written into the request.
    expect(JSON.parse(readFileSync(listing, "utf8"))).toEqual({ files: ["auth.json", "models-store.json", "models.json", "settings.json"], baseEnv: null, mode: "product" });
  });
});
