/**
 * Routing profiles against the real pi (the newest test pi, 1.6.0, on its own Node): each built-in
 * profile applied to every scoped OpenRouter model — a custom model of a virtual provider (model
 * level, merged with the provider's routing) and a built-in model (an override) — must leave a
 * models.json pi accepts, and the `provider` object pi sends for each must be exactly the routing
 * the app says (snapshot), key order included. One pi run per profile (the model kinds alternate), two at a time.
 * Then a profile written once at a provider's level (every model of a 12-model Bedrock provider
 * picked) must make pi send each model the same `provider` object as the per-model write would.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPiCatalog, type PiCatalog } from "../../src-main/core/pi/pi-install.js";
import { parseLenientJson } from "../../src-main/core/pi/pi-json.js";
import { ProfilesFeature } from "../../src-main/core/profiles/profiles-feature.js";
import { ProfileStore } from "../../src-main/core/profiles/profile-store.js";
import { SwitchboardService } from "../../src-main/core/service.js";
import { TEST_PIS } from "./pi-versions.js";
import { piPrint, pool, startCaptureServer, type Captured, type CaptureServer, type PiRun } from "./wire-harness.js";

const PI = TEST_PIS.at(-1)!;
const KEY = "sk-or-profiles-wire";
const CUSTOM = "openrouter-mine/qwen/qwen3-coder";
const BUILT_IN = "openrouter/openai/gpt-4o-mini";
/** Each profile is checked on one model; the kinds alternate so both targets (model level, override) meet pi. */
const PROFILES: { profile: string; provider?: string; ref: string }[] = [
  { profile: "Cheapest", ref: BUILT_IN },
  { profile: "Fastest", ref: CUSTOM },
  { profile: "Lowest latency", ref: BUILT_IN },
  { profile: "Private", ref: CUSTOM },
  { profile: "Pinned to provider", provider: "novita", ref: BUILT_IN },
];

const work = mkdtempSync(join(tmpdir(), "profiles-wire-"));
let server: CaptureServer;
let catalog: PiCatalog;
const outcomes = new Map<string, { routing: unknown; run: PiRun; requests: Captured[]; accepted: boolean }>();

function agentDir(tag: string): string {
  const dir = join(work, tag, "agent");
  mkdirSync(dir, { recursive: true });
  const base = `${server.origin}/${tag}/openrouter.ai/api/v1`;
  const models = {
    providers: {
      openrouter: { baseUrl: base },
      "openrouter-mine": {
        baseUrl: base,
        api: "openai-completions",
        apiKey: "$OPENROUTER_API_KEY",
        compat: { openRouterRouting: { ignore: ["deepinfra"] } },
        // A second model outside the scope keeps the profile at the model level (the provider level would route it too).
        models: [{ id: "qwen/qwen3-coder", name: "Qwen3 Coder (mine)" }, { id: "moonshotai/kimi-k2", name: "Kimi K2 (mine)" }],
      },
    },
  };
  writeFileSync(join(dir, "models.json"), `${JSON.stringify(models, null, 2)}\n`);
  writeFileSync(join(dir, "settings.json"), `${JSON.stringify({ enabledModels: [CUSTOM, BUILT_IN] }, null, 2)}\n`);
  return dir;
}

beforeAll(async () => {
  server = await startCaptureServer();
  catalog = await loadPiCatalog({ PI_SWITCHBOARD_PI: PI.piDir });
  const runs: { tag: string; ref: string; routing: unknown; accepted: boolean; dir: string }[] = [];
  for (const [i, p] of PROFILES.entries()) {
    const tag = `p${i}`;
    const dir = agentDir(tag);
    const env = { PATH: process.env.PATH ?? "", HOME: join(work, tag, "home"), OPENROUTER_API_KEY: KEY };
    const service = await SwitchboardService.open({ agentDir: dir, watch: false, catalog, env });
    const profiles = new ProfilesFeature(service, new ProfileStore(join(work, tag, "data")));
    const plan = await profiles.plan({ profile: p.profile, provider: p.provider, scope: { kind: "scoped" } });
    if (!plan.ok) throw new Error(`${p.profile}: ${plan.error.message}`);
    expect(plan.value.changes.map((c) => c.target.level)).toEqual(["model", "override"]);
    const applied = await profiles.apply({ profile: p.profile, provider: p.provider, command: plan.value.command });
    if (!applied.ok) throw new Error(`${p.profile}: ${applied.error.message}`);
    const snapshot = service.snapshot();
    const entry = snapshot.models.find((m) => `${m.provider}/${m.id}` === p.ref);
    runs.push({ tag, ref: p.ref, routing: entry?.routing ?? null, accepted: snapshot.modelsFile.valid, dir });
    profiles.close();
    service.close();
  }
  // Each run in its own agent dir and capture prefix (the profile's tag).
  await pool(runs, 2, async (r) => {
    const home = join(work, r.tag, "home");
    const run = await piPrint(PI, { agentDir: r.dir, home, cwd: join(work, r.tag, "cwd"), model: r.ref, env: { OPENROUTER_API_KEY: KEY } });
    outcomes.set(r.tag, { routing: r.routing, run, requests: [], accepted: r.accepted });
  });
  for (const [tag, o] of outcomes) o.requests = server.requests.get(tag) ?? [];
}, 600_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe.each(PROFILES.map((p, i) => ({ ...p, i })))(`pi ${PI.version}: $profile applied to every scoped model`, ({ i, ref }) => {
  it(`${ref}: pi accepts models.json and sends exactly the routing the app shows`, () => {
    const o = outcomes.get(`p${i}`)!;
    expect(o.accepted).toBe(true);
    expect(o.routing, "the app says pi sends routing").not.toBeNull();
    expect(o.requests.length, `pi exited ${o.run.code}: ${(o.run.stderr || o.run.stdout).slice(0, 400)}`).toBe(1);
    expect(JSON.stringify(o.requests[0]!.body.provider)).toBe(JSON.stringify(o.routing));
  });
});

/** The 12-model Bedrock provider; three models: one plain, one with the user's own sort, one with its own data_collection (written per model). */
const BEDROCK_12 = readFileSync(join(import.meta.dirname, "..", "fixtures", "profiles", "bedrock-12-models.json"), "utf8");
const COMPACT_MODELS = ["anthropic/claude-sonnet-4.5", "meta-llama/llama-3.3-70b-instruct", "amazon/nova-pro-v1"];
const compactSent = new Map<string, { levels: string[]; requests: Captured[]; run: PiRun }>();

describe(`pi ${PI.version}: a profile written once at the provider level`, () => {
  beforeAll(async () => {
    const runs: { tag: string; dir: string; model: string }[] = [];
    for (const [i, model] of COMPACT_MODELS.entries()) {
      for (const way of ["provider", "per-model"] as const) {
        const tag = `c${i}-${way}`;
        const dir = join(work, tag, "agent");
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, "models.json"), BEDROCK_12.replace("https://openrouter.ai/api/v1", `${server.origin}/${tag}/openrouter.ai/api/v1`));
        writeFileSync(join(dir, "settings.json"), `${JSON.stringify({ enabledModels: ["openrouter-bedrock/*/*"] })}\n`);
        const service = await SwitchboardService.open({ agentDir: dir, watch: false, catalog, env: { PATH: process.env.PATH ?? "", OPENROUTER_API_KEY: KEY } });
        const profiles = new ProfilesFeature(service, new ProfileStore(join(work, tag, "data")));
        const plan = await profiles.plan({ profile: "Private", scope: { kind: "scoped" } });
        if (!plan.ok) throw new Error(plan.error.message);
        let levels = plan.value.changes.map((c) => c.target.level as string);
        if (way === "provider") {
          const applied = await profiles.apply({ profile: "Private", command: plan.value.command });
          if (!applied.ok) throw new Error(applied.error.message);
        } else {
          // The write as it was before: the profile's keys over each model's own routing, one object per model.
          const parsed = parseLenientJson(BEDROCK_12);
          const defs = parsed.ok ? (parsed.value as { providers: { "openrouter-bedrock": { models: { id: string; compat?: { openRouterRouting?: object } }[] } } }).providers["openrouter-bedrock"].models : [];
          const own = (id: string) => defs.find((m) => m.id === id)?.compat?.openRouterRouting ?? {};
          const targets = service.snapshot().models.filter((m) => m.provider === "openrouter-bedrock").map((m) => ({ target: { level: "model" as const, provider: m.provider, id: m.id }, routing: { ...own(m.id), zdr: true, data_collection: "deny" } }));
          levels = targets.map((t) => t.target.level);
          const result = await service.execute({ type: "applyRouting", targets, expectedVersion: plan.value.preview.version });
          if (!result.ok) throw new Error(result.error.message);
        }
        compactSent.set(tag, { levels, requests: [], run: { code: null, stdout: "", stderr: "" } });
        runs.push({ tag, dir, model: `openrouter-bedrock/${model}` });
        profiles.close();
        service.close();
      }
    }
    await pool(runs, 2, async (r) => {
      const run = await piPrint(PI, { agentDir: r.dir, home: join(work, r.tag, "home"), cwd: join(work, r.tag, "cwd"), model: r.model, env: { OPENROUTER_API_KEY: KEY } });
      compactSent.get(r.tag)!.run = run;
    });
    for (const [tag, o] of compactSent) o.requests = server.requests.get(tag) ?? [];
  }, 600_000);

  it("the plan writes the provider and only the model whose own key differs", () => {
    expect(compactSent.get("c0-provider")!.levels).toEqual(["provider", "model"]);
    expect(compactSent.get("c0-per-model")!.levels).toHaveLength(12);
  });

  it.each(COMPACT_MODELS.map((model, i) => ({ model, i })))("$model: pi sends the same provider object as after the per-model write", ({ i }) => {
    const [compact, perModel] = [compactSent.get(`c${i}-provider`)!, compactSent.get(`c${i}-per-model`)!];
    for (const o of [compact, perModel]) expect(o.requests.length, `pi exited ${o.run.code}: ${(o.run.stderr || o.run.stdout).slice(0, 400)}`).toBe(1);
    // Key order aside (OpenRouter reads an object), the routing is the same.
    expect(compact.requests[0]!.body.provider).toEqual(perModel.requests[0]!.body.provider);
    expect(compact.requests[0]!.body.provider).toMatchObject({ only: ["amazon-bedrock"], allow_fallbacks: false, zdr: true, data_collection: "deny" });
  });
});

it("the custom model keeps its provider's ignore list under Private, as the merge promises", () => {
  expect(outcomes.get(`p${PROFILES.findIndex((p) => p.profile === "Private")}`)!.requests[0]!.body.provider).toEqual({ ignore: ["deepinfra"], zdr: true, data_collection: "deny" });
});
