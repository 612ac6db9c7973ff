import { describe, expect, it } from "vitest";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import { describeConfigValue, hasConfiguredAuth, keySourceFor, type KeyContext } from "../../../../src-main/core/pi/key-source.js";

const PI_073 = rulesFor("0.73.1");

/** pi-ai's env rule for the providers used here: openrouter reads OPENROUTER_API_KEY. */
function context(parts: { auth?: Record<string, unknown>; apiKeys?: Record<string, string>; env?: NodeJS.ProcessEnv }): KeyContext {
  const env = parts.env ?? {};
  const envNames: Record<string, string> = { openrouter: "OPENROUTER_API_KEY" };
  return {
    auth: parts.auth ?? {},
    modelsApiKeys: new Map(Object.entries(parts.apiKeys ?? {})),
    envApiKey: (provider) => (envNames[provider] ? env[envNames[provider]!] : undefined),
    envKeyNames: (provider) => (envNames[provider] && env[envNames[provider]!] ? [envNames[provider]!] : []),
    oauthProviders: new Set(["anthropic", "github-copilot", "openai-codex"]),
    env,
    rules: PI_073,
  };
}

describe("describeConfigValue (pi's resolveConfigValue, described)", () => {
  it("reads !command as a command, never running it", () => {
    expect(describeConfigValue("!secret-tool lookup service pi", {}, PI_073)).toEqual({ form: "command", label: "secret-tool lookup service pi", resolves: null });
  });

  it("reads a set env var name as env, whatever its case", () => {
    expect(describeConfigValue("OPENROUTER_API_KEY", { OPENROUTER_API_KEY: "sk" }, PI_073)).toEqual({ form: "env", label: "OPENROUTER_API_KEY", resolves: true });
    expect(describeConfigValue("my_key", { my_key: "sk" }, PI_073)).toEqual({ form: "env", label: "my_key", resolves: true });
  });

  it("names an unset env-looking name, which pi sends as the key itself", () => {
    expect(describeConfigValue("OPENROUTER_API_KEY", {}, PI_073)).toEqual({ form: "literal", label: "OPENROUTER_API_KEY", resolves: true });
  });

  it("treats anything else as a literal key and never echoes it", () => {
    expect(describeConfigValue("sk-or-v1-abc", {}, PI_073)).toEqual({ form: "literal", label: null, resolves: true });
    expect(describeConfigValue("$OPENROUTER_API_KEY", { OPENROUTER_API_KEY: "sk" }, PI_073).form).toBe("literal");
  });
});

describe("keySourceFor: pi 0.73's order", () => {
  const everything = { auth: { openrouter: { type: "api_key", key: "!pass or" } }, apiKeys: { openrouter: "sk-literal" }, env: { OPENROUTER_API_KEY: "sk-env" } };

  it("takes auth.json first", () => {
    const source = keySourceFor("openrouter", context(everything));
    expect(source).toMatchObject({ origin: "auth.json", form: "command", label: "pass or" });
    expect(source.summary).toBe("auth.json → runs `pass or`");
  });

  it("takes an auth.json oauth login", () => {
    expect(keySourceFor("anthropic", context({ auth: { anthropic: { type: "oauth", access: "a" } } }))).toMatchObject({ origin: "auth.json", form: "oauth", resolves: true });
  });

  it("takes an oauth login for a provider pi has no OAuth for as no key, then only models.json apiKey", () => {
    const oauth = { openrouter: { type: "oauth", access: "a" } };
    const none = keySourceFor("openrouter", context({ auth: oauth, env: { OPENROUTER_API_KEY: "sk-env" } }));
    expect(none).toMatchObject({ origin: "auth.json", form: "oauth", resolves: false });
    expect(none.summary).toMatch(/no key/);
    expect(keySourceFor("openrouter", context({ auth: oauth, apiKeys: { openrouter: "sk-literal" } }))).toMatchObject({ origin: "models.json", form: "literal" });
  });

  it("takes the env var before models.json apiKey (pi 0.7x)", () => {
    const source = keySourceFor("openrouter", context({ ...everything, auth: {} }));
    expect(source).toMatchObject({ origin: "environment", form: "env", label: "OPENROUTER_API_KEY", resolves: true });
    expect(source.summary).toBe("env → $OPENROUTER_API_KEY");
  });

  it("falls back to models.json apiKey, described", () => {
    expect(keySourceFor("openrouter", context({ apiKeys: { openrouter: "sk-literal" } }))).toMatchObject({ origin: "models.json", form: "literal", label: null });
    const unset = keySourceFor("openrouter-bedrock", context({ apiKeys: { "openrouter-bedrock": "OPENROUTER_API_KEY" } }));
    expect(unset).toMatchObject({ origin: "models.json", form: "literal", resolves: true });
    expect(unset.summary).toBe('models.json → the text "OPENROUTER_API_KEY" itself (no env var OPENROUTER_API_KEY is set)');
  });

  it("says when there is no key at all", () => {
    expect(keySourceFor("openrouter", context({}))).toMatchObject({ origin: "none", form: "none", resolves: false, summary: "no key configured" });
  });

  it("skips an auth.json entry pi cannot use as a key and goes on to the env var", () => {
    expect(keySourceFor("openrouter", context({ auth: { openrouter: {} }, env: { OPENROUTER_API_KEY: "sk" } })).origin).toBe("environment");
  });

  it("never puts a secret in what it returns", () => {
    const text = JSON.stringify([
      keySourceFor("openrouter", context({ apiKeys: { openrouter: "sk-or-secret-1" } })),
      keySourceFor("openrouter", context({ auth: { openrouter: { type: "api_key", key: "sk-or-secret-2" } } })),
      keySourceFor("openrouter", context({ env: { OPENROUTER_API_KEY: "sk-or-secret-3" } })),
    ]);
    expect(text).not.toMatch(/secret/);
  });
});

describe("hasConfiguredAuth (what puts a provider's models in getAvailable)", () => {
  it("counts any truthy auth.json entry, the env var, or a models.json apiKey", () => {
    expect(hasConfiguredAuth("openrouter", context({ auth: { openrouter: {} } }))).toBe(true);
    expect(hasConfiguredAuth("openrouter", context({ env: { OPENROUTER_API_KEY: "sk" } }))).toBe(true);
    expect(hasConfiguredAuth("openrouter-x", context({ apiKeys: { "openrouter-x": "UNSET_NAME" } }))).toBe(true);
  });

  it("does not count a null auth entry, an empty env var, or another provider's key", () => {
    expect(hasConfiguredAuth("openrouter", context({ auth: { openrouter: null } }))).toBe(false);
    expect(hasConfiguredAuth("openrouter", context({ env: { OPENROUTER_API_KEY: "" } }))).toBe(false);
    expect(hasConfiguredAuth("openrouter-x", context({ env: { OPENROUTER_API_KEY: "sk" } }))).toBe(false);
  });
});

describe("keySourceFor under pi 1.x (ModelRuntime)", () => {
  const PI_1X = rulesFor("1.6.0");
  const ctx = (parts: Parameters<typeof context>[0], oauth = ["anthropic", "openrouter"]) => ({ ...context(parts), rules: PI_1X, oauthProviders: new Set(oauth) });

  it("reads models.json apiKey before the env var, and $NAME as an env reference", () => {
    const source = keySourceFor("openrouter", ctx({ apiKeys: { openrouter: "$MY_OR_KEY" }, env: { MY_OR_KEY: "sk-mine", OPENROUTER_API_KEY: "sk-env" } }));
    expect(source).toMatchObject({ origin: "models.json", form: "env", label: "MY_OR_KEY", resolves: true });
    expect(source.summary).toBe("models.json → $MY_OR_KEY");
  });

  it("leaves a provider whose models.json $VAR is unset unconfigured, without falling back to the env var", () => {
    const c = ctx({ apiKeys: { openrouter: "$UNSET_KEY" }, env: { OPENROUTER_API_KEY: "sk-env" } });
    expect(keySourceFor("openrouter", c)).toMatchObject({ origin: "models.json", form: "env", resolves: false });
    expect(hasConfiguredAuth("openrouter", c)).toBe(false);
  });

  it("takes a bare name in models.json as a literal key (pi 1.x sends it as is)", () => {
    const c = ctx({ apiKeys: { openrouter: "OPENROUTER_API_KEY" }, env: { OPENROUTER_API_KEY: "sk-env" } });
    expect(keySourceFor("openrouter", c)).toMatchObject({ origin: "models.json", form: "literal", resolves: true });
  });

  it("falls from an auth.json key that resolves to nothing to the env var, never to models.json", () => {
    const c = ctx({ auth: { openrouter: { type: "api_key", key: "$GONE" } }, apiKeys: { openrouter: "sk-literal" }, env: { OPENROUTER_API_KEY: "sk-env" } });
    expect(keySourceFor("openrouter", c)).toMatchObject({ origin: "environment", label: "OPENROUTER_API_KEY" });
    const custom = ctx({ auth: { "openrouter-x": { type: "api_key", key: "$GONE" } }, apiKeys: { "openrouter-x": "sk-literal" } });
    expect(keySourceFor("openrouter-x", custom)).toMatchObject({ origin: "auth.json", resolves: false });
    expect(hasConfiguredAuth("openrouter-x", custom)).toBe(false);
  });

  it("counts an OpenRouter OAuth login (pi has OpenRouter OAuth), and an OAuth entry pi cannot use as no auth at all", () => {
    expect(keySourceFor("openrouter", ctx({ auth: { openrouter: { type: "oauth", access: "a", refresh: "r", expires: 1 } } }))).toMatchObject({ origin: "auth.json", form: "oauth", resolves: true });
    const c = ctx({ auth: { groq: { type: "oauth", access: "a" } }, apiKeys: { groq: "sk-literal" } });
    expect(keySourceFor("groq", c)).toMatchObject({ origin: "auth.json", form: "oauth", resolves: false });
    expect(hasConfiguredAuth("groq", c)).toBe(false);
  });

  it("counts a command as configured without running it", () => {
    const c = ctx({ auth: { openrouter: { type: "api_key", key: "!secret-tool lookup x" } } });
    expect(keySourceFor("openrouter", c)).toMatchObject({ origin: "auth.json", form: "command", resolves: null });
    expect(hasConfiguredAuth("openrouter", c)).toBe(true);
  });
});

describe("keySourceFor: an auth.json api_key entry without a key", () => {
  it("stops pi 0.7x with no key (it does not fall through to models.json), and is no auth for pi 1.x's models.json key", () => {
    const parts = { auth: { "openrouter-x": { type: "api_key" } }, apiKeys: { "openrouter-x": "sk-literal" } };
    expect(keySourceFor("openrouter-x", context(parts))).toMatchObject({ origin: "auth.json", form: "none", resolves: false, summary: "auth.json → an api_key entry without a key (pi fails to read it)" });
    expect(keySourceFor("openrouter-x", { ...context(parts), rules: rulesFor("1.6.0") })).toMatchObject({ origin: "none", resolves: false });
  });
});
