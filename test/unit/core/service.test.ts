import { execFile } from "node:child_process";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { CommandResult, Snapshot } from "../../../src-main/core/common/index.js";
import { loadPiCatalog } from "../../../src-main/core/pi/pi-install.js";
import { SwitchboardService } from "../../../src-main/core/service.js";
import { testPiByVersion } from "../../conformance/pi-versions.js";
import { MODELS_JSON, REPO, SETTINGS_JSON, makeAgentDir, piCatalog } from "./files/agent-dir-fixture.js";

const run = promisify(execFile);

/** Real pi 0.73 loading the agent dir's models.json: its error, and each asked model's routing. */
async function piLoads(agentDir: string, refs: string[]): Promise<{ error: string | null; models: Record<string, { name: string; routing: unknown } | null> }> {
  const script = `
    import { AuthStorage, ModelRegistry } from "@mariozechner/pi-coding-agent";
    const [dir, refs] = [process.argv[1], JSON.parse(process.argv[2])];
    const registry = ModelRegistry.create(AuthStorage.create(dir + "/auth.json"), dir + "/models.json");
    const models = {};
    for (const ref of refs) {
      const slash = ref.indexOf("/");
      const m = registry.find(ref.slice(0, slash), ref.slice(slash + 1));
      models[ref] = m ? { name: m.name, routing: m.compat?.openRouterRouting ?? null } : null;
    }
    process.stdout.write(JSON.stringify({ error: registry.getError() ?? null, models }));
  `;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script, agentDir, JSON.stringify(refs)], { cwd: REPO });
  return JSON.parse(stdout);
}

function ok(result: CommandResult): Snapshot {
  if (!result.ok) throw new Error(`command failed: ${result.error.code}: ${result.error.message}`);
  return result.snapshot;
}

const cleanups: (() => Promise<void>)[] = [];
const services: SwitchboardService[] = [];
afterEach(async () => {
  services.splice(0).forEach((s) => s.close());
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function open(files: Parameters<typeof makeAgentDir>[0] = {}, watch = false) {
  const { agentDir, cleanup } = await makeAgentDir(files);
  cleanups.push(cleanup);
  const service = await SwitchboardService.open({ agentDir, watch, catalog: await piCatalog() });
  services.push(service);
  const read = (name: string) => readFile(join(agentDir, name), "utf8");
  return { agentDir, service, read };
}

const OPUS = "openrouter-bedrock/anthropic/claude-opus-4.1";
const SONNET = "openrouter/anthropic/claude-sonnet-4.5";

describe("service: settings.json commands", () => {
  it("useModel sets the default model and thinking level, keeping unknown keys and layout", async () => {
    const { service, read } = await open();
    const snapshot = ok(await service.execute({ type: "useModel", ref: OPUS, thinkingLevel: "high" }));
    expect(await read("settings.json")).toBe(
      SETTINGS_JSON.replace('"defaultProvider": "openrouter"', '"defaultProvider": "openrouter-bedrock"')
        .replace('"defaultModel": "anthropic/claude-sonnet-4.5"', '"defaultModel": "anthropic/claude-opus-4.1"')
        .replace('  ]\n}\n', '  ],\n  "defaultThinkingLevel": "high"\n}\n'),
    );
    expect(snapshot.default).toMatchObject({ provider: "openrouter-bedrock", id: "anthropic/claude-opus-4.1", thinkingLevel: "high", resolved: true });
    // The default is in the scope, so a new pi session starts on it.
    expect(snapshot.default.start).toMatchObject({ ref: OPUS, via: "scope-default" });
    expect(snapshot.models.filter((m) => m.default).map((m) => `${m.provider}/${m.id}`)).toEqual([OPUS]);
    expect(snapshot.revision).toBeGreaterThan(1);
    expect(service.snapshot()).toEqual(snapshot);
  });

  it("useModel of a model pi does not have is not-found and writes nothing", async () => {
    const { service, read } = await open();
    const result = await service.execute({ type: "useModel", ref: "openrouter/no-such/model" });
    expect(result).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(await read("settings.json")).toBe(SETTINGS_JSON);
  });

  it("setThinkingLevel writes defaultThinkingLevel only", async () => {
    const { service, read } = await open();
    const snapshot = ok(await service.execute({ type: "setThinkingLevel", level: "minimal" }));
    expect(await read("settings.json")).toBe(SETTINGS_JSON.replace('  ]\n}\n', '  ],\n  "defaultThinkingLevel": "minimal"\n}\n'));
    expect(snapshot.default.thinkingLevel).toBe("minimal");
  });

  it("refuses a thinking level the detected pi does not accept (max before 0.80.6) and writes nothing", async () => {
    const { service, read } = await open();
    expect(service.snapshot().pi.thinkingLevels).not.toContain("max");
    for (const command of [{ type: "setThinkingLevel", level: "max" }, { type: "useModel", ref: OPUS, thinkingLevel: "max" }] as const) {
      const result = await service.execute(command);
      expect(result).toMatchObject({ ok: false, error: { code: "invalid-input", message: expect.stringContaining('does not accept thinking level "max" (pi 0.80.6 added it)') } });
    }
    expect(await read("settings.json")).toBe(SETTINGS_JSON);
  });

  it("setScope replaces the patterns, and an empty scope removes the key", async () => {
    const { service, read } = await open();
    let snapshot = ok(await service.execute({ type: "setScope", patterns: [SONNET, "openrouter/openai/gpt-4o:low"] }));
    expect(await read("settings.json")).toBe(
      SETTINGS_JSON.replace('"openrouter-bedrock/**",\n    "openrouter/anthropic/claude-sonnet-4.5:high"', '"openrouter/anthropic/claude-sonnet-4.5",\n    "openrouter/openai/gpt-4o:low"'),
    );
    expect(snapshot.scope.models).toEqual([SONNET, "openrouter/openai/gpt-4o"]);
    expect(snapshot.scope.thinking).toEqual({ "openrouter/openai/gpt-4o": "low" });
    snapshot = ok(await service.execute({ type: "setScope", patterns: [] }));
    expect(await read("settings.json")).toBe(SETTINGS_JSON.replace(/,\n {2}"enabledModels": \[[^\]]*\]/, ""));
    expect(snapshot.scope.unset).toBe(true);
  });

  it("toggleScoped adds an exact ref and removes the pattern naming a model exactly", async () => {
    const { service, read } = await open();
    let snapshot = ok(await service.execute({ type: "toggleScoped", ref: "openrouter/openai/gpt-4o", scoped: true }));
    expect(await read("settings.json")).toBe(SETTINGS_JSON.replace('"openrouter/anthropic/claude-sonnet-4.5:high"\n', '"openrouter/anthropic/claude-sonnet-4.5:high",\n    "openrouter/openai/gpt-4o"\n'));
    expect(snapshot.scope.models).toEqual([OPUS, SONNET, "openrouter/openai/gpt-4o"]);
    snapshot = ok(await service.execute({ type: "toggleScoped", ref: SONNET, scoped: false }));
    expect(await read("settings.json")).toBe(SETTINGS_JSON.replace('"openrouter/anthropic/claude-sonnet-4.5:high"\n', '"openrouter/openai/gpt-4o"\n'));
    expect(snapshot.scope.models).toEqual([OPUS, "openrouter/openai/gpt-4o"]);
  });

  it("toggleScoped refuses to unscope a model a glob pulled in, naming the pattern, and writes nothing", async () => {
    const { service, read } = await open();
    const result = await service.execute({ type: "toggleScoped", ref: OPUS, scoped: false });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    if (!result.ok) expect(result.error.message).toContain('"openrouter-bedrock/**"');
    expect(await read("settings.json")).toBe(SETTINGS_JSON);
  });

  it("fails with conflict when settings.json changed since the caller's snapshot", async () => {
    const { service, read, agentDir } = await open();
    const seen = service.snapshot().settingsFile.version;
    const edited = SETTINGS_JSON.replace('"dark"', '"light"');
    await writeFile(join(agentDir, "settings.json"), edited);
    const result = await service.execute({ type: "setScope", patterns: [SONNET], expectedVersion: seen });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await read("settings.json")).toBe(edited);
  });
});

describe("service: models.json commands", () => {
  const TAIL = "    },\n  },\n}\n";

  it("upsertProvider appends a provider; editing one field touches only that field", async () => {
    const { service, read } = await open();
    let snapshot = ok(await service.execute({ type: "upsertProvider", provider: "openrouter-novita", fields: { baseUrl: "https://openrouter.ai/api/v1", api: "openai-completions", apiKey: "OPENROUTER_API_KEY" } }));
    const added = MODELS_JSON.replace(TAIL, '    },\n    "openrouter-novita": {\n      "baseUrl": "https://openrouter.ai/api/v1",\n      "api": "openai-completions",\n      "apiKey": "OPENROUTER_API_KEY"\n    },\n  },\n}\n');
    expect(await read("models.json")).toBe(added);
    expect(snapshot.providers.find((p) => p.name === "openrouter-novita")).toMatchObject({ openRouter: true, builtIn: false, customModelIds: [] });
    snapshot = ok(await service.execute({ type: "upsertProvider", provider: "openrouter-bedrock", fields: { apiKey: "!secret-tool lookup service openrouter" } }));
    expect(await read("models.json")).toBe(added.replace('"sk-or-v1-fixture-literal"', '"!secret-tool lookup service openrouter"'));
    expect(snapshot.providers.find((p) => p.name === "openrouter-bedrock")?.keySource).toMatchObject({ origin: "models.json", form: "command", label: "secret-tool lookup service openrouter" });
  });

  it("removeProvider removes exactly that provider", async () => {
    const { service, read } = await open();
    const snapshot = ok(await service.execute({ type: "removeProvider", provider: "openrouter-bedrock" }));
    expect(await read("models.json")).toBe(MODELS_JSON.replace(/,\n {4}"openrouter-bedrock": \{[\s\S]*\n {4}\},\n {2}\},/, "\n  },"));
    expect(snapshot.models.some((m) => m.provider === "openrouter-bedrock")).toBe(false);
    expect(await service.execute({ type: "removeProvider", provider: "openrouter-bedrock" })).toMatchObject({ ok: false, error: { code: "not-found" } });
  });

  it("upsertModel adds a custom model and changes one field of an existing one", async () => {
    const { service, read } = await open();
    let snapshot = ok(await service.execute({ type: "upsertModel", provider: "openrouter-bedrock", model: { id: "anthropic/claude-haiku-4.5", name: "Haiku via Bedrock", contextWindow: 200000, maxTokens: 8192 } }));
    const added = MODELS_JSON.replace(
      "maxTokens\": 32000 },\n",
      'maxTokens": 32000 },\n        {\n          "id": "anthropic/claude-haiku-4.5",\n          "name": "Haiku via Bedrock",\n          "contextWindow": 200000,\n          "maxTokens": 8192\n        },\n',
    );
    expect(await read("models.json")).toBe(added);
    expect(snapshot.models.find((m) => m.id === "anthropic/claude-haiku-4.5" && m.provider === "openrouter-bedrock")).toMatchObject({ origin: "custom", name: "Haiku via Bedrock", routing: { order: ["amazon-bedrock"], allow_fallbacks: false } });
    snapshot = ok(await service.execute({ type: "upsertModel", provider: "openrouter-bedrock", model: { id: "anthropic/claude-haiku-4.5", maxTokens: 4096 } }));
    expect(await read("models.json")).toBe(added.replace('"maxTokens": 8192', '"maxTokens": 4096'));
    expect(snapshot.models.find((m) => m.id === "anthropic/claude-haiku-4.5" && m.provider === "openrouter-bedrock")?.maxTokens).toBe(4096);
    expect(await service.execute({ type: "upsertModel", provider: "nobody", model: { id: "x" } })).toMatchObject({ ok: false, error: { code: "not-found" } });
  });

  it("removeModel removes the last custom model, keeping the provider and its comments", async () => {
    const { service, read } = await open();
    const snapshot = ok(await service.execute({ type: "removeModel", provider: "openrouter-bedrock", id: "anthropic/claude-opus-4.1" }));
    expect(await read("models.json")).toBe(MODELS_JSON.replace(/"models": \[[\s\S]*?\],/, '"models": [],'));
    expect(snapshot.models.some((m) => m.provider === "openrouter-bedrock")).toBe(false);
    expect(snapshot.modelsFile.valid).toBe(true);
  });

  it("setOverride changes a built-in model, and null removes the override", async () => {
    const { service, read } = await open();
    let snapshot = ok(await service.execute({ type: "setOverride", provider: "openrouter", id: "openai/gpt-5", override: { name: "GPT-5 (work)" } }));
    const added = MODELS_JSON.replace(
      '"only": ["amazon-bedrock"] } }\n        }\n',
      '"only": ["amazon-bedrock"] } }\n        },\n        "openai/gpt-5": {\n          "name": "GPT-5 (work)"\n        }\n',
    );
    expect(await read("models.json")).toBe(added);
    expect(snapshot.models.find((m) => m.provider === "openrouter" && m.id === "openai/gpt-5")).toMatchObject({ origin: "override", name: "GPT-5 (work)" });
    snapshot = ok(await service.execute({ type: "setOverride", provider: "openrouter", id: "openai/gpt-5", override: null }));
    expect(await read("models.json")).toBe(MODELS_JSON);
    expect(snapshot.models.find((m) => m.provider === "openrouter" && m.id === "openai/gpt-5")?.origin).toBe("built-in");
  });

  it("setRouting at provider, model and override level changes what pi would send", async () => {
    const OPUS_LINE = '        { "id": "anthropic/claude-opus-4.1", "name": "Opus via Bedrock", "reasoning": true, "contextWindow": 200000, "maxTokens": 32000 },\n';
    const OPUS_ROUTED = '        {\n          "id": "anthropic/claude-opus-4.1",\n          "name": "Opus via Bedrock",\n          "reasoning": true,\n          "contextWindow": 200000,\n          "maxTokens": 32000,\n          "compat": {\n            "openRouterRouting": {\n              "zdr": false,\n              "sort": "price"\n            }\n          }\n        },\n';
    expect(MODELS_JSON).toContain(OPUS_LINE);
    const { service, read } = await open();
    let snapshot = ok(await service.execute({ type: "setRouting", target: { level: "provider", provider: "openrouter-bedrock" }, routing: { only: ["amazon-bedrock"], zdr: true } }));
    // The user keeps compat on one line: the new routing stays on it, spaced like the user's (never minified).
    const providerLevel = MODELS_JSON.replace('"openRouterRouting": { "order": ["amazon-bedrock"], "allow_fallbacks": false }', '"openRouterRouting": { "only": ["amazon-bedrock"], "zdr": true }');
    expect(await read("models.json")).toBe(providerLevel);
    expect(snapshot.models.find((m) => `${m.provider}/${m.id}` === OPUS)?.routing).toEqual({ only: ["amazon-bedrock"], zdr: true });

    snapshot = ok(await service.execute({ type: "setRouting", target: { level: "model", provider: "openrouter-bedrock", id: "anthropic/claude-opus-4.1" }, routing: { zdr: false, sort: "price" } }));
    const text = await read("models.json");
    expect(text).toContain("// Opus through Bedrock only");
    // The model's one line would grow past 120 characters: it is laid out over lines in the file's 2-space indentation.
    expect(text).toContain(OPUS_ROUTED);
    // pi merges provider and model routing shallowly, per key; the model's keys win.
    expect(snapshot.models.find((m) => `${m.provider}/${m.id}` === OPUS)?.routing).toEqual({ only: ["amazon-bedrock"], zdr: false, sort: "price" });

    snapshot = ok(await service.execute({ type: "setRouting", target: { level: "override", provider: "openrouter", id: SONNET.slice("openrouter/".length) }, routing: { order: ["anthropic", "google-vertex"] } }));
    expect(await read("models.json")).toBe(providerLevel.replace('{ "openRouterRouting": { "only": ["amazon-bedrock"] } }', '{ "openRouterRouting": { "order": ["anthropic", "google-vertex"] } }').replace(OPUS_LINE, OPUS_ROUTED));
    expect(snapshot.models.find((m) => `${m.provider}/${m.id}` === SONNET)?.routing).toEqual({ order: ["anthropic", "google-vertex"] });

    snapshot = ok(await service.execute({ type: "setRouting", target: { level: "override", provider: "openrouter", id: SONNET.slice("openrouter/".length) }, routing: null }));
    expect(snapshot.models.find((m) => `${m.provider}/${m.id}` === SONNET)?.routing).toBeNull();
    expect(await read("models.json")).toContain('// pinned to Bedrock for the company contract\n          "compat": {}\n');
  });

  it("real pi accepts every file the commands wrote, with the routing on each model", async () => {
    const { service, agentDir } = await open();
    const commands = [
      { type: "upsertProvider", provider: "openrouter-novita", fields: { baseUrl: "https://openrouter.ai/api/v1", api: "openai-completions", apiKey: "OPENROUTER_API_KEY" } },
      { type: "upsertModel", provider: "openrouter-novita", model: { id: "deepseek/deepseek-v3.1", name: "DeepSeek on Novita", contextWindow: 128000, maxTokens: 8192 } },
      { type: "setRouting", target: { level: "provider", provider: "openrouter-novita" }, routing: { only: ["novita"], quantizations: ["fp8"] } },
      { type: "setRouting", target: { level: "model", provider: "openrouter-bedrock", id: "anthropic/claude-opus-4.1" }, routing: { order: ["amazon-bedrock", "anthropic"] } },
      { type: "setRouting", target: { level: "override", provider: "openrouter", id: "openai/gpt-4o" }, routing: { only: ["azure"], max_price: { prompt: 3 } } },
      { type: "setOverride", provider: "openrouter", id: "openai/gpt-5", override: { name: "GPT-5 (work)" } },
      { type: "upsertModel", provider: "openrouter-bedrock", model: { id: "anthropic/claude-opus-4.1", maxTokens: 16000 } },
    ];
    let snapshot = service.snapshot();
    for (const command of commands) snapshot = ok(await service.execute(command));
    const refs = ["openrouter-novita/deepseek/deepseek-v3.1", OPUS, "openrouter/openai/gpt-4o", SONNET, "openrouter/openai/gpt-5"];
    const pi = await piLoads(agentDir, refs);
    expect(pi.error).toBeNull();
    for (const ref of refs) {
      const ours = snapshot.models.find((m) => `${m.provider}/${m.id}` === ref);
      expect(pi.models[ref], ref).not.toBeNull();
      expect(pi.models[ref]!.routing, ref).toEqual(ours!.routing);
    }
    expect(pi.models["openrouter-novita/deepseek/deepseek-v3.1"]!.routing).toEqual({ only: ["novita"], quantizations: ["fp8"] });
    expect(pi.models[OPUS]!.routing).toEqual({ order: ["amazon-bedrock", "anthropic"], allow_fallbacks: false });
    expect(pi.models["openrouter/openai/gpt-4o"]!.routing).toEqual({ only: ["azure"], max_price: { prompt: 3 } });
    expect(pi.models["openrouter/openai/gpt-5"]!.name).toBe("GPT-5 (work)");
  });

  it("refuses to edit a models.json pi cannot read, leaving it byte-identical", async () => {
    const broken = MODELS_JSON.replace("// Opus through Bedrock only", "/* block comments are not pi's */");
    const { service, read } = await open({ "models.json": broken });
    const result = await service.execute({ type: "setRouting", target: { level: "provider", provider: "openrouter-bedrock" }, routing: { only: ["x"] } });
    expect(result).toMatchObject({ ok: false, error: { code: "unparseable-file" } });
    expect(await read("models.json")).toBe(broken);
  });

  it("keeps every one of concurrent commands", async () => {
    const { service, read } = await open();
    const names = ["a", "b", "c", "d", "e"].map((n) => `openrouter-${n}`);
    const results = await Promise.all(names.map((provider) => service.execute({ type: "upsertProvider", provider, fields: { baseUrl: "https://openrouter.ai/api/v1" } })));
    expect(results.every((r) => r.ok)).toBe(true);
    const text = await read("models.json");
    for (const name of names) expect(text).toContain(`"${name}"`);
    expect(service.snapshot().providers.map((p) => p.name)).toEqual(expect.arrayContaining(names));
  });
});

describe("service: input validation", () => {
  it.each([
    ["an unknown command", { type: "deleteEverything" }],
    ["a missing field", { type: "useModel" }],
    ["a ref without provider", { type: "useModel", ref: "claude" }],
    ["an unknown thinking level", { type: "setThinkingLevel", level: "extreme" }],
    ["routing with a wrong type", { type: "setRouting", target: { level: "provider", provider: "openrouter" }, routing: { only: "novita" } }],
    ["an unknown routing level", { type: "setRouting", target: { level: "global", provider: "openrouter" }, routing: null }],
    ["an extra provider field", { type: "upsertProvider", provider: "x", fields: { baseUrl: "u", evil: true } }],
    ["a non-positive context window", { type: "upsertModel", provider: "openrouter-bedrock", model: { id: "m", contextWindow: 0 } }],
    ["not an object", "useModel"],
    ["null", null],
  ])("rejects %s with invalid-input and writes nothing", async (_name, input) => {
    const { service, read } = await open();
    const result = await service.execute(input);
    expect(result).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    expect(await read("settings.json")).toBe(SETTINGS_JSON);
    expect(await read("models.json")).toBe(MODELS_JSON);
  });
});

describe("service: watching", () => {
  const nextSnapshot = (service: SwitchboardService, test: (s: Snapshot) => boolean) =>
    new Promise<Snapshot>((resolve) => {
      const listener = (s: Snapshot) => {
        if (!test(s)) return;
        service.off("snapshot", listener);
        resolve(s);
      };
      service.on("snapshot", listener);
    });

  it("an external edit of models.json produces a new snapshot event", async () => {
    const { service, agentDir } = await open({}, true);
    expect(service.snapshot().watching).toBe("native");
    const before = service.snapshot().revision;
    const next = nextSnapshot(service, (s) => s.models.some((m) => m.id === "anthropic/claude-opus-4.1" && m.name === "Opus, edited"));
    // As an editor saves: a temp file renamed over the original.
    await writeFile(join(agentDir, "models.json.tmp"), MODELS_JSON.replace('"Opus via Bedrock"', '"Opus, edited"'));
    await rename(join(agentDir, "models.json.tmp"), join(agentDir, "models.json"));
    const snapshot = await next;
    expect(snapshot.revision).toBeGreaterThan(before);
  });

  it("the models-store.json pi writes (pi 1.x: the key's own OpenRouter list) reaches the snapshot", async () => {
    const { agentDir, cleanup } = await makeAgentDir({});
    cleanups.push(cleanup);
    const catalog = await loadPiCatalog({ PI_SWITCHBOARD_PI: testPiByVersion("1.6.0").piDir });
    const service = await SwitchboardService.open({ agentDir, watch: true, catalog });
    services.push(service);
    const listed = { id: "my-lab/only-model", name: "Only (key list)", api: "openai-completions", provider: "openrouter", baseUrl: "https://openrouter.ai/api/v1", reasoning: false, input: ["text"], cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 1000, maxTokens: 100 };
    const builtInBefore = service.snapshot().models.filter((m) => m.provider === "openrouter" && m.origin === "built-in").length;
    expect(builtInBefore).toBeGreaterThan(100);
    const next = nextSnapshot(service, (s) => s.models.some((m) => m.provider === "openrouter" && m.id === "my-lab/only-model"));
    await writeFile(join(agentDir, "models-store.json"), JSON.stringify({ openrouter: { models: [listed], checkedAt: Date.now() } }));
    const snapshot = await next;
    // The list replaces OpenRouter's catalog: its one model is the only untouched built-in left.
    expect(snapshot.models.filter((m) => m.provider === "openrouter" && m.origin === "built-in").map((m) => [m.id, m.name])).toEqual([["my-lab/only-model", "Only (key list)"]]);
  });

  it("an external edit that breaks settings.json is reported with its position", async () => {
    const { service, agentDir } = await open({}, true);
    const next = nextSnapshot(service, (s) => !s.settingsFile.valid);
    await writeFile(join(agentDir, "settings.json"), '{\n  "theme": "dark",\n}\n');
    const snapshot = await next;
    expect(snapshot.settingsFile.errors[0]).toMatchObject({ line: 3, column: 1 });
  });
});
