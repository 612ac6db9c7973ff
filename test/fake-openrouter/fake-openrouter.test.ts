/**
 * The fake OpenRouter's own rules: the routing it applies to its endpoint table, its answers'
 * shapes (models, endpoints, key, generation, SSE with provider and usage) and its error shapes.
 * Other tests trust the fake, so the fake is tested against OpenRouter's documented behaviour.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { route } from "./routing.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "./server.js";
import { DEFAULT_KEY, defaultKeys, defaultTable } from "./table.js";

const kimi = defaultTable().find((m) => m.id === "moonshotai/kimi-k2")!.endpoints;
const served = (provider: unknown, params: string[] = []) => {
  const r = route(kimi, provider, params);
  return r.ok ? r.candidates.map((e) => e.slug) : r.error;
};

describe("routing rules", () => {
  test("default: cheapest first, every provider as fallback", () => {
    expect(served(undefined)).toEqual(["deepinfra", "novita", "groq", "together"]);
  });
  test("order puts the listed providers first, in that order, then the rest", () => {
    expect(served({ order: ["together", "groq"] })).toEqual(["together", "groq", "deepinfra", "novita"]);
  });
  test("order with allow_fallbacks false tries only the listed providers", () => {
    expect(served({ order: ["together", "groq"], allow_fallbacks: false })).toEqual(["together", "groq"]);
  });
  test("only restricts, ignore excludes, tags and case match", () => {
    expect(served({ only: ["Groq", "novita/fp8"] })).toEqual(["novita", "groq"]);
    expect(served({ ignore: ["deepinfra", "novita"] })).toEqual(["groq", "together"]);
  });
  test("quantizations, max_price, zdr, data_collection and require_parameters filter", () => {
    expect(served({ quantizations: ["fp8"] })).toEqual(["novita", "groq", "together"]);
    expect(served({ max_price: { prompt: 0.6, completion: 2.5 } })).toEqual(["deepinfra", "novita"]);
    expect(served({ zdr: true })).toEqual(["together"]);
    expect(served({ data_collection: "deny" })).toEqual(["novita", "groq", "together"]);
    expect(served({ require_parameters: true }, ["tools"])).toEqual(["deepinfra", "novita", "together"]);
  });
  test("sort by throughput or latency replaces price order", () => {
    expect(served({ sort: "throughput" })).toEqual(["groq", "together", "deepinfra", "novita"]);
    expect(served({ sort: { by: "latency" } })).toEqual(["groq", "together", "deepinfra", "novita"]);
  });
  test("nothing left: 404 with OpenRouter's wording", () => {
    expect(served({ only: ["bedrock"] })).toEqual({ status: 404, message: "No allowed providers are available for the selected model." });
    expect(served({ quantizations: ["int4"] })).toMatchObject({ status: 404 });
    expect(served({ only: ["deepinfra"], zdr: true })).toMatchObject({ status: 404, message: expect.stringContaining("data policy") });
  });
  test("malformed preferences: 400", () => {
    expect(served({ only: "groq" })).toMatchObject({ status: 400, message: expect.stringContaining('"only" must be an array') });
    expect(served({ allow_fallbacks: "no" })).toMatchObject({ status: 400 });
    expect(served({ sort: "cheapest" })).toMatchObject({ status: 400 });
    expect(served({ max_price: { prompt: "a lot" } })).toMatchObject({ status: 400 });
  });
});

describe("the server", () => {
  let fake: FakeOpenRouter;
  beforeAll(async () => {
    fake = await startFakeOpenRouter();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.configure({ keys: defaultKeys(), failing: {}, rateLimitRetryAfter: null, firstTokenDelayMs: 0, usageOnlyWhenAsked: false, creditsNeedManagementKey: false }));

  const auth = { authorization: `Bearer ${DEFAULT_KEY}`, "content-type": "application/json" };
  const chat = (body: unknown, headers: Record<string, string> = auth) => fetch(`${fake.baseUrl}/chat/completions`, { method: "POST", headers, body: JSON.stringify(body) });
  const messages = [{ role: "user", content: "hi" }];

  test("listens on loopback under a path that contains openrouter.ai", () => {
    expect(fake.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openrouter\.ai\/api\/v1$/);
  });

  test("/models and /models/:author/:slug/endpoints in OpenRouter's shape", async () => {
    const models = (await (await fetch(`${fake.baseUrl}/models`)).json()) as { data: { id: string; pricing: { prompt: string } }[] };
    expect(models.data.map((m) => m.id)).toContain("moonshotai/kimi-k2");
    expect(typeof models.data[0]!.pricing.prompt).toBe("string");
    const res = await fetch(`${fake.baseUrl}/models/moonshotai/kimi-k2/endpoints`);
    const body = (await res.json()) as { data: { endpoints: Record<string, unknown>[] } };
    expect(body.data.endpoints[0]).toMatchObject({ provider_name: "Novita", tag: "novita/fp8", quantization: "fp8", pricing: { prompt: "0.00000057" }, uptime_last_30m: 99.5 });
    // PublicEndpoint: percentiles over 30 minutes (latency in ms to first token, throughput in tokens/s), cache prices, parameters.
    expect(body.data.endpoints[0]).toMatchObject({ max_completion_tokens: 16384, status: 0, latency_last_30m: { p50: 900, p99: 2700 }, throughput_last_30m: { p50: 30 }, supported_parameters: expect.arrayContaining(["tools"]) });
    const groq = body.data.endpoints.find((e) => e.provider_name === "Groq")!;
    expect(groq.supported_parameters).not.toContain("tools");
    const sonnet = (await (await fetch(`${fake.baseUrl}/models/anthropic/claude-sonnet-4/endpoints`)).json()) as typeof body;
    expect(sonnet.data.endpoints[0]).toMatchObject({ pricing: { input_cache_read: "0.0000003", input_cache_write: "0.00000375" }, uptime_last_5m: 100, uptime_last_1d: 99.7 });
    const missing = await fetch(`${fake.baseUrl}/models/nobody/nothing/endpoints`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 404, message: "Model not found" } });
  });

  test("/key answers for a known key and 401 otherwise", async () => {
    const ok = (await (await fetch(`${fake.baseUrl}/key`, { headers: auth })).json()) as { data: Record<string, unknown> };
    expect(ok.data).toMatchObject({ label: "sk-or-v1-fak...def", limit: null, usage: 1.25, is_free_tier: false });
    const bad = await fetch(`${fake.baseUrl}/key`, { headers: { authorization: "Bearer nope" } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: { code: 401, message: "User not found." } });
    expect(ok.data).toMatchObject({ limit_reset: null, usage_daily: 1.25, usage_weekly: 1.25, usage_monthly: 1.25 });
  });

  test("/credits: the account's totals; 403 for a non-management key when so configured; 401 and 429", async () => {
    const ok = (await (await fetch(`${fake.baseUrl}/credits`, { headers: auth })).json()) as { data: Record<string, unknown> };
    expect(ok.data).toEqual({ total_credits: 11.25, total_usage: 1.25 });
    expect((await fetch(`${fake.baseUrl}/credits`, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    fake.configure({ creditsNeedManagementKey: true });
    const forbidden = await fetch(`${fake.baseUrl}/credits`, { headers: auth });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: { code: 403, message: "Only management keys can perform this operation" } });
    fake.configure({ creditsNeedManagementKey: false, rateLimitRetryAfter: 3 });
    const limited = await fetch(`${fake.baseUrl}/key`, { headers: auth });
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "3"]);
  });

  test("streams chunks with provider and model, usage with cost last, then [DONE]; /generation knows it", async () => {
    const res = await chat({ model: "moonshotai/kimi-k2", messages, stream: true, provider: { only: ["groq"] } });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const text = await res.text();
    expect(text.startsWith(": OPENROUTER PROCESSING")).toBe(true);
    const events = text.split("\n\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6));
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as { id: string; provider: string; model: string; usage?: { cost: number; prompt_tokens: number } });
    expect(new Set(chunks.map((c) => c.provider))).toEqual(new Set(["Groq"]));
    expect(chunks.every((c) => c.model === "moonshotai/kimi-k2")).toBe(true);
    const last = chunks.at(-1)!;
    expect(last.usage!.cost).toBeGreaterThan(0);
    const gen = (await (await fetch(`${fake.baseUrl}/generation?id=${last.id}`, { headers: auth })).json()) as { data: Record<string, unknown> };
    expect(gen.data).toMatchObject({ provider_name: "Groq", total_cost: last.usage!.cost, streamed: true });
    expect(fake.requests.at(-2)!.body).toMatchObject({ provider: { only: ["groq"] } });
  });

  test("JSON when not streaming; usage only when asked in the older mode", async () => {
    fake.configure({ usageOnlyWhenAsked: true });
    const plain = (await (await chat({ model: "openai/gpt-4o-mini", messages })).json()) as Record<string, unknown>;
    expect(plain).toMatchObject({ object: "chat.completion", provider: "OpenAI" });
    expect(plain.usage).toBeUndefined();
    const asked = (await (await chat({ model: "openai/gpt-4o-mini", messages, usage: { include: true } })).json()) as { usage: { cost: number } };
    expect(asked.usage.cost).toBeGreaterThan(0);
  });

  test("a failing provider falls back to the next one, unless fallbacks are off", async () => {
    fake.configure({ failing: { together: 503 } });
    const fallback = await chat({ model: "moonshotai/kimi-k2", messages, provider: { order: ["together", "groq"] } });
    expect(((await fallback.json()) as { provider: string }).provider).toBe("Groq");
    const pinned = await chat({ model: "moonshotai/kimi-k2", messages, provider: { order: ["together"], allow_fallbacks: false } });
    expect(pinned.status).toBe(503);
    expect(await pinned.json()).toMatchObject({ error: { code: 503, message: "Provider returned error", metadata: { provider_name: "Together" } } });
  });

  test("error statuses and shapes: 400, 401, 402, 404, 429", async () => {
    const cases: [Response, number][] = [
      [await chat({ model: "moonshotai/kimi-k2", messages, provider: { only: "groq" } }), 400],
      [await chat({ model: "nobody/nothing", messages }), 400],
      [await chat({ model: "moonshotai/kimi-k2", messages }, { "content-type": "application/json" }), 401],
      [await chat({ model: "moonshotai/kimi-k2", messages, provider: { only: ["bedrock"] } }), 404],
    ];
    fake.configure({ keys: [{ ...defaultKeys()[0]!, credits: 0 }] });
    cases.push([await chat({ model: "moonshotai/kimi-k2", messages }), 402]);
    fake.configure({ keys: defaultKeys(), rateLimitRetryAfter: 7 });
    const limited = await chat({ model: "moonshotai/kimi-k2", messages });
    expect(limited.headers.get("retry-after")).toBe("7");
    cases.push([limited, 429]);
    for (const [res, status] of cases) {
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { code: number; message: string } };
      expect(body.error.code).toBe(status);
      expect(body.error.message.length).toBeGreaterThan(5);
    }
  });
});

/** Anthropic's server-sent events as a list of [event name, parsed data]. */
function parseSse(text: string): [string, Record<string, unknown>][] {
  return text
    .split("\n\n")
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "";
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? "{}";
      return [event, JSON.parse(data) as Record<string, unknown>];
    });
}

describe("the Messages API (OpenRouter's Anthropic-compatible endpoint)", () => {
  let fake: FakeOpenRouter;
  beforeAll(async () => {
    fake = await startFakeOpenRouter();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.configure({ keys: defaultKeys(), failing: {}, rateLimitRetryAfter: null }));
  const post = (body: unknown, headers: Record<string, string>) => fetch(`${fake.baseUrl}/messages`, { method: "POST", headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", ...headers }, body: JSON.stringify(body) });
  const claude = { model: "anthropic/claude-sonnet-4", max_tokens: 1024, messages: [{ role: "user", content: "hi" }] };

  test("streams Anthropic's events; message_start names the serving provider, message_delta carries OpenRouter's cost; the id is a generation id", async () => {
    const res = await post({ ...claude, stream: true }, { "x-api-key": DEFAULT_KEY });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const events = parseSse(await res.text());
    expect(events.map(([name]) => name)).toEqual(["message_start", "content_block_start", "ping", ...Array(5).fill("content_block_delta"), "content_block_stop", "message_delta", "message_stop"]);
    for (const [name, data] of events) expect(data.type).toBe(name);
    const start = events[0]![1].message as { id: string; provider: string; model: string; usage: { input_tokens: number; output_tokens: number } };
    expect(start).toMatchObject({ provider: "Anthropic", model: "anthropic/claude-sonnet-4", usage: { input_tokens: 1, output_tokens: 0 } });
    const text = events.filter(([name]) => name === "content_block_delta").map(([, d]) => (d.delta as { text: string }).text).join("");
    expect(text).toBe("Hello from Anthropic. Routing works.");
    const delta = events.find(([name]) => name === "message_delta")![1] as { delta: { stop_reason: string }; usage: { output_tokens: number; cost: number; is_byok: boolean } };
    expect(delta.delta.stop_reason).toBe("end_turn");
    expect(delta.usage).toMatchObject({ output_tokens: 5, cost: (1 * 3 + 5 * 15) / 1e6, is_byok: false });
    const record = await fetch(`${fake.baseUrl}/generation?id=${start.id}`, { headers: { authorization: `Bearer ${DEFAULT_KEY}` } });
    expect(record.status).toBe(200);
    expect(((await record.json()) as { data: { provider_name: string } }).data.provider_name).toBe("Anthropic");
  });

  test("takes the key as x-api-key (Anthropic's SDK) or as a bearer token (OpenRouter's docs), and answers one JSON message without stream", async () => {
    const res = await post(claude, { authorization: `Bearer ${DEFAULT_KEY}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ type: "message", role: "assistant", provider: "Anthropic", content: [{ type: "text", text: "Hello from Anthropic. Routing works." }], stop_reason: "end_turn", usage: { input_tokens: 1, output_tokens: 5 } });
  });

  test("honours OpenRouter's provider routing when a request carries it", async () => {
    const res = await post({ ...claude, provider: { only: ["google-vertex"] } }, { "x-api-key": DEFAULT_KEY });
    expect(((await res.json()) as { provider: string }).provider).toBe("Google Vertex");
  });

  test("errors come in Anthropic's shape with OpenRouter's status: 400, 401, 402, 404, 429", async () => {
    const cases: [Response, number, string][] = [
      [await post({ ...claude, messages: [] }, { "x-api-key": DEFAULT_KEY }), 400, "invalid_request_error"],
      [await post({ ...claude, max_tokens: 0 }, { "x-api-key": DEFAULT_KEY }), 400, "invalid_request_error"],
      [await post(claude, {}), 401, "authentication_error"],
      [await post(claude, { "x-api-key": "sk-or-v1-wrong" }), 401, "authentication_error"],
      [await post({ ...claude, provider: { only: ["bedrock"] } }, { "x-api-key": DEFAULT_KEY }), 404, "not_found_error"],
    ];
    fake.configure({ keys: [{ ...defaultKeys()[0]!, credits: 0 }] });
    cases.push([await post(claude, { "x-api-key": DEFAULT_KEY }), 402, "billing_error"]);
    fake.configure({ keys: defaultKeys(), rateLimitRetryAfter: 3 });
    const limited = await post(claude, { "x-api-key": DEFAULT_KEY });
    expect(limited.headers.get("retry-after")).toBe("3");
    cases.push([limited, 429, "rate_limit_error"]);
    for (const [res, status, type] of cases) {
      expect(res.status).toBe(status);
      const body = (await res.json()) as { type: string; error: { type: string; message: string } };
      expect(body.type).toBe("error");
      expect(body.error.type).toBe(type);
      expect(body.error.message.length).toBeGreaterThan(5);
    }
  });
});
