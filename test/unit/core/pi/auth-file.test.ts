import { describe, expect, it } from "vitest";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import { checkAuthText, plaintextKeyProviders } from "../../../../src-main/core/pi/auth-file.js";

const checkAuthText073 = (text: string) => checkAuthText(text, rulesFor("0.73.1"));

describe("checkAuthText: auth.json as pi reads it", () => {
  it("hands the parsed credentials on when the file parses", () => {
    const result = checkAuthText073(JSON.stringify({ anthropic: { type: "oauth", access: "a" } }));
    expect(result).toMatchObject({ valid: true, errors: [], warnings: [] });
    expect(result.data).toEqual({ anthropic: { type: "oauth", access: "a" } });
  });

  it("takes an empty file as no credentials, as pi does", () => {
    expect(checkAuthText073("")).toEqual({ valid: true, data: {}, blocksModels: false, errors: [], warnings: [] });
  });

  it("drops every credential of a file that does not parse, reporting the position only", () => {
    const result = checkAuthText073('{\n  "openrouter": {"type": "api_key", "key": sk-or-v1-XYZ123}\n}');
    expect(result.valid).toBe(false);
    expect(result.data).toEqual({});
    expect(result.errors[0]).toMatchObject({ line: 2 });
    expect(JSON.stringify(result)).not.toContain("XYZ123");
  });

  it("rejects a file that is not an object", () => {
    expect(checkAuthText073("[]").valid).toBe(false);
    expect(checkAuthText073("null").valid).toBe(false);
  });

  it("warns about keys stored in plain text, never quoting them", () => {
    const text = JSON.stringify({ openrouter: { type: "api_key", key: "sk-or-v1-XYZ123" } }, null, 2);
    const result = checkAuthText073(text);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ path: "openrouter", line: 2, column: 3 });
    expect(JSON.stringify(result.warnings)).not.toContain("XYZ123");
  });
});

describe("plaintextKeyProviders", () => {
  it("lists literal keys only: not commands, env var names or oauth logins", () => {
    expect(
      plaintextKeyProviders({
        a: { type: "api_key", key: "sk-literal" },
        b: { type: "api_key", key: "!secret-tool lookup service pi" },
        c: { type: "api_key", key: "OPENROUTER_API_KEY" },
        d: { type: "oauth", access: "x" },
        e: null,
      }),
    ).toEqual(["a"]);
  });
});

/**
 * What each pi generation does with an auth.json it cannot list its logins from, as seen running
 * real pi 0.73.1, 0.80.10, 0.81.1, 0.82.x, 0.83.0, 0.84.0, 0.84.3, 0.87.1 and 1.6.0 on each file with
 * OPENROUTER_API_KEY set (interactive start, `--list-models`); the real-pi half of this table is
 * checked by test/conformance/no-model-pi.test.ts.
 */
describe("checkAuthText: an auth.json pi cannot list its logins from, by pi generation", () => {
  const unparseable = '{\n  "openrouter": {"type": "api_key", "key": "sk-or-v1-XYZ123"},\n}';
  it("before 0.84.0 a file that does not parse is read as no credentials, and models stay available", () => {
    for (const version of ["0.73.1", "0.83.0"]) {
      const result = checkAuthText(unparseable, rulesFor(version));
      expect(result).toMatchObject({ valid: false, blocksModels: false });
      expect(result.errors[0]!.message).toBe("auth.json is not valid JSON; pi ignores every credential in it.");
    }
  });

  it("from 0.84.0 a file that does not parse leaves no model, and a scope stops pi at start", () => {
    const result = checkAuthText(unparseable, rulesFor("1.6.0"));
    expect(result).toMatchObject({ valid: false, blocksModels: true, data: {} });
    expect(result.errors[0]).toMatchObject({
      message: "auth.json is not valid JSON: pi 1.6.0 has no model available, and stops with an error at start when settings.json scopes models (enabledModels).",
      line: 3,
    });
    expect(JSON.stringify(result)).not.toContain("XYZ123");
    expect(checkAuthText(unparseable, rulesFor("0.84.0")).blocksModels).toBe(true);
  });

  it("a file that holds null stops every pi before 0.84.0 at start, and leaves none a model", () => {
    expect(checkAuthText("null", rulesFor("0.73.1"))).toMatchObject({ valid: false, blocksModels: true, errors: [{ message: "auth.json holds null: pi 0.73.1 stops with an error at start, and no model is available." }] });
    expect(checkAuthText("null", rulesFor("1.6.0")).errors[0]!.message).toBe("auth.json holds null: pi 1.6.0 has no model available, and stops with an error at start when settings.json scopes models (enabledModels).");
    // Other non-objects are read as no logins (test/fixtures/agent-dirs/auth-array).
    expect(checkAuthText("[]", rulesFor("1.6.0"))).toMatchObject({ valid: false, blocksModels: false });
  });

  it("a null entry blocks from 0.80.8 (listing the logins reads its type), stopping pi at start before 0.84.0", () => {
    const result = checkAuthText('{\n  "openrouter": null\n}', rulesFor("1.6.0"));
    expect(result).toMatchObject({ valid: false, blocksModels: true });
    expect(result.errors[0]).toMatchObject({ message: 'auth.json entry "openrouter" is null: pi 1.6.0 has no model available, and stops with an error at start when settings.json scopes models (enabledModels).', line: 2, path: "openrouter" });
    expect(checkAuthText('{"openrouter": null}', rulesFor("0.83.0")).errors[0]!.message).toBe('auth.json entry "openrouter" is null: pi 0.83.0 stops with an error at start, and no model is available.');
    expect(checkAuthText('{"openrouter": null}', rulesFor("0.73.1"))).toMatchObject({ valid: true, blocksModels: false });
  });
});
