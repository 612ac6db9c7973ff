import { describe, expect, it } from "vitest";
import { blankJsonComments, parseLenientJson, parseStrictJson } from "../../../src-main/core/pi/pi-json.js";

describe("parseLenientJson (models.json as pi 0.7x reads it)", () => {
  it("accepts // comments and trailing commas, keeping offsets", () => {
    const text = '{\n  // note\n  "a": [1, 2,],\n}';
    expect(blankJsonComments(text)).toHaveLength(text.length);
    expect(parseLenientJson(text)).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it("leaves // inside strings alone", () => {
    expect(parseLenientJson('{"u": "https://openrouter.ai/api/v1"}')).toEqual({ ok: true, value: { u: "https://openrouter.ai/api/v1" } });
  });

  it("rejects block comments as pi does, pointing at them", () => {
    const result = parseLenientJson('{\n  /* no */ "a": 1\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.line).toBe(2);
      expect(result.problem.column).toBe(3);
      expect(result.problem.hint).toMatch(/block/);
    }
  });

  it("rejects a byte-order mark, as JSON.parse in pi does", () => {
    const result = parseLenientJson("\ufeff{}");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.hint).toMatch(/BOM/);
  });

  it("never quotes the text around an error (it may be a key)", () => {
    const result = parseStrictJson('{"openrouter": {"key": sk-or-v1-abcdef0123}}');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.message).not.toContain("sk-or");
      expect(result.problem.line).toBe(1);
      expect(result.problem.column).toBe(24);
    }
  });
});

describe("parseStrictJson (settings.json, auth.json)", () => {
  it("rejects comments and trailing commas", () => {
    expect(parseStrictJson('{"a": 1,}').ok).toBe(false);
    expect(parseStrictJson('{"a": 1 // x\n}').ok).toBe(false);
  });
});
