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
    expect(checkAuthText073("")).toEqual({ valid: true, data: {}, errors: [], warnings: [] });
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

describe("checkAuthText under pi 1.x", () => {
  it("calls a null entry broken: pi 0.80.8+ then fails listing its logins and has no model", () => {
    const result = checkAuthText('{\n  "openrouter": null\n}', rulesFor("1.6.0"));
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatchObject({ message: 'auth.json entry "openrouter" is null: pi 1.6.0 fails reading its logins and makes no model available.', line: 2, path: "openrouter" });
    expect(checkAuthText('{"openrouter": null}', rulesFor("0.73.1")).valid).toBe(true);
  });
});
