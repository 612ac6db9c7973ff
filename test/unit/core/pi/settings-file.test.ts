import { describe, expect, it } from "vitest";
import { checkSettingsText } from "../../../../src-main/core/pi/settings-file.js";

describe("checkSettingsText: settings.json as pi reads it", () => {
  it("reads the four settings pi uses for models", () => {
    const result = checkSettingsText(
      JSON.stringify({ enabledModels: ["openrouter/**", "kimi:high"], defaultProvider: "openrouter", defaultModel: "openai/gpt-4o", defaultThinkingLevel: "medium", theme: "dark" }),
    );
    expect(result.valid).toBe(true);
    expect(result.settings).toEqual({ enabledModels: ["openrouter/**", "kimi:high"], defaultProvider: "openrouter", defaultModel: "openai/gpt-4o", defaultThinkingLevel: "medium" });
    expect(result.warnings).toEqual([]);
  });

  it("takes an empty file as no settings, as pi does", () => {
    expect(checkSettingsText("")).toMatchObject({ valid: true, errors: [], settings: { enabledModels: undefined } });
  });

  it("is strict JSON: a trailing comma or a comment is an error with its position", () => {
    const comma = checkSettingsText('{\n  "enabledModels": ["a"],\n}');
    expect(comma.valid).toBe(false);
    expect(comma.errors[0]).toMatchObject({ line: 3, column: 1 });
    const comment = checkSettingsText('{\n  // no\n  "a": 1\n}');
    expect(comment.valid).toBe(false);
    expect(comment.errors[0]).toMatchObject({ line: 2, column: 3 });
    expect(comment.errors[0]?.hint).toMatch(/strict JSON/);
  });

  it("rejects a value pi's migration cannot take (not an object), and accepts an array as pi does", () => {
    expect(checkSettingsText("42").valid).toBe(false);
    expect(checkSettingsText("null").valid).toBe(false);
    expect(checkSettingsText("[]")).toMatchObject({ valid: true, settings: { enabledModels: undefined } });
  });

  it("iterates a string enabledModels by character, as pi does, and warns", () => {
    const result = checkSettingsText('{"enabledModels": "z4"}');
    expect(result.settings.enabledModels).toEqual(["z", "4"]);
    expect(result.warnings[0]).toMatchObject({ path: "enabledModels", line: 1, hint: 'Write "enabledModels": ["z4"].' });
  });

  it("drops non-string patterns with a warning", () => {
    const result = checkSettingsText('{"enabledModels": ["a", 3, null]}');
    expect(result.settings.enabledModels).toEqual(["a"]);
    expect(result.warnings[0]?.message).toMatch(/not strings/);
  });

  it("warns about an unknown thinking level and ignores it", () => {
    const result = checkSettingsText('{"defaultThinkingLevel": "max"}');
    expect(result.settings.defaultThinkingLevel).toBeUndefined();
    expect(result.warnings[0]?.message).toMatch(/"max" is not a thinking level/);
  });

  it("warns when only one of defaultProvider and defaultModel is set", () => {
    expect(checkSettingsText('{"defaultModel": "gpt-4o"}').warnings[0]?.path).toBe("defaultModel");
    expect(checkSettingsText('{"defaultProvider": "openrouter"}').warnings[0]?.path).toBe("defaultProvider");
  });
});
