/**
 * `test REF:level` (issue 22 item 2): the CLI takes a thinking level the way `pi --model` does and
 * sends what pi 1.6.0 sends at that level — the level's own `provider` from
 * samplingParamsByThinkingLevel in place of the model's routing — to the fake OpenRouter. A level
 * pi does not accept is refused before anything is sent, with the command to type instead.
 */
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../fake-openrouter/server.js";
import { DEFAULT_KEY } from "../../fake-openrouter/table.js";
import { testPiByVersion } from "../../conformance/pi-versions.js";
import { REPO, makeAgentDir } from "../core/files/agent-dir-fixture.js";
import { cliArgv } from "../../cli-under-test.js";

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(...cliArgv(args), { cwd: REPO, env: { ...process.env, ...env }, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let fake: FakeOpenRouter;
let agentDir: string;
let cleanup: () => Promise<void>;
let env: NodeJS.ProcessEnv;
const REF = "openrouter-levels/moonshotai/kimi-k2";

beforeAll(async () => {
  fake = await startFakeOpenRouter();
  const models = {
    providers: {
      "openrouter-levels": {
        baseUrl: fake.baseUrl,
        api: "openai-completions",
        apiKey: DEFAULT_KEY,
        compat: { openRouterRouting: { only: ["deepinfra"] } },
        models: [{ id: "moonshotai/kimi-k2", reasoning: true, samplingParamsByThinkingLevel: { high: { provider: { order: ["groq"], allow_fallbacks: false }, temperature: 0.3 } } }],
      },
    },
  };
  ({ agentDir, cleanup } = await makeAgentDir({ "models.json": JSON.stringify(models, null, 2), "auth.json": null, "settings.json": JSON.stringify({ defaultThinkingLevel: "low" }) }));
  env = { PI_SWITCHBOARD_PI: testPiByVersion("1.6.0").piDir, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl };
}, 60_000);
afterAll(async () => {
  await fake?.close();
  await cleanup?.();
});

const chatBodies = (from: number) => fake.requests.slice(from).filter((r) => r.path.endsWith("/chat/completions")).map((r) => r.body as Record<string, unknown>);

describe("test REF:level with pi 1.6.0", () => {
  it("sends the level's provider object whole, and its sampling keys, and says the level it ran at", async () => {
    const before = fake.requests.length;
    const run = await cli(["test", `${REF}:high`, "--json", "--agent-dir", agentDir], env);
    const result = JSON.parse(run.stdout) as { ref: string; error: unknown; request: { provider: unknown; thinkingLevel?: string } };
    expect(result.error, run.stderr).toBeNull();
    expect(result.ref).toBe(REF);
    expect(result.request).toMatchObject({ provider: { order: ["groq"], allow_fallbacks: false }, thinkingLevel: "high" });
    const [body] = chatBodies(before);
    expect(body?.provider).toEqual({ order: ["groq"], allow_fallbacks: false });
    expect(body?.temperature).toBe(0.3);
  }, 120_000);

  it("without a level, sends at the default level (low here): the model's routing", async () => {
    const before = fake.requests.length;
    const run = await cli(["test", REF, "--agent-dir", agentDir], env);
    expect(run.stdout + run.stderr).toMatch(/thinking low {2}provider \{"only":\["deepinfra"\]\}/);
    expect(chatBodies(before).map((b) => b.provider)).toEqual([{ only: ["deepinfra"] }]);
  }, 120_000);

  it("refuses a level pi does not accept before sending anything, naming the command to type", async () => {
    const before = fake.requests.length;
    const run = await cli(["test", `${REF}:hgh`, "--agent-dir", agentDir], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`"hgh" is not a thinking level pi 1.6.0 accepts (off, minimal, low, medium, high, xhigh, max): type \`pi-switchboard test ${REF}:high\``);
    expect(chatBodies(before)).toEqual([]);
  }, 120_000);
});
