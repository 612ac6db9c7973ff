/**
 * Profiles write at the provider level where every model of a provider shares the routing, on a
 * realistic 12-model Bedrock virtual provider (test/fixtures/profiles): the file stays small, each
 * model routes exactly as the per-model write would route it (the same file written the old way,
 * side by side), a model whose own key differs still gets its own write, and a later apply removes
 * the copies a profile wrote per model but never the user's own keys. Real files, real service.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ProfilePlan } from "../../../../src-main/core/common/index.js";
import { parseLenientJson } from "../../../../src-main/core/pi/pi-json.js";
import { ProfilesFeature } from "../../../../src-main/core/profiles/profiles-feature.js";
import { REPO } from "../files/agent-dir-fixture.js";
import { openProfiles } from "./profiles-fixture.js";

const BEDROCK_12 = readFileSync(join(REPO, "test/fixtures/profiles/bedrock-12-models.json"), "utf8");
const SCOPE_ALL = `{ "enabledModels": ["openrouter-bedrock/*/*"] }\n`;
const lines = (text: string) => text.trimEnd().split("\n").length;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function open(models: string, settings = SCOPE_ALL) {
  const { agentDir, service, profiles, close } = await openProfiles({ "models.json": models, "settings.json": settings, "auth.json": null }, "sb-writes-data-");
  cleanups.push(close);
  const text = () => readFile(join(agentDir, "models.json"), "utf8");
  const plan = async (profile: string, scope: Parameters<ProfilesFeature["plan"]>[0]["scope"]) => {
    const result = await profiles.plan({ profile, scope });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const apply = async (p: ProfilePlan) => {
    const result = await profiles.apply({ profile: p.profile, command: p.command });
    if (!result.ok) throw new Error(result.error.message);
  };
  /** The routing pi sends per model, as the app computes it from the file (the wire test checks it against real pi). */
  const sent = () => Object.fromEntries(service.snapshot().models.filter((m) => m.provider === "openrouter-bedrock").map((m) => [m.id, m.routing]));
  return { service, profiles, text, plan, apply, sent };
}

type Json = { providers: Record<string, { compat?: { openRouterRouting?: Record<string, unknown> }; models: { id: string; compat?: { openRouterRouting?: Record<string, unknown> } }[] }> };
const parsed = (text: string) => {
  const result = parseLenientJson(text);
  if (!result.ok) throw new Error("models.json does not parse");
  return (result.value as Json).providers["openrouter-bedrock"]!;
};

describe("a profile for every model of a 12-model provider", () => {
  it("is written once at the provider level (the 65-line file grows by 5 lines, not by a routing object per model), and every model routes as the per-model write would", async () => {
    const compact = await open(BEDROCK_12);
    const plan = await compact.plan("Private", { kind: "scoped" });
    // Only Nova's own data_collection: allow would win over the provider level, so Nova alone gets its own write.
    expect(plan.changes.map((c) => ("id" in c.target ? `${c.target.level}:${c.target.id}` : c.target.level))).toEqual(["provider", "model:amazon/nova-pro-v1"]);
    expect(plan.changes[0]!.models).toHaveLength(12);
    await compact.apply(plan);
    const after = await compact.text();
    expect(lines(after)).toBeLessThanOrEqual(lines(BEDROCK_12) + 5);
    expect(after).toBe(plan.preview.after);
    for (const comment of ["// The company's models go through Amazon Bedrock", "// Llama answers short questions", "// Nova may log prompts"]) expect(after).toContain(comment);
    const provider = parsed(after);
    expect(provider.compat!.openRouterRouting).toEqual({ only: ["amazon-bedrock"], allow_fallbacks: false, zdr: true, data_collection: "deny" });
    // The user's own keys stay: Llama's sort, and Nova's data_collection is set as the per-model write sets it.
    expect(provider.models.find((m) => m.id === "meta-llama/llama-3.3-70b-instruct")!.compat!.openRouterRouting).toEqual({ sort: "latency" });
    expect(provider.models.find((m) => m.id === "amazon/nova-pro-v1")!.compat!.openRouterRouting).toEqual({ data_collection: "deny", zdr: true });

    // The same file written the old way, one routing object per model.
    const perModel = await open(BEDROCK_12);
    const oldWay = await perModel.plan("Private", { kind: "scoped" });
    const writes = perModel.service.snapshot().models.filter((m) => m.provider === "openrouter-bedrock").map((m) => {
      const own = parsed(BEDROCK_12).models.find((d) => d.id === m.id)!.compat?.openRouterRouting ?? {};
      return { target: { level: "model" as const, provider: m.provider, id: m.id }, routing: { ...own, zdr: true, data_collection: "deny" } };
    });
    const result = await perModel.service.execute({ type: "applyRouting", targets: writes, expectedVersion: oldWay.preview.version });
    expect(result.ok).toBe(true);
    expect(lines(await perModel.text())).toBeGreaterThan(lines(BEDROCK_12) + 30);
    expect(compact.sent()).toEqual(perModel.sent());
    expect(Object.keys(compact.sent())).toHaveLength(12);

    // What the app remembers: the provider and Nova carry Private; nothing drifted.
    const state = await compact.profiles.state();
    expect(state.applied.map((a) => [a.target.level, a.profile, a.state])).toEqual([["provider", "Private", "applied"], ["model", "Private", "applied"]]);
  });

  it("stays per model when a model of the provider is not picked: the provider level would change its routing too", async () => {
    const { plan } = await open(BEDROCK_12, `{ "enabledModels": ["openrouter-bedrock/anthropic/*"] }\n`);
    const p = await plan("Cheapest", { kind: "scoped" });
    expect(p.changes.map((c) => c.target.level)).toEqual(["model", "model", "model", "model"]);
  });
});

/** Three models; the first has the user's own zdr. */
const THREE = `{
  "providers": {
    "openrouter-mine": {
      "baseUrl": "https://openrouter.ai/api/v1",
      "api": "openai-completions",
      "apiKey": "$OPENROUTER_API_KEY",
      "models": [
        { "id": "qwen/qwen3-coder", "compat": { "openRouterRouting": { "zdr": true } } },
        { "id": "moonshotai/kimi-k2" },
        { "id": "z-ai/glm-4.6" }
      ]
    }
  }
}
`;

describe("copies a profile wrote per model", () => {
  it("move to the provider level on the next apply, and the user's own keys stay", async () => {
    const { plan, apply, text, service, profiles } = await open(THREE, `{ "enabledModels": ["openrouter-mine/*/*"] }\n`);
    // Cheapest one model at a time, as an older version wrote it for the whole scope.
    for (const ref of ["openrouter-mine/qwen/qwen3-coder", "openrouter-mine/moonshotai/kimi-k2", "openrouter-mine/z-ai/glm-4.6"]) await apply(await plan("Cheapest", { kind: "model", ref }));
    expect((await text()).match(/"sort": "price"/g)).toHaveLength(3);

    const fastest = await plan("Fastest", { kind: "scoped" });
    expect(fastest.changes.map((c) => c.target.level)).toEqual(["provider", "model", "model", "model"]);
    expect(fastest.changes[1]).toMatchObject({ before: { zdr: true, sort: "price" }, after: { zdr: true }, note: expect.stringContaining("provider level now carries it") });
    await apply(fastest);
    const after = await text();
    expect(after).not.toContain('"sort": "price"');
    expect(after.match(/"sort": "throughput"/g)).toHaveLength(1);
    expect(after).toContain('{ "id": "moonshotai/kimi-k2" }');
    const sent = Object.fromEntries(service.snapshot().models.filter((m) => m.provider === "openrouter-mine").map((m) => [m.id, m.routing]));
    expect(sent).toEqual({ "qwen/qwen3-coder": { sort: "throughput", zdr: true }, "moonshotai/kimi-k2": { sort: "throughput" }, "z-ai/glm-4.6": { sort: "throughput" } });
    // Cheapest's records went with its copies; Fastest sits at the provider; no drift anywhere.
    expect((await profiles.state()).applied.map((a) => [a.target.level, a.profile, a.state])).toEqual([["provider", "Fastest", "applied"]]);
  });

  it("applied to the provider, clear the copies so the provider's new routing reaches the models; a user's own key still wins", async () => {
    const mine = THREE.replace('{ "id": "z-ai/glm-4.6" }', '{ "id": "z-ai/glm-4.6", "compat": { "openRouterRouting": { "sort": "latency" } } }');
    const { plan, apply, service } = await open(mine, `{ "enabledModels": ["openrouter-mine/*/*"] }\n`);
    await apply(await plan("Cheapest", { kind: "model", ref: "openrouter-mine/moonshotai/kimi-k2" }));
    const onProvider = await plan("Fastest", { kind: "provider", provider: "openrouter-mine" });
    expect(onProvider.changes.map((c) => ("id" in c.target ? c.target.id : c.target.level))).toEqual(["provider", "moonshotai/kimi-k2"]);
    await apply(onProvider);
    const sent = Object.fromEntries(service.snapshot().models.map((m) => [m.id, m.routing]));
    expect(sent["moonshotai/kimi-k2"]).toEqual({ sort: "throughput" });
    expect(sent["z-ai/glm-4.6"]).toEqual({ sort: "latency" });
  });
});
