import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import { describe, expect, it } from "vitest";
import { isOpenRouter, levelRoutings, mergeCompat, requestRouting, routingBadges } from "../../../../src-main/core/pi/routing.js";

describe("isOpenRouter", () => {
  it("is the openrouter provider or any baseUrl on openrouter.ai", () => {
    expect(isOpenRouter("openrouter", undefined)).toBe(true);
    expect(isOpenRouter("openrouter-bedrock", "https://openrouter.ai/api/v1")).toBe(true);
    expect(isOpenRouter("openrouter-bedrock", "https://proxy.example.com/v1")).toBe(false);
    expect(isOpenRouter("mine", undefined)).toBe(false);
  });
});

describe("mergeCompat (pi 0.73)", () => {
  it("returns the base untouched when there is no override", () => {
    const base = { openRouterRouting: { only: ["a"] } };
    expect(mergeCompat(base, undefined)).toBe(base);
  });

  it("merges routing one level deep: model keys win, provider keys stay, provider keys first", () => {
    const merged = mergeCompat(
      { supportsStore: false, openRouterRouting: { order: ["a", "b"], allow_fallbacks: false } },
      { openRouterRouting: { order: ["c"], zdr: true } },
    );
    expect(merged).toEqual({ supportsStore: false, openRouterRouting: { order: ["c"], allow_fallbacks: false, zdr: true } });
    expect(Object.keys(merged!.openRouterRouting as object)).toEqual(["order", "allow_fallbacks", "zdr"]);
  });

  it("replaces other compat keys shallowly, nested objects included", () => {
    expect(mergeCompat({ thinkingFormat: "openai", x: { a: 1 } }, { x: { b: 2 } })).toEqual({ thinkingFormat: "openai", x: { b: 2 } });
  });

  it("keeps the provider routing when the model routing is null, as pi's spread does", () => {
    expect(mergeCompat({ openRouterRouting: { only: ["a"] } }, { openRouterRouting: null })).toEqual({ openRouterRouting: { only: ["a"] } });
    expect(mergeCompat(undefined, { openRouterRouting: null })).toEqual({ openRouterRouting: null });
  });

  it("spreads a routing string into indexed characters, as pi does", () => {
    expect(mergeCompat(undefined, { openRouterRouting: "ab" })).toEqual({ openRouterRouting: { 0: "a", 1: "b" } });
  });

  it("merges vercelGatewayRouting the same way", () => {
    expect(mergeCompat({ vercelGatewayRouting: { only: ["x"] } }, { vercelGatewayRouting: { order: ["y"] } })).toEqual({ vercelGatewayRouting: { only: ["x"], order: ["y"] } });
  });
});

const PI_073 = rulesFor("0.73.1");

describe("requestRouting: the provider field pi sends", () => {
  const routing = { only: ["amazon-bedrock"] };
  const model = { api: "openai-completions", baseUrl: "https://openrouter.ai/api/v1", compat: { openRouterRouting: routing } };

  it("is the merged routing object itself, for openai-completions on openrouter.ai", () => {
    expect(requestRouting(model, PI_073)).toBe(routing);
  });

  it("is sent even when empty", () => {
    expect(requestRouting({ ...model, compat: { openRouterRouting: {} } }, PI_073)).toEqual({});
  });

  it("is null for another api, another host, no routing or a null routing", () => {
    expect(requestRouting({ ...model, api: "anthropic-messages" }, PI_073)).toBeNull();
    expect(requestRouting({ ...model, baseUrl: "https://proxy.example.com/v1" }, PI_073)).toBeNull();
    expect(requestRouting({ ...model, compat: undefined }, PI_073)).toBeNull();
    expect(requestRouting({ ...model, compat: { openRouterRouting: null } }, PI_073)).toBeNull();
  });

  it("follows the baseUrl, not the provider name (pi checks the URL only)", () => {
    expect(requestRouting({ ...model, baseUrl: "http://127.0.0.1:9/openrouter.ai/api/v1" }, PI_073)).toBe(routing);
  });
});

describe("routingBadges", () => {
  const labels = (r: Record<string, unknown> | null) => routingBadges(r).map((b) => `${b.kind}:${b.label}`);

  it("shows nothing without routing", () => {
    expect(routingBadges(null)).toEqual([]);
    expect(routingBadges({})).toEqual([]);
  });

  it("pins the providers of only, and says when fallbacks are off", () => {
    expect(labels({ only: ["amazon-bedrock", "anthropic"], allow_fallbacks: false })).toEqual(["pin:amazon-bedrock", "pin:anthropic", "fallbacks:no fallbacks"]);
  });

  it("treats order with fallbacks off as a pin, and order alone as a preference", () => {
    expect(labels({ order: ["novita"], allow_fallbacks: false })).toEqual(["pin:novita", "fallbacks:no fallbacks"]);
    expect(labels({ order: ["a", "b"] })).toEqual(["order:order: a › b"]);
  });

  it("pins a provider given as a string (pi sends it, the badge shows what it means)", () => {
    expect(labels({ only: "groq" })).toEqual(["pin:groq"]);
  });

  it("summarises the other constraints in short form", () => {
    expect(
      labels({
        ignore: ["azure"],
        quantizations: ["fp8"],
        zdr: true,
        data_collection: "deny",
        enforce_distillable_text: true,
        require_parameters: true,
        max_price: { prompt: 1, completion: "2.5" },
        sort: { by: "throughput" },
        preferred_min_throughput: { p90: 20 },
        preferred_max_latency: 2,
      }),
    ).toEqual([
      "ignore:−azure",
      "quantization:fp8",
      "privacy:zdr",
      "privacy:no data collection",
      "privacy:distillable",
      "parameters:all params",
      "price:max prompt ≤ $1, completion ≤ $2.5",
      "sort:sort: throughput",
      "performance:≥ p90 20 tok/s",
      "performance:≤ 2 s",
    ]);
  });

  it("gives every badge a tooltip", () => {
    for (const badge of routingBadges({ only: ["a"], sort: "price", zdr: true })) expect(badge.title.length).toBeGreaterThan(5);
  });
});

describe("requestRouting under pi 1.x: any openai-completions model, samplingParams last", () => {
  const PI_1X = rulesFor("1.6.0");
  const routing = { only: ["amazon-bedrock"] };
  const proxy = { api: "openai-completions", baseUrl: "https://proxy.example.com/v1", compat: { openRouterRouting: routing } };

  it("sends routing whatever the baseUrl (0.78.1), but never on anthropic-messages", () => {
    expect(requestRouting(proxy, PI_1X)).toBe(routing);
    expect(requestRouting({ ...proxy, api: "anthropic-messages" }, PI_1X)).toBeNull();
  });

  it("lets a provider key in samplingParams replace the routing, and per-level params win over the model's", () => {
    expect(requestRouting({ ...proxy, samplingParams: { provider: { order: ["groq"] } } }, PI_1X)).toEqual({ order: ["groq"] });
    const byLevel = { ...proxy, reasoning: true, samplingParams: { provider: { order: ["a"] } }, samplingParamsByThinkingLevel: { high: { provider: { order: ["b"] } } } };
    expect(requestRouting(byLevel, PI_1X, "high")).toEqual({ order: ["b"] });
    expect(requestRouting(byLevel, PI_1X, "low")).toEqual({ order: ["a"] });
    expect(requestRouting({ ...byLevel, reasoning: false }, PI_1X, "high")).toEqual({ order: ["a"] });
  });

  it("ignores samplingParams for a pi that does not have them", () => {
    expect(requestRouting({ ...proxy, baseUrl: "https://openrouter.ai/api/v1", samplingParams: { provider: { order: ["groq"] } } }, PI_073)).toBe(routing);
  });
});

describe("routing per thinking level (samplingParamsByThinkingLevel, pi 1.0.2)", () => {
  const PI_1X = rulesFor("1.6.0");
  const routing = { only: ["amazon-bedrock"], allow_fallbacks: false };
  const model = { api: "openai-completions", baseUrl: "https://openrouter.ai/api/v1", reasoning: true, compat: { openRouterRouting: routing } };

  it("a level's provider replaces the model's routing whole, with nothing of openRouterRouting merged in", () => {
    const m = { ...model, samplingParamsByThinkingLevel: { high: { provider: { order: ["groq"] }, temperature: 0.2 } } };
    expect(requestRouting(m, PI_1X, "high")).toEqual({ order: ["groq"] });
    expect(requestRouting(m, PI_1X, "medium")).toBe(routing);
  });

  it("clamps the level as pi does: xhigh on a model without it uses high's entry, a model that cannot think only off's", () => {
    const m = { ...model, samplingParamsByThinkingLevel: { high: { provider: { order: ["groq"] } }, off: { provider: { order: ["novita"] } } } };
    expect(requestRouting(m, PI_1X, "xhigh")).toEqual({ order: ["groq"] });
    expect(requestRouting(m, PI_1X, "max")).toEqual({ order: ["groq"] });
    // thinkingLevelMap maps xhigh: the model supports it, so high's entry does not apply there.
    expect(requestRouting({ ...m, thinkingLevelMap: { xhigh: "xhigh" } }, PI_1X, "xhigh")).toBe(routing);
    expect(requestRouting({ ...m, reasoning: false }, PI_1X, "high")).toEqual({ order: ["novita"] });
  });

  it("lists the supported levels whose routing differs from thinking off, with badges", () => {
    const m = { ...model, samplingParamsByThinkingLevel: { high: { provider: { only: ["groq"] } }, low: { temperature: 0.1 } } };
    const levels = levelRoutings(m, PI_1X);
    expect(levels.map((l) => l.level)).toEqual(["high"]);
    expect(levels[0]!.routing).toEqual({ only: ["groq"] });
    expect(levels[0]!.badges.map((b) => b.label)).toEqual(["groq"]);
    // off has its own provider: every other level sends the model's routing, which differs from off's.
    const offOnly = { ...model, samplingParamsByThinkingLevel: { off: { provider: { only: ["groq"] } } } };
    expect(levelRoutings(offOnly, PI_1X).map((l) => l.level)).toEqual(["minimal", "low", "medium", "high"]);
    expect(levelRoutings({ ...offOnly, reasoning: false }, PI_1X)).toEqual([]);
  });

  it("is empty before pi 1.0.2, and for an api that takes no samplingParams", () => {
    const m = { ...model, samplingParamsByThinkingLevel: { high: { provider: { only: ["groq"] } } } };
    expect(levelRoutings(m, rulesFor("0.87.1"))).toEqual([]);
    expect(requestRouting(m, rulesFor("0.87.1"), "high")).toBe(routing);
    expect(levelRoutings({ ...m, api: "anthropic-messages" }, PI_1X)).toEqual([]);
  });
});
