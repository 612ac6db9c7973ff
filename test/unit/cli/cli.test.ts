import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cliArgv } from "../../cli-under-test.js";
import { MODELS_JSON, REPO, SETTINGS_JSON, makeAgentDir } from "../core/files/agent-dir-fixture.js";

const execFileAsync = promisify(execFile);

// Every run loads pi's catalog: seconds each on a busy shared machine.
vi.setConfig({ testTimeout: 120_000 });

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as installed (the built bundle, test/cli-under-test.ts), with the repo's pi. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await execFileAsync(...cliArgv(args), {
      cwd: REPO,
      env: { ...process.env, PI_SWITCHBOARD_PI: join(REPO, "node_modules", ".bin", "pi"), ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw error;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function agentDir(files: Parameters<typeof makeAgentDir>[0] = {}): Promise<string> {
  const made = await makeAgentDir(files);
  cleanups.push(made.cleanup);
  return made.agentDir;
}

const OPUS = "openrouter-bedrock/anthropic/claude-opus-4.1";
const SONNET = "openrouter/anthropic/claude-sonnet-4.5";

describe("cli models", () => {
  it("--json keeps the documented names and pi's view of the fixture", async () => {
    const dir = await agentDir();
    const run = await cli(["models", "--json", "--agent-dir", dir]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.agentDir).toBe(dir);
    expect(out.pi).toMatchObject({ found: true, version: "0.73.1", path: join(REPO, "node_modules", ".bin", "pi") });
    for (const file of [out.modelsFile, out.settingsFile]) {
      expect(file).toMatchObject({ valid: true, errors: [], warnings: expect.any(Array) });
    }
    expect(out.scope).toMatchObject({ patterns: ["openrouter-bedrock/**", "openrouter/anthropic/claude-sonnet-4.5:high"], models: [OPUS, SONNET], thinking: { [SONNET]: "high" }, unmatched: [] });
    const refs = out.models.map((m: { provider: string; id: string }) => `${m.provider}/${m.id}`);
    expect(refs).toEqual([OPUS, SONNET]);
    const [opus, sonnet] = out.models;
    for (const m of out.models) {
      expect(Object.keys(m)).toEqual(expect.arrayContaining(["provider", "id", "name", "openRouter", "routing", "badges", "available", "keySource", "scoped", "thinkingLevel", "default"]));
    }
    expect(opus).toMatchObject({ name: "Opus via Bedrock", openRouter: true, routing: { order: ["amazon-bedrock"], allow_fallbacks: false }, available: true, scoped: true, thinkingLevel: null, default: false });
    expect(opus.badges.map((b: { label: string }) => b.label)).toEqual(["amazon-bedrock", "no fallbacks"]);
    expect(sonnet).toMatchObject({ routing: { only: ["amazon-bedrock"] }, scoped: true, thinkingLevel: "high", default: true, keySource: { origin: "auth.json" } });
    // The keys in the fixture are never printed.
    expect(run.stdout).not.toContain("sk-or-v1-fixture-literal");
    expect(run.stdout).not.toContain("sk-or-v1-authfixture");
  });

  it("--scoped lists only the scope, in pi's cycle order", async () => {
    const dir = await agentDir({ "settings.json": '{"enabledModels": ["openrouter/openai/gpt-4o", "openrouter-bedrock/**", "nothing-matches-me"]}' });
    const out = JSON.parse((await cli(["models", "--scoped", "--json", "--agent-dir", dir])).stdout);
    expect(out.models.map((m: { provider: string; id: string }) => `${m.provider}/${m.id}`)).toEqual(["openrouter/openai/gpt-4o", OPUS]);
    expect(out.scope.unmatched).toEqual(["nothing-matches-me"]);
  });

  it("prints a readable table without --json", async () => {
    const dir = await agentDir();
    const run = await cli(["models", "--agent-dir", dir]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(`Agent dir: ${dir}`);
    expect(lines[1]).toMatch(new RegExp(`^pi 0\\.73\\.1 at ${join(REPO, "node_modules", "@mariozechner", "pi-coding-agent")} \\(Node \\d+\\.\\d+\\.\\d+ at /.*node\\)$`));
    expect(lines.find((l) => l.includes("MODEL"))).toMatch(/MODEL\s+ROUTING\s+KEY\s+THINKING/);
    expect(lines.find((l) => l.includes(OPUS))).toMatch(/^ S {2}openrouter-bedrock\/anthropic\/claude-opus-4\.1\s+amazon-bedrock no fallbacks\s+models\.json/);
    expect(lines.find((l) => l.includes(SONNET))).toMatch(/^\*S {2}openrouter\/anthropic\/claude-sonnet-4\.5\s+amazon-bedrock\s+auth\.json.*high$/);
  });

  it("writes out bidi and invisible characters in names, and leaves plain ones alone", async () => {
    const models = { providers: { "openrouter-\u202Eliv": { baseUrl: "https://openrouter.ai/api/v1", api: "openai-completions", apiKey: "K", compat: { openRouterRouting: { only: ["amazon\u200B-bedrock"] } }, models: [{ id: "a/b" }] } } };
    const dir = await agentDir({ "models.json": JSON.stringify(models), "settings.json": '{"enabledModels": ["openrouter-\u202Eliv/a/b", "openrouter/anthropic/claude-sonnet-4.5", "no\u202Ematch"]}' });
    const run = await cli(["models", "--agent-dir", dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ S {2}openrouter-⟨U\+202E⟩liv\/a\/b\s+amazon⟨U\+200B⟩-bedrock\s/m);
    expect(run.stdout).toMatch(/^ S {2}openrouter\/anthropic\/claude-sonnet-4\.5\s/m);
    expect(run.stdout).toContain("Patterns that match nothing: no⟨U+202E⟩match");
    // The scope advice names the cause, its quoted names written out too.
    expect(run.stdout).toContain('  no⟨U+202E⟩match: No model pi knows is called "no⟨U+202E⟩match"');
    expect(run.stdout).not.toMatch(/[\u202E\u200B]/);
  });

  it("says when pi is not installed and still lists models.json's own models", async () => {
    const dir = await agentDir();
    const out = JSON.parse((await cli(["models", "--json", "--agent-dir", dir], { PI_SWITCHBOARD_PI: join(dir, "no-pi-here") })).stdout);
    expect(out.pi).toMatchObject({ found: false, version: null, path: null, node: null });
    expect(out.pi.summary).toContain("npm install -g @earendil-works/pi-coding-agent");
    expect(out.models.map((m: { id: string }) => m.id)).toContain("anthropic/claude-opus-4.1");
  });

  it("says first why there is no model when pi cannot read its logins from auth.json", async () => {
    // The repo's pi 0.73.1 stops at start on an auth.json that holds null.
    const dir = await agentDir({ "auth.json": "null\n" });
    const run = await cli(["models", "--agent-dir", dir]);
    expect(run.code).toBe(0);
    const why = "auth.json holds null: pi 0.73.1 stops with an error at start, and no model is available.";
    expect(run.stdout.split("\n").slice(0, 4).join("\n")).toContain(why);
    const out = JSON.parse((await cli(["models", "--json", "--agent-dir", dir])).stdout);
    expect(out.noModel).toBe(why);
    expect(out.models.filter((m: { available: boolean }) => m.available)).toEqual([]);
  });
});

describe("cli check", () => {
  it("exits 0 on valid files and prints each file's status", async () => {
    const dir = await agentDir();
    const run = await cli(["check", "--agent-dir", dir]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^pi 0\.73\.1 at .*\(Node .*\) {2}\[found by PI_SWITCHBOARD_PI\]$/);
    expect(run.stdout).toContain(`models.json: valid  (${join(dir, "models.json")})`);
    expect(run.stdout).toContain(`settings.json: valid  (${join(dir, "settings.json")})`);
  });

  it("exits 1 when pi would drop the custom models, with line and column", async () => {
    // A custom model without contextWindow > 0: pi rejects the whole file.
    const dir = await agentDir({ "models.json": MODELS_JSON.replace('"contextWindow": 200000', '"contextWindow": 0') });
    const json = await cli(["check", "--json", "--agent-dir", dir]);
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout);
    expect(out.valid).toBe(false);
    expect(out.modelsFile.valid).toBe(false);
    const column = MODELS_JSON.split("\n")[18]!.indexOf('"contextWindow"') + 1;
    expect(out.modelsFile.errors[0]).toMatchObject({ message: expect.stringContaining("contextWindow"), line: 19, column });
    const text = await cli(["check", "--agent-dir", dir]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("models.json: INVALID");
    expect(text.stdout).toContain(`error 19:${column} Provider openrouter-bedrock`);
  });

  it("exits 1 on a models.json that does not parse, and 0 when only settings.json is broken", async () => {
    const broken = await agentDir({ "models.json": "{\n  /* block */\n}" });
    const run = await cli(["check", "--json", "--agent-dir", broken]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).modelsFile.errors[0]).toMatchObject({ line: 2, column: 3 });
    const settingsOnly = await agentDir({ "settings.json": "{ nope" });
    const second = await cli(["check", "--json", "--agent-dir", settingsOnly]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).settingsFile.valid).toBe(false);
  });
});

describe("cli use", () => {
  it("writes pi's default model and thinking level, keeping unknown keys and layout", async () => {
    const dir = await agentDir();
    const run = await cli(["use", `${OPUS}:high`, "--agent-dir", dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`pi's default model is now ${OPUS} (thinking: high)`);
    expect(await readFile(join(dir, "settings.json"), "utf8")).toBe(
      SETTINGS_JSON.replace('"defaultProvider": "openrouter"', '"defaultProvider": "openrouter-bedrock"')
        .replace('"defaultModel": "anthropic/claude-sonnet-4.5"', '"defaultModel": "anthropic/claude-opus-4.1"')
        .replace("  ]\n}\n", '  ],\n  "defaultThinkingLevel": "high"\n}\n'),
    );
  });

  it("takes an id with a colon of its own as the id, not as a thinking level", async () => {
    const dir = await agentDir();
    const run = await cli(["use", "openrouter/meta-llama/llama-3.3-70b-instruct:free", "--agent-dir", dir]);
    expect(run.code).toBe(0);
    const settings = JSON.parse(await readFile(join(dir, "settings.json"), "utf8"));
    expect(settings).toMatchObject({ defaultProvider: "openrouter", defaultModel: "meta-llama/llama-3.3-70b-instruct:free", theme: "dark", someFutureKey: { nested: [1, 2] } });
  });

  it("creates settings.json when pi has none yet", async () => {
    const dir = await agentDir({ "settings.json": null });
    expect((await cli(["use", SONNET, "--agent-dir", dir])).code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, "settings.json"), "utf8"))).toEqual({ defaultProvider: "openrouter", defaultModel: "anthropic/claude-sonnet-4.5" });
  });

  it("refuses a model pi does not have, says why, and writes nothing", async () => {
    const dir = await agentDir();
    const run = await cli(["use", "openrouter/anthropic/claude-sonet-4.5", "--agent-dir", dir]);
    expect(run.code).not.toBe(0);
    // What to type instead: the model it meant (test/unit/cli/cli-errors.test.ts has the rest).
    expect(run.stderr).toContain('pi has no model "openrouter/anthropic/claude-sonet-4.5": type `pi-switchboard use openrouter/anthropic/claude-sonnet-4.5`');
    expect(await readFile(join(dir, "settings.json"), "utf8")).toBe(SETTINGS_JSON);
  });

  it("refuses to write over a settings.json pi cannot read", async () => {
    const broken = SETTINGS_JSON.replace('"theme": "dark",', '"theme": "dark",,');
    const dir = await agentDir({ "settings.json": broken });
    const run = await cli(["use", SONNET, "--agent-dir", dir]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/settings\.json does not parse \(line 2, column 19\)/);
    expect(await readFile(join(dir, "settings.json"), "utf8")).toBe(broken);
  });
});
