/** visibleText (core/common/visible-text.ts): names that carry direction or invisible characters show them; plain names do not change. */
import { describe, expect, it } from "vitest";
import { visibleText } from "../../../../src-main/core/common/visible-text.js";

describe("visibleText", () => {
  it("leaves plain names, accents and other scripts alone", () => {
    for (const name of ["openrouter-bedrock", "anthropic/claude-sonnet-4.5:thinking", "Llama 3.3 70B (fp8)", "Café — 東京 مرحبا", "🙂 model"]) expect(visibleText(name)).toBe(name);
  });

  it.each([
    ["right-to-left override", "evil\u202Eai.nepo", "evil⟨U+202E⟩ai.nepo"],
    ["isolates and embeddings", "\u2066a\u2069\u202Ab\u202C", "⟨U+2066⟩a⟨U+2069⟩⟨U+202A⟩b⟨U+202C⟩"],
    ["direction marks", "a\u200Eb\u200Fc\u061Cd", "a⟨U+200E⟩b⟨U+200F⟩c⟨U+061C⟩d"],
    ["zero-width space and joiners, BOM, soft hyphen", "open\u200Brouter\u200D\uFEFF\u00AD", "open⟨U+200B⟩router⟨U+200D⟩⟨U+FEFF⟩⟨U+00AD⟩"],
    ["control characters and line separators", "a\nb\u001b[31m\u2028", "a⟨U+000A⟩b⟨U+001B⟩[31m⟨U+2028⟩"],
    ["Hangul filler", "x\u3164y", "x⟨U+3164⟩y"],
    ["tag characters beyond the BMP", "a\u{E0041}", "a⟨U+E0041⟩"],
  ])("writes out %s", (_what, name, shown) => {
    expect(visibleText(name)).toBe(shown);
  });
});
