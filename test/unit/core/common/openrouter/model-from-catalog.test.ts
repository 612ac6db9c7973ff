/**
 * An OpenRouter catalog model as a pi custom model: the catalog's own parse of the fake's GET /models
 * and GET /endpoints (OpenRouter's documented fields), mapped with each variant and with a pinned
 * endpoint; preset slugs validated; and the `addModel` command written into a real models.json
 * (a new virtual provider, or an existing one whose comments survive).
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CatalogEndpoint, CatalogModel } from "../../../../../src-main/core/common/index.js";
import { previewModelsCommand } from "../../../../../src-main/core/edits/preview-edit.js";
import { checkCommand } from "../../../../../src-main/core/edits/command-schema.js";
import { parseEndpoints, parseModels } from "../../../../../src-main/core/openrouter/catalog.js";
import { modelFromCatalog, parsePresetSlug, variantModelId, variantOptions, virtualProviderName, OPENROUTER_BASE_URL } from "../../../../../src-main/core/common/openrouter/model-from-catalog.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../../../fake-openrouter/server.js";
import { defaultTable } from "../../../../fake-openrouter/table.js";
import { SwitchboardService } from "../../../../../src-main/core/service.js";
import { findTestNode, findTestPi, missingTestPiReason, piBinEntry } from "../../../../installed-pis.js";

let fake: FakeOpenRouter;
let catalog: CatalogModel[];
let kimiEndpoints: CatalogEndpoint[];
const get = async (path: string) => (await fetch(`${fake.baseUrl}${path}`)).json();
const byId = (id: string) => catalog.find((m) => m.id === id)!;

beforeAll(async () => {
  const table = defaultTable();
  const kimi = table.find((m) => m.id === "moonshotai/kimi-k2")!;
  fake = await startFakeOpenRouter({
    models: [
      ...table.map((m) => (m.id === "anthropic/claude-sonnet-4" ? { ...m, inputModalities: ["text", "image"] } : m)),
      { ...kimi, id: "moonshotai/kimi-k2:free", name: "MoonshotAI: Kimi K2 (free)", contextLength: 32768, endpoints: [{ ...kimi.endpoints[2]!, pricing: { prompt: 0, completion: 0 }, contextLength: 32768, maxOutput: 4096 }] },
    ],
  });
  catalog = parseModels(await get("/models"));
  kimiEndpoints = parseEndpoints(await get("/models/moonshotai/kimi-k2/endpoints"));
});
afterAll(() => fake.close());

describe("the catalog's model fields", () => {
  test("parameters, modalities, top provider's max output and cache prices, per million tokens", () => {
    expect(byId("anthropic/claude-sonnet-4")).toMatchObject({
      contextLength: 1000000,
      pricing: { prompt: 3, completion: 15, cacheRead: 0.3, cacheWrite: 3.75 },
      inputModalities: ["text", "image"],
      maxCompletionTokens: 64000,
      reasoning: true,
    });
    expect(byId("openai/gpt-4o-mini")).toMatchObject({ inputModalities: ["text"], pricing: { cacheRead: 0.075, cacheWrite: null } });
  });
});

describe("modelFromCatalog", () => {
  test("no variant, no pin: the catalog's figures, image input where listed, no routing", () => {
    const result = modelFromCatalog({ model: byId("anthropic/claude-sonnet-4"), variant: { kind: "none" }, endpoint: null });
    expect(result).toEqual({
      ok: true,
      value: {
        model: { id: "anthropic/claude-sonnet-4", name: "Anthropic: Claude Sonnet 4", reasoning: true, input: ["text", "image"], contextWindow: 1000000, maxTokens: 64000, cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } },
        routing: null,
        notes: ["Cost from the model's catalog prices, in USD per million tokens."],
      },
    });
  });

  test("a pinned endpoint gives its own context, max output, prices and reasoning, and routing only + order by its tag", () => {
    const deepinfra = kimiEndpoints.find((e) => e.providerName === "DeepInfra")!;
    const result = modelFromCatalog({ model: byId("moonshotai/kimi-k2"), variant: { kind: "nitro" }, endpoint: deepinfra });
    expect(result.ok && result.value.model).toEqual({ id: "moonshotai/kimi-k2:nitro", name: "MoonshotAI: Kimi K2 (nitro, via DeepInfra)", reasoning: true, input: ["text"], contextWindow: 65536, cost: { input: 0.5, output: 2, cacheRead: 0, cacheWrite: 0 } });
    expect(result.ok && result.value.routing).toEqual({ only: ["deepinfra/fp4"], order: ["deepinfra/fp4"] });
    // DeepInfra lists no max output: pi's default applies, and the user is told.
    expect(result.ok && result.value.notes).toContain("OpenRouter lists no maximum output for DeepInfra: pi assumes its default (16384).");
  });

  test("an endpoint without tools or reasoning: reasoning false, and a note that pi needs tools", () => {
    const groq = kimiEndpoints.find((e) => e.providerName === "Groq")!;
    const result = modelFromCatalog({ model: byId("moonshotai/kimi-k2"), variant: { kind: "none" }, endpoint: groq });
    expect(result.ok && result.value.model).toMatchObject({ reasoning: false, maxTokens: 16384, cost: { input: 1, output: 3 } });
    expect(result.ok && result.value.notes.join(" ")).toMatch(/Groq does not accept tools here/);
  });

  test("variants: routing suffixes on the base id, :free from its own catalog entry, presets combined with the model", () => {
    const kimi = byId("moonshotai/kimi-k2");
    expect(["floor", "exacto"].map((kind) => variantModelId(kimi, { kind } as never))).toEqual(["moonshotai/kimi-k2:floor", "moonshotai/kimi-k2:exacto"]);
    const free = modelFromCatalog({ model: byId("moonshotai/kimi-k2:free"), variant: { kind: "free" }, endpoint: null });
    expect(free.ok && free.value.model).toMatchObject({ id: "moonshotai/kimi-k2:free", contextWindow: 32768, maxTokens: 4096, cost: { input: 0, output: 0 } });
    expect(modelFromCatalog({ model: kimi, variant: { kind: "free" }, endpoint: null })).toMatchObject({ ok: false, message: expect.stringContaining("moonshotai/kimi-k2:free") });
    const preset = modelFromCatalog({ model: kimi, variant: { kind: "preset", slug: "@preset/my-coder" }, endpoint: null });
    expect(preset.ok && preset.value.model).toMatchObject({ id: "moonshotai/kimi-k2@preset/my-coder", name: "MoonshotAI: Kimi K2 (preset my-coder)" });
    expect(modelFromCatalog({ model: byId("moonshotai/kimi-k2:free"), variant: { kind: "nitro" }, endpoint: null })).toMatchObject({ ok: false, message: expect.stringContaining("variant already") });
  });

  test("variant options: :free only where the catalog lists it; none of the routing variants on a variant entry", () => {
    const offered = (id: string) => Object.fromEntries(variantOptions(byId(id), catalog).map((o) => [o.label, o.unavailable === null]));
    expect(offered("moonshotai/kimi-k2")).toEqual({ None: true, ":nitro": true, ":floor": true, ":exacto": true, ":free": true, "@preset/…": true });
    expect(offered("openai/gpt-4o-mini")[":free"]).toBe(false);
    expect(offered("moonshotai/kimi-k2:free")).toMatchObject({ ":nitro": false, ":free": false, None: true });
  });

  test("prices OpenRouter cannot know (-1, a router) are written as 0 with a note", () => {
    const router: CatalogModel = { id: "openrouter/auto", name: "Auto Router", contextLength: 2000000, pricing: { prompt: -1000000, completion: -1000000 } };
    const result = modelFromCatalog({ model: router, variant: { kind: "none" }, endpoint: null });
    expect(result.ok && result.value.model.cost).toEqual({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0 });
    expect(result.ok && result.value.notes.join(" ")).toMatch(/no fixed price .* \$0/);
  });
});

test("parsePresetSlug accepts @preset/x, preset/x and x; refuses what OpenRouter's slugs cannot be", () => {
  expect(["@preset/my-coder", "preset/my-coder", " my-coder "].map(parsePresetSlug)).toEqual(Array(3).fill({ ok: true, slug: "my-coder" }));
  for (const bad of ["", "@preset/", "My Coder", "a/b", "-x", "x--y", "x".repeat(65)]) expect(parsePresetSlug(bad).ok).toBe(false);
});

test("virtualProviderName", () => {
  expect(virtualProviderName("DeepInfra/fp4")).toBe("openrouter-deepinfra-fp4");
  expect(virtualProviderName("  ")).toBe("openrouter-custom");
});

describe("the addModel command on a real models.json", () => {
  const mapped = () => {
    const result = modelFromCatalog({ model: byId("moonshotai/kimi-k2"), variant: { kind: "none" }, endpoint: kimiEndpoints.find((e) => e.providerName === "Together")! });
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };

  test("creates the virtual provider with the model and its routing in one edit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-add-model-"));
    const path = join(dir, "models.json");
    const { model, routing } = mapped();
    const command = { type: "addModel", provider: "openrouter-together", createProvider: { baseUrl: OPENROUTER_BASE_URL, api: "openai-completions", apiKey: "$OPENROUTER_API_KEY" }, model, routing } as const;
    expect(checkCommand(command)).toMatchObject({ ok: true });
    const preview = await previewModelsCommand(path, command);
    expect(preview.ok && parse(preview.value.after)).toEqual({
      providers: { "openrouter-together": { baseUrl: OPENROUTER_BASE_URL, api: "openai-completions", apiKey: "$OPENROUTER_API_KEY", models: [{ ...model, compat: { openRouterRouting: { only: ["together/fp8"], order: ["together/fp8"] } } }] } },
    });
  });

  test("into an existing provider: appended, comments kept; a second add of the same id updates it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-add-model-"));
    const path = join(dir, "models.json");
    writeFileSync(path, '{\n  // mine\n  "providers": {\n    "openrouter-x": { "baseUrl": "https://openrouter.ai/api/v1", "api": "openai-completions", "apiKey": "$OPENROUTER_API_KEY", "models": [{ "id": "a/b" }] }\n  }\n}\n');
    const { model, routing } = mapped();
    const preview = await previewModelsCommand(path, { type: "addModel", provider: "openrouter-x", model, routing });
    expect(preview.ok && preview.value.after).toContain("// mine");
    const file = preview.ok ? (parse(preview.value.after) as { providers: Record<string, { models: { id: string; compat?: unknown }[] }> }) : null;
    expect(file!.providers["openrouter-x"]!.models.map((m) => m.id)).toEqual(["a/b", "moonshotai/kimi-k2"]);
    writeFileSync(path, preview.ok ? preview.value.after : "");
    const again = await previewModelsCommand(path, { type: "addModel", provider: "openrouter-x", model: { ...model, maxTokens: 1000 }, routing: null });
    const after = again.ok ? (parse(again.value.after) as { providers: Record<string, { models: { id: string; maxTokens?: number; compat?: unknown }[] }> }) : null;
    expect(after!.providers["openrouter-x"]!.models).toHaveLength(2);
    expect(after!.providers["openrouter-x"]!.models[1]).toMatchObject({ maxTokens: 1000 });
    expect(after!.providers["openrouter-x"]!.models[1]!.compat).toEqual({});
    expect(readFileSync(path, "utf8")).toContain("together/fp8");
  });

  test("a provider that does not exist and no fields to create it: not-found, with what to do", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "sb-add-model-")), "models.json");
    expect(await previewModelsCommand(path, { type: "addModel", provider: "nope", model: mapped().model })).toMatchObject({ ok: false, error: { code: "not-found", message: expect.stringContaining("pick an existing one or create it") } });
  });
});

const pi160 = findTestPi("1.6.0");
const node22 = findTestNode(22);
describe("what real pi 1.6.0 makes of it", () => {
  test.skipIf(!pi160 || !node22)(`accepts added models of every kind (pinned variant, :free, preset, images) and agrees with the app${pi160 && node22 ? "" : ` — ${missingTestPiReason("pi 1.6.0 with Node 22")}`}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-add-model-pi16-"));
    // Node 22 outside the repo: the app counts the repo's own Node as its own, not the user's.
    const nodeDir = join(dir, "node", "bin");
    mkdirSync(nodeDir, { recursive: true });
    symlinkSync(node22!, join(nodeDir, "node"));
    const agentDir = join(dir, "agent");
    mkdirSync(agentDir);
    const env = { PATH: `${nodeDir}:${process.env.PATH}`, PI_SWITCHBOARD_PI: join(pi160!, piBinEntry(pi160!)), HOME: dir };
    const service = await SwitchboardService.open({ agentDir, watch: false, env, verdict: { debounceMs: 0 } });
    try {
      const kimi = byId("moonshotai/kimi-k2");
      const choices = [
        { model: kimi, variant: { kind: "nitro" } as const, endpoint: kimiEndpoints.find((e) => e.providerName === "Novita")! },
        { model: byId("moonshotai/kimi-k2:free"), variant: { kind: "free" } as const, endpoint: null },
        { model: kimi, variant: { kind: "preset", slug: "my-coder" } as const, endpoint: null },
        { model: byId("anthropic/claude-sonnet-4"), variant: { kind: "none" } as const, endpoint: null },
      ];
      const commands = choices.map((choice, i) => {
        const mapped = modelFromCatalog(choice);
        if (!mapped.ok) throw new Error(mapped.message);
        return { type: "addModel", provider: "openrouter-added", ...(i === 0 ? { createProvider: { baseUrl: OPENROUTER_BASE_URL, api: "openai-completions", apiKey: service.snapshot().pi.envKeyReference } } : {}), model: mapped.value.model, routing: mapped.value.routing } as const;
      });
      for (const command of commands.slice(0, -1)) expect(await service.execute(command)).toMatchObject({ ok: true });
      const verdict = await service.previewVerdict(commands.at(-1)!);
      expect(verdict).toMatchObject({ ok: true, value: { piVersion: "1.6.0", state: "agrees", modelsJsonAccepted: true } });
    } finally {
      service.close();
    }
  }, 120_000);
});
