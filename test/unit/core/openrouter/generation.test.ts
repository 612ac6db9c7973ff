/**
 * OpenRouter's generation record against the fake over real HTTP: the lookup waits out the 404
 * OpenRouter answers until the record exists, gives up within its budget with a note that says
 * what to do, and reads the documented fields (provider, cost, latency, native tokens).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fetchGeneration, parseGeneration } from "../../../../src-main/core/openrouter/generation.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../../fake-openrouter/server.js";
import { DEFAULT_KEY } from "../../../fake-openrouter/table.js";

let fake: FakeOpenRouter;
beforeAll(async () => {
  fake = await startFakeOpenRouter();
});
afterAll(() => fake.close());

async function complete(): Promise<string> {
  const res = await fetch(`${fake.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEFAULT_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "moonshotai/kimi-k2", messages: [{ role: "user", content: "hi" }], provider: { only: ["together"] } }),
  });
  return ((await res.json()) as { id: string }).id;
}

describe("the generation record", () => {
  test("retries while OpenRouter answers 404, then reads provider, cost, times and native tokens", async () => {
    fake.configure({ generationReadyAfterMs: 400, firstTokenDelayMs: 30 });
    const id = await complete();
    const before = fake.requests.length;
    const found = await fetchGeneration({ baseUrl: fake.baseUrl, id, apiKey: DEFAULT_KEY, backoffMs: [100, 200, 400, 800] });
    expect(found).toMatchObject({ ok: true, generation: { id, provider: "Together", model: "moonshotai/kimi-k2", tokens: { prompt: 1, completion: 5, cached: 0, reasoning: 0 }, finishReason: "stop" } });
    const g = (found as { generation: { totalCost: number; latencyMs: number; generationTimeMs: number } }).generation;
    expect(g.totalCost).toBeGreaterThan(0);
    expect(g.latencyMs).toBeGreaterThanOrEqual(30);
    expect(g.generationTimeMs).toBeGreaterThanOrEqual(g.latencyMs);
    // At least one 404 was waited out before the record appeared.
    expect(fake.requests.length - before).toBeGreaterThan(1);
  });

  test("gives up within its budget and says what to do; a rejected key is named", async () => {
    fake.configure({ generationReadyAfterMs: 60_000 });
    const id = await complete();
    const started = Date.now();
    const late = await fetchGeneration({ baseUrl: fake.baseUrl, id, apiKey: DEFAULT_KEY, backoffMs: [50, 50] });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(late).toEqual({ ok: false, note: expect.stringMatching(/no record of generation .* after 0\.1 s; the verdict uses the stream's provider/) });
    fake.configure({ generationReadyAfterMs: 0 });
    const rejected = await fetchGeneration({ baseUrl: fake.baseUrl, id, apiKey: "sk-or-v1-wrong", backoffMs: [] });
    expect(rejected).toMatchObject({ ok: false, note: expect.stringContaining("refused the generation record (401)") });
    expect(JSON.stringify(rejected)).not.toContain("sk-or-v1-wrong");
  });

  test("an unreachable host ends at once with a note, not an exception", async () => {
    const gone = await startFakeOpenRouter();
    await gone.close();
    expect(await fetchGeneration({ baseUrl: gone.baseUrl, id: "gen-1", apiKey: DEFAULT_KEY })).toMatchObject({ ok: false, note: expect.stringContaining("could not be reached") });
    expect(parseGeneration({ nothing: true })).toBeNull();
  });
});
