/** The facts line of a Models row and a switcher option: pi's price first, the catalog's where pi lists none, context, the pin. */
import { describe, expect, it } from "vitest";
import type { CatalogModel } from "../../../src-main/core/common/index.js";
import { catalogById, factsLine, modelFacts, tokens } from "../../../src-renderer/features/models/model-facts";
import { model } from "../electron/snapshot-fixture";

const catalog = catalogById([
  { id: "moonshotai/kimi-k2", name: "Kimi K2", contextLength: 131_072, pricing: { prompt: 0.55, completion: 2.2 } },
  { id: "qwen/qwen3-coder:free", name: "Qwen3 Coder (free)", contextLength: 262_144, pricing: { prompt: 0, completion: 0 } },
] satisfies CatalogModel[]);

describe("model facts", () => {
  it("prices a model as pi does when pi lists a cost, whatever the catalog says", () => {
    const facts = modelFacts(model("openrouter/moonshotai/kimi-k2", { cost: { input: 0.6, output: 2.5 }, contextWindow: 131_072 }), catalog);
    expect(facts).toEqual({ price: "$0.6 in · $2.5 out /M", priceSource: "pi", context: "131K context", pinned: null });
  });

  it("takes OpenRouter's price for a model pi lists at 0/0, also for a routing variant of it", () => {
    const plain = modelFacts(model("openrouter-x/moonshotai/kimi-k2", { cost: { input: 0, output: 0 } }), catalog);
    expect(plain.price).toBe("$0.55 in · $2.2 out /M");
    expect(plain.priceSource).toBe("catalog");
    expect(modelFacts(model("openrouter-x/moonshotai/kimi-k2:floor", { cost: { input: 0, output: 0 } }), catalog).price).toBe("$0.55 in · $2.2 out /M");
    expect(modelFacts(model("openrouter-x/qwen/qwen3-coder:free", { cost: { input: 0, output: 0 } }), catalog).price).toBe("free");
  });

  it("says the price is unknown when neither pi nor the catalog has one, and never asks the catalog for a model outside OpenRouter", () => {
    const local = modelFacts(model("ollama/moonshotai/kimi-k2", { cost: { input: 0, output: 0 }, openRouter: false }), catalog);
    expect(local.price).toBeNull();
    expect(factsLine(local).text).toBe("price unknown · 128K context");
  });

  it("names the provider the model is pinned to, from its routing badge", () => {
    const pinned = model("openrouter-bedrock/moonshotai/kimi-k2", { badges: [{ kind: "pin", label: "amazon-bedrock", title: "Only Amazon Bedrock" }, { kind: "fallbacks", label: "no fallbacks", title: "" }] });
    const line = factsLine(modelFacts(pinned, null));
    expect(line.text).toBe("$3 in · $15 out /M · 128K context · pinned to amazon-bedrock");
    expect(line.title).toContain("every request goes to amazon-bedrock");
  });

  it("reads token counts the way people say them", () => {
    expect([tokens(1_048_576), tokens(200_000), tokens(512), tokens(0)]).toEqual(["1.05M", "200K", "512", "?"]);
  });
});
