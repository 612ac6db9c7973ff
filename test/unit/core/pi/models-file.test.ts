import { describe, expect, it } from "vitest";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import { checkModelsText } from "../../../../src-main/core/pi/models-file.js";

const BUILT_IN = new Map([["openrouter", []], ["anthropic", []]]);
const check = (text: string) => checkModelsText(text, BUILT_IN, rulesFor("0.73.1"));
const OR = "https://openrouter.ai/api/v1";

/** A virtual OpenRouter provider, as users write them. */
function virtual(extra: Record<string, unknown> = {}, models: unknown[] = [{ id: "a/b" }]) {
  return JSON.stringify({ providers: { "openrouter-x": { baseUrl: OR, api: "openai-completions", apiKey: "OPENROUTER_API_KEY", ...extra, models } } }, null, 2);
}
const messages = (problems: { message: string }[]) => problems.map((p) => p.message);

describe("checkModelsText: pi's verdict", () => {
  it("accepts a valid file with // comments and trailing commas, and returns the config", () => {
    const result = check('{\n  // mine\n  "providers": {"openrouter": {"headers": {"X": "y"},},},\n}');
    expect(result.valid).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.config?.providers.openrouter?.headers).toEqual({ X: "y" });
  });

  it("rejects unparseable text with the position of the problem", () => {
    const result = check('{\n  "providers": {\n    /* x */\n  }\n}');
    expect(result.valid).toBe(false);
    expect(result.config).toBeNull();
    expect(result.errors[0]).toMatchObject({ line: 3, column: 5 });
  });

  it("reports a schema error at the offending value, with line and column", () => {
    const text = virtual({}, [{ id: "a/b", contextWindow: "200k" }]);
    const result = check(text);
    expect(result.valid).toBe(false);
    const error = result.errors.find((e) => e.path === "providers.openrouter-x.models.0.contextWindow")!;
    expect(error).toBeDefined();
    const line = text.split("\n").findIndex((l) => l.includes('"contextWindow"')) + 1;
    expect(error.line).toBe(line);
    expect(error.column).toBe(text.split("\n")[line - 1]!.indexOf('"contextWindow"') + 1);
    expect(error.hint).toMatch(/custom model/);
  });

  it("rejects an empty id and a missing providers object", () => {
    expect(check(virtual({}, [{ id: "" }])).valid).toBe(false);
    const missing = check("{}");
    expect(missing.valid).toBe(false);
    expect(missing.errors[0]?.path).toBe("providers");
  });

  it("accepts `only` as a string, as pi's loose compat union does", () => {
    expect(check(virtual({ compat: { openRouterRouting: { only: "amazon-bedrock" } } })).valid).toBe(true);
  });

  it("applies pi's rules for custom models, all of them, pi's first one first", () => {
    const text = JSON.stringify({ providers: { mine: { models: [{ id: "m", contextWindow: 0, maxTokens: -5 }] } } }, null, 2);
    const result = check(text);
    expect(result.valid).toBe(false);
    expect(messages(result.errors)).toEqual([
      'Provider mine: "baseUrl" is required when defining custom models.',
      'Provider mine: "apiKey" is required when defining custom models.',
      'Provider mine, model m: no "api" specified. Set at provider or model level.',
      "Provider mine, model m: invalid contextWindow",
      "Provider mine, model m: invalid maxTokens",
    ]);
    expect(result.errors.every((e) => e.line !== null && e.column !== null && e.hint)).toBe(true);
  });

  it("rejects a provider with nothing in it, even a built-in one", () => {
    const result = check(JSON.stringify({ providers: { openrouter: { apiKey: "OPENROUTER_API_KEY" } } }));
    expect(messages(result.errors)).toEqual(['Provider openrouter: must specify "baseUrl", "headers", "compat", "modelOverrides", or "models".']);
  });

  it("lets custom models of a built-in provider inherit baseUrl, apiKey and api", () => {
    expect(check(JSON.stringify({ providers: { openrouter: { models: [{ id: "my/model" }] } } })).valid).toBe(true);
  });
});

describe("checkModelsText: warnings (pi accepts, OpenRouter or the user would not)", () => {
  const warningsOf = (routing: unknown, extra: Record<string, unknown> = {}) =>
    messages(check(virtual({ compat: { openRouterRouting: routing }, ...extra })).warnings);

  it("never changes the verdict", () => {
    const result = check(virtual({ compat: { openRouterRouting: { only: "x", bogus: 1 } } }));
    expect(result.valid).toBe(true);
    expect(result.warnings.length).toBeGreaterThan(0);
  });

  it("warns about only given as a string", () => {
    expect(warningsOf({ only: "amazon-bedrock" })).toEqual(['"only" is a string; OpenRouter expects a list.']);
  });

  it("warns about an unknown routing key", () => {
    expect(warningsOf({ providers: ["x"] })[0]).toMatch(/Unknown routing key "providers"/);
  });

  it("warns about an empty only", () => {
    expect(warningsOf({ only: [] })[0]).toMatch(/"only" is empty/);
  });

  it("warns about an order entry that only excludes", () => {
    expect(warningsOf({ only: ["a"], order: ["a", "b"] })).toEqual(['"order" lists "b", which "only" excludes: it is never tried.']);
  });

  it("warns about a routing value of the wrong type", () => {
    expect(warningsOf({ allow_fallbacks: "no" })[0]).toMatch(/Routing "allow_fallbacks"/);
  });

  it("warns about a duplicate model id, pointing at the later one", () => {
    const text = virtual({}, [{ id: "a/b" }, { id: "a/b", name: "Second" }]);
    const [warning] = check(text).warnings;
    expect(warning?.message).toMatch(/appears twice/);
    expect(warning?.path).toBe("providers.openrouter-x.models.1");
    expect(warning?.line).toBeGreaterThan(1);
  });

  it("warns about routing on a baseUrl without openrouter.ai, and on another api", () => {
    expect(warningsOf({ only: ["a"] }, { baseUrl: "https://proxy.example.com/v1" })[0]).toMatch(/does not contain openrouter.ai/);
    expect(warningsOf({ only: ["a"] }, { api: "anthropic-messages" })[0]).toMatch(/only with "api": "openai-completions"/);
  });

  it("warns about a $NAME apiKey that pi 0.7x takes literally", () => {
    expect(messages(check(virtual({ apiKey: "$OPENROUTER_API_KEY" })).warnings)[0]).toMatch(/taken literally/);
  });

  it("is quiet about a clean file", () => {
    expect(check(virtual({ compat: { openRouterRouting: { only: ["a"], order: ["a"], allow_fallbacks: false } } })).warnings).toEqual([]);
  });
});

describe("checkModelsText: lints follow the detected pi", () => {
  const PI_1X = rulesFor("1.6.0");
  const check1x = (text: string) => checkModelsText(text, BUILT_IN, PI_1X);

  it("warns that pi 1.x sends a bare env var name as the key, and says to write $NAME", () => {
    const warnings = check1x(virtual({ apiKey: "OPENROUTER_API_KEY" })).warnings;
    expect(warnings.map((w) => w.message)).toContain('apiKey "OPENROUTER_API_KEY" is sent as the key itself by pi 1.6.0 (a bare name is literal since pi 0.79.4), so OpenRouter answers 401.');
    expect(warnings.find((w) => w.path === "providers.openrouter-x.apiKey")?.hint).toBe('Write "apiKey": "$OPENROUTER_API_KEY" to read the environment variable.');
  });

  it("never pushes a pi 1.x user from $NAME to the bare name", () => {
    expect(check1x(virtual({ apiKey: "$OPENROUTER_API_KEY" })).warnings.filter((w) => w.path?.endsWith("apiKey"))).toEqual([]);
    expect(check1x(virtual({ apiKey: "sk-or-v1-0123456789abcdef" })).warnings.filter((w) => w.path?.endsWith("apiKey"))).toEqual([]);
  });

  it("does not warn about routing on a proxy baseUrl, which pi 0.79.0+ sends", () => {
    const proxied = virtual({ baseUrl: "https://proxy.example.com/v1", compat: { openRouterRouting: { only: ["groq"] } } });
    expect(check1x(proxied).warnings.filter((w) => /baseUrl/.test(w.message))).toEqual([]);
    expect(check(proxied).warnings.some((w) => /does not contain openrouter\.ai/.test(w.message))).toBe(true);
  });

  it("accepts a models.json that starts with a byte order mark from pi 0.84.3 on, with pi's positions", () => {
    const text = `\uFEFF${virtual()}`;
    expect(check1x(text).valid).toBe(true);
    expect(check(text).valid).toBe(false);
  });
});
