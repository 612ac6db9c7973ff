import { describe, expect, it } from "vitest";
import { isThinkingLevel, modelRef, resolveScope } from "../../../../src-main/core/pi/scope.js";

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
const scope = (...patterns: string[]) => resolveScope(patterns, models);

describe("resolveScope: pi 0.73's resolveModelScope", () => {
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
    expect(resolveScope(undefined, models).unset).toBe(true);
    expect(resolveScope([], models).unset).toBe(true);
    expect(scope("auto").unset).toBe(false);
  });

  it("only scopes what it is given: the available models", () => {
    expect(resolveScope(["anthropic/claude-sonnet-4-5"], models.filter((x) => x.provider !== "anthropic")).unmatched).toEqual(["anthropic/claude-sonnet-4-5"]);
  });
});

describe("scope hints", () => {
  it("suggests provider/** when provider/* misses because the ids contain a slash", () => {
    expect(scope("openrouter-bedrock/*").hints).toEqual([
      { pattern: "openrouter-bedrock/*", message: expect.stringContaining('"openrouter-bedrock/**"') },
    ]);
    expect(scope("openrouter-bedrock/*:high").hints[0]?.message).toContain('"openrouter-bedrock/**"');
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

  it("explains an empty scope when no model is available at all", () => {
    expect(resolveScope(["gpt-4o"], []).hints[0]?.message).toMatch(/key/);
  });
});

describe("helpers", () => {
  it("knows pi's thinking levels", () => {
    expect(["off", "minimal", "low", "medium", "high", "xhigh"].every(isThinkingLevel)).toBe(true);
    expect(isThinkingLevel("HIGH")).toBe(false);
    expect(isThinkingLevel("max")).toBe(false);
  });

  it("writes refs as provider/id", () => {
    expect(modelRef({ provider: "openrouter", id: "openai/gpt-4o" })).toBe("openrouter/openai/gpt-4o");
  });
});
