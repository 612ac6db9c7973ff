import { describe, expect, it } from "vitest";
import { applyModelsStore } from "../../../../src-main/core/pi/models-store.js";
import type { BuiltInModel } from "../../../../src-main/core/pi/built-in-model.js";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";

const model = (provider: string, id: string, name = id): BuiltInModel => ({
  id,
  name,
  api: "openai-completions",
  provider,
  baseUrl: "https://openrouter.ai/api/v1",
  reasoning: false,
  input: ["text"],
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  contextWindow: 1000,
  maxTokens: 100,
});
const catalog = new Map([
  ["openrouter", [model("openrouter", "a"), model("openrouter", "b")]],
  ["groq", [model("groq", "g1")]],
]);
const ids = (providers: Map<string, BuiltInModel[]>, p: string) => providers.get(p)!.map((m) => `${m.id}:${m.name}`);
const store = (entries: Record<string, unknown>) => JSON.stringify(entries);

describe("applyModelsStore: the catalogs pi restores from models-store.json", () => {
  it("replaces OpenRouter's catalog with the key's own list from pi 1.2.0 on, chat models of that provider only", () => {
    const text = store({ openrouter: { models: [model("openrouter", "b", "B!"), model("openrouter", "z"), { ...model("openrouter", "img"), type: "image" }, model("groq", "stray")], checkedAt: 1 } });
    expect(ids(applyModelsStore(catalog, text, rulesFor("1.6.0"), 10), "openrouter")).toEqual(["b:B!", "z:z"]);
  });

  it("overlays a stored catalog only when it is newer than the one pi shipped (0.87: OpenRouter too)", () => {
    const newer = store({ openrouter: { models: [model("openrouter", "b", "B!"), model("openrouter", "z")], lastModified: 20 } });
    expect(ids(applyModelsStore(catalog, newer, rulesFor("0.87.1"), 10), "openrouter")).toEqual(["a:a", "b:B!", "z:z"]);
    expect(ids(applyModelsStore(catalog, newer, rulesFor("0.87.1"), 30), "openrouter")).toEqual(["a:a", "b:b"]);
    const groq = store({ groq: { models: [model("groq", "g2")], lastModified: 20 } });
    expect(ids(applyModelsStore(catalog, groq, rulesFor("1.6.0"), 10), "groq")).toEqual(["g1:g1", "g2:g2"]);
  });

  it("changes nothing for pi 0.7x, an empty list, or a file pi cannot parse", () => {
    const text = store({ openrouter: { models: [model("openrouter", "z")] } });
    expect(applyModelsStore(catalog, text, rulesFor("0.73.1"), 10)).toBe(catalog);
    expect(ids(applyModelsStore(catalog, store({ openrouter: { models: [] } }), rulesFor("1.6.0"), 10), "openrouter")).toEqual(["a:a", "b:b"]);
    expect(applyModelsStore(catalog, "{not json", rulesFor("1.6.0"), 10)).toBe(catalog);
  });
});
