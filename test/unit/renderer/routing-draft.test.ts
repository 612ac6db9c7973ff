import { describe, expect, it } from "vitest";
import { isPinnedTo, pinTo, tidyRouting } from "../../../src-renderer/features/routing-editor/routing-draft";

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
});
