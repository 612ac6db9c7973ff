/**
 * Test prompts for models on anthropic-messages (OpenRouter's Claude models in pi ≥ 0.87), under
 * pi 1.6.0's rules, against the fake OpenRouter's Messages API over real HTTP: the request is the
 * one pi sends (x-api-key, anthropic-version, no `provider` object), the answer reports who served
 * it, timings, tokens and cost, routing that pi leaves out is called not honoured, and OpenRouter's
 * errors in Anthropic's shape become messages that say what to change — without the key.
 */
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { TestResult } from "../../../../src-main/core/common/index.js";
import { messagesUrl } from "../../../../src-main/core/openrouter/messages-request.js";
import { runTestPrompt, TestRunner } from "../../../../src-main/core/openrouter/test-prompt.js";
import type { SwitchboardService } from "../../../../src-main/core/service.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../../fake-openrouter/server.js";
import { DEFAULT_KEY, defaultKeys } from "../../../fake-openrouter/table.js";
import { openAgentDir } from "./agent-dir.js";

const PI_1_6 = join(process.cwd(), ".pis", "pi-1.6.0", "node_modules", "@earendil-works", "pi-coding-agent");
const BAD_KEY = "sk-or-v1-not-a-real-key-987654";
let fake: FakeOpenRouter;
let service: SwitchboardService;
/** The fake's API root without /v1: what pi's built-in `https://openrouter.ai/api` is to OpenRouter. */
let anthropicBase: string;

/** A virtual provider on anthropic-messages, the way pi 1.6.0 declares OpenRouter's Claude models. */
const claudeProvider = (apiKey: string, routing?: Record<string, unknown>, headers?: Record<string, string>) => ({
  baseUrl: anthropicBase,
  api: "anthropic-messages",
  apiKey,
  ...(headers ? { headers } : {}),
  models: [{ id: "anthropic/claude-sonnet-4", maxTokens: 64000, ...(routing ? { compat: { openRouterRouting: routing } } : {}) }],
});

beforeAll(async () => {
  fake = await startFakeOpenRouter();
  anthropicBase = fake.baseUrl.replace(/\/v1$/, "");
  service = await openAgentDir(
    {
      models: {
        providers: {
          "openrouter-claude": claudeProvider(DEFAULT_KEY, { only: ["anthropic"], allow_fallbacks: false }, { "X-Title": "pi" }),
          "openrouter-claude-open": claudeProvider(DEFAULT_KEY),
          "openrouter-claude-badkey": claudeProvider(BAD_KEY),
        },
      },
    },
    { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl, PI_SWITCHBOARD_PI: PI_1_6 },
  );
});
afterAll(async () => {
  service.close();
  await fake.close();
});
beforeEach(() => fake.configure({ keys: defaultKeys(), failing: {}, rateLimitRetryAfter: null, firstTokenDelayMs: 0 }));

const run = (ref: string, extra: Partial<Parameters<typeof runTestPrompt>[0]> = {}) => runTestPrompt({ state: service.agentState(), target: { ref }, prompt: "Say hi", ...extra });
const lastMessages = () => fake.requests.filter((r) => r.path.endsWith("/messages")).at(-1)!;
const leaksKey = (value: unknown) => JSON.stringify(value).includes(DEFAULT_KEY) || JSON.stringify(value).includes(BAD_KEY);

test("the detected pi is 1.6.0, whose rules these tests assume", () => {
  expect(service.snapshot().pi.version).toBe("1.6.0");
  expect(service.snapshot().models.find((m) => m.provider === "openrouter-claude")?.api).toBe("anthropic-messages");
});

describe("a Claude model on anthropic-messages", () => {
  test("is sent the request pi sends: POST …/v1/messages, x-api-key, anthropic-version, the model's headers, no provider object", async () => {
    const result = await run("openrouter-claude/anthropic/claude-sonnet-4");
    expect(result.error).toBeNull();
    const sent = lastMessages();
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe(new URL(`${anthropicBase}/v1/messages`).pathname);
    expect(sent.headers["x-api-key"]).toBe(DEFAULT_KEY);
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent.headers["x-title"]).toBe("pi");
    expect(sent.body).toEqual({ model: "anthropic/claude-sonnet-4", max_tokens: 64000, messages: [{ role: "user", content: "Say hi" }], stream: true });
    // A model that does not think: pi clamps every level to off, and the result says so.
    expect(result.request).toEqual({ url: `${anthropicBase}/v1/messages`, model: "anthropic/claude-sonnet-4", provider: null, thinkingLevel: "off" });
  });

  test("reports who served it, timings, tokens, cost and OpenRouter's record of the generation", async () => {
    const deltas: string[] = [];
    const result = await run("openrouter-claude-open/anthropic/claude-sonnet-4", { onDelta: (t) => deltas.push(t) });
    expect(result.error).toBeNull();
    expect(result.servedBy).toBe("Anthropic");
    expect(result.model).toBe("anthropic/claude-sonnet-4");
    expect(result.text).toBe("Hello from Anthropic. Routing works.");
    expect(deltas.join("")).toBe(result.text);
    expect(result.ttftMs).toBeGreaterThanOrEqual(0);
    expect(result.totalMs).toBeGreaterThanOrEqual(result.ttftMs!);
    expect(result.usage).toEqual({ promptTokens: 2, completionTokens: 5, totalTokens: 7 });
    expect(result.cost).toBeCloseTo((2 * 3 + 5 * 15) / 1e6, 12);
    expect(result.generation).toMatchObject({ provider: "Anthropic", model: "anthropic/claude-sonnet-4", tokens: { prompt: 2, completion: 5 } });
    expect(result.generation!.id).toMatch(/^gen-/);
    expect(result.generationNote).toBeNull();
    // No routing in models.json: nothing to honour.
    expect(result.routingRespected).toBeNull();
    expect(result.routingNote).toBeNull();
    expect(fake.requests.some((r) => r.path === `${new URL(fake.baseUrl).pathname}/generation?id=${result.generation!.id}`)).toBe(true);
    expect(leaksKey(result)).toBe(false);
  });

  test("routing in models.json that pi does not send is not honoured, and the note says why and what to do", async () => {
    fake.configure({ failing: { anthropic: 503 } });
    const result = await run("openrouter-claude/anthropic/claude-sonnet-4");
    expect(result.error).toBeNull();
    expect(lastMessages().body).not.toHaveProperty("provider");
    expect(result.servedBy).toBe("Amazon Bedrock");
    expect(result.routingRespected).toBe(false);
    expect(result.routingNote).toMatch(/^pi sends no routing for anthropic-messages: this model's openRouterRouting \(only, allow_fallbacks\) was not sent/);
    expect(result.routingNote).toContain("Amazon Bedrock served it");
    expect(result.routingNote).toContain("Switch the model to openai-completions");
  });

  test("even when the provider it asks for happens to serve, the routing counts as not honoured: nothing holds OpenRouter to it", async () => {
    const result = await run("openrouter-claude/anthropic/claude-sonnet-4");
    expect(result.servedBy).toBe("Anthropic");
    expect(result.routingRespected).toBe(false);
    expect(result.routingNote).toContain("which the routing happens to allow, but nothing holds OpenRouter to it");
  });

  test("a comparison pinned to one provider sends OpenRouter's pin, which its Messages API honours", async () => {
    const runner = new TestRunner({ state: () => service.agentState() });
    const results: TestResult[] = [];
    await new Promise<void>((resolve) => {
      const started = runner.start({ targets: [{ ref: "openrouter-claude-open/anthropic/claude-sonnet-4", provider: "google-vertex" }], prompt: "hi" }, (e) => {
        if (e.type === "done") results.push(e.result);
        if (e.type === "finished") resolve();
      });
      if (!started.ok) throw new Error(started.error.message);
    });
    expect(results[0]!.error).toBeNull();
    expect(lastMessages().body).toMatchObject({ provider: { only: ["google-vertex"], order: ["google-vertex"], allow_fallbacks: false } });
    expect(results[0]!.servedBy).toBe("Google Vertex");
    expect(results[0]!.routingRespected).toBe(true);
  });

  test("pi's built-in baseUrl https://openrouter.ai/api makes the request OpenRouter's documented endpoint", () => {
    expect(messagesUrl("https://openrouter.ai/api")).toBe("https://openrouter.ai/api/v1/messages");
    expect(messagesUrl("https://openrouter.ai/api/")).toBe("https://openrouter.ai/api/v1/messages");
  });
});

describe("OpenRouter's Messages API errors become messages that say what to change", () => {
  const expectError = (result: TestResult, status: number | null, message: RegExp, hint: RegExp) => {
    expect(result.error).not.toBeNull();
    expect(result.error!.status).toBe(status);
    expect(result.error!.message).toMatch(message);
    expect(result.error!.hint).toMatch(hint);
    expect(leaksKey(result)).toBe(false);
  };

  test("401: a rejected key, with OpenRouter's words and where the key came from", async () => {
    expectError(await run("openrouter-claude-badkey/anthropic/claude-sonnet-4"), 401, /rejected the key .*\(401\)\. OpenRouter said: "User not found\."/, /models\.json/);
  });
  test("402: no credits", async () => {
    fake.configure({ keys: [{ ...defaultKeys()[0]!, credits: 0 }] });
    expectError(await run("openrouter-claude/anthropic/claude-sonnet-4"), 402, /no credits/, /settings\/credits/);
  });
  test("429: rate limited, with Retry-After", async () => {
    fake.configure({ rateLimitRetryAfter: 7 });
    expectError(await run("openrouter-claude/anthropic/claude-sonnet-4"), 429, /Rate limited/, /Wait 7 s/);
  });
  test("5xx: every provider failed", async () => {
    fake.configure({ failing: { anthropic: 502, "amazon-bedrock": 502, "google-vertex": 502 } });
    expectError(await run("openrouter-claude-open/anthropic/claude-sonnet-4"), 502, /failed \(502\)/, /fall back/);
  });
  test("timeout while the provider prepares the answer", async () => {
    fake.configure({ firstTokenDelayMs: 20_000 });
    expectError(await run("openrouter-claude/anthropic/claude-sonnet-4", { timeoutMs: 800 }), null, /within 800 ms/, /timeout/);
  });
  test("unreachable host", async () => {
    const closed = await startFakeOpenRouter();
    await closed.close();
    const base = closed.baseUrl.replace(/\/v1$/, "");
    const svc = await openAgentDir(
      { models: { providers: { "openrouter-gone": { ...claudeProvider(DEFAULT_KEY), baseUrl: base } } } },
      { PI_SWITCHBOARD_OPENROUTER_URL: closed.baseUrl, PI_SWITCHBOARD_PI: PI_1_6 },
    );
    expectError(await runTestPrompt({ state: svc.agentState(), target: { ref: "openrouter-gone/anthropic/claude-sonnet-4" }, prompt: "hi" }), null, /Could not reach .*ECONNREFUSED/, /baseUrl/);
    svc.close();
  });
});

describe("a host that sends without end", () => {
  test("a line that never ends and a huge error body stop the test with a message instead of growing the app", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      req.resume();
      if (req.headers["x-api-key"] === "sk-huge-error") {
        res.writeHead(500, { "content-type": "application/json" });
        const chunk = "x".repeat(64 * 1024);
        const write = () => (res.destroyed ? undefined : res.write(chunk) ? setImmediate(write) : res.once("drain", write));
        write();
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      const chunk = "data: " + "y".repeat(64 * 1024);
      const write = () => (res.destroyed ? undefined : res.write(chunk) ? setImmediate(write) : res.once("drain", write));
      write();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const endless = await openAgentDir(
      { models: { providers: { "openrouter-endless": { ...claudeProvider("sk-endless"), baseUrl: `${origin}/api` }, "openrouter-huge": { ...claudeProvider("sk-huge-error"), baseUrl: `${origin}/api` } } } },
      { PI_SWITCHBOARD_OPENROUTER_URL: origin, PI_SWITCHBOARD_PI: PI_1_6 },
    );
    try {
      const before = process.memoryUsage().rss;
      const stream = await runTestPrompt({ state: endless.agentState(), target: { ref: "openrouter-endless/anthropic/claude-sonnet-4" }, prompt: "hi", timeoutMs: 30_000 });
      expect(stream.error?.message).toMatch(/a line of over 1 MiB without an end/);
      const huge = await runTestPrompt({ state: endless.agentState(), target: { ref: "openrouter-huge/anthropic/claude-sonnet-4" }, prompt: "hi", timeoutMs: 30_000 });
      expect(huge.error?.status).toBe(500);
      expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    } finally {
      endless.close();
      server.closeAllConnections();
      server.close();
    }
  });
});
