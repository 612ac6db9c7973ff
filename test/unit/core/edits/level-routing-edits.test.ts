/**
 * Routing at a thinking level (RoutingTarget.thinkingLevel): the routing editor and profiles write
 * it at `samplingParamsByThinkingLevel.<level>.provider` of the model or override, the key pi 1.0.2
 * merges into the body last (so it is what pi sends at that level), keep the level's other
 * sampling keys and the user's comments, and read it back from there.
 */
import { describe, expect, it } from "vitest";
import { mergedRoutingAt, targetKey, writtenRoutingAt } from "../../../../src-main/core/common/profiles/routing-at.js";
import type { RoutingTarget } from "../../../../src-main/core/common/index.js";
import { applyJsonChanges } from "../../../../src-main/core/files/json-edit.js";
import { applyRouting, setRouting } from "../../../../src-main/core/edits/model-edits.js";
import { parseLenientJson } from "../../../../src-main/core/pi/pi-json.js";

const TEXT = `{
  "providers": {
    "openrouter-levels": {
      "baseUrl": "https://openrouter.ai/api/v1",
      "api": "openai-completions",
      "compat": { "openRouterRouting": { "only": ["deepinfra"] } },
      "models": [
        {
          "id": "moonshotai/kimi-k2.6",
          "reasoning": true,
          "samplingParamsByThinkingLevel": {
            // hotter at low
            "low": { "temperature": 0.9 },
            "high": { "temperature": 0.3, "provider": { "order": ["groq"] } }
          }
        }
      ]
    },
    "openrouter": {
      "modelOverrides": {
        "openai/gpt-4o": { "name": "GPT-4o (work)" }
      }
    }
  }
}
`;
const parse = (text: string) => {
  const parsed = parseLenientJson(text);
  if (!parsed.ok) throw new Error("unparseable");
  return parsed.value;
};
const kimi = (thinkingLevel?: "low" | "high" | "medium"): RoutingTarget => ({ level: "model", provider: "openrouter-levels", id: "moonshotai/kimi-k2.6", ...(thinkingLevel ? { thinkingLevel } : {}) });

describe("routing at a thinking level in models.json", () => {
  it("reads a level's provider, apart from the model's openRouterRouting, and merges nothing into it", () => {
    const file = parse(TEXT);
    expect(writtenRoutingAt(file, kimi("high"))).toEqual({ order: ["groq"] });
    expect(writtenRoutingAt(file, kimi("low"))).toBeNull();
    expect(writtenRoutingAt(file, kimi())).toBeNull();
    // The provider's `only` is not merged in: pi sends the level's object whole.
    expect(mergedRoutingAt(file, kimi("high"))).toEqual({ order: ["groq"] });
    expect(targetKey(kimi("high"))).toBe("model:openrouter-levels/moonshotai/kimi-k2.6@high");
    expect(targetKey(kimi())).toBe("model:openrouter-levels/moonshotai/kimi-k2.6");
  });

  it("writes a level that has other sampling keys beside them, keeping those keys and the comment", () => {
    const text = applyJsonChanges(TEXT, setRouting(parse(TEXT), kimi("low"), { only: ["novita"], allow_fallbacks: false }));
    expect(text).toContain("// hotter at low");
    const written = parse(text) as { providers: Record<string, { models: { samplingParamsByThinkingLevel: Record<string, unknown> }[] }> };
    expect(written.providers["openrouter-levels"]!.models[0]!.samplingParamsByThinkingLevel.low).toEqual({ temperature: 0.9, provider: { only: ["novita"], allow_fallbacks: false } });
    expect(writtenRoutingAt(parse(text), kimi("low"))).toEqual({ only: ["novita"], allow_fallbacks: false });
    // The model-level routing and the other level are untouched.
    expect(writtenRoutingAt(parse(text), kimi("high"))).toEqual({ order: ["groq"] });
  });

  it("creates the level's entry on a model without one, and on a built-in's override", () => {
    const file = parse(TEXT);
    const medium = parse(applyJsonChanges(TEXT, setRouting(file, kimi("medium"), { zdr: true })));
    expect(writtenRoutingAt(medium, kimi("medium"))).toEqual({ zdr: true });
    const override: RoutingTarget = { level: "override", provider: "openrouter", id: "openai/gpt-4o", thinkingLevel: "high" };
    const text = applyJsonChanges(TEXT, setRouting(file, override, { only: ["azure"] }));
    expect((parse(text) as { providers: { openrouter: { modelOverrides: Record<string, unknown> } } }).providers.openrouter.modelOverrides["openai/gpt-4o"]).toEqual({
      name: "GPT-4o (work)",
      samplingParamsByThinkingLevel: { high: { provider: { only: ["azure"] } } },
    });
  });

  it("removing a level's routing keeps its other keys; a level left with nothing goes", () => {
    const file = parse(TEXT);
    const kept = parse(applyJsonChanges(TEXT, applyRouting(file, [{ target: kimi("high"), routing: null }]))) as { providers: Record<string, { models: { samplingParamsByThinkingLevel: Record<string, unknown> }[] }> };
    expect(kept.providers["openrouter-levels"]!.models[0]!.samplingParamsByThinkingLevel.high).toEqual({ temperature: 0.3 });
    const onlyProvider = TEXT.replace('"high": { "temperature": 0.3, "provider": { "order": ["groq"] } }', '"high": { "provider": { "order": ["groq"] } }');
    const gone = parse(applyJsonChanges(onlyProvider, applyRouting(parse(onlyProvider), [{ target: kimi("high"), routing: null }]))) as { providers: Record<string, { models: { samplingParamsByThinkingLevel: Record<string, unknown> }[] }> };
    expect(gone.providers["openrouter-levels"]!.models[0]!.samplingParamsByThinkingLevel).toEqual({ low: { temperature: 0.9 } });
  });
});
