/**
 * Flagging provider slugs that match no endpoint of the model, with the slug the user meant.
 */
import { describe, expect, test } from "vitest";
import type { CatalogEndpoint } from "../../../../../src-main/core/common/index.js";
import { checkModelsRouting, checkRoutingSlugs } from "../../../../../src-main/core/common/openrouter/slug-check.js";

const ep = (providerName: string, slug: string): CatalogEndpoint => ({ providerName, slug, quantization: null, contextLength: null, pricing: { prompt: null, completion: null }, uptime: null, status: null });
const endpoints = [ep("Anthropic", "anthropic"), ep("Amazon Bedrock", "amazon-bedrock"), ep("Google Vertex", "google-vertex"), ep("DeepInfra", "deepinfra/fp8")];
const check = (routing: Record<string, unknown>) => checkRoutingSlugs(routing, endpoints, "anthropic/claude-sonnet-4");

describe("checkRoutingSlugs", () => {
  test("slugs, tags and provider slugs of tags pass, case-insensitively", () => {
    expect(check({ only: ["anthropic", "Amazon-Bedrock"], order: ["deepinfra", "deepinfra/fp8"], ignore: ["google-vertex"] })).toEqual([]);
  });
  test("a partial slug: bedrock → amazon-bedrock", () => {
    expect(check({ only: ["bedrock"] })).toEqual([
      { field: "only", slug: "bedrock", suggestion: "amazon-bedrock", message: expect.stringContaining('did you mean "amazon-bedrock"') },
    ]);
  });
  test("a display name instead of a slug", () => {
    expect(check({ order: ["Amazon Bedrock", "Google Vertex"] }).map((p) => p.suggestion)).toEqual(["amazon-bedrock", "google-vertex"]);
  });
  test("a typo", () => {
    expect(check({ ignore: ["antropic"] })[0]).toMatchObject({ field: "ignore", suggestion: "anthropic" });
  });
  test("no guess for a provider the model does not have; the message lists the ones it has", () => {
    const [problem] = check({ only: ["groq"] });
    expect(problem!.suggestion).toBeNull();
    expect(problem!.message).toBe('"groq" in only matches no provider of anthropic/claude-sonnet-4. Its providers: anthropic, amazon-bedrock, google-vertex, deepinfra.');
  });
  test("no routing, or lists that are not lists, yield nothing", () => {
    expect(checkRoutingSlugs(null, endpoints, "m")).toEqual([]);
    expect(check({ only: "bedrock" })).toEqual([]);
  });
});

describe("checkModelsRouting", () => {
  test("checks routed OpenRouter models only, and says when the catalog has no providers for one", async () => {
    const models = [
      { provider: "openrouter-bedrock", id: "anthropic/claude-sonnet-4", openRouter: true, routing: { only: ["bedrock"] } },
      { provider: "openrouter-ok", id: "anthropic/claude-sonnet-4", openRouter: true, routing: { order: ["anthropic"] } },
      { provider: "openrouter-sort", id: "anthropic/claude-sonnet-4", openRouter: true, routing: { sort: "price" } },
      { provider: "openrouter-new", id: "new/model", openRouter: true, routing: { only: ["x"] } },
      { provider: "openai", id: "gpt-4o", openRouter: false, routing: null },
    ];
    const reports = await checkModelsRouting(models, async (id) => (id === "anthropic/claude-sonnet-4" ? endpoints : null));
    expect(reports.map((r) => [r.ref, r.problems?.map((p) => p.suggestion) ?? null])).toEqual([
      ["openrouter-bedrock/anthropic/claude-sonnet-4", ["amazon-bedrock"]],
      ["openrouter-ok/anthropic/claude-sonnet-4", []],
      ["openrouter-new/new/model", null],
    ]);
  });
});
