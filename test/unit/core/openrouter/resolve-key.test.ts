/**
 * The key a test prompt sends is the one pi 0.73 would send: auth.json (literal, env var name,
 * `!command`), then the provider's env var, then models.json apiKey; an OAuth login pi implements
 * is refused clearly, one for a provider pi has no OAuth for falls through as in pi;
 * a failing command is reported without guessing another key.
 */
import { describe, expect, test } from "vitest";
import { resolveRequestAuth } from "../../../../src-main/core/openrouter/resolve-key.js";
import { testPiByVersion } from "../../../conformance/pi-versions.js";
import { openAgentDir } from "./agent-dir.js";

const models = (apiKey?: string, extra: Record<string, unknown> = {}) => ({
  providers: {
    openrouter: { baseUrl: "http://127.0.0.1:9/openrouter.ai/api/v1", ...(apiKey ? { apiKey } : {}), ...extra },
  },
});

async function resolveFor(files: { models?: unknown; auth?: unknown }, env: NodeJS.ProcessEnv = {}, provider = "openrouter", pi?: string) {
  const service = await openAgentDir(files, pi ? { ...env, PI_SWITCHBOARD_PI: testPiByVersion(pi).piDir } : env);
  const model = service.agentState().models.find((m) => m.provider === provider && (provider !== "openrouter" || m.id === "moonshotai/kimi-k2"))!;
  const auth = await resolveRequestAuth(model, service.agentState());
  service.close();
  return auth;
}

describe("resolveRequestAuth (pi 0.73 order)", () => {
  test("auth.json literal wins over env and models.json", async () => {
    const auth = await resolveFor({ models: models("from-models"), auth: { openrouter: { type: "api_key", key: "from-auth" } } }, { OPENROUTER_API_KEY: "from-env" });
    expect(auth).toMatchObject({ ok: true, apiKey: "from-auth" });
  });
  test("auth.json env var name and !command", async () => {
    expect(await resolveFor({ auth: { openrouter: { type: "api_key", key: "MY_OR_KEY" } } }, { MY_OR_KEY: "via-name" })).toMatchObject({ ok: true, apiKey: "via-name" });
    expect(await resolveFor({ auth: { openrouter: { type: "api_key", key: "!printf ' via-command \\n'" } } })).toMatchObject({ ok: true, apiKey: "via-command", summary: expect.stringContaining("runs") });
  });
  test("env var before models.json apiKey (pi 0.7x order)", async () => {
    expect(await resolveFor({ models: models("from-models") }, { OPENROUTER_API_KEY: "from-env" })).toMatchObject({ ok: true, apiKey: "from-env" });
    expect(await resolveFor({ models: models("from-models") })).toMatchObject({ ok: true, apiKey: "from-models" });
  });
  test("a failing auth.json command falls through to models.json apiKey, as in pi", async () => {
    const auth = await resolveFor({ models: models("from-models"), auth: { openrouter: { type: "api_key", key: "!exit 3" } } });
    expect(auth).toMatchObject({ ok: true, apiKey: "from-models" });
  });
  test("a failing command with nothing else says which command to fix", async () => {
    const auth = await resolveFor({ auth: { openrouter: { type: "api_key", key: "!exit 3" } } });
    expect(auth).toMatchObject({ ok: false, message: expect.stringContaining("auth.json failed"), hint: expect.stringContaining("exit 3") });
  });
  test("an OAuth login pi implements is refused with a clear message; no key at all says how to add one", async () => {
    const oauth = { type: "oauth", access: "a", refresh: "r", expires: 0 };
    expect(await resolveFor({ auth: { anthropic: oauth } }, {}, "anthropic")).toMatchObject({ ok: false, message: expect.stringContaining("OAuth") });
    expect(await resolveFor({})).toMatchObject({ ok: false, message: "pi has no key for openrouter.", hint: expect.stringContaining("api_key entry for openrouter to auth.json") });
  });
  test("an OAuth entry for openrouter, which pi has no OAuth for, gives no key: models.json apiKey, then pi-ai's env fallback", async () => {
    const oauth = { type: "oauth", access: "a", refresh: "r", expires: 0 };
    expect(await resolveFor({ models: models("from-models"), auth: { openrouter: oauth } }, { OPENROUTER_API_KEY: "from-env" })).toMatchObject({ ok: true, apiKey: "from-models" });
    expect(await resolveFor({ auth: { openrouter: oauth } }, { OPENROUTER_API_KEY: "from-env" })).toMatchObject({ ok: true, apiKey: "from-env" });
  });
  test("provider headers are resolved like keys; authHeader adds Authorization", async () => {
    const auth = await resolveFor({ models: models("k", { headers: { "X-Title": "TITLE_VAR" }, authHeader: true }) }, { TITLE_VAR: "switchboard" });
    expect(auth).toMatchObject({ ok: true, headers: { "X-Title": "switchboard", Authorization: "Bearer k" } });
  });
});

describe("resolveRequestAuth (pi 1.6.0, ModelRuntime)", () => {
  const oneSix = (files: { models?: unknown; auth?: unknown }, env: NodeJS.ProcessEnv = {}) => resolveFor(files, env, "openrouter", "1.6.0");

  test("models.json apiKey before the env var, $NAME read from the environment, a bare name sent as written", async () => {
    expect(await oneSix({ models: models("$MY_OR_KEY") }, { MY_OR_KEY: "from-template", OPENROUTER_API_KEY: "from-env" })).toMatchObject({ ok: true, apiKey: "from-template" });
    expect(await oneSix({ models: models("OPENROUTER_API_KEY") }, { OPENROUTER_API_KEY: "from-env" })).toMatchObject({ ok: true, apiKey: "OPENROUTER_API_KEY" });
  });

  test("an unset $VAR in models.json is an error naming it, with no fallback to the env var", async () => {
    const auth = await oneSix({ models: models("$NOT_SET") }, { OPENROUTER_API_KEY: "from-env" });
    expect(auth).toMatchObject({ ok: false, message: "The models.json key for openrouter reads $NOT_SET, which is not set." });
  });

  test("an auth.json key that resolves to nothing falls to the provider's env var", async () => {
    expect(await oneSix({ models: models("from-models"), auth: { openrouter: { type: "api_key", key: "$GONE" } } }, { OPENROUTER_API_KEY: "from-env" })).toMatchObject({ ok: true, apiKey: "from-env" });
  });

  test("an OAuth entry for a provider without OAuth owns it: no key, not models.json apiKey nor the env var (as pi 0.87.1 and 1.6.0 on the wire)", async () => {
    const virtual = { providers: { "openrouter-oauth": { baseUrl: "http://127.0.0.1:9/openrouter.ai/api/v1", api: "openai-completions", apiKey: "from-models", models: [{ id: "a/b" }] } } };
    const auth = await resolveFor({ models: virtual, auth: { "openrouter-oauth": { type: "oauth", access: "a", refresh: "r", expires: 0 } } }, { OPENROUTER_API_KEY: "from-env" }, "openrouter-oauth", "1.6.0");
    expect(auth).toMatchObject({ ok: false, message: expect.stringContaining('auth.json has a "oauth" entry for openrouter-oauth'), hint: expect.stringContaining("Remove that entry") });
  });

  test("an OpenRouter OAuth login sends its access token (pi 0.82.0+)", async () => {
    const oauth = { type: "oauth", access: "sk-or-v1-oauth-minted", refresh: "r", expires: 0 };
    expect(await oneSix({ auth: { openrouter: oauth } }, { OPENROUTER_API_KEY: "from-env" })).toMatchObject({ ok: true, apiKey: "sk-or-v1-oauth-minted" });
  });
});
