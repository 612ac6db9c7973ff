import { describe, expect, it } from "vitest";
import { BUILT_IN_PROFILES } from "../../../src-main/core/common/profiles/profile-rules.js";
import { appliedStateText, describeAt, describeRouting, mergeRule, profileFromHash, scopeForTarget, sentAfter } from "../../../src-renderer/features/profiles/profile-view-model.js";
import { snapshot } from "../electron/snapshot-fixture.js";

const profile = (name: string) => BUILT_IN_PROFILES.find((p) => p.name === name)!;

describe("the Profiles view's wording", () => {
  it("says what a routing sets, and that a model without its own routing falls back to its provider's", () => {
    expect(describeRouting({ only: ["a", "b"], zdr: true, max_price: { prompt: 1 } })).toBe('only: [a, b] · zdr: true · max_price: {"prompt":1}');
    expect(describeRouting(null)).toBe("no routing (OpenRouter's default)");
    expect(describeAt({ level: "model", provider: "p", id: "m" }, null)).toBe("none of its own");
    expect(describeAt({ level: "provider", provider: "p" }, null)).toBe("no routing (OpenRouter's default)");
  });

  it("states each profile's merge rule", () => {
    expect(mergeRule(profile("Private"))).toBe("Sets zdr, data_collection; keeps every other field the target has.");
    expect(mergeRule(profile("Pinned to provider"))).toBe("Sets only, order, allow_fallbacks; keeps every other field the target has.");
    expect(mergeRule({ ...profile("Private"), mode: "replace" })).toBe("Replaces the target's whole routing with this.");
  });

  it("names a hand edit after the profile it drifted from", () => {
    const base = { target: { level: "provider" as const, provider: "p" }, routing: null, current: null, appliedAt: "x" };
    expect(appliedStateText({ ...base, profile: "Cheapest", state: "applied" })).toBe("Cheapest");
    expect(appliedStateText({ ...base, profile: "Pinned to provider", provider: "groq", state: "drifted" })).toBe("Edited by hand since Pinned to groq was applied");
    // The model's own routing is as the profile left it; what it inherits from its provider is not.
    const model = { target: { level: "model" as const, provider: "p", id: "m" }, routing: { sort: "price" }, current: { sort: "price" }, appliedAt: "x", profile: "Cheapest", state: "drifted" as const };
    expect(appliedStateText({ ...model, merged: { applied: { only: ["a"], sort: "price" }, now: { only: ["b"], sort: "price" } } })).toBe("Its provider's routing was edited by hand since Cheapest was applied");
    expect(appliedStateText({ ...model, current: { sort: "latency" }, merged: { applied: { sort: "price" }, now: { sort: "latency" } } })).toBe("Edited by hand since Cheapest was applied");
  });
});

describe("what pi will send after applying", () => {
  it("puts the provider's routing under a model's own keys, as pi merges them", () => {
    const snap = snapshot([], [], { providers: [{ name: "p", builtIn: false, baseUrl: null, api: null, openRouter: true, routing: { only: ["x"], zdr: false }, customModelIds: [], overrideIds: [], keySource: { origin: "none", form: "none", label: null, resolves: false, summary: "" }, apiKeyReference: null }] });
    expect(sentAfter(snap, { level: "model", provider: "p", id: "m" }, { zdr: true })).toEqual({ only: ["x"], zdr: true });
    expect(sentAfter(snap, { level: "provider", provider: "p" }, { sort: "price" })).toEqual({ sort: "price" });
    // A plan that also writes the provider level: the model inherits the provider's routing after it.
    const plan = [{ target: { level: "provider" as const, provider: "p" }, models: ["p/m"], before: { only: ["x"], zdr: false }, after: { only: ["x"], zdr: false, sort: "price" } }];
    expect(sentAfter(snap, { level: "model", provider: "p", id: "m" }, { zdr: true }, plan)).toEqual({ only: ["x"], zdr: true, sort: "price" });
  });
});

describe("routes", () => {
  it("reads the tray's review route, names with spaces and & included", () => {
    expect(profileFromHash("#/profiles/apply/Pinned%20to%20provider")).toBe("Pinned to provider");
    expect(profileFromHash("#/profiles/apply/Fast%20&%20cheap")).toBe("Fast & cheap");
    expect(profileFromHash("#/profiles")).toBeNull();
    expect(profileFromHash("#/profiles/apply/%E0%A4")).toBeNull();
  });

  it("re-applies to exactly the remembered target", () => {
    expect(scopeForTarget({ level: "override", provider: "openrouter", id: "a/b" })).toEqual({ kind: "model", ref: "openrouter/a/b" });
    expect(scopeForTarget({ level: "provider", provider: "or-x" })).toEqual({ kind: "provider", provider: "or-x" });
  });
});
