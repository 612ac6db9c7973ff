/**
 * Routed test prompts against the fake OpenRouter over real HTTP: who served, timings, usage and
 * cost, the routing verdict, every OpenRouter error turned into an actionable message, cancel,
 * timeout and several targets side by side — and the key never appears in what comes back.
 */
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { TestEvent, TestResult } from "../../../../src-main/core/common/index.js";
import { OpenRouterCatalog } from "../../../../src-main/core/openrouter/catalog.js";
import { routingVerdict, runTestPrompt, TestRunner } from "../../../../src-main/core/openrouter/test-prompt.js";
import type { SwitchboardService } from "../../../../src-main/core/service.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../../fake-openrouter/server.js";
import { DEFAULT_KEY, defaultKeys } from "../../../fake-openrouter/table.js";
import { openAgentDir, virtualProvider } from "./agent-dir.js";

let fake: FakeOpenRouter;
let service: SwitchboardService;

beforeAll(async () => {
  fake = await startFakeOpenRouter();
  const url = fake.baseUrl;
  service = await openAgentDir({
    models: {
      providers: {
        "openrouter-groq": virtualProvider(url, DEFAULT_KEY, { only: ["groq"] }, ["moonshotai/kimi-k2"]),
        "openrouter-together-first": virtualProvider(url, DEFAULT_KEY, { order: ["together", "groq"], allow_fallbacks: false }, ["moonshotai/kimi-k2"]),
        "openrouter-bedrock-typo": virtualProvider(url, DEFAULT_KEY, { only: ["bedrock"] }, ["anthropic/claude-sonnet-4"]),
        "openrouter-open": virtualProvider(url, DEFAULT_KEY, undefined, ["moonshotai/kimi-k2", "moonshotai/kimi-k3"]),
        "openrouter-badkey": virtualProvider(url, "sk-or-v1-not-a-real-key-987654", { only: ["groq"] }, ["moonshotai/kimi-k2"]),
      },
    },
  }, { PI_SWITCHBOARD_OPENROUTER_URL: url });
});
afterAll(async () => {
  service.close();
  await fake.close();
});
beforeEach(() => fake.configure({ keys: defaultKeys(), failing: {}, rateLimitRetryAfter: null, firstTokenDelayMs: 0 }));

const run = (ref: string, extra: Partial<Parameters<typeof runTestPrompt>[0]> = {}) => runTestPrompt({ state: service.agentState(), target: { ref }, prompt: "Say hi", ...extra });
/** The last chat request the fake received (a generation lookup may follow it). */
const lastChat = () => fake.requests.filter((r) => r.path.endsWith("/chat/completions")).at(-1)!;
const leaksKey = (value: unknown) => JSON.stringify(value).includes(DEFAULT_KEY) || JSON.stringify(value).includes("sk-or-v1-not-a-real-key-987654");

describe("a routed test prompt", () => {
  test("reports who served it, timings, usage, cost and a respected routing", async () => {
    const deltas: string[] = [];
    const result = await run("openrouter-groq/moonshotai/kimi-k2", { onDelta: (t) => deltas.push(t) });
    expect(result.error).toBeNull();
    expect(result.servedBy).toBe("Groq");
    expect(result.model).toBe("moonshotai/kimi-k2");
    expect(result.text).toBe("Hello from Groq. Routing works.");
    expect(deltas.join("")).toBe(result.text);
    expect(result.ttftMs).toBeGreaterThanOrEqual(0);
    expect(result.totalMs).toBeGreaterThanOrEqual(result.ttftMs!);
    expect(result.usage).toEqual({ promptTokens: 2, completionTokens: 5, totalTokens: 7 });
    expect(result.cost).toBeCloseTo((2 * 1 + 5 * 3) / 1e6, 12);
    expect(result.routingRespected).toBe(true);
    // A model that does not think: pi clamps every level to off, and the result says so.
    expect(result.request).toEqual({ url: `${fake.baseUrl}/chat/completions`, model: "moonshotai/kimi-k2", provider: { only: ["groq"] }, thinkingLevel: "off" });
    const sent = lastChat();
    expect(sent.headers.authorization).toBe(`Bearer ${DEFAULT_KEY}`);
    expect(sent.body).toMatchObject({ model: "moonshotai/kimi-k2", stream: true, stream_options: { include_usage: true }, provider: { only: ["groq"] }, usage: { include: true } });
    expect(leaksKey(result)).toBe(false);
  });

  test("flags a provider that is not the first of order with fallbacks off", async () => {
    fake.configure({ failing: { together: 503 } });
    const result = await run("openrouter-together-first/moonshotai/kimi-k2");
    expect(result.servedBy).toBe("Groq");
    expect(result.routingRespected).toBe(false);
    expect(result.routingNote).toContain("not by the first of order (together)");
  });

  test("no routing: nothing to check", async () => {
    const result = await run("openrouter-open/moonshotai/kimi-k2");
    expect(result.servedBy).toBe("DeepInfra");
    expect(result.routingRespected).toBeNull();
    expect(result.request.provider).toBeNull();
    expect(lastChat().body).not.toHaveProperty("provider");
  });
});

describe("OpenRouter's errors become messages that say what to change", () => {
  const expectError = (result: TestResult, status: number | null, message: RegExp, hint: RegExp) => {
    expect(result.error).not.toBeNull();
    expect(result.error!.status).toBe(status);
    expect(result.error!.message).toMatch(message);
    expect(result.error!.hint).toMatch(hint);
    expect(leaksKey(result)).toBe(false);
  };

  test("400: an unknown model id", async () => {
    expectError(await run("openrouter-open/moonshotai/kimi-k3"), 400, /rejected the request.*not a valid model ID/, /model id/);
  });
  test("401: a rejected key names where the key came from, not the key", async () => {
    const result = await run("openrouter-badkey/moonshotai/kimi-k2");
    expectError(result, 401, /rejected the key/, /models\.json → key written in the file/);
  });
  test("402: no credits", async () => {
    fake.configure({ keys: [{ ...defaultKeys()[0]!, credits: 0 }] });
    expectError(await run("openrouter-groq/moonshotai/kimi-k2"), 402, /no credits/, /settings\/credits/);
  });
  test("404: no provider matches the routing; the catalog names the slug that was meant", async () => {
    expectError(await run("openrouter-bedrock-typo/anthropic/claude-sonnet-4"), 404, /No provider of .* matches its routing/, /catalog/);
    const catalog = new OpenRouterCatalog({ cacheDir: mkdtempSync(join(tmpdir(), "sb-tp-cache-")), env: { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl } });
    const result = await run("openrouter-bedrock-typo/anthropic/claude-sonnet-4", { endpoints: (id) => catalog.endpoints(id) });
    expect(result.error!.hint).toMatch(/^"bedrock" in only matches no provider of anthropic\/claude-sonnet-4; did you mean "amazon-bedrock"\?/);
  });
  test("429: rate limited, with Retry-After", async () => {
    fake.configure({ rateLimitRetryAfter: 12 });
    expectError(await run("openrouter-groq/moonshotai/kimi-k2"), 429, /Rate limited/, /Wait 12 s/);
  });
  test("5xx: the pinned provider is down", async () => {
    fake.configure({ failing: { groq: 502 } });
    expectError(await run("openrouter-groq/moonshotai/kimi-k2"), 502, /failed \(502\)/, /allow_fallbacks/);
  });
  test("unreachable baseUrl", async () => {
    const closed = await startFakeOpenRouter();
    await closed.close();
    const svc = await openAgentDir({ models: { providers: { "openrouter-gone": virtualProvider(closed.baseUrl, DEFAULT_KEY, { only: ["groq"] }, ["moonshotai/kimi-k2"]) } } }, { PI_SWITCHBOARD_OPENROUTER_URL: closed.baseUrl });
    expectError(await runTestPrompt({ state: svc.agentState(), target: { ref: "openrouter-gone/moonshotai/kimi-k2" }, prompt: "hi" }), null, /Could not reach/, /baseUrl/);
    svc.close();
  });
  test("a server that echoes the key in its error never gets it into the result", async () => {
    const echo = createServer((req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: 401, message: `invalid credentials: ${req.headers.authorization}` } }));
    });
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/openrouter.ai/api/v1`;
    const svc = await openAgentDir({ models: { providers: { "openrouter-echo": virtualProvider(url, DEFAULT_KEY, { only: ["groq"] }, ["moonshotai/kimi-k2"]) } } }, { PI_SWITCHBOARD_OPENROUTER_URL: url });
    const result = await runTestPrompt({ state: svc.agentState(), target: { ref: "openrouter-echo/moonshotai/kimi-k2" }, prompt: "hi" });
    svc.close();
    echo.close();
    expectError(result, 401, /invalid credentials: Bearer \[redacted\]/, /rejected|wrong/);
  });
  test("timeout", async () => {
    fake.configure({ firstTokenDelayMs: 20_000 });
    expectError(await run("openrouter-groq/moonshotai/kimi-k2", { timeoutMs: 1000 }), null, /within 1000 ms/, /timeout/);
  });
});

describe("the runner", () => {
  const collect = (runner: TestRunner, targets: { ref: string; provider?: string }[]) => {
    const events: TestEvent[] = [];
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const started = runner.start({ targets, prompt: "Say hi" }, (e) => {
      events.push(e);
      if (e.type === "finished") finish();
    });
    return { events, finished, started };
  };

  test("compares a model's providers side by side, each pinned to one", async () => {
    const runner = new TestRunner({ state: () => service.agentState() });
    const { events, finished, started } = collect(runner, ["groq", "together", "novita"].map((provider) => ({ ref: "openrouter-open/moonshotai/kimi-k2", provider })));
    expect(started.ok).toBe(true);
    await finished;
    const done = events.flatMap((e) => (e.type === "done" ? [e] : []));
    expect(done.map((e) => [e.index, e.result.servedBy]).sort()).toEqual([[0, "Groq"], [1, "Together"], [2, "Novita"]]);
    expect(done.find((e) => e.index === 1)!.result.request.provider).toEqual({ only: ["together"], order: ["together"], allow_fallbacks: false });
    expect(done.every((e) => e.result.routingRespected === true)).toBe(true);
    expect(events.filter((e) => e.type === "start")).toHaveLength(3);
    expect(events.filter((e) => e.type === "delta").length).toBeGreaterThan(3);
    expect(events.at(-1)!.type).toBe("finished");
  });

  test("cancels a run in flight", async () => {
    fake.configure({ firstTokenDelayMs: 60_000 });
    const runner = new TestRunner({ state: () => service.agentState() });
    const before = fake.requests.length;
    const { events, finished, started } = collect(runner, [{ ref: "openrouter-groq/moonshotai/kimi-k2" }]);
    if (!started.ok) throw new Error(started.error.message);
    // Cancel only once the request is at the server, so the abort cuts a live stream.
    while (fake.requests.length === before) await new Promise((r) => setImmediate(r));
    expect(runner.cancel(started.value.runId)).toBe(true);
    await finished;
    const done = events.find((e) => e.type === "done");
    expect(done?.type === "done" && done.result.error?.message).toMatch(/cancelled/);
    expect(runner.cancel(started.value.runId)).toBe(false);
  });

  test("refuses an unknown model before sending anything", () => {
    const runner = new TestRunner({ state: () => service.agentState() });
    const started = runner.start({ targets: [{ ref: "openrouter-groq/nope" }], prompt: "hi" }, () => undefined);
    expect(started).toMatchObject({ ok: false, error: { code: "not-found" } });
  });
});

describe("routingVerdict", () => {
  const endpoints = [{ providerName: "Amazon Bedrock", slug: "amazon-bedrock", quantization: null, contextLength: null, pricing: { prompt: null, completion: null }, uptime: null, status: null }];
  test("outside only, in ignore, or a non-first order provider with fallbacks off is flagged", () => {
    expect(routingVerdict({ only: ["anthropic"] }, "Amazon Bedrock", endpoints)).toMatchObject({ respected: false, note: expect.stringContaining("not in only") });
    expect(routingVerdict({ ignore: ["amazon-bedrock"] }, "Amazon Bedrock", endpoints).respected).toBe(false);
    expect(routingVerdict({ order: ["anthropic", "amazon-bedrock"], allow_fallbacks: false }, "Amazon Bedrock", endpoints).respected).toBe(false);
  });
  test("the catalog maps display names to slugs; fallbacks on makes a later provider fine", () => {
    expect(routingVerdict({ only: ["amazon-bedrock/fp8"] }, "Amazon Bedrock", endpoints).respected).toBe(true);
    expect(routingVerdict({ order: ["anthropic", "amazon-bedrock"] }, "Amazon Bedrock", null).respected).toBe(true);
    expect(routingVerdict({ quantizations: ["fp8"] }, "Amazon Bedrock", null).respected).toBeNull();
  });
});
