import { describe, expect, it } from "vitest";
import { buildModelList as buildWithRules } from "../../../../src-main/core/pi/model-registry.js";
import { checkModelsText } from "../../../../src-main/core/pi/models-file.js";
import type { RawModelsConfig } from "../../../../src-main/core/pi/models-schema.js";
import type { BuiltInModel } from "../../../../src-main/core/pi/built-in-model.js";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";

const buildModelList = (catalog: Map<string, BuiltInModel[]>, config: RawModelsConfig | null) => buildWithRules(catalog, config, rulesFor("0.73.1"));

const OR = "https://openrouter.ai/api/v1";
function builtIn(provider: string, id: string, extra: Partial<BuiltInModel> = {}): BuiltInModel {
  return {
    id,
    name: id.toUpperCase(),
    api: "openai-completions",
    provider,
    baseUrl: provider === "openrouter" ? OR : "https://api.anthropic.com",
    reasoning: true,
    input: ["text", "image"],
    cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    contextWindow: 200000,
    maxTokens: 64000,
    ...extra,
  };
}
const catalog = new Map<string, BuiltInModel[]>([
  ["anthropic", [builtIn("anthropic", "claude-sonnet-4-5", { api: "anthropic-messages" })]],
  ["openrouter", [builtIn("openrouter", "openai/gpt-4o"), builtIn("openrouter", "anthropic/claude-sonnet-4.5")]],
]);
const refs = (list: { provider: string; id: string }[]) => list.map((m) => `${m.provider}/${m.id}`);
const config = (providers: RawModelsConfig["providers"]): RawModelsConfig => ({ providers });

describe("buildModelList: pi 0.73's loadModels", () => {
  it("without a usable models.json is pi's catalog, untouched, in pi's order", () => {
    const list = buildModelList(catalog, null);
    expect(refs(list)).toEqual(["anthropic/claude-sonnet-4-5", "openrouter/openai/gpt-4o", "openrouter/anthropic/claude-sonnet-4.5"]);
    expect(list.every((m) => m.origin === "built-in")).toBe(true);
  });

  it("applies provider baseUrl and compat to every built-in model of the provider", () => {
    const list = buildModelList(catalog, config({ openrouter: { baseUrl: "http://127.0.0.1/openrouter.ai/v1", compat: { openRouterRouting: { only: ["x"] } } } }));
    const openrouter = list.filter((m) => m.provider === "openrouter");
    expect(openrouter.every((m) => m.origin === "override" && m.baseUrl === "http://127.0.0.1/openrouter.ai/v1")).toBe(true);
    expect(openrouter.map((m) => m.compat)).toEqual([{ openRouterRouting: { only: ["x"] } }, { openRouterRouting: { only: ["x"] } }]);
    expect(list[0]!.origin).toBe("built-in");
  });

  it("does not touch built-ins for provider headers or apiKey alone (pi records no override then)", () => {
    const list = buildModelList(catalog, config({ openrouter: { headers: { X: "y" }, apiKey: "K" } }));
    expect(list.every((m) => m.origin === "built-in")).toBe(true);
  });

  it("applies a model override on top of the provider's, merging cost and routing", () => {
    const list = buildModelList(
      catalog,
      config({
        openrouter: {
          compat: { openRouterRouting: { order: ["a"], allow_fallbacks: false } },
          modelOverrides: {
            "openai/gpt-4o": { name: "Mine", contextWindow: 1000, cost: { input: 1 }, compat: { openRouterRouting: { order: ["b"] } } },
            "no/such-model": { name: "ghost" },
          },
        },
      }),
    );
    const model = list.find((m) => m.id === "openai/gpt-4o")!;
    expect(model).toMatchObject({ name: "Mine", contextWindow: 1000, maxTokens: 64000, origin: "override" });
    expect(model.cost).toEqual({ input: 1, output: 15, cacheRead: 0.3, cacheWrite: 3.75 });
    expect(model.compat).toEqual({ openRouterRouting: { order: ["b"], allow_fallbacks: false } });
    expect(list.some((m) => m.id === "no/such-model")).toBe(false);
  });

  it("appends custom models with pi's defaults and provider-level routing merged in", () => {
    const list = buildModelList(
      catalog,
      config({ "openrouter-bedrock": { baseUrl: OR, api: "openai-completions", apiKey: "K", compat: { openRouterRouting: { only: ["amazon-bedrock"] } }, models: [{ id: "anthropic/claude-sonnet-4.5" }] } }),
    );
    const model = list.at(-1)!;
    expect(model).toEqual({
      id: "anthropic/claude-sonnet-4.5",
      name: "anthropic/claude-sonnet-4.5",
      api: "openai-completions",
      provider: "openrouter-bedrock",
      baseUrl: OR,
      reasoning: false,
      thinkingLevelMap: undefined,
      input: ["text"],
      cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      contextWindow: 128000,
      maxTokens: 16384,
      compat: { openRouterRouting: { only: ["amazon-bedrock"] } },
      origin: "custom",
    });
  });

  it("lets a custom model of a built-in provider inherit api and baseUrl from pi's first model there", () => {
    const list = buildModelList(catalog, config({ anthropic: { models: [{ id: "claude-next" }] } }));
    expect(list.at(-1)).toMatchObject({ provider: "anthropic", id: "claude-next", api: "anthropic-messages", baseUrl: "https://api.anthropic.com" });
  });

  it("replaces a built-in model in place when a custom model has its id", () => {
    const list = buildModelList(catalog, config({ openrouter: { models: [{ id: "openai/gpt-4o", name: "Custom" }] } }));
    expect(refs(list)).toEqual(refs(buildModelList(catalog, null)));
    expect(list[1]).toMatchObject({ name: "Custom", origin: "custom", reasoning: false });
  });

  it("keeps the later of two custom models with one id, at the earlier one's place", () => {
    const list = buildModelList(
      catalog,
      config({ "openrouter-x": { baseUrl: OR, api: "openai-completions", apiKey: "K", models: [{ id: "a", name: "First" }, { id: "b" }, { id: "a", name: "Second" }] } }),
    );
    expect(refs(list.slice(3))).toEqual(["openrouter-x/a", "openrouter-x/b"]);
    expect(list[3]!.name).toBe("Second");
  });

  it("skips a custom model with no api or baseUrl anywhere (pi's parseModels)", () => {
    const list = buildModelList(catalog, config({ "openrouter-x": { models: [{ id: "a" }] } }));
    expect(list).toHaveLength(3);
  });
});

describe("buildModelList: pi 0.80.8+ composes each provider once per snapshot", () => {
  it("reuses the compositions the models.json check made instead of composing the providers again", () => {
    const rules = rulesFor("1.6.0");
    const text = JSON.stringify(config({ "openrouter-x": { baseUrl: OR, api: "openai-completions", apiKey: "K", models: [{ id: "a/b" }] }, openrouter: { compat: { openRouterRouting: { only: ["groq"] } } } }));
    const check = checkModelsText(text, catalog, rules);
    const list = buildWithRules(catalog, check.config, rules, check.compositions);
    const composed = [...check.compositions!.values()].flatMap((c) => (c.ok ? c.models : []));
    expect(composed.map((m) => `${m.provider}/${m.id}`).sort()).toEqual(["openrouter-x/a/b", "openrouter/anthropic/claude-sonnet-4.5", "openrouter/openai/gpt-4o"]);
    // The very objects the check composed: a second composition would have made new ones.
    for (const model of composed) expect(list).toContain(model);
    // Without them the list is the same, composed again.
    expect(buildWithRules(catalog, check.config, rules)).toEqual(list);
  });
});
