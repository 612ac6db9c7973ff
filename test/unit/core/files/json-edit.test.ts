import { parse } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import { applyJsonChanges, detectFormatting, editDepthProblem, JsonTooDeepError, MAX_EDIT_DEPTH } from "../../../../src-main/core/files/json-edit.js";

describe("applyJsonChanges (format-preserving edits)", () => {
  it("changes one value and leaves comments, unknown keys and key order byte-identical", () => {
    const text = `{
  // the user's note
  "zeta": 1,
  "defaultModel": "a", // trailing note
  "unknownKey": {"keep": [1, 2, 3]},
  "alpha": true
}
`;
    const out = applyJsonChanges(text, [{ path: ["defaultModel"], value: "b" }]);
    expect(out).toBe(text.replace('"defaultModel": "a"', '"defaultModel": "b"'));
  });

  it("removes a key without touching its neighbours", () => {
    const text = '{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n';
    expect(applyJsonChanges(text, [{ path: ["b"], value: undefined }])).toBe('{\n  "a": 1,\n  "c": 3\n}\n');
  });

  it.each([
    ["2 spaces", "  "],
    ["4 spaces", "    "],
    ["tabs", "\t"],
  ])("inserts with the file's indentation (%s)", (_name, indent) => {
    const text = `{\n${indent}"a": {\n${indent}${indent}"x": 1\n${indent}}\n}\n`;
    const out = applyJsonChanges(text, [{ path: ["a", "y"], value: 2 }]);
    expect(out).toBe(`{\n${indent}"a": {\n${indent}${indent}"x": 1,\n${indent}${indent}"y": 2\n${indent}}\n}\n`);
  });

  it("keeps CRLF line endings, also on inserted lines", () => {
    const text = '{\r\n  "a": 1\r\n}\r\n';
    const out = applyJsonChanges(text, [{ path: ["b"], value: { c: [1] } }]);
    expect(out).toContain("\r\n");
    expect(out.replace(/\r\n/g, "")).not.toContain("\n");
    expect(JSON.parse(out)).toEqual({ a: 1, b: { c: [1] } });
  });

  it("creates a missing path, intermediate objects included", () => {
    const text = '{\n  // keep me\n  "providers": {}\n}\n';
    const out = applyJsonChanges(text, [{ path: ["providers", "openrouter", "compat", "openRouterRouting"], value: { only: ["novita"] } }]);
    expect(out).toContain("// keep me");
    expect(out).toBe('{\n  // keep me\n  "providers": {\n    "openrouter": {\n      "compat": {\n        "openRouterRouting": {\n          "only": ["novita"]\n        }\n      }\n    }\n  }\n}\n');
  });

  it("starts an empty or whitespace-only file as an object", () => {
    expect(JSON.parse(applyJsonChanges("  \n", [{ path: ["a"], value: 1 }]))).toEqual({ a: 1 });
    expect(JSON.parse(applyJsonChanges("", [{ path: ["a"], value: 1 }]))).toEqual({ a: 1 });
  });

  it("applies several changes in order against the edited text", () => {
    const text = '{"list": [1, 2, 3]}';
    const out = applyJsonChanges(text, [
      { path: ["list", 2], value: undefined },
      { path: ["list", 0], value: undefined },
    ]);
    expect(JSON.parse(out)).toEqual({ list: [2] });
  });
});

describe("detectFormatting", () => {
  it("reads the smallest indent, tabs and the line ending", () => {
    expect(detectFormatting('{\n    "a": {\n        "b": 1\n    }\n}')).toMatchObject({ insertSpaces: true, tabSize: 4, eol: "\n" });
    expect(detectFormatting('{\r\n\t"a": 1\r\n}')).toMatchObject({ insertSpaces: false, eol: "\r\n" });
    expect(detectFormatting("{}")).toMatchObject({ insertSpaces: true, tabSize: 2 });
  });
});

describe("removals", () => {
  const remove = (text: string, path: (string | number)[]) => applyJsonChanges(text, [{ path, value: undefined }]);

  it("removes the last array element without gluing its neighbours together", () => {
    expect(remove('{"list": [1, 2, 3]}', ["list", 2])).toBe('{"list": [1, 2]}');
    expect(remove('{"l": [{"a": 1},\n {"b": 2}]}', ["l", 1])).toBe('{"l": [{"a": 1}]}');
  });

  it("removes a first or middle element keeping the others' layout and comments", () => {
    const text = '{\n  "models": [\n    {"id": "a"}, // a\n    // about b\n    {"id": "b"},\n    {"id": "c"}\n  ]\n}\n';
    expect(remove(text, ["models", 0])).toBe('{\n  "models": [\n    // about b\n    {"id": "b"},\n    {"id": "c"}\n  ]\n}\n');
    expect(remove(text, ["models", 1])).toBe('{\n  "models": [\n    {"id": "a"}, // a\n    {"id": "c"}\n  ]\n}\n');
  });

  it("removes the first, last and only property without reformatting the rest", () => {
    const text = '{\n  "a": {"k": 1},\n  "b": 2, // two\n  "c": {"k": 3}\n}\n';
    expect(remove(text, ["a"])).toBe('{\n  "b": 2, // two\n  "c": {"k": 3}\n}\n');
    expect(remove(text, ["c"])).toBe('{\n  "a": {"k": 1},\n  "b": 2 // two\n}\n');
    expect(remove('{\n  "p": {\n    "only": 1\n  },\n  "q": 2\n}', ["p", "only"])).toBe('{\n  "p": {},\n  "q": 2\n}');
  });

  it("leaves the text alone when the path is not there", () => {
    const text = '{\n  "a": 1 // note\n}\n';
    expect(remove(text, ["missing"])).toBe(text);
    expect(remove(text, ["a", "deeper"])).toBe(text);
  });
});

describe("the user's layout around an insertion", () => {
  it("appends to a multi-line array without reflowing the one-line element before it", async () => {
    const text = '{\n  "models": [\n    { "id": "a", "name": "A" },\n  ]\n}\n';
    const out = applyJsonChanges(text, [{ path: ["models", 1], value: { id: "b" } }]);
    // The user's trailing comma (pi's leniency) stays where it was: after the last element.
    expect(out).toBe('{\n  "models": [\n    { "id": "a", "name": "A" },\n    {\n      "id": "b"\n    },\n  ]\n}\n');
  });

  it("keeps a one-line object on one line when a key is added or replaced in it", () => {
    const text = '{\n  "compat": { "openRouterRouting": { "only": ["a"] } }\n}\n';
    // Spaced like the user's own one-line JSON, never minified.
    expect(applyJsonChanges(text, [{ path: ["compat", "openRouterRouting"], value: { only: ["b"] } }])).toBe('{\n  "compat": { "openRouterRouting": { "only": ["b"] } }\n}\n');
    expect(applyJsonChanges(text, [{ path: ["compat", "x"], value: 1 }])).toBe('{\n  "compat": { "openRouterRouting": { "only": ["a"] }, "x": 1 }\n}\n');
  });
});

describe("routing written in the file's own indentation, never minified", () => {
  const routing = { only: ["deepinfra", "novita/fp8"], order: ["deepinfra"], allow_fallbacks: false, max_price: { prompt: 1, completion: 2 } };
  const routingPath = ["providers", "or", "models", 0, "compat", "openRouterRouting"];

  for (const [name, unit] of [["tabs", "\t"], ["2 spaces", "  "], ["4 spaces", "    "]] as const) {
    it(`inserts routing into a multi-line model indented with ${name}, keeping comments and unknown fields`, () => {
      const i = (n: number) => unit.repeat(n);
      const text = `{\n${i(1)}// my providers\n${i(1)}"providers": {\n${i(2)}"or": {\n${i(3)}"baseUrl": "https://openrouter.ai/api/v1",\n${i(3)}"x-unknown": { "keep": true },\n${i(3)}"models": [\n${i(4)}{\n${i(5)}"id": "a", // the model\n${i(5)}"future": 1\n${i(4)}}\n${i(3)}]\n${i(2)}}\n${i(1)}}\n}\n`;
      const out = applyJsonChanges(text, [{ path: routingPath, value: routing }]);
      expect(out).toContain(`${i(1)}// my providers`);
      expect(out).toContain(`${i(3)}"x-unknown": { "keep": true },`);
      expect(out).toContain(`"id": "a", // the model`);
      expect(out).toContain(`${i(5)}"future": 1,\n${i(5)}"compat": {\n${i(6)}"openRouterRouting": {\n${i(7)}"only": ["deepinfra", "novita/fp8"],\n`);
      expect(out).toContain(`${i(7)}"allow_fallbacks": false,`);
      // Every inserted line is indented with the file's own unit only.
      const foreign = unit === "\t" ? / {2}/ : /\t/;
      expect(out.split("\n").filter((l) => foreign.test(l))).toEqual([]);
      expect(parse(out)).toMatchObject({ providers: { or: { "x-unknown": { keep: true }, models: [{ id: "a", future: 1, compat: { openRouterRouting: routing } }] } } });
    });

    it(`lays a one-line model out over lines indented with ${name} when the routing would make its line long`, () => {
      const i = (n: number) => unit.repeat(n);
      const text = `{\n${i(1)}"providers": {\n${i(2)}"or": {\n${i(3)}"models": [\n${i(4)}// keep me\n${i(4)}{ "id": "a", "name": "A", "extra": [1, 2], },\n${i(3)}]\n${i(2)}}\n${i(1)}}\n}\n`;
      const out = applyJsonChanges(text, [{ path: routingPath, value: routing }]);
      expect(out).toBe(
        `{\n${i(1)}"providers": {\n${i(2)}"or": {\n${i(3)}"models": [\n${i(4)}// keep me\n${i(4)}{\n${i(5)}"id": "a",\n${i(5)}"name": "A",\n${i(5)}"extra": [1, 2],\n${i(5)}"compat": {\n${i(6)}"openRouterRouting": {\n` +
          `${i(7)}"only": ["deepinfra", "novita/fp8"],\n${i(7)}"order": ["deepinfra"],\n${i(7)}"allow_fallbacks": false,\n${i(7)}"max_price": {\n${i(8)}"prompt": 1,\n${i(8)}"completion": 2\n${i(7)}}\n${i(6)}}\n${i(5)}}\n${i(4)}},\n${i(3)}]\n${i(2)}}\n${i(1)}}\n}\n`,
      );
    });
  }

  it("keeps a short routing on the user's one line, spaced", () => {
    const text = '{\n  "providers": { "or": { "compat": { "openRouterRouting": { "only": ["a"] } } } }\n}\n';
    const out = applyJsonChanges(text, [{ path: ["providers", "or", "compat", "openRouterRouting"], value: { only: ["b"], allow_fallbacks: false } }]);
    expect(out).toBe('{\n  "providers": { "or": { "compat": { "openRouterRouting": { "only": ["b"], "allow_fallbacks": false } } } }\n}\n');
  });

  it("does not rewrite a one-line object whose text would change (a comment, 1.0): it inserts spaced instead", () => {
    const text = '{\n  "m": { "id": "a", /* why */ "n": 1.0 }\n}\n';
    const out = applyJsonChanges(text, [{ path: ["m", "compat"], value: { openRouterRouting: { only: ["x"] } } }]);
    expect(out).toBe('{\n  "m": { "id": "a", /* why */ "n": 1.0, "compat": { "openRouterRouting": { "only": ["x"] } } }\n}\n');
  });
});

describe("files nested deeper than the edits take on", () => {
  /** A valid file with `depth` nested arrays under "notes", on line 3 (JSON.parse, and so pi, reads it). */
  const nested = (depth: number) => `{\n  "defaultModel": "a",\n  "notes": ${"[".repeat(depth)}${"]".repeat(depth)}\n}\n`;

  it("edits a file nested exactly as deep as the limit", () => {
    const text = nested(MAX_EDIT_DEPTH - 1);
    expect(editDepthProblem(text, "settings.json")).toBeNull();
    expect(applyJsonChanges(text, [{ path: ["defaultModel"], value: "b" }])).toBe(text.replace('"a"', '"b"'));
  });

  it("says where the limit is passed, and refuses with that instead of overflowing the stack", () => {
    const text = nested(20_000);
    expect(() => JSON.parse(text)).not.toThrow();
    // "notes" opens at column 12 of line 3: the outer object is level 1, so level 1,001 is its 1,000th "[".
    expect(editDepthProblem(text, "settings.json")).toMatch(/^settings\.json nests more than 1,000 levels deep \(line 3, column 1011\)\. pi reads it, .*left untouched: flatten or remove that value by hand/);
    expect(() => applyJsonChanges(text, [{ path: ["defaultModel"], value: "b" }])).toThrow(JsonTooDeepError);
  });

  it("counts brackets inside strings and comments as text, not nesting", () => {
    const text = `{\n  // ${"[".repeat(5000)}\n  "a": "${"{".repeat(5000)}"\n}\n`;
    expect(editDepthProblem(text, "settings.json")).toBeNull();
    expect(applyJsonChanges(text, [{ path: ["a"], value: "b" }])).toContain('"a": "b"');
  });
});

