/**
 * A pi that does not start, through the real CLI (the built CLI, test/cli-under-test.ts) with real pi 0.80.7
 * installed as users install it: `models` and `check` say that pi itself fails to start, with pi's
 * own error line and `pi --version`, in --json (pi.startFailure, pi.problem) and for people, and
 * still list what the files say.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BROKEN_PI_VERSION, brokenPiPackageDir, NODE22 } from "../../broken-pi.js";
import { layGlobalPrefix } from "../../installed-pis.js";
import { cliArgv } from "../../cli-under-test.js";

vi.setConfig({ testTimeout: 300_000 });

const REPO = resolve(".");
const dir = mkdtempSync(join(tmpdir(), "cli-pi-start-"));
const agent = join(dir, "agent");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let userPath = "";
beforeAll(() => {
  userPath = `${layGlobalPrefix(join(dir, "prefix"), brokenPiPackageDir(), { node: NODE22 })}:/usr/bin:/bin`;
  rmSync(agent, { recursive: true, force: true });
  mkdirSync(agent);
  writeFileSync(join(agent, "models.json"), JSON.stringify({ providers: { "openrouter-novita": { baseUrl: "https://openrouter.ai/api/v1", api: "openai-completions", apiKey: "$OPENROUTER_API_KEY", compat: { openRouterRouting: { only: ["novita"] } }, models: [{ id: "moonshotai/kimi-k2" }] } } }));
}, 300_000);

function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((done) => {
    // PATH as a user of this pi has it: the prefix's pi and Node 22 first; no PI_SWITCHBOARD_PI.
    const env = { HOME: dir, PATH: userPath, OPENROUTER_API_KEY: "sk-or-v1-set" };
    execFile(...cliArgv([...args, "--agent-dir", agent]), { cwd: REPO, env, timeout: 120_000 }, (error, stdout) => done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout }));
  });
}

const ERROR_LINE = /SyntaxError: The requested module '@earendil-works\/pi-ai\/oauth' does not provide an export named/;

describe(`pi ${BROKEN_PI_VERSION}, which does not start`, () => {
  it("models --json: pi.startFailure has pi's own line and the command; the models of the files are still there", async () => {
    const run = await cli(["models", "--json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { pi: { version: string; problem: string; startFailure: { firstErrorLine: string; command: string } }; models: { provider: string; id: string; badges: { label: string }[] }[] };
    expect(report.pi.version).toBe(BROKEN_PI_VERSION);
    expect(report.pi.startFailure.firstErrorLine).toMatch(ERROR_LINE);
    expect(report.pi.startFailure.command).toBe("pi --version");
    expect(report.pi.problem).toMatch(/itself fails to start: SyntaxError/);
    expect(report.models.find((m) => m.provider === "openrouter-novita")?.id).toBe("moonshotai/kimi-k2");
  });

  it("models, for people: the failure line before the table, which still lists the file's model", async () => {
    const run = await cli(["models"]);
    expect(run.stdout).toMatch(new RegExp(`pi ${BROKEN_PI_VERSION.replace(/\./g, "\\.")} itself fails to start: SyntaxError: .* — run \`pi --version\``));
    expect(run.stdout).toMatch(/openrouter-novita\/moonshotai\/kimi-k2/);
  });

  it("check and check --json: the verdict says pi itself fails to start, never 'could not be asked: Node.js'", async () => {
    const human = await cli(["check"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/warning pi 0\.80\.7 itself fails to start: SyntaxError/);
    expect(human.stdout).toMatch(/\? No verdict from pi: pi 0\.80\.7 itself fails to start \(SyntaxError: .*\); run `pi --version` to see it/);
    expect(human.stdout).not.toMatch(/could not be asked|Node\.js v22/);
    const json = JSON.parse((await cli(["check", "--json"])).stdout) as { pi: { startFailure: { firstErrorLine: string } }; verdict: { state: string; note: string } };
    expect(json.pi.startFailure.firstErrorLine).toMatch(ERROR_LINE);
    expect(json.verdict.state).toBe("unavailable");
    expect(json.verdict.note).toMatch(/itself fails to start/);
  });
});
