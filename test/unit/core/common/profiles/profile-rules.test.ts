import { describe, expect, it } from "vitest";
import type { ModelEntry, Snapshot } from "../../../../../src-main/core/common/index.js";
import { detectDrift, type AppliedRecord } from "../../../../../src-main/core/profiles/drift.js";
import { applyProfile, BUILT_IN_PROFILES, isBuiltInName, PINNED_PROFILE, profileLabel } from "../../../../../src-main/core/common/profiles/profile-rules.js";
import { targetsForScope } from "../../../../../src-main/core/profiles/profile-targets.js";
import { sameRouting, writtenRoutingAt } from "../../../../../src-main/core/common/profiles/routing-at.js";

const profile = (name: string) => BUILT_IN_PROFILES.find((p) => p.name === name)!;

describe("merge semantics", () => {
  it("Private adds zdr and data_collection and keeps the user's only list and fallbacks", () => {
    expect(applyProfile({ only: ["amazon-bedrock"], allow_fallbacks: false }, profile("Private"))).toEqual({ only: ["amazon-bedrock"], allow_fallbacks: false, zdr: true, data_collection: "deny" });
  });

  it("Cheapest replaces sort (Fastest's) and keeps the pin and privacy keys", () => {
    const fastest = applyProfile({ only: ["groq"], zdr: true }, profile("Fastest"));
    expect(fastest).toEqual({ only: ["groq"], zdr: true, sort: "throughput" });
    expect(applyProfile(fastest, profile("Cheapest"))).toEqual({ only: ["groq"], zdr: true, sort: "price" });
  });

  it("a pin replaces only, order and allow_fallbacks with the chosen provider and keeps the rest", () => {
    const pinned = applyProfile({ only: ["a", "b"], order: ["b"], allow_fallbacks: true, sort: "price" }, profile(PINNED_PROFILE), "deepinfra/fp8");
    expect(pinned).toEqual({ only: ["deepinfra/fp8"], order: ["deepinfra/fp8"], allow_fallbacks: false, sort: "price" });
    expect(() => applyProfile(null, profile(PINNED_PROFILE))).toThrow(/provider slug/);
    expect(profileLabel(PINNED_PROFILE, "groq")).toBe("Pinned to groq");
  });

  it("a replace profile (the user's own) makes the routing exactly its object", () => {
    const own = { name: "Mine", description: "", builtIn: false, mode: "replace" as const, routing: { order: ["novita"] } };
    expect(applyProfile({ only: ["x"], zdr: true }, own)).toEqual({ order: ["novita"] });
  });

  it("applied to nothing, a merge profile writes just its keys", () => {
    expect(applyProfile(null, profile("Cheapest"))).toEqual({ sort: "price" });
  });

  it("built-in names are reserved case-insensitively", () => {
    expect(isBuiltInName(" private ")).toBe(true);
    expect(isBuiltInName("Privateish")).toBe(false);
  });
});

const FILE = {
  providers: {
    openrouter: { modelOverrides: { "a/b": { compat: { openRouterRouting: { sort: "price" } } } } },
    "or-bedrock": {
      compat: { openRouterRouting: { only: ["amazon-bedrock"] } },
      models: [{ id: "x/y", compat: { openRouterRouting: { zdr: true } } }, { id: "x/y", compat: { openRouterRouting: { zdr: false } } }],
    },
  },
};

describe("routing at a target", () => {
  it("reads provider, override and (last definition wins) custom-model routing", () => {
    expect(writtenRoutingAt(FILE, { level: "override", provider: "openrouter", id: "a/b" })).toEqual({ sort: "price" });
    expect(writtenRoutingAt(FILE, { level: "provider", provider: "or-bedrock" })).toEqual({ only: ["amazon-bedrock"] });
    expect(writtenRoutingAt(FILE, { level: "model", provider: "or-bedrock", id: "x/y" })).toEqual({ zdr: false });
    expect(writtenRoutingAt(FILE, { level: "provider", provider: "openrouter" })).toBeNull();
  });

  it("compares routing regardless of key order, and no routing equals an empty object", () => {
    expect(sameRouting({ zdr: true, only: ["a"] }, { only: ["a"], zdr: true })).toBe(true);
    expect(sameRouting({ only: ["a", "b"] }, { only: ["b", "a"] })).toBe(false);
    expect(sameRouting(null, {})).toBe(true);
    expect(sameRouting(null, { sort: "price" })).toBe(false);
  });
});

describe("drift", () => {
  const record = (routing: AppliedRecord["routing"]): AppliedRecord => ({ target: { level: "override", provider: "openrouter", id: "a/b" }, profile: "Cheapest", routing, appliedAt: "2026-01-01T00:00:00Z" });

  it("is applied while models.json holds what the profile wrote, in any key order", () => {
    expect(detectDrift([record({ sort: "price" })], FILE)[0]).toMatchObject({ state: "applied", current: { sort: "price" } });
  });

  it("is drifted after a hand edit of the target, or when the routing was removed", () => {
    expect(detectDrift([record({ sort: "throughput" })], FILE)[0]).toMatchObject({ state: "drifted", current: { sort: "price" } });
    expect(detectDrift([record({ sort: "price" })], { providers: {} })[0]).toMatchObject({ state: "drifted", current: null });
  });
});

function model(provider: string, id: string, extra: Partial<ModelEntry> = {}): ModelEntry {
  return { provider, id, name: id, api: "openai-completions", baseUrl: "https://openrouter.ai/api/v1", origin: "built-in", openRouter: true, routing: null, badges: [], available: true, keySource: { origin: "none", form: "none", label: null, resolves: false, summary: "" }, scoped: true, thinkingLevel: null, default: false, reasoning: false, contextWindow: 1, maxTokens: 1, cost: { input: 0, output: 0 }, problems: [], ...extra };
}

describe("targets for a scope", () => {
  const models = [
    model("openrouter", "a/b"),
    model("openrouter", "anthropic/claude", { api: "anthropic-messages" }),
    model("or-bedrock", "x/y", { origin: "custom" }),
    model("groq", "llama", { openRouter: false, baseUrl: "https://api.groq.com" }),
  ];
  const snapshot = {
    models,
    providers: [{ name: "or-bedrock", openRouter: true }, { name: "groq", openRouter: false }] as Snapshot["providers"],
    scope: { patterns: [], models: ["openrouter/a/b", "openrouter/anthropic/claude", "or-bedrock/x/y", "groq/llama"], thinking: {}, unmatched: [], matches: [], hints: [], advice: [], unset: false },
  };

  it("writes an override for a built-in model and model-level routing for a custom one; skips what pi sends no routing for", () => {
    const found = targetsForScope(snapshot, { kind: "scoped" });
    expect(found.targets.map((t) => t.target)).toEqual([
      { level: "override", provider: "openrouter", id: "a/b" },
      { level: "model", provider: "or-bedrock", id: "x/y" },
    ]);
    expect(found.skipped.map((s) => s.ref)).toEqual(["openrouter/anthropic/claude", "groq/llama"]);
    expect(found.skipped[0]!.why).toMatch(/anthropic-messages/);
  });

  it("a provider gets provider-level routing; a non-OpenRouter provider is refused", () => {
    expect(targetsForScope(snapshot, { kind: "provider", provider: "or-bedrock" }).targets).toEqual([{ target: { level: "provider", provider: "or-bedrock" }, models: ["or-bedrock/x/y"] }]);
    expect(targetsForScope(snapshot, { kind: "provider", provider: "groq" }).problem).toMatch(/not an OpenRouter provider/);
  });

  it("an unset scope is refused rather than meaning every model", () => {
    expect(targetsForScope({ ...snapshot, scope: { ...snapshot.scope, unset: true } }, { kind: "scoped" }).problem).toMatch(/not set/);
  });
});
