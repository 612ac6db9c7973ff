import { describe, expect, it } from "vitest";
import { buildModelList } from "../../../../src-main/core/pi/model-registry.js";
import { checkModelsText } from "../../../../src-main/core/pi/models-file.js";
import type { BuiltInModel } from "../../../../src-main/core/pi/built-in-model.js";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import { composeProvider } from "../../../../src-main/core/pi/provider-composer.js";

const PI_1X = rulesFor("1.6.0");
const OR = "https://openrouter.ai/api/v1";
const builtIn = (provider: string, id: string, api = "openai-completions"): BuiltInModel => ({
  id,
  name: id,
  api,
  provider,
  baseUrl: provider === "openrouter" ? OR : "https://api.anthropic.com",
  reasoning: true,
  input: ["text"],
  cost: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 },
  contextWindow: 200000,
  maxTokens: 64000,
});
const catalog = new Map([
  ["anthropic", [builtIn("anthropic", "claude", "anthropic-messages")]],
  ["openrouter", [builtIn("openrouter", "anthropic/claude", "anthropic-messages"), builtIn("openrouter", "openai/gpt")]],
]);
const refs = (list: { provider: string; id: string }[]) => list.map((m) => `${m.provider}/${m.id}`);

describe("composeProvider: pi 0.80+ composes each provider on its own", () => {
  it("gives a custom model on a built-in provider the first fitting built-in's api and baseUrl, within that provider", () => {
    const composed = composeProvider("openrouter", catalog.get("openrouter")!, { models: [{ id: "qwen/qwen3" }] });
    expect(composed.ok && composed.models.at(-1)).toMatchObject({ id: "qwen/qwen3", api: "openai-completions", baseUrl: OR, contextWindow: 128000, maxTokens: 16384, origin: "custom" });
  });

  it("lets a later custom model inherit api from an earlier one when nothing else names one", () => {
    const composed = composeProvider("mine", [], { baseUrl: "http://x", models: [{ id: "a", api: "openai-responses" }, { id: "b" }] });
    expect(composed.ok && composed.models.map((m) => m.api)).toEqual(["openai-responses", "openai-responses"]);
  });

  it("accepts an entry with only apiKey, and refuses an empty one with pi's message", () => {
    expect(composeProvider("openrouter", catalog.get("openrouter")!, { apiKey: "$K" }).ok).toBe(true);
    expect(composeProvider("openrouter", catalog.get("openrouter")!, {})).toEqual({ ok: false, error: 'Provider openrouter: must specify "baseUrl", "headers", "compat", "modelOverrides", or "models".', path: ["providers", "openrouter"] });
  });

  it("applies modelOverrides last, to custom models too, merging samplingParams", () => {
    const composed = composeProvider("mine", [], { baseUrl: "http://x", api: "openai-completions", models: [{ id: "a", samplingParams: { temperature: 1 } }], modelOverrides: { a: { name: "A!", samplingParams: { top_p: 0.5 } } } });
    expect(composed.ok && composed.models[0]).toMatchObject({ name: "A!", samplingParams: { temperature: 1, top_p: 0.5 }, origin: "custom" });
  });
});

describe("a rule error under pi 1.x disables only its provider", () => {
  const text = JSON.stringify({
    providers: {
      broken: { baseUrl: OR, models: [{ id: "x" }] },
      "openrouter-ok": { baseUrl: OR, api: "openai-completions", apiKey: "$K", models: [{ id: "y" }] },
      openrouter: { models: [{ id: "z", api: "nope-missing-baseurl-ok" }] },
    },
  });

  it("reports the broken provider with pi's message, keeps the config and the others", () => {
    const check = checkModelsText(text, catalog, PI_1X);
    expect(check.valid).toBe(false);
    expect(check.config).not.toBeNull();
    expect([...check.disabledProviders]).toEqual(["broken"]);
    expect(check.errors.map((e) => e.message)).toEqual(['Provider broken, model x: no "api" specified. Set at provider or model level.']);
    expect(check.errors[0]!.hint).toMatch(/the rest of the file still counts/);
  });

  it("drops the whole file's custom models under pi 0.73 for the same text", () => {
    const check = checkModelsText(text, catalog, rulesFor("0.73.1"));
    expect(check.config).toBeNull();
  });

  it("lists the healthy providers' models, built-ins first, each provider's customs after its built-ins", () => {
    const list = buildModelList(catalog, { providers: { "openrouter-ok": { baseUrl: OR, api: "openai-completions", models: [{ id: "y" }] }, openrouter: { models: [{ id: "z" }] } } }, PI_1X);
    expect(refs(list)).toEqual(["anthropic/claude", "openrouter/anthropic/claude", "openrouter/openai/gpt", "openrouter/z", "openrouter-ok/y"]);
  });
});
