/**
 * `models --project DIR` as a user runs it (the built CLI, test/cli-under-test.ts, the user's pi 1.6.0): the models, scope
 * and start model pi has in that folder, the values its .pi/settings.json overrides, pi's trust
 * decision, and the switches that do not reach it; the project's files are only read.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test, vi } from "vitest";
import { testPiByVersion } from "../../conformance/pi-versions.js";
import { cliArgv } from "../../cli-under-test.js";

vi.setConfig({ testTimeout: 120_000 });

const root = realpathSync(mkdtempSync(join(tmpdir(), "sb-cli-project-")));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const agent = join(root, "agent");
const project = join(root, "work", "app");
mkdirSync(agent, { recursive: true });
mkdirSync(join(project, ".pi"), { recursive: true });
writeFileSync(join(agent, "models.json"), JSON.stringify({ providers: { myproxy: { baseUrl: "http://127.0.0.1:9/v1", api: "openai-completions", apiKey: "sk-x", models: [{ id: "alpha", reasoning: true }, { id: "beta", reasoning: true }, { id: "gamma" }] } } }));
writeFileSync(join(agent, "settings.json"), JSON.stringify({ defaultProvider: "myproxy", defaultModel: "alpha", enabledModels: ["myproxy/alpha", "myproxy/beta"] }));
writeFileSync(join(project, ".pi", "settings.json"), JSON.stringify({ defaultModel: "gamma", enabledModels: ["myproxy/gamma", "myproxy/beta:high"] }, null, 2));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH, HOME: join(root, "home"), XDG_CACHE_HOME: join(root, "cache"), PI_SWITCHBOARD_PI: testPiByVersion("1.6.0").piDir };
  return new Promise((done) => execFile(...cliArgv(args), { env, timeout: 90_000 }, (error, stdout, stderr) => done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })));
}

test("models --json --project: pi's merged view there, what the project overrides, and that the tray's default does not reach it", async () => {
  writeFileSync(join(agent, "trust.json"), JSON.stringify({ [project]: true }));
  const before = readFileSync(join(project, ".pi", "settings.json"), "utf8");
  const { code, stdout, stderr } = await cli(["models", "--json", "--scoped", "--project", project, "--agent-dir", agent]);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  const report = JSON.parse(stdout);
  expect(report.default.start).toEqual({ ref: "myproxy/gamma", thinkingLevel: "off", via: "scope-default" });
  expect(report.models.map((m: { provider: string; id: string }) => `${m.provider}/${m.id}`)).toEqual(["myproxy/gamma", "myproxy/beta"]);
  expect(report.project.trust.decision).toBe("trusted");
  expect(report.project.settings.filter((r: { overridden: boolean }) => r.overridden).map((r: { key: string }) => r.key)).toEqual(["defaultModel", "enabledModels"]);
  expect(report.project.defaultSwitch).toEqual({ reaches: "no", message: expect.stringContaining("sets defaultModel") });
  // Read only: the project's folder holds what it held.
  expect(readFileSync(join(project, ".pi", "settings.json"), "utf8")).toBe(before);
  expect(readdirSync(join(project, ".pi"))).toEqual(["settings.json"]);
});

test("models --project for people: pi asks about an untrusted folder, and says which values the project sets", async () => {
  rmSync(join(agent, "trust.json"), { force: true });
  const { code, stdout } = await cli(["models", "--project", project, "--agent-dir", agent]);
  expect(code).toBe(0);
  expect(stdout).toContain(`Project: ${project}`);
  expect(stdout).toContain("pi asks whether to trust the folder");
  expect(stdout).toContain('project sets defaultModel: "gamma" (agent dir: "alpha")');
  expect(stdout).toMatch(/\*S\s+myproxy\/gamma/);
});

test("models --json without --project is the agent dir's view", async () => {
  const { stdout } = await cli(["models", "--json", "--agent-dir", agent]);
  const report = JSON.parse(stdout);
  expect(report.default.start.ref).toBe("myproxy/alpha");
  expect(report.project).toBeUndefined();
});
