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
