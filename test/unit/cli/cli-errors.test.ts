/**
 * CLI mistakes a newcomer makes, run through the real CLI (the built bundle, test/cli-under-test.ts) on real agent
 * dirs with the repo's pi (0.73.1): each gets one line that says what is wrong and what to type
 * instead, and a non-zero exit; nothing is written and no request is sent.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../fake-openrouter/server.js";
import { cliArgv } from "../../cli-under-test.js";
import { REPO, makeAgentDir } from "../core/files/agent-dir-fixture.js";

vi.setConfig({ testTimeout: 120_000 });

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as installed (`pi-switchboard`); `clone` runs it as `npm run cli --` does, tsx on the source. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}, clone = false): Promise<CliRun> {
  const [command, argv] = clone ? [join(REPO, "node_modules", ".bin", "tsx"), ["src-main/cli/main.ts", ...args]] : cliArgv(args);
  return new Promise((done) => {
    execFile(command, argv, { cwd: REPO, env: { ...process.env, PI_SWITCHBOARD_PI: join(REPO, "node_modules", ".bin", "pi"), ...env }, timeout: 90_000 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** One line on stderr, nothing on stdout, a non-zero exit. */
function oneLineError(run: CliRun): string {
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines, run.stderr).toHaveLength(1);
  return lines[0]!;
}

/** A real agent dir from the shared fixture, removed when the test ends. */
async function agentDir(files: Parameters<typeof makeAgentDir>[0] = {}): Promise<string> {
  const made = await makeAgentDir(files);
  onTestFinished(made.cleanup);
  return made.agentDir;
}

describe("use: a ref or level pi does not have", () => {
  it("an id without its provider gets the closest provider/id refs, not schema jargon", async () => {
    const dir = await agentDir();
    const before = await readFile(join(dir, "settings.json"), "utf8");
    const line = oneLineError(await cli(["use", "gpt-4o-mini", "--agent-dir", dir]));
    expect(line).toMatch(/^pi has no model "gpt-4o-mini" \(models are provider\/id\): type `pi-switchboard use openrouter\/openai\/gpt-4o-mini` \(or [^)]*gpt-4o-mini[^)]*\)\.$/);
    expect(line).not.toMatch(/pattern|must match|\/ref/);
    expect(await readFile(join(dir, "settings.json"), "utf8")).toBe(before);
  });

  it("a misspelt id gets the model it meant", async () => {
    const line = oneLineError(await cli(["use", "openrouter/anthropic/claude-sonet-4.5", "--agent-dir", await agentDir()]));
    expect(line).toMatch(/^pi has no model "openrouter\/anthropic\/claude-sonet-4\.5": type `pi-switchboard use openrouter\/anthropic\/claude-sonnet-4\.5`/);
  });

  it("a bad thinking level is named with the levels the detected pi accepts", async () => {
    const dir = await agentDir();
    const line = oneLineError(await cli(["use", "x:ultra", "--agent-dir", dir]));
    // pi 0.73.1 has no `max` (0.80.6).
    expect(line).toMatch(/^"ultra" is not a thinking level pi 0\.73\.1 accepts \(off, minimal, low, medium, high, xhigh\), and pi 0\.73\.1 has no model "x": type `pi-switchboard use \S+:high`/);
    const typo = oneLineError(await cli(["use", "openrouter/openai/gpt-4o-mini:hihg", "--agent-dir", dir]));
    expect(typo).toBe('"hihg" is not a thinking level pi 0.73.1 accepts (off, minimal, low, medium, high, xhigh): type `pi-switchboard use openrouter/openai/gpt-4o-mini:high`.');
    const max = oneLineError(await cli(["use", "openrouter/openai/gpt-4o-mini:max", "--agent-dir", dir]));
    expect(max).toContain('"max" is not a thinking level pi 0.73.1 accepts');
  });

  it("a right ref still works, with its level", async () => {
    const dir = await agentDir();
    const run = await cli(["use", "openrouter/openai/gpt-4o-mini:high", "--agent-dir", dir]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("pi's default model is now openrouter/openai/gpt-4o-mini (thinking: high).\n");
  });
});

describe("a mistyped command or option", () => {
  /** stderr as its lines; nothing on stdout, commander's exit code 1. */
  function shortError(run: CliRun): string[] {
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    return run.stderr.trimEnd().split("\n");
  }

  // From a clone, as the README has people run it: the usage names `npm run cli --`.
  it("gets did-you-mean and one usage line with the commands, not the whole help", async () => {
    expect(shortError(await cli(["modls"], {}, true))).toEqual([
      "error: unknown command 'modls' — did you mean models?",
      "usage: npm run cli -- <command> [options] (commands: models, use, check, catalog, test, key, serve, spend); `npm run cli -- --help` for more",
    ]);
    // No close command: still two lines, the usage lists what there is.
    const [error, usage, ...rest] = shortError(await cli(["frobnicate"], {}, true));
    expect(error).toBe("error: unknown command 'frobnicate'");
    expect(usage).toMatch(/^usage: npm run cli -- <command> \[options\] \(commands: models, /);
    expect(rest).toEqual([]);
  });

  it("a subcommand's mistake shows that subcommand's usage", async () => {
    expect(shortError(await cli(["models", "--jsn"]))).toEqual(["error: unknown option '--jsn' — did you mean --json?", "usage: pi-switchboard models [options]; `pi-switchboard models --help` for more"]);
    expect(shortError(await cli(["key", "sett"]))).toEqual([
      "error: unknown command 'sett' — did you mean set?",
      "usage: pi-switchboard key [options] [command] (commands: set, status, print, connect, disconnect, forget, import-from-auth); `pi-switchboard key --help` for more",
    ]);
    expect(shortError(await cli(["test"]))).toEqual(["error: missing required argument 'model'", "usage: pi-switchboard test [options] <model> [prompt]; `pi-switchboard test --help` for more"]);
  });

  it("--help names the command as it is run, and test's lists its exit codes", async () => {
    const help = await cli(["test", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout.split("\n")[0]).toBe("Usage: pi-switchboard test [options] <model> [prompt]");
    expect(help.stdout).toContain("Exit codes: 0 every answer honoured the routing (or there was none to check), 1 a test failed or was refused, 3 an answer came from a provider the routing excludes.");
  });
});

describe("an agent dir that is not there", () => {
  it("says so with what to set, and exits non-zero, for every command that reads it", async () => {
    for (const command of [["models"], ["check"], ["use", "openrouter/openai/gpt-4o-mini"]]) {
      const line = oneLineError(await cli([...command, "--agent-dir", "/does/not/exist"]));
      expect(line).toBe("agent dir not found: /does/not/exist (--agent-dir) — is pi set up? set PI_CODING_AGENT_DIR or pass --agent-dir");
    }
    const fromEnv = oneLineError(await cli(["models"], { PI_CODING_AGENT_DIR: "/does/not/exist/either" }));
    expect(fromEnv).toContain("/does/not/exist/either (PI_CODING_AGENT_DIR)");
  });

  it("an empty one is fine: pi's files are optional", async () => {
    const empty = await mkdtemp(join(tmpdir(), "sb-empty-agent-"));
    onTestFinished(() => rm(empty, { recursive: true, force: true }));
    const run = await cli(["models", "--agent-dir", empty]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe(`Agent dir: ${empty}`);
  });
});

describe("test: a key whose variable is not set", () => {
  let fake: FakeOpenRouter;
  beforeAll(async () => {
    fake = await startFakeOpenRouter();
  });
  afterAll(() => fake.close());

  it("sends nothing, names the variable unredacted, exits non-zero", async () => {
    const models = JSON.stringify({ providers: { "openrouter-groq": { baseUrl: fake.baseUrl, api: "openai-completions", apiKey: "MY_ROUTER_KEY", models: [{ id: "moonshotai/kimi-k2" }] } } });
    const dir = await agentDir({ "models.json": models, "auth.json": null });
    const { MY_ROUTER_KEY: _unset, ...env } = process.env;
    const before = fake.requests.length;
    // From a clone: the core's `pi-switchboard …` hint must come out as `npm run cli -- …`.
    const run = await cli(["test", "openrouter-groq/moonshotai/kimi-k2", "--agent-dir", dir], { ...env, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl }, true);
    expect(run.code).toBe(1);
    expect(fake.requests.slice(before).filter((r) => r.path.endsWith("/chat/completions"))).toEqual([]);
    expect(run.stderr).toContain('The models.json key for openrouter-groq names the environment variable MY_ROUTER_KEY, which is not set, so pi would send the text "MY_ROUTER_KEY" as the key. The test was not sent.');
    // The core's hint names the command as a clone runs it, not an installed `pi-switchboard` the user does not have.
    expect(run.stderr).toMatch(/fix\s+Set MY_ROUTER_KEY in the environment pi runs in .*`npm run cli -- key set`/);
    expect(run.stderr).not.toContain("pi-switchboard");
    expect(run.stderr + run.stdout).not.toContain("redacted");
    expect(run.stderr).not.toMatch(/401|User not found/);
  });

  it("$NAME under pi 0.73.1 (read as text there) is refused the same way, with the form this pi reads", async () => {
    const models = JSON.stringify({ providers: { "openrouter-groq": { baseUrl: fake.baseUrl, api: "openai-completions", apiKey: "$MY_ROUTER_KEY", models: [{ id: "moonshotai/kimi-k2" }] } } });
    const dir = await agentDir({ "models.json": models, "auth.json": null });
    const before = fake.requests.length;
    const run = await cli(["test", "openrouter-groq/moonshotai/kimi-k2", "--json", "--agent-dir", dir], { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl });
    expect(run.code).toBe(1);
    expect(fake.requests.slice(before)).toEqual([]);
    const error = (JSON.parse(run.stdout) as { error: { message: string; hint: string } }).error;
    expect(error.message).toContain('is the text "$MY_ROUTER_KEY": pi 0.73.1 reads a variable only by its bare name');
    expect(error.hint).toContain('Write "MY_ROUTER_KEY" (without the $)');
  });
});

describe("check: a plain-text key in auth.json", () => {
  it("advises key import-from-auth for an OpenRouter key only", async () => {
    const dir = await agentDir({ "auth.json": JSON.stringify({ openrouter: { type: "api_key", key: "sk-or-v1-plain" }, anthropic: { type: "api_key", key: "sk-ant-plain" } }) });
    const run = await cli(["check", "--no-verdict", "--agent-dir", dir]);
    const lines = run.stdout.split("\n");
    const hintAfter = (provider: string) => lines[lines.findIndex((l) => l.includes(`The ${provider} key is stored in auth.json in plain text.`)) + 1]!;
    expect(hintAfter("openrouter")).toContain("`key import-from-auth`");
    expect(hintAfter("anthropic")).not.toContain("import-from-auth");
    // pi 0.73.1 reads an env var by its bare name.
    expect(hintAfter("anthropic")).toContain('a command that prints it from your secret manager ("!<command>") or read it from an environment variable ("ANTHROPIC_API_KEY")');
    expect(run.stdout).not.toContain("sk-ant-plain");
  });
});

describe("serve: a port that is taken", () => {
  it("one line with what to type instead, not a raw EADDRINUSE", async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", r));
    onTestFinished(() => new Promise<void>((r) => taken.close(() => r())));
    const port = (taken.address() as { port: number }).port;
    const line = oneLineError(await cli(["serve", "--no-open", "--port", String(port), "--agent-dir", await agentDir()]));
    expect(line).toBe(`port ${port} on 127.0.0.1 is already in use (another serve?): pass another with --port N, or leave --port out for a free one`);
  });
});
