import { describe, expect, it } from "vitest";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import { checkSettingsText as checkWith } from "../../../../src-main/core/pi/settings-file.js";

const PI_073 = rulesFor("0.73.1");
const PI_087 = rulesFor("0.87.1");
const PI_160 = rulesFor("1.6.0");
const checkSettingsText = (text: string) => checkWith(text, PI_073);

describe("checkSettingsText: settings.json as pi reads it", () => {
  it("reads the four settings pi uses for models", () => {
    const result = checkSettingsText(
      JSON.stringify({ enabledModels: ["openrouter/**", "kimi:high"], defaultProvider: "openrouter", defaultModel: "openai/gpt-4o", defaultThinkingLevel: "medium", theme: "dark" }),
    );
    expect(result.valid).toBe(true);
    expect(result.settings).toEqual({ enabledModels: ["openrouter/**", "kimi:high"], defaultProvider: "openrouter", defaultModel: "openai/gpt-4o", defaultThinkingLevel: "medium", rawDefaultThinkingLevel: "medium", modelThinkingLevels: undefined });
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

  it("calls a non-string pattern an error pi stops on at start, placed on the item, while pi still reads the file", () => {
    const result = checkSettingsText('{\n  "enabledModels": ["a",\n    3, null]\n}');
    const message = "enabledModels item 2 is a number, not a pattern: pi 0.73.1 stops with an error at start (resolving the scope throws on it).";
    expect(result).toMatchObject({ valid: true, stopsPi: message, settings: { enabledModels: ["a"] }, warnings: [] });
    expect(result.errors).toEqual([{ message, path: "enabledModels.1", line: 3, column: 5, hint: 'Remove it, or write the pattern as a string ("provider/id").' }]);
    expect(checkWith('{"enabledModels": [null]}', PI_160).stopsPi).toBe("enabledModels item 1 is null, not a pattern: pi 1.6.0 stops with an error at start (resolving the scope throws on it).");
    expect(checkSettingsText('{"enabledModels": ["a"]}').stopsPi).toBeNull();
  });

  it("warns about a thinking level this pi does not know: max before 0.80.6", () => {
    const result = checkSettingsText('{"defaultThinkingLevel": "max"}');
    expect(result.settings.defaultThinkingLevel).toBeUndefined();
    expect(result.settings.rawDefaultThinkingLevel).toBe("max");
    expect(result.warnings[0]?.message).toMatch(/"max" is not a thinking level\. pi 0\.73\.1 does not know it/);
    expect(result.warnings[0]?.hint).toBe("Use off, minimal, low, medium, high, xhigh.");
    expect(checkWith('{"defaultThinkingLevel": "max"}', PI_087)).toMatchObject({ warnings: [], settings: { defaultThinkingLevel: "max" } });
    expect(checkWith('{"defaultThinkingLevel": "extreme"}', PI_160).warnings[0]?.hint).toBe("Use off, minimal, low, medium, high, xhigh, max.");
  });

  it("warns when only one of defaultProvider and defaultModel is set", () => {
    expect(checkSettingsText('{"defaultModel": "gpt-4o"}').warnings[0]?.path).toBe("defaultModel");
    expect(checkSettingsText('{"defaultProvider": "openrouter"}').warnings[0]?.path).toBe("defaultProvider");
  });

  it("reads modelThinkingLevels from pi 0.84.3 on, and says when this pi ignores it", () => {
    const text = '{"modelThinkingLevels": {"openrouter/openai/gpt-5": "high", "gpt-4o": "low", "openrouter/x": "turbo"}}';
    const old = checkWith(text, PI_073);
    expect(old.settings.modelThinkingLevels).toBeUndefined();
    expect(old.warnings.map((w) => w.message)).toEqual(["pi 0.73.1 ignores modelThinkingLevels (pi 0.84.3 added it)."]);
    expect(checkWith(text, rulesFor("0.84.2")).settings.modelThinkingLevels).toBeUndefined();
    const now = checkWith(text, PI_087);
    expect(now.settings.modelThinkingLevels).toEqual({ "openrouter/openai/gpt-5": "high", "gpt-4o": "low", "openrouter/x": "turbo" });
    expect(now.warnings.map((w) => [w.path, w.line])).toEqual([
      ["modelThinkingLevels.gpt-4o", 1],
      ["modelThinkingLevels.openrouter/x", 1],
    ]);
    expect(checkWith('{"modelThinkingLevels": ["high"]}', PI_160).warnings[0]?.message).toMatch(/not an object/);
  });

  it("reads a file that starts with a BOM from pi 0.84.3 on; older pi cannot parse it", () => {
    const text = '\ufeff{"defaultModel": "gpt-4o", "defaultProvider": "openai"}';
    expect(checkWith(text, PI_073).valid).toBe(false);
    expect(checkWith(text, rulesFor("0.84.2")).valid).toBe(false);
    expect(checkWith(text, PI_087)).toMatchObject({ valid: true, settings: { defaultModel: "gpt-4o", defaultProvider: "openai" } });
  });
});
