import { describe, expect, it } from "vitest";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import { isThinkingLevel, modelRef, resolveScope } from "../../../../src-main/core/pi/scope.js";

const PI_073 = rulesFor("0.73.1");
const PI_087 = rulesFor("0.87.1");
const PI_160 = rulesFor("1.6.0");

const m = (provider: string, id: string, name = id) => ({ provider, id, name });
const models = [
  m("anthropic", "claude-sonnet-4-5-20250929", "Claude Sonnet 4.5 (dated)"),
  m("anthropic", "claude-sonnet-4-5", "Claude Sonnet 4.5"),
  m("anthropic", "claude-opus-4-1-20250805"),
  m("anthropic", "claude-opus-4-20250514"),
  m("openrouter", "openai/gpt-4o", "OpenAI: GPT-4o"),
  m("openrouter", "openai/gpt-4o-mini", "OpenAI: GPT-4o-mini"),
  m("openrouter", "qwen/qwen3-coder:free", "Qwen3 Coder (free)"),
  m("openrouter", "qwen/qwen3-coder", "Qwen3 Coder"),
  m("openrouter", "moonshotai/kimi-k2-0905:exacto", "Kimi K2 exacto"),
  m("openrouter", "auto", "Auto Router"),
  m("openrouter-bedrock", "anthropic/claude-sonnet-4.5", "Sonnet via Bedrock"),
  m("openrouter-twin", "openai/gpt-4o", "Twin"),
];
const scope = (...patterns: string[]) => resolveScope(patterns, models, PI_073);

describe("resolveScope under pi 0.73.1's rules: resolveModelScope", () => {
  it("matches provider/id and bare ids exactly, case-insensitively", () => {
    expect(scope("anthropic/claude-sonnet-4-5", "OPENROUTER/OPENAI/GPT-4O-MINI", "qwen/qwen3-coder").models).toEqual([
      "anthropic/claude-sonnet-4-5",
      "openrouter/openai/gpt-4o-mini",
      "openrouter/qwen/qwen3-coder",
    ]);
  });

  it("treats a bare id found in two providers as ambiguous and falls back to fuzzy", () => {
    // Both ids are aliases that sort equal; pi's stable sort keeps the first in list order, and
    // gpt-4o-mini sorts above gpt-4o.
    expect(scope("openai/gpt-4o").models).toEqual(["openrouter/openai/gpt-4o-mini"]);
    expect(scope("openrouter-twin/openai/gpt-4o").models).toEqual(["openrouter-twin/openai/gpt-4o"]);
  });

  it("prefers an alias over dated ids, and the latest dated id when there is no alias", () => {
    expect(scope("sonnet-4-5").models).toEqual(["anthropic/claude-sonnet-4-5"]);
    expect(scope("opus").models).toEqual(["anthropic/claude-opus-4-20250514"]);
  });

  it("matches fuzzy on the name too", () => {
    expect(scope("Auto Router").models).toEqual(["openrouter/auto"]);
  });

  it("globs over provider/id and over the bare id, case-insensitively; * does not cross /", () => {
    expect(scope("openrouter/*").models).toEqual(["openrouter/auto"]);
    expect(scope("openrouter-bedrock/*").models).toEqual([]);
    expect(scope("openrouter-bedrock/**").models).toEqual(["openrouter-bedrock/anthropic/claude-sonnet-4.5"]);
    expect(scope("OPENAI/GPT-4o*").models).toEqual(["openrouter/openai/gpt-4o", "openrouter/openai/gpt-4o-mini", "openrouter-twin/openai/gpt-4o"]);
    expect(scope("openrouter/qwen/qwen3-coder?free").models).toEqual(["openrouter/qwen/qwen3-coder:free"]);
  });

  it("takes a :thinking suffix on exact, fuzzy and glob patterns", () => {
    const report = scope("anthropic/claude-sonnet-4-5:high", "gpt-4o-mini:low", "openrouter-bedrock/**:xhigh");
    expect(report.thinking).toEqual({
      "anthropic/claude-sonnet-4-5": "high",
      "openrouter/openai/gpt-4o-mini": "low",
      "openrouter-bedrock/anthropic/claude-sonnet-4.5": "xhigh",
    });
  });

  it("keeps colons that belong to the id, and peels a thinking level off after them", () => {
    const report = scope("openrouter/qwen/qwen3-coder:free", "moonshotai/kimi-k2-0905:exacto:medium");
    expect(report.models).toEqual(["openrouter/qwen/qwen3-coder:free", "openrouter/moonshotai/kimi-k2-0905:exacto"]);
    expect(report.thinking).toEqual({ "openrouter/moonshotai/kimi-k2-0905:exacto": "medium" });
  });

  it("scopes the model of an invalid thinking suffix with the default level, with pi's warning", () => {
    const report = scope("openrouter/openai/gpt-4o:extreme");
    expect(report.models).toEqual(["openrouter/openai/gpt-4o"]);
    expect(report.thinking).toEqual({});
    expect(report.warnings).toEqual(['Invalid thinking level "extreme" in pattern "openrouter/openai/gpt-4o:extreme". Using default instead.']);
  });

  it("drops a glob whose suffix is not a thinking level when nothing matches it whole", () => {
    expect(scope("openrouter/**:turbo").unmatched).toEqual(["openrouter/**:turbo"]);
  });

  it("keeps the first place and first thinking level of a model pulled in twice", () => {
    const report = scope("gpt-4o-mini:low", "openrouter/openai/*", "openrouter/openai/gpt-4o-mini:high");
    expect(report.models).toEqual(["openrouter/openai/gpt-4o-mini", "openrouter/openai/gpt-4o"]);
    expect(report.thinking).toEqual({ "openrouter/openai/gpt-4o-mini": "low" });
    expect(report.matches).toEqual([
      { pattern: "gpt-4o-mini:low", models: ["openrouter/openai/gpt-4o-mini"] },
      { pattern: "openrouter/openai/*", models: ["openrouter/openai/gpt-4o"] },
      { pattern: "openrouter/openai/gpt-4o-mini:high", models: [] },
    ]);
  });

  it("lists the patterns that match nothing, in order", () => {
    expect(scope("nothing-like-this", "gpt-4o", "nobody/*").unmatched).toEqual(["nothing-like-this", "nobody/*"]);
  });

  it("is unset when enabledModels is absent or empty (pi cycles every available model)", () => {
    expect(resolveScope(undefined, models, PI_073).unset).toBe(true);
    expect(resolveScope([], models, PI_073).unset).toBe(true);
    expect(scope("auto").unset).toBe(false);
  });

  it("only scopes what it is given: the available models", () => {
    expect(resolveScope(["anthropic/claude-sonnet-4-5"], models.filter((x) => x.provider !== "anthropic"), PI_073).unmatched).toEqual(["anthropic/claude-sonnet-4-5"]);
  });
});

describe("scope hints", () => {
  it("advises provider/** when provider/* misses because the ids contain a slash (scope-advice.test.ts has every cause)", () => {
    expect(scope("openrouter-bedrock/*").hints).toEqual([]);
    expect(scope("openrouter-bedrock/*").advice).toEqual([
      { pattern: "openrouter-bedrock/*", cause: "glob-slash", message: expect.stringContaining('"openrouter-bedrock/**"'), fix: "openrouter-bedrock/**" },
    ]);
    expect(scope("openrouter-bedrock/*:high").advice[0]?.fix).toBe("openrouter-bedrock/**:high");
  });

  it("says when a fuzzy pattern picked a :free variant", () => {
    const report = scope("coder");
    expect(report.models).toEqual(["openrouter/qwen/qwen3-coder:free"]);
    expect(report.hints).toEqual([{ pattern: "coder", message: expect.stringContaining("free variant openrouter/qwen/qwen3-coder:free") }]);
  });

  it("stays quiet when :free was asked for, and on ordinary matches", () => {
    expect(scope("qwen3-coder:free").hints).toEqual([]);
    expect(scope("anthropic/claude-sonnet-4-5", "openrouter/**").hints).toEqual([]);
  });

  it("explains an empty scope when no model is available at all: the models exist, their providers have no key", () => {
    const advice = resolveScope(["gpt-4o"], [], PI_073, undefined, models).advice;
    expect(advice).toEqual([{ pattern: "gpt-4o", cause: "no-key", message: expect.stringMatching(/openrouter\/openai\/gpt-4o.*no key/) }]);
  });
});

describe("helpers", () => {
  it("knows each pi's thinking levels: max from 0.80.6", () => {
    expect(["off", "minimal", "low", "medium", "high", "xhigh"].every((l) => isThinkingLevel(l, PI_073.thinkingLevels))).toBe(true);
    expect(isThinkingLevel("HIGH", PI_160.thinkingLevels)).toBe(false);
    expect(isThinkingLevel("max", PI_073.thinkingLevels)).toBe(false);
    expect(isThinkingLevel("max", rulesFor("0.80.3").thinkingLevels)).toBe(false);
    expect(isThinkingLevel("max", rulesFor("0.80.6").thinkingLevels)).toBe(true);
    expect(isThinkingLevel(3, PI_160.thinkingLevels)).toBe(false);
  });

  it("writes refs as provider/id", () => {
    expect(modelRef({ provider: "openrouter", id: "openai/gpt-4o" })).toBe("openrouter/openai/gpt-4o");
  });
});

/** Answers checked against the real pis (model-resolver.js of 0.73.1, 0.80.6, 0.81.1, 0.82.0, 0.87.1, 1.0.3, 1.3.0, 1.4.0, 1.5.0, 1.6.0). */
describe("resolveScope: what changed after pi 0.73.1", () => {
  const twins = [...models, m("groq", "gpt-oss", "GPT OSS"), m("cerebras", "GPT-OSS", "GPT OSS big"), m("openrouter", "vendor/model[1m]", "Bracketed"), m("my/proxy", "llama")];
  const under = (rules: ReturnType<typeof rulesFor>, ...patterns: string[]) => resolveScope(patterns, twins, rules);

  it("0.80.6: max is a thinking level; before, a :max suffix is an invalid level (non-glob) or part of the glob", () => {
    expect(under(PI_073, "openai/gpt-4o-mini:max")).toMatchObject({
      models: ["openrouter/openai/gpt-4o-mini"],
      thinking: {},
      warnings: ['Invalid thinking level "max" in pattern "openai/gpt-4o-mini:max". Using default instead.'],
    });
    expect(under(PI_073, "openrouter-bedrock/**:max").unmatched).toEqual(["openrouter-bedrock/**:max"]);
    expect(under(PI_087, "openai/gpt-4o-mini:max")).toMatchObject({ thinking: { "openrouter/openai/gpt-4o-mini": "max" }, warnings: [] });
    expect(under(PI_087, "openrouter-bedrock/**:max").thinking).toEqual({ "openrouter-bedrock/anthropic/claude-sonnet-4.5": "max" });
  });

  it("0.82.0: an id with brackets is tried as an exact id before it is a glob", () => {
    expect(under(PI_073, "vendor/model[1m]:high").unmatched).toEqual(["vendor/model[1m]:high"]);
    expect(under(rulesFor("0.81.1"), "vendor/model[1m]").unmatched).toEqual(["vendor/model[1m]"]);
    for (const rules of [rulesFor("0.82.0"), PI_087, PI_160]) {
      expect(under(rules, "vendor/model[1m]:high")).toMatchObject({ models: ["openrouter/vendor/model[1m]"], thinking: { "openrouter/vendor/model[1m]": "high" }, unmatched: [] });
    }
  });

  it("1.3.0: a bare id on several providers (any case) scopes every one, with pi's warning", () => {
    expect(under(PI_087, "gpt-oss:xhigh")).toMatchObject({ models: ["cerebras/GPT-OSS"], warnings: [] });
    expect(under(PI_160, "gpt-oss:xhigh")).toMatchObject({
      models: ["groq/gpt-oss", "cerebras/GPT-OSS"],
      thinking: { "groq/gpt-oss": "xhigh", "cerebras/GPT-OSS": "xhigh" },
      warnings: ['Pattern "gpt-oss:xhigh" matches several providers: cerebras, groq. Use provider/id to choose one.'],
    });
    expect(under(PI_160, "openai/gpt-4o").warnings).toEqual(['Pattern "openai/gpt-4o" matches several providers: openrouter, openrouter-twin. Use provider/id to choose one.']);
  });

  it("1.3.0: an invalid suffix warns before the ambiguity", () => {
    expect(under(PI_160, "gpt-oss:bad").warnings).toEqual([
      'Invalid thinking level "bad" in pattern "gpt-oss:bad". Using default instead.',
      'Pattern "gpt-oss:bad" matches several providers: cerebras, groq. Use provider/id to choose one.',
    ]);
  });

  it("1.3.0: provider/text fuzzy-matches within that provider (before: nothing)", () => {
    expect(under(PI_087, "anthropic/sonnet").unmatched).toEqual(["anthropic/sonnet"]);
    expect(under(PI_160, "anthropic/sonnet").models).toEqual(["anthropic/claude-sonnet-4-5"]);
    expect(under(PI_160, "openrouter/coder").models).toEqual(["openrouter/qwen/qwen3-coder:free"]);
  });

  it("1.5.0: a provider whose name holds a slash is found by its longest name", () => {
    expect(under(rulesFor("1.3.0"), "my/proxy/lla").unmatched).toEqual(["my/proxy/lla"]);
    expect(under(rulesFor("1.5.0"), "my/proxy/lla").models).toEqual(["my/proxy/llama"]);
  });
});

describe("scope hints by pi version", () => {
  const twins = [...models, m("groq", "gpt-oss"), m("cerebras", "GPT-OSS"), m("openrouter", "vendor/model[1m]", "Bracketed")];

  it("says which pi has no max, and what to write instead", () => {
    expect(resolveScope(["gpt-4o-mini:max"], twins, PI_073).hints[0]?.message).toMatch(/"max".*0\.80\.6.*:xhigh/);
    expect(resolveScope(["gpt-4o-mini:max"], twins, PI_087).hints).toEqual([]);
  });

  it("explains a bracketed id read as a glob before 0.82.0", () => {
    expect(resolveScope(["vendor/model[1m]"], twins, PI_073).hints[0]?.message).toMatch(/openrouter\/vendor\/model\[1m\].*0\.82\.0/);
    expect(resolveScope(["vendor/model[1m]"], twins, PI_087).hints).toEqual([]);
  });

  it("explains the fuzzy fallback of an id on several providers before 1.3.0; pi 1.3 warns itself", () => {
    expect(resolveScope(["gpt-oss"], twins, PI_087).hints[0]?.message).toMatch(/Several providers offer "gpt-oss" \(groq, cerebras\).*provider\/id/);
    expect(resolveScope(["gpt-oss"], twins, PI_160).hints).toEqual([]);
  });
});
