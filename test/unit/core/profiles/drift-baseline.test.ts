/**
 * Drift is never a false alarm: on real files through the real service, the app's own writes (a
 * routing save, a profile, "Undo last save", a restored backup) move what the app remembers, while
 * a hand edit, at the target or at the provider a model inherits from, still shows; and "Forget
 * all" drops exactly the targets asked, checked at the API's boundary.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ApiHost, ApiInputError } from "../../../../src-main/core/api-handlers.js";
import type { ProfilePlan, RoutingTarget } from "../../../../src-main/core/common/index.js";
import { textVersion } from "../../../../src-main/core/agent-state.js";
import { restoreBackup } from "../../../../src-main/core/edits/restore-backup.js";
import { ProfilesFeature } from "../../../../src-main/core/profiles/profiles-feature.js";
import { makeAgentDir } from "../files/agent-dir-fixture.js";
import { openProfiles } from "./profiles-fixture.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function open(files: Parameters<typeof makeAgentDir>[0] = {}) {
  const { agentDir, service, profiles, close } = await openProfiles(files, "sb-drift-data-");
  cleanups.push(close);
  const path = join(agentDir, "models.json");
  const models = () => readFile(path, "utf8");
  const handEdit = async (from: string, to: string) => {
    const text = await models();
    expect(text, `the fixture holds ${from}`).toContain(from);
    await writeFile(path, text.replace(from, to));
    await service.reload();
  };
  const backups = async () => (await readdir(service.backups.dir).catch(() => [] as string[])).filter((n) => n.startsWith("models.json."));
  /** "Undo last save" of one save: the backup that save made, guarded by the version the window saw. */
  const undo = async (backup: string) => {
    const result = await restoreBackup(service, join(service.backups.dir, backup), textVersion(await models()));
    expect(result.ok).toBe(true);
  };
  /** Applies a profile; returns the plan and the backup its save made. */
  const apply = async (profile: string, scope: Parameters<ProfilesFeature["plan"]>[0]["scope"], provider?: string) => {
    const before = new Set(await backups());
    const plan = await profiles.plan({ profile, scope, ...(provider ? { provider } : {}) });
    if (!plan.ok) throw new Error(plan.error.message);
    const applied = await profiles.apply({ profile, ...(provider ? { provider } : {}), command: plan.value.command });
    if (!applied.ok) throw new Error(applied.error.message);
    return { plan: plan.value as ProfilePlan, backup: (await backups()).find((n) => !before.has(n))! };
  };
  const summary = async () => (await profiles.state()).applied.map((a) => `${a.target.level}:${a.target.provider}${"id" in a.target ? `/${a.target.id}` : ""} ${a.profile} ${a.state}`);
  return { service, profiles, models, handEdit, undo, apply, summary };
}

const SONNET: RoutingTarget = { level: "override", provider: "openrouter", id: "anthropic/claude-sonnet-4.5" };
const SONNET_REF = "openrouter/anthropic/claude-sonnet-4.5";

describe("the app's own writes move the baseline", () => {
  it("after the user's Undo last save of a profile, no drift card appears, and what was applied before comes back", async () => {
    const { apply, undo, summary, models } = await open();
    const original = await models();
    const cheapestSave = await apply("Cheapest", { kind: "scoped" });
    const cheapest = await summary();
    expect(cheapest).toEqual(["provider:openrouter-bedrock Cheapest applied", "override:openrouter/anthropic/claude-sonnet-4.5 Cheapest applied"]);
    const afterCheapest = await models();
    const fastestSave = await apply("Fastest", { kind: "scoped" });
    expect(await summary()).toEqual(["provider:openrouter-bedrock Fastest applied", "override:openrouter/anthropic/claude-sonnet-4.5 Fastest applied"]);

    await undo(fastestSave.backup);
    expect(await models()).toBe(afterCheapest);
    expect(await summary()).toEqual(cheapest);
    await undo(cheapestSave.backup);
    expect(await models()).toBe(original);
    expect(await summary()).toEqual([]);
  });

  it("a routing save that keeps the profile's keys keeps it applied; one that replaces them lets it go quietly; a hand edit still drifts", async () => {
    const { apply, service, summary, handEdit, profiles } = await open();
    await apply("Cheapest", { kind: "model", ref: SONNET_REF });
    const save = (routing: Record<string, unknown>) => service.execute({ type: "setRouting", target: SONNET, routing });
    expect((await save({ only: ["amazon-bedrock"], sort: "price", zdr: true })).ok).toBe(true);
    expect(await summary()).toEqual(["override:openrouter/anthropic/claude-sonnet-4.5 Cheapest applied"]);
    expect((await profiles.state()).applied[0]!.routing).toEqual({ only: ["amazon-bedrock"], sort: "price", zdr: true });

    await handEdit('"zdr": true', '"zdr": false');
    expect(await summary()).toEqual(["override:openrouter/anthropic/claude-sonnet-4.5 Cheapest drifted"]);
    // The user fixes it in the app's routing editor: the save is theirs, so the drift goes.
    expect((await save({ only: ["amazon-bedrock"], sort: "price" })).ok).toBe(true);
    expect(await summary()).toEqual(["override:openrouter/anthropic/claude-sonnet-4.5 Cheapest applied"]);
    expect((await save({ only: ["amazon-bedrock"], sort: "latency" })).ok).toBe(true);
    expect(await summary()).toEqual([]);
  });

  it("an app write elsewhere leaves a hand edit's drift in place", async () => {
    const { apply, service, summary, handEdit } = await open();
    await apply("Cheapest", { kind: "model", ref: SONNET_REF });
    await handEdit('"sort": "price"', '"sort": "latency"');
    expect((await service.execute({ type: "setRouting", target: { level: "provider", provider: "openrouter-bedrock" }, routing: { only: ["amazon-bedrock"] } })).ok).toBe(true);
    expect(await summary()).toEqual(["override:openrouter/anthropic/claude-sonnet-4.5 Cheapest drifted"]);
  });
});

/** A Bedrock virtual provider whose models inherit its `only`, as in the issue. */
const BEDROCK = `{
  "providers": {
    "openrouter-bedrock": {
      "baseUrl": "https://openrouter.ai/api/v1",
      "api": "openai-completions",
      "apiKey": "$OPENROUTER_API_KEY",
      "compat": { "openRouterRouting": { "only": ["amazon-bedrock"] } },
      "models": [
        { "id": "anthropic/claude-sonnet-4.5" },
        { "id": "anthropic/claude-opus-4.1" }
      ]
    }
  }
}
`;

describe("inherited provider-level routing counts", () => {
  const SETTINGS = `{ "enabledModels": ["openrouter-bedrock/anthropic/claude-sonnet-4.5"] }\n`;

  it("a hand edit of the provider's routing drifts the model a profile wrote, showing what pi merges now; the app's own provider save does not", async () => {
    const { apply, summary, handEdit, profiles, service } = await open({ "models.json": BEDROCK, "settings.json": SETTINGS });
    await apply("Cheapest", { kind: "model", ref: "openrouter-bedrock/anthropic/claude-sonnet-4.5" });
    const [record] = (await profiles.state()).applied;
    expect(record).toMatchObject({ state: "applied", merged: { applied: { only: ["amazon-bedrock"], sort: "price" } } });

    await handEdit('"only": ["amazon-bedrock"]', '"only": ["google-vertex"]');
    const [drifted] = (await profiles.state()).applied;
    // The model's own routing is untouched; what it inherits is not.
    expect(drifted).toMatchObject({ state: "drifted", routing: { sort: "price" }, current: { sort: "price" }, merged: { applied: { only: ["amazon-bedrock"], sort: "price" }, now: { only: ["google-vertex"], sort: "price" } } });

    expect((await service.execute({ type: "setRouting", target: { level: "provider", provider: "openrouter-bedrock" }, routing: { only: ["novita"] } })).ok).toBe(true);
    expect(await summary()).toEqual(["model:openrouter-bedrock/anthropic/claude-sonnet-4.5 Cheapest applied"]);
    expect((await profiles.state()).applied[0]!.merged).toEqual({ applied: { only: ["novita"], sort: "price" }, now: { only: ["novita"], sort: "price" } });
  });
});

describe("Forget all", () => {
  it("forgets exactly the targets the window listed, and the API refuses an input that is not a list of targets", async () => {
    const { apply, handEdit, summary, service, profiles } = await open();
    await apply("Cheapest", { kind: "scoped" });
    await handEdit('"sort": "price" }', '"sort": "latency" }');
    expect(await summary()).toEqual(["provider:openrouter-bedrock Cheapest applied", "override:openrouter/anthropic/claude-sonnet-4.5 Cheapest drifted"]);
    const api = new ApiHost({ service, profiles });
    cleanups.push(async () => api.close());
    await expect(api.invoke("profileForgetAll", { targets: [] })).rejects.toBeInstanceOf(ApiInputError);
    await expect(api.invoke("profileForgetAll", { targets: [{ level: "model", provider: "x" }] })).rejects.toBeInstanceOf(ApiInputError);
    await expect(api.invoke("profileForgetAll", { targets: [SONNET], extra: 1 })).rejects.toBeInstanceOf(ApiInputError);
    const result = (await api.invoke("profileForgetAll", { targets: [SONNET] })) as Awaited<ReturnType<ProfilesFeature["forgetAll"]>>;
    expect(result.ok && result.value.applied.map((a) => a.target.level)).toEqual(["provider"]);
    expect(await summary()).toEqual(["provider:openrouter-bedrock Cheapest applied"]);
  });
});
