/**
 * Routing warnings from the fake's own endpoint table, parsed as the app parses OpenRouter's
 * answer: each problem a user hits only at run time is named before, with its fix.
 */
import { describe, expect, test } from "vitest";
import { parseEndpoints } from "../../../../../src-main/core/openrouter/catalog.js";
import { routingWarnings } from "../../../../../src-main/core/common/openrouter/routing-warnings.js";
import { startFakeOpenRouter } from "../../../../fake-openrouter/server.js";

async function kimiEndpoints() {
  const fake = await startFakeOpenRouter();
  try {
    return parseEndpoints(await (await fetch(`${fake.baseUrl}/models/moonshotai/kimi-k2/endpoints`)).json());
  } finally {
    await fake.close();
  }
}

const kimi = { id: "moonshotai/kimi-k2", reasoning: false, contextWindow: 131072 };

describe("routing warnings", async () => {
  const endpoints = await kimiEndpoints();
  const kinds = (routing: Record<string, unknown>, model = kimi) => routingWarnings(routing, endpoints, model).map((w) => w.kind);

  test("a pinned provider without tools, and none when fallbacks may reach others", () => {
    expect(kinds({ only: ["groq"] })).toEqual(["no-tools"]);
    expect(kinds({ order: ["groq"], allow_fallbacks: false })).toEqual(["no-tools"]);
    expect(kinds({ order: ["groq"] })).toEqual([]);
  });

  test("context shorter than pi's contextWindow names the number to write", () => {
    const [warning] = routingWarnings({ only: ["deepinfra"] }, endpoints, kimi);
    expect(warning).toMatchObject({ kind: "short-context", message: expect.stringContaining("set contextWindow to 65536 in models.json") });
  });

  test("a reasoning model pinned to a provider without reasoning", () => {
    expect(kinds({ only: ["groq"] }, { ...kimi, reasoning: true })).toEqual(["no-tools", "no-reasoning"]);
  });

  test("routing that no endpoint satisfies, and a slug with its did-you-mean", () => {
    const [none] = routingWarnings({ only: ["groq", "together"], quantizations: ["fp4"] }, endpoints, kimi);
    expect(none).toMatchObject({ kind: "unsatisfiable", message: expect.stringContaining("Fix: relax quantizations or max_price") });
    expect(kinds({ only: ["novita"], max_price: { prompt: 0.1 } })).toEqual(["unsatisfiable"]);
    const [typo] = routingWarnings({ order: ["deepinfar"] }, endpoints, kimi);
    expect(typo).toMatchObject({ kind: "unknown-slug", message: expect.stringContaining('did you mean "deepinfra"? Its providers: novita, deepinfra, groq, together. Fix: write "deepinfra" in order.') });
  });
});
