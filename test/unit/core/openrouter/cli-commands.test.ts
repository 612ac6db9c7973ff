/**
 * The `test` and `catalog` CLI commands as a user runs them (a child process of the built CLI,
 * test/cli-under-test.ts) against the fake OpenRouter: the JSON fields scripts rely on, exit
 * codes, and no key in output.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../../fake-openrouter/server.js";
import { DEFAULT_KEY, defaultKeys } from "../../../fake-openrouter/table.js";
import { PI_BIN, virtualProvider, writeAgentDir } from "./agent-dir.js";
import { cliArgv } from "../../../cli-under-test.js";

// Each case starts the CLI and loads pi's catalog: seconds apiece on a busy two-core machine.
vi.setConfig({ testTimeout: 120_000 });

let fake: FakeOpenRouter;
let agentDir: string;
const home = mkdtempSync(join(tmpdir(), "sb-cli-home-"));

function cli(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: join(home, "cache"), PI_SWITCHBOARD_PI: PI_BIN, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl, ...extraEnv };
  return new Promise((done) => {
    execFile(...cliArgv(args), { env, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  fake = await startFakeOpenRouter();
  agentDir = writeAgentDir({
    models: { providers: { "openrouter-groq": virtualProvider(fake.baseUrl, "MY_KEY_VAR", { only: ["groq"] }, ["moonshotai/kimi-k2"]) } },
    auth: { "openrouter-groq": { type: "api_key", key: `!printf %s ${DEFAULT_KEY}` } },
  });
});
afterAll(() => fake.close());

describe("pi-switchboard test", () => {
  test("--json reports servedBy, timings, usage, cost, routing verdict and request.provider", async () => {
    fake.configure({ keys: defaultKeys() });
    const { code, stdout, stderr } = await cli(["test", "openrouter-groq/moonshotai/kimi-k2", "Say hi", "--json", "--agent-dir", agentDir]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ servedBy: "Groq", routingRespected: true, usage: { promptTokens: 2, completionTokens: 5, totalTokens: 7 }, request: { model: "moonshotai/kimi-k2", provider: { only: ["groq"] } }, error: null });
    expect(typeof result.ttftMs).toBe("number");
    expect(typeof result.totalMs).toBe("number");
    expect(result.cost).toBeGreaterThan(0);
    expect(stdout).not.toContain(DEFAULT_KEY);
  });

  test("--json reports OpenRouter's generation record once it is ready, and the verdict follows it", async () => {
    fake.configure({ keys: defaultKeys(), generationReadyAfterMs: 700 });
    const { code, stdout } = await cli(["test", "openrouter-groq/moonshotai/kimi-k2", "Say hi", "--json", "--agent-dir", agentDir]);
    fake.configure({ generationReadyAfterMs: 0 });
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { generation: Record<string, unknown>; generationNote: unknown; cost: number; routingRespected: unknown };
    expect(result.generation).toMatchObject({ provider: "Groq", totalCost: result.cost, tokens: { prompt: 2, completion: 5, cached: 0, reasoning: 0 } });
    expect(typeof result.generation.latencyMs).toBe("number");
    expect(typeof result.generation.generationTimeMs).toBe("number");
    expect(result.generationNote).toBeNull();
    expect(result.routingRespected).toBe(true);
    const asked = fake.requests.filter((r) => r.path.includes("/generation?id="));
    expect(asked.length).toBeGreaterThan(1);
    expect(asked.every((r) => r.headers.authorization === `Bearer ${DEFAULT_KEY}`)).toBe(true);
    const human = await cli(["test", "openrouter-groq/moonshotai/kimi-k2", "--agent-dir", agentDir]);
    expect(human.stdout).toMatch(/record\s+OpenRouter: served by Groq, cost \$[\d.e-]+, latency \d+ ms, generation \d+ ms/);
  });

  test("an OpenRouter error exits non-zero with the status and a fix, and no key", async () => {
    fake.configure({ keys: [{ ...defaultKeys()[0]!, credits: 0 }] });
    const json = await cli(["test", "openrouter-groq/moonshotai/kimi-k2", "--json", "--agent-dir", agentDir]);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { error: { status: number } }).error.status).toBe(402);
    const human = await cli(["test", "openrouter-groq/moonshotai/kimi-k2", "--agent-dir", agentDir]);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/no credits left \(402\)[\s\S]*fix\s+Add credits/);
    expect(json.stdout + human.stdout + human.stderr).not.toContain(DEFAULT_KEY);
  });

  test("--provider compares providers side by side", async () => {
    fake.configure({ keys: defaultKeys() });
    const { code, stdout } = await cli(["test", "openrouter-groq/moonshotai/kimi-k2", "--json", "--provider", "groq", "together", "--agent-dir", agentDir]);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as { servedBy: string; request: { provider: unknown } }[];
    expect(results.map((r) => r.servedBy)).toEqual(["Groq", "Together"]);
    expect(results[1]!.request.provider).toEqual({ only: ["together"], order: ["together"], allow_fallbacks: false });
  });
  test("--provider with a typo is refused with the slug meant, before any prompt is sent", async () => {
    fake.configure({ keys: defaultKeys() });
    const before = fake.requests.length;
    const run = await cli(["test", "openrouter-groq/moonshotai/kimi-k2", "--provider", "groq", "deepinfar", "--agent-dir", agentDir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("--provider deepinfar is not a provider of moonshotai/kimi-k2: did you mean deepinfra?\nIts providers: novita, deepinfra, groq, together. Nothing was sent.\n");
    expect(fake.requests.slice(before).filter((r) => r.path.endsWith("/chat/completions"))).toEqual([]);
  });

  test("--provider offline with no cached provider list says it could not check, and tests anyway", async () => {
    const gone = await startFakeOpenRouter();
    await gone.close();
    const dir = writeAgentDir({ models: { providers: { "openrouter-gone": virtualProvider(gone.baseUrl, "sk-or-v1-unused", undefined, ["moonshotai/kimi-k2"]) } } });
    const run = await cli(["test", "openrouter-gone/moonshotai/kimi-k2", "--provider", "together", "--agent-dir", dir], { PI_SWITCHBOARD_OPENROUTER_URL: gone.baseUrl, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "sb-cli-nocache-")) });
    expect(run.stderr).toMatch(/^Could not check --provider together against the providers of moonshotai\/kimi-k2: .+\. Testing anyway\.\n/);
    expect(run.stderr).not.toContain("did you mean");
    // The test itself went ahead and failed on the unreachable server.
    expect(run.stderr).toMatch(/moonshotai\/kimi-k2 pinned to together[\s\S]*error/);
    expect(run.code).toBe(1);
  });

  test("exits 3 when the answer came from a provider the routing excludes", async () => {
    const dir = writeAgentDir({
      models: { providers: { "openrouter-ordered": virtualProvider(fake.baseUrl, "MY_KEY_VAR", { order: ["groq", "together"], allow_fallbacks: false }, ["moonshotai/kimi-k2"]) } },
      auth: { "openrouter-ordered": { type: "api_key", key: `!printf %s ${DEFAULT_KEY}` } },
    });
    // Groq is down: without fallbacks OpenRouter still serves from the next provider in order, not the one pinned first.
    fake.configure({ keys: defaultKeys(), failing: { groq: 503 } });
    const json = await cli(["test", "openrouter-ordered/moonshotai/kimi-k2", "--json", "--agent-dir", dir]);
    const human = await cli(["test", "openrouter-ordered/moonshotai/kimi-k2", "--agent-dir", dir]);
    fake.configure({ failing: {} });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ servedBy: "Together", routingRespected: false, error: null });
    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(/routing\s+NOT respected — Served by Together \(together\), not by the first of order \(groq\)/);
    // Served by the provider pinned first: 0.
    const fine = await cli(["test", "openrouter-ordered/moonshotai/kimi-k2", "--json", "--agent-dir", dir]);
    expect(fine.code).toBe(0);
    expect(JSON.parse(fine.stdout)).toMatchObject({ servedBy: "Groq", routingRespected: true });
  });
});

describe("pi-switchboard catalog", () => {
  test("lists models, and one model's endpoints with slugs, prices and uptime", async () => {
    const list = await cli(["catalog", "--json"]);
    expect(list.code).toBe(0);
    const body = JSON.parse(list.stdout) as { status: { source: string }; models: { id: string }[] };
    expect(body.status.source).toBe("network");
    expect(body.models.map((m) => m.id)).toContain("anthropic/claude-sonnet-4");
    const one = await cli(["catalog", "anthropic/claude-sonnet-4"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/Amazon Bedrock\s+amazon-bedrock\s+unknown\s+200000\s+\$3\s+\$15\s+99\.5%/);
  });

  test("--check flags slugs in pi's routing that match no provider, with the slug meant", async () => {
    const dir = writeAgentDir({ models: { providers: { "openrouter-bedrock": virtualProvider(fake.baseUrl, "k", { only: ["bedrock"] }, ["anthropic/claude-sonnet-4"]) } } });
    const { code, stdout } = await cli(["catalog", "--check", "--agent-dir", dir]);
    expect(code).toBe(1);
    expect(stdout).toContain('openrouter-bedrock/anthropic/claude-sonnet-4: "bedrock" in only matches no provider of anthropic/claude-sonnet-4; did you mean "amazon-bedrock"?');
    // Groq serves kimi-k2 without tools: pinned to it, pi's agent cannot call tools.
    const groq = await cli(["catalog", "--check", "--agent-dir", agentDir]);
    expect(groq.code).toBe(1);
    expect(groq.stdout).toContain("openrouter-groq/moonshotai/kimi-k2: Groq (groq) does not accept tools for moonshotai/kimi-k2, and pi's agent needs tool calls. Fix: remove it from only/order, or pin one that does: novita/fp8, deepinfra/fp4, together/fp8.");
    const tools = writeAgentDir({ models: { providers: { "openrouter-together": virtualProvider(fake.baseUrl, "k", { only: ["together"] }, ["moonshotai/kimi-k2"]) } } });
    const fine = await cli(["catalog", "--check", "--agent-dir", tools]);
    expect(fine.code).toBe(0);
    expect(fine.stdout).toContain("openrouter-together/moonshotai/kimi-k2: ok");
  });

  test("--check covers variants (:floor, :free) the app adds, against the providers that serve them", async () => {
    const dir = writeAgentDir({
      models: {
        providers: {
          "openrouter-floor": virtualProvider(fake.baseUrl, "k", { only: ["deepinfar"] }, ["moonshotai/kimi-k2:floor"]),
          "openrouter-free": virtualProvider(fake.baseUrl, "k", { only: ["together"] }, ["moonshotai/kimi-k2:free"]),
          "openrouter-odd": virtualProvider(fake.baseUrl, "k", { only: ["zzzzqq"] }, ["openai/gpt-4o-mini:nitro"]),
        },
      },
    });
    const { code, stdout } = await cli(["catalog", "--check", "--agent-dir", dir]);
    expect(code).toBe(1);
    expect(stdout).toContain('openrouter-floor/moonshotai/kimi-k2:floor: "deepinfar" in only matches no provider of moonshotai/kimi-k2:floor; did you mean "deepinfra"?');
    // The catalog has no :free entry of kimi-k2 here: its base model's providers are the ones asked.
    expect(stdout).toContain("openrouter-free/moonshotai/kimi-k2:free: ok (providers of moonshotai/kimi-k2)");
    // A slug with no near match points at the catalog, with the command the user runs (installed here, not a clone's).
    expect(stdout).toContain("`pi-switchboard catalog openai/gpt-4o-mini:nitro`");
    expect(stdout).not.toContain("no provider list");
    expect(stdout).not.toContain("npm run cli");
    const json = JSON.parse((await cli(["catalog", "--check", "--json", "--agent-dir", dir])).stdout) as { ref: string; endpointsOf: string }[];
    expect(json.map((r) => [r.ref, r.endpointsOf])).toEqual([
      ["openrouter-floor/moonshotai/kimi-k2:floor", "moonshotai/kimi-k2"],
      ["openrouter-free/moonshotai/kimi-k2:free", "moonshotai/kimi-k2"],
      ["openrouter-odd/openai/gpt-4o-mini:nitro", "openai/gpt-4o-mini"],
    ]);
  });

  test("<model> --json gives each endpoint's facts under the documented names, with the list's age", async () => {
    const { code, stdout } = await cli(["catalog", "moonshotai/kimi-k2", "--json", "--refresh"]);
    expect(code).toBe(0);
    const body = JSON.parse(stdout) as { model: string; source: string; fetchedAt: string; ageSeconds: number; endpoints: Record<string, unknown>[] };
    expect(body).toMatchObject({ model: "moonshotai/kimi-k2", source: "network", ageSeconds: 0 });
    expect(Date.parse(body.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);
    const groq = body.endpoints.find((e) => e.provider === "Groq")!;
    expect(groq).toMatchObject({
      provider: "Groq",
      tag: "groq",
      quantization: "fp8",
      contextLength: 131072,
      maxOutput: 16384,
      pricing: { prompt: 1, completion: 3, cacheRead: null, cacheWrite: null },
      uptime30m: 99.5,
      latencyP50Ms: 200,
      throughputP50: 300,
      supportsTools: false,
    });
    const deepinfra = body.endpoints.find((e) => e.provider === "DeepInfra")!;
    expect(deepinfra).toMatchObject({ tag: "deepinfra/fp4", contextLength: 65536, maxOutput: null, uptime30m: 93.4, latencyP50Ms: 500, throughputP50: 40, supportsTools: true });
    expect(deepinfra.latencyMs).toEqual({ p50: 500, p75: 650, p90: 850, p99: 1500 });
    const sonnet = JSON.parse((await cli(["catalog", "anthropic/claude-sonnet-4", "--json"])).stdout) as typeof body;
    expect(sonnet.endpoints[0]).toMatchObject({ provider: "Anthropic", pricing: { prompt: 3, completion: 15, cacheRead: 0.3, cacheWrite: 3.75 }, uptime5m: 100, uptime1d: 99.7 });
  });

  test("<model> works offline from the cache and says how old it is", async () => {
    const gone = await startFakeOpenRouter();
    await gone.close();
    expect((await cli(["catalog", "openai/gpt-4o-mini", "--refresh"])).code).toBe(0);
    const offline = await cli(["catalog", "openai/gpt-4o-mini", "--json"], { PI_SWITCHBOARD_OPENROUTER_URL: gone.baseUrl });
    expect(offline.code).toBe(0);
    const body = JSON.parse(offline.stdout) as { source: string; ageSeconds: number; endpoints: { provider: string; pricing: { cacheRead: number | null } }[] };
    expect(body.source).toBe("cache");
    expect(body.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(body.endpoints.map((e) => e.provider)).toEqual(["OpenAI", "Azure"]);
    expect(body.endpoints[0]!.pricing.cacheRead).toBe(0.075);
    const human = await cli(["catalog", "openai/gpt-4o-mini", "--refresh"], { PI_SWITCHBOARD_OPENROUTER_URL: gone.baseUrl });
    expect(human.code).toBe(0);
    expect(human.stderr).toContain("showing the cached copy");
    expect(human.stdout).toMatch(/2 endpoints of openai\/gpt-4o-mini from the cache, fetched (just now|\d+ min ago)/);
  });

  test("an unknown model exits 1 and says so", async () => {
    const missing = await cli(["catalog", "nobody/nothing", "--refresh"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No endpoints for nobody/nothing");
  });
});
