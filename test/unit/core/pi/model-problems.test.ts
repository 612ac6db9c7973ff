/**
 * The problems list on each model, from real agent dirs on disk read with the catalogs and rules of
 * real pi 1.6.0 and 0.73.1 (.pis): a key that is a variable's name, an unset variable, a header
 * that cannot resolve, routing pi drops for anthropic-messages with the fix applied through the
 * service, a key leak, routing per thinking level that pi 0.87.1 ignores (and refuses to write), and
 * the silence where nothing is wrong.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ModelEntry, Snapshot } from "../../../../src-main/core/common/index.js";
import { SwitchboardService } from "../../../../src-main/core/service.js";

const PI_160 = resolve(".pis/pi-1.6.0/node_modules/@earendil-works/pi-coding-agent");
const PI_073 = resolve(".pis/pi-0.73.1/node_modules/@mariozechner/pi-coding-agent");
const PI_087 = resolve(".pis/pi-0.87.1/node_modules/@earendil-works/pi-coding-agent");
const dirs: string[] = [];
const services: SwitchboardService[] = [];

async function open(files: { models?: unknown; auth?: unknown; settings?: unknown }, env: Record<string, string> = {}, pi = PI_160): Promise<{ service: SwitchboardService; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "sb-problems-"));
  dirs.push(dir);
  // A string is the file's text as written (a file that does not parse).
  for (const [name, value] of Object.entries(files)) if (value !== undefined) writeFileSync(join(dir, `${name}.json`), typeof value === "string" ? value : JSON.stringify(value, null, 2));
  const service = await SwitchboardService.open({ agentDir: dir, watch: false, env: { PATH: process.env.PATH, PI_SWITCHBOARD_PI: pi, ...env } });
  services.push(service);
  return { service, dir };
}

const model = (snapshot: Snapshot, ref: string): ModelEntry => {
  const found = snapshot.models.find((m) => `${m.provider}/${m.id}` === ref);
  if (!found) throw new Error(`no model ${ref}`);
  return found;
};

const virtual = (apiKey: string, extra: Record<string, unknown> = {}) => ({
  providers: { "openrouter-x": { baseUrl: "https://openrouter.ai/api/v1", api: "openai-completions", apiKey, models: [{ id: "openai/gpt-4o" }], ...extra } },
});

afterAll(() => {
  for (const s of services) s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("an auth.json pi cannot list its logins from", () => {
  const unparseable = '{\n  "openrouter": {"type": "api_key", "key": "sk-or-v1-in-auth"},\n}\n';
  const settings = { enabledModels: ["openrouter-x/openai/gpt-4o"], defaultProvider: "openrouter-x", defaultModel: "openai/gpt-4o" };

  it("pi 1.6.0: no model is available though models.json and the environment hold keys; the model says why, and the scope advice points at auth.json, not at a key", async () => {
    const { service } = await open({ models: virtual("sk-or-v1-literal-key"), auth: unparseable, settings }, { OPENROUTER_API_KEY: "sk-or-v1-set" });
    const snapshot = service.snapshot();
    const why = snapshot.authFile.errors[0]!.message;
    expect(why).toBe("auth.json is not valid JSON: pi 1.6.0 has no model available, and stops with an error at start when settings.json scopes models (enabledModels).");
    expect(snapshot.noModel).toBe(why);
    expect(snapshot.models.filter((m) => m.available)).toEqual([]);
    expect(snapshot.default.start).toBeNull();
    expect(model(snapshot, "openrouter-x/openai/gpt-4o").problems).toEqual([{ code: "no-key", severity: "error", message: why, hint: "Fix auth.json (Config health shows where); pi reads it again when it next starts." }]);
    // A built-in model nobody chose has no problem to show: it is just not available.
    expect(model(snapshot, "openrouter/openai/gpt-4o").problems).toEqual([]);
    expect(snapshot.scope.unmatched).toEqual(["openrouter-x/openai/gpt-4o"]);
    expect(snapshot.scope.advice).toEqual([{ pattern: "openrouter-x/openai/gpt-4o", cause: "no-key", message: "It scopes nothing: pi cannot read its logins from auth.json, so no model is available." }]);
    // The scope editor's live preview gives the same advice for a pattern being typed; a pattern
    // naming no model at all is still told so.
    expect(service.previewScope(["openrouter-x/openai/gpt-4o", "gpt-4o-typo"]).advice).toEqual([
      { pattern: "openrouter-x/openai/gpt-4o", cause: "no-key", message: "It scopes nothing: pi cannot read its logins from auth.json, so no model is available." },
      { pattern: "gpt-4o-typo", cause: "not-in-catalog", message: `No model pi knows is called "gpt-4o-typo" or contains it in its id or name (pi's built-in catalog and models.json).` },
    ]);
  });

  it("pi 0.73.1: the same file is read as no credentials, so the models.json key still serves", async () => {
    const { service } = await open({ models: virtual("sk-or-v1-literal-key"), auth: unparseable, settings }, { OPENROUTER_API_KEY: "sk-or-v1-set" }, PI_073);
    const snapshot = service.snapshot();
    expect(snapshot.authFile.errors[0]!.message).toBe("auth.json is not valid JSON; pi ignores every credential in it.");
    expect(snapshot.noModel).toBeNull();
    expect(snapshot.default.start?.ref).toBe("openrouter-x/openai/gpt-4o");
    const m = model(snapshot, "openrouter-x/openai/gpt-4o");
    expect(m).toMatchObject({ available: true, scoped: true, problems: [] });
  });
});

describe("a settings.json pi stops on at start", () => {
  it("pi 1.6.0: a non-pattern in enabledModels puts its error on each model the user set up, and pi starts with none", async () => {
    const { service } = await open({ models: virtual("sk-or-v1-literal-key"), settings: { enabledModels: [null, "openrouter-x/openai/gpt-4o"] } });
    const snapshot = service.snapshot();
    const why = "enabledModels item 1 is null, not a pattern: pi 1.6.0 stops with an error at start (resolving the scope throws on it).";
    expect(snapshot.noModel).toBe(why);
    expect(snapshot.default.start).toBeNull();
    expect(model(snapshot, "openrouter-x/openai/gpt-4o").problems).toEqual([{ code: "pi-stops", severity: "error", message: why, hint: "Fix settings.json (Config health shows where); pi reads it again when it next starts." }]);
  });
});

describe("the key", () => {
  it('pi 1.6.0: apiKey "OPENROUTER_API_KEY" is sent as written, an error with the one-click rewrite to $OPENROUTER_API_KEY', async () => {
    const { service } = await open({ models: virtual("OPENROUTER_API_KEY") }, { OPENROUTER_API_KEY: "sk-or-v1-set" });
    const m = model(service.snapshot(), "openrouter-x/openai/gpt-4o");
    expect(m.available).toBe(true);
    expect(m.problems).toHaveLength(1);
    const [problem] = m.problems;
    expect(problem).toMatchObject({ code: "key-is-variable-name", severity: "error" });
    expect(problem!.message).toBe('The models.json key for openrouter-x is the text "OPENROUTER_API_KEY": pi 1.6.0 sends it as written (only $OPENROUTER_API_KEY reads the variable). Every request fails with 401.');
    expect(problem!.fix).toEqual({ label: 'Write "$OPENROUTER_API_KEY" as the key', command: { type: "upsertProvider", provider: "openrouter-x", fields: { apiKey: "$OPENROUTER_API_KEY" } } });

    const applied = await service.execute(problem!.fix!.command);
    expect(applied.ok).toBe(true);
    expect(model(service.snapshot(), "openrouter-x/openai/gpt-4o").problems).toEqual([]);
  });

  it("pi 0.73.1 reads the same bare name as the variable when it is set: no problem", async () => {
    const { service } = await open({ models: virtual("OPENROUTER_API_KEY") }, { OPENROUTER_API_KEY: "sk-or-v1-set" }, PI_073);
    expect(model(service.snapshot(), "openrouter-x/openai/gpt-4o").problems).toEqual([]);
  });

  it("pi 1.6.0: $VAR unset leaves the provider without a key, named, and the model unavailable", async () => {
    const { service } = await open({ models: virtual("$MY_ROUTER_KEY") });
    const m = model(service.snapshot(), "openrouter-x/openai/gpt-4o");
    expect(m.available).toBe(false);
    expect(m.problems.map((p) => [p.code, p.severity])).toEqual([["no-key", "error"]]);
    expect(m.problems[0]!.message).toBe("pi reads the openrouter-x key from models.json's $MY_ROUTER_KEY, which is not set: this model is not available in pi (not in /model, not in the scope).");
  });

  it("a provider the user never set up has no problems, even without a key", async () => {
    const { service } = await open({ models: virtual("sk-or-v1-literal") });
    const snapshot = service.snapshot();
    expect(snapshot.models.filter((m) => m.provider === "anthropic" && !m.available).length).toBeGreaterThan(0);
    expect(snapshot.models.filter((m) => m.problems.length > 0)).toEqual([]);
  });

  it("a provider whose baseUrl left OpenRouter while it reads the vault key is an error on each of its models", async () => {
    const { service } = await open({
      models: { providers: { "openrouter-x": { ...virtual("x").providers["openrouter-x"], baseUrl: "https://openrouter.ai.evil.example/api/v1", apiKey: undefined } } },
      auth: { "openrouter-x": { type: "api_key", key: "!pi-switchboard key print" } },
    });
    const codes = model(service.snapshot(), "openrouter-x/openai/gpt-4o").problems.map((p) => p.code);
    expect(service.snapshot().keyLeaks.map((l) => l.provider)).toEqual(["openrouter-x"]);
    expect(codes).toContain("key-leak");
  });
});

describe("headers", () => {
  const withHeader = () => virtual("sk-or-v1-literal", { headers: { "X-Team": "$TEAM_TOKEN" } });

  it("a header that reads an unset variable is an error: pi 1.6.0 fails before sending", async () => {
    const { service } = await open({ models: withHeader() });
    const [problem] = model(service.snapshot(), "openrouter-x/openai/gpt-4o").problems;
    expect(problem).toMatchObject({ code: "header-unset", severity: "error" });
    expect(problem!.message).toBe('The provider openrouter-x header "X-Team" reads $TEAM_TOKEN, which is not set: pi cannot build the header and fails before sending.');
  });

  it("is no problem once the variable is set", async () => {
    const { service } = await open({ models: withHeader() }, { TEAM_TOKEN: "t" });
    expect(model(service.snapshot(), "openrouter-x/openai/gpt-4o").problems).toEqual([]);
  });
});

describe("routing pi does not send", () => {
  const claude = "openrouter/anthropic/claude-sonnet-4.5";
  const files = {
    models: { providers: { openrouter: { modelOverrides: { "anthropic/claude-sonnet-4.5": { compat: { openRouterRouting: { only: ["amazon-bedrock"] } } } } } } },
  };

  it("pi 1.6.0: OpenRouter's Claude on anthropic-messages drops its routing; the fix defines it on openai-completions at /api/v1, and then pi sends the routing", async () => {
    const { service, dir } = await open(files, { OPENROUTER_API_KEY: "sk-or-v1-env" });
    const before = model(service.snapshot(), claude);
    expect(before.api).toBe("anthropic-messages");
    expect(before.routing).toBeNull();
    expect(before.problems).toHaveLength(1);
    const [problem] = before.problems;
    expect(problem).toMatchObject({ code: "routing-not-sent", severity: "warning", message: "pi sends no routing for the anthropic-messages API: this model's OpenRouter routing is ignored and OpenRouter picks the provider." });
    expect(problem!.fix?.command).toMatchObject({ type: "upsertModel", provider: "openrouter", model: { id: "anthropic/claude-sonnet-4.5", api: "openai-completions", baseUrl: "https://openrouter.ai/api/v1", reasoning: true, contextWindow: before.contextWindow } });

    const applied = await service.execute(problem!.fix!.command);
    expect(applied.ok).toBe(true);
    const after = model(service.snapshot(), claude);
    expect(after).toMatchObject({ api: "openai-completions", baseUrl: "https://openrouter.ai/api/v1", routing: { only: ["amazon-bedrock"] }, problems: [] });
    expect(service.snapshot().modelsFile.valid).toBe(true);
    // The override that carries the routing stays where the user wrote it.
    expect(JSON.parse(readFileSync(join(dir, "models.json"), "utf8")).providers.openrouter.modelOverrides["anthropic/claude-sonnet-4.5"]).toEqual({ compat: { openRouterRouting: { only: ["amazon-bedrock"] } } });
  });

  it("a custom model on anthropic-messages gets only its api switched", async () => {
    const { service } = await open({ models: virtual("sk-or-v1-literal", { models: [{ id: "anthropic/claude-sonnet-4.5", api: "anthropic-messages" }], compat: { openRouterRouting: { only: ["anthropic"] } } }) });
    const [problem] = model(service.snapshot(), "openrouter-x/anthropic/claude-sonnet-4.5").problems;
    expect(problem?.fix?.command).toEqual({ type: "upsertModel", provider: "openrouter-x", model: { id: "anthropic/claude-sonnet-4.5", api: "openai-completions" } });
  });
});

describe("routing per thinking level on a pi before 1.0.2", () => {
  const ref = "openrouter-x/moonshotai/kimi-k2";
  const kimi = (byLevel?: Record<string, unknown>) =>
    virtual("sk-or-v1-literal", {
      models: [{ id: "moonshotai/kimi-k2", reasoning: true, ...(byLevel ? { samplingParamsByThinkingLevel: byLevel } : {}) }],
      compat: { openRouterRouting: { only: ["deepinfra"] } },
    });

  it("pi 0.87.1: a level's provider is a warning that names the level, pi's version and what pi sends instead", async () => {
    const { service } = await open({ models: kimi({ high: { temperature: 0.3, provider: { only: ["groq"] } }, low: { temperature: 0.9 } }) }, {}, PI_087);
    const snapshot = service.snapshot();
    expect(snapshot.modelsFile.valid).toBe(true);
    const m = model(snapshot, ref);
    expect(m.routingByLevel ?? []).toEqual([]);
    expect(m.problems).toEqual([
      {
        code: "routing-not-sent",
        severity: "warning",
        message: "pi 0.87.1 ignores per-level routing (samplingParamsByThinkingLevel, pi 1.0.2 and later): the routing written for high is not sent; pi sends this model's routing at every level.",
        hint: "Update pi to 1.0.2 or later, or move the routing to the model level (its OpenRouter routing).",
      },
    ]);
  });

  it("pi 1.6.0 reads the same file: no problem, and the row has the level's routing", async () => {
    const { service } = await open({ models: kimi({ high: { provider: { only: ["groq"] } } }) });
    const m = model(service.snapshot(), ref);
    expect(m.problems).toEqual([]);
    expect(m.routingByLevel?.map((l) => l.level)).toEqual(["high"]);
  });

  it("pi 0.87.1: a level without its own provider is no problem", async () => {
    const { service } = await open({ models: kimi({ high: { temperature: 0.3 } }) }, {}, PI_087);
    expect(model(service.snapshot(), ref).problems).toEqual([]);
  });

  it("pi 0.87.1: the service refuses a new level write (setRouting and applyRouting) and saves nothing, but removes one", async () => {
    const { service, dir } = await open({ models: kimi({ high: { temperature: 0.3, provider: { only: ["groq"] } } }) }, {}, PI_087);
    const before = readFileSync(join(dir, "models.json"), "utf8");
    const target = { level: "model" as const, provider: "openrouter-x", id: "moonshotai/kimi-k2", thinkingLevel: "medium" as const };

    const set = await service.execute({ type: "setRouting", target, routing: { only: ["groq"] } });
    expect(set).toEqual({
      ok: false,
      error: {
        code: "invalid-input",
        message: "pi 0.87.1 ignores routing per thinking level (samplingParamsByThinkingLevel, pi 1.0.2 and later): it would send openrouter-x/moonshotai/kimi-k2's own routing at medium too. Nothing was saved. Update pi to 1.0.2 or later, or set the routing without a thinking level (the model's routing).",
      },
    });
    const applied = await service.execute({ type: "applyRouting", targets: [{ target: { ...target, thinkingLevel: undefined }, routing: { only: ["novita"] } }, { target, routing: { only: ["groq"] } }] });
    expect(applied.ok ? null : applied.error.code).toBe("invalid-input");
    expect(readFileSync(join(dir, "models.json"), "utf8")).toBe(before);

    // The model-level write alone, and removing the level's routing the warning is about, go through.
    expect((await service.execute({ type: "applyRouting", targets: [{ target: { level: "model", provider: "openrouter-x", id: "moonshotai/kimi-k2" }, routing: { only: ["novita"] } }] })).ok).toBe(true);
    const removed = await service.execute({ type: "setRouting", target: { ...target, thinkingLevel: "high" }, routing: null });
    expect(removed.ok).toBe(true);
    const written = JSON.parse(readFileSync(join(dir, "models.json"), "utf8")).providers["openrouter-x"].models[0];
    expect(written.samplingParamsByThinkingLevel).toEqual({ high: { temperature: 0.3 } });
    expect(model(service.snapshot(), ref).problems).toEqual([]);
  });
});
