import { describe, expect, it } from "vitest";
import { blankJsonComments, parseLenientJson, parseStrictJson, SourceLocator } from "../../../src-main/core/pi/pi-json.js";

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

describe("a file nested deeper than jsonc-parser can recurse", () => {
  // 100,000 levels overflow any default stack in jsonc-parser's descent; JSON.parse (pi's) does not.
  const deep = (inner: string) => `${"[".repeat(100_000)}${inner}${"]".repeat(100_000)}`;

  it("is read as pi reads it, and a file pi cannot parse gets its error's place, never a crash", () => {
    expect(parseStrictJson(deep("1")).ok).toBe(true);
    // V8 names no position for an unexpected token: the app finds it by walking the text.
    expect(parseStrictJson(`\ufeff${deep("")}`)).toMatchObject({ ok: false, problem: { line: 1, column: 1 } });
    expect(parseStrictJson(deep("\n  x"))).toMatchObject({ ok: false, problem: { line: 2, column: 3 } });
    expect(parseLenientJson(deep("\n  1,\n  x"))).toMatchObject({ ok: false, problem: { line: 3, column: 3 } });
    expect(parseStrictJson(`{"a": ${deep("")}, "b": x}`)).toMatchObject({ ok: false, problem: { line: 1, column: 200_014 } });
    expect(parseStrictJson(deep("1,"))).toMatchObject({ ok: false, problem: { line: 1, column: 100_003 } });
  });
});

describe("SourceLocator", () => {
  // Nested containers, braces inside strings and comments, a duplicate key whose members merge.
  const text = `{
  "providers": {
    "a": { "apiKey": "K", "models": [ { "id": "x{", "compat": { "r": [1, {"q": "]"}] } }, // }
      { "id": "y" } ] },
    "b": { /* { */ "models": [ [], {} ], "apiKey": "B" },
    "a": { "baseUrl": "u" }
  },
  "other": [ { "k": 1 } ]
}`;
  const paths: (string | number)[][] = [
    ["providers", "a", "apiKey"], ["providers", "a", "models", 0, "compat", "r", 1, "q"], ["providers", "a", "models", 1, "id"],
    ["providers", "b", "apiKey"], ["providers", "b", "models", 1], ["providers", "a", "baseUrl"], ["other", 0, "k"], ["providers", "a", "missing"], ["providers", "c"],
  ];

  it("answers each path the same whatever was located before it (skipped containers are remembered)", () => {
    const alone = paths.map((p) => new SourceLocator(text).at(p));
    expect(alone[0]).toEqual({ line: 3, column: 12 });
    expect(alone[5]).toEqual({ line: 6, column: 12 });
    for (const order of [paths, [...paths].reverse(), [...paths.slice(4), ...paths.slice(0, 4)]]) {
      const shared = new SourceLocator(text);
      const answers = new Map(order.map((p) => [p, shared.at(p)]));
      expect(paths.map((p) => answers.get(p))).toEqual(alone);
    }
  });
});
