/**
 * When a pinned model counts as degraded, and which endpoint it should be pinned to instead
 * (common/openrouter/endpoint-health.ts), on endpoint lists shaped like OpenRouter's.
 */
import { describe, expect, it } from "vitest";
import type { CatalogEndpoint } from "../../../../../src-main/core/common/index.js";
import { allowedEndpoints, pinnedHealth } from "../../../../../src-main/core/common/openrouter/endpoint-health.js";

const endpoint = (slug: string, fields: Partial<CatalogEndpoint> = {}): CatalogEndpoint => ({
  providerName: slug[0]!.toUpperCase() + slug.slice(1),
  slug,
  quantization: null,
  contextLength: 128000,
  pricing: { prompt: 1, completion: 2 },
  uptime: 99.5,
  status: 0,
  latencyMs: { p50: 800, p75: 1000, p90: 1300, p99: 2400 },
  supportedParameters: ["tools", "reasoning"],
  ...fields,
});
const thresholds = { minUptime: 95 };

describe("the endpoints a routing allows", () => {
  const list = [endpoint("groq"), endpoint("deepinfra/fp8"), endpoint("together")];

  it("are the `only` list's, matched by provider or tag and minus `ignore`", () => {
    expect(allowedEndpoints({ only: ["groq", "deepinfra"], ignore: ["groq"] }, list)!.map((e) => e.slug)).toEqual(["deepinfra/fp8"]);
  });

  it("are an `order` list's only without fallbacks; anything else lets OpenRouter choose", () => {
    expect(allowedEndpoints({ order: ["together"], allow_fallbacks: false }, list)!.map((e) => e.slug)).toEqual(["together"]);
    expect(allowedEndpoints({ order: ["together"] }, list)).toBeNull();
    expect(allowedEndpoints({ sort: "price" }, list)).toBeNull();
    expect(allowedEndpoints(null, list)).toBeNull();
  });
});

describe("a pinned model's health", () => {
  it("is degraded only when every allowed endpoint is, by uptime under the threshold or OpenRouter's status", () => {
    const list = [endpoint("groq", { uptime: 80 }), endpoint("together", { status: -2 }), endpoint("fireworks", { uptime: 99.9 })];
    const health = pinnedHealth({ only: ["groq", "together"] }, list, thresholds)!;
    expect(health.pinned.map((p) => [p.tag, p.degraded])).toEqual([
      ["groq", "80% uptime over 30 minutes (below 95%)"],
      ["together", "OpenRouter marks it degraded"],
    ]);
    expect(health.next).toMatchObject({ tag: "fireworks", uptime: 99.9 });
    // One healthy endpoint in the list: OpenRouter steers to it, nothing to say.
    expect(pinnedHealth({ only: ["groq", "fireworks"] }, list, thresholds)).toBeNull();
    // The user's threshold decides: at 75% groq is healthy.
    expect(pinnedHealth({ only: ["groq"] }, list, { minUptime: 75 })).toBeNull();
  });

  it("suggests the best healthy endpoint that takes tools when the pinned one did, and never an ignored one", () => {
    const list = [
      endpoint("groq", { uptime: 60 }),
      endpoint("cheap", { uptime: 99, pricing: { prompt: 0.1, completion: 0.2 }, supportedParameters: ["reasoning"] }),
      endpoint("slow", { uptime: 99, latencyMs: { p50: 3000, p75: 0, p90: 0, p99: 0 } }),
      endpoint("fast", { uptime: 99, latencyMs: { p50: 400, p75: 0, p90: 0, p99: 0 } }),
      endpoint("best", { uptime: 100 }),
      endpoint("down", { uptime: 100, status: -1 }),
    ];
    expect(pinnedHealth({ only: ["groq"], ignore: ["best"] }, list, thresholds)!.next!.tag).toBe("fast");
    expect(pinnedHealth({ only: ["groq"] }, list, thresholds)!.next!.tag).toBe("best");
  });

  it("has no next endpoint when none is healthy", () => {
    expect(pinnedHealth({ only: ["a"] }, [endpoint("a", { uptime: 10 }), endpoint("b", { uptime: 20 })], thresholds)).toMatchObject({ next: null });
  });
});
