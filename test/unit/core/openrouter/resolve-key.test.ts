/**
 * The key a test prompt sends is the one pi 0.73 would send: auth.json (literal, env var name,
 * `!command`), then the provider's env var, then models.json apiKey; an OAuth login pi implements
 * is refused clearly, one for a provider pi has no OAuth for falls through as in pi;
 * a failing command is reported without guessing another key.
 */
import { describe, expect, test } from "vitest";
import { resolveRequestAuth } from "../../../../src-main/core/openrouter/resolve-key.js";
import { openAgentDir } from "./agent-dir.js";

const models = (apiKey?: string, extra: Record<string, unknown> = {}) => ({
  providers: {
    openrouter: { baseUrl: "http://127.0.0.1:9/openrouter.ai/api/v1", ...(apiKey ? { apiKey } : {}), ...extra },
  },
});

async function resolveFor(files: { models?: unknown; auth?: unknown }, env: NodeJS.ProcessEnv = {}, provider = "openrouter") {
  const service = await openAgentDir(files, env);
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
