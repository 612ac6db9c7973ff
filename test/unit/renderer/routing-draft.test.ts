import { describe, expect, it } from "vitest";
import { isPinnedTo, pinTo, replaceSlug, routingSummary, tidyRouting, toggleSlug } from "../../../src-renderer/features/routing-editor/routing-draft";

describe("routing drafts", () => {
  it("pins with only, order and allow_fallbacks false, keeping the other rules", () => {
    const pinned = pinTo({ only: ["a", "b"], order: ["b"], zdr: true }, "novita");
    expect(pinned).toEqual({ only: ["novita"], order: ["novita"], allow_fallbacks: false, zdr: true });
    expect(isPinnedTo(pinned, "novita")).toBe(true);
    expect(isPinnedTo({ ...pinned, allow_fallbacks: true }, "novita")).toBe(false);
  });

  it("drops unset fields and empty lists, and becomes null when nothing is left", () => {
    expect(tidyRouting({ only: [], max_price: { prompt: 1, completion: undefined }, sort: undefined, zdr: false })).toEqual({ max_price: { prompt: 1 }, zdr: false });
    expect(tidyRouting({ ignore: [], max_price: {} })).toBeNull();
  });

  it("adds a slug to only/order/ignore and takes it out again; a provider is never both used and ignored", () => {
    const withOnly = toggleSlug({ ignore: ["groq"], zdr: true }, "only", "groq");
    expect(withOnly).toEqual({ only: ["groq"], ignore: [], zdr: true });
    expect(toggleSlug(withOnly, "order", "novita/fp8")).toEqual({ only: ["groq"], order: ["novita/fp8"], ignore: [], zdr: true });
    expect(toggleSlug({ only: ["groq", "a"], order: ["groq"] }, "ignore", "groq")).toEqual({ only: ["a"], order: [], ignore: ["groq"] });
    expect(toggleSlug({ only: ["groq", "a"] }, "only", "groq")).toEqual({ only: ["a"] });
  });

  it("fixes a slug in place, keeping its position in order (and not doubling one already there)", () => {
    expect(replaceSlug({ order: ["a", "deepinfar", "b"] }, "order", "deepinfar", "deepinfra")).toEqual({ order: ["a", "deepinfra", "b"] });
    expect(replaceSlug({ only: ["deepinfra", "deepinfar"] }, "only", "deepinfar", "deepinfra")).toEqual({ only: ["deepinfra"] });
  });

  it("summarises routing in one line for the list of routed targets", () => {
    expect(routingSummary({ only: ["amazon-bedrock"], allow_fallbacks: false })).toBe("only amazon-bedrock · no fallbacks");
    expect(routingSummary({ order: ["a", "b"], sort: { by: "price", partition: "none" }, zdr: true, data_collection: "deny", quantizations: ["fp8"], max_price: { prompt: 1 }, future_key: 1 })).toBe("order a, b · ZDR · no data collection · sort price · fp8 · price cap · future_key");
    expect(routingSummary(null)).toBe("no routing");
  });
});
