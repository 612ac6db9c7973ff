import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ProfilePlan } from "../../../../src-main/core/common/index.js";
import { checkCommand } from "../../../../src-main/core/edits/command-schema.js";
import { parseLenientJson } from "../../../../src-main/core/pi/pi-json.js";
import { ProfilesFeature } from "../../../../src-main/core/profiles/profiles-feature.js";
import { parseProfileData, PROFILES_FILE } from "../../../../src-main/core/profiles/profile-store.js";
import { makeAgentDir } from "../files/agent-dir-fixture.js";
import { openProfiles } from "./profiles-fixture.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function open(files: Parameters<typeof makeAgentDir>[0] = {}) {
  const { agentDir, dataDir, service, profiles, close } = await openProfiles(files, "sb-profiles-data-");
  cleanups.push(close);
  const models = () => readFile(join(agentDir, "models.json"), "utf8");
  const backups = async () => (await readdir(service.backups.dir).catch(() => [] as string[])).filter((n) => n.startsWith("models.json."));
  return { agentDir, dataDir, service, profiles, models, backups };
}

function planOf(result: Awaited<ReturnType<ProfilesFeature["plan"]>>): ProfilePlan {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe("applying a profile to every scoped OpenRouter model", () => {
  it("is one write with one backup, merges per field, keeps comments, and its preview is the write", async () => {
    const { profiles, models, backups, service } = await open();
    const before = await models();
    const plan = planOf(await profiles.plan({ profile: "Private", scope: { kind: "scoped" } }));
    // The fixture's scope: openrouter-bedrock/** (its one custom model, so the provider level says it in fewer lines) and a built-in model with an override.
    expect(plan.changes.map((c) => c.target)).toEqual([
      { level: "provider", provider: "openrouter-bedrock" },
      { level: "override", provider: "openrouter", id: "anthropic/claude-sonnet-4.5" },
    ]);
    expect(plan.changes[1]).toMatchObject({ before: { only: ["amazon-bedrock"] }, after: { only: ["amazon-bedrock"], zdr: true, data_collection: "deny" } });
    expect(plan.preview.before).toBe(before);
    expect(checkCommand(plan.command).ok).toBe(true);

    const applied = await profiles.apply({ profile: "Private", command: plan.command });
    expect(applied.ok).toBe(true);
    const after = await models();
    expect(after).toBe(plan.preview.after);
    expect(await backups()).toHaveLength(1);
    // Every comment of the user's survives; the override's `only` is edited key by key, in place.
    for (const comment of ["// My OpenRouter setup: keep these notes", "// pinned to Bedrock for the company contract", "// Opus through Bedrock only"]) expect(after).toContain(comment);
    expect(after).toContain('"openRouterRouting": { "only": ["amazon-bedrock"], "zdr": true, "data_collection": "deny" }');
    const snapshot = service.snapshot();
    expect(snapshot.modelsFile.valid).toBe(true);
    expect(snapshot.models.find((m) => m.provider === "openrouter-bedrock")!.routing).toEqual({ order: ["amazon-bedrock"], allow_fallbacks: false, zdr: true, data_collection: "deny" });
    const state = applied.ok ? applied.value.profiles : null;
    expect(state!.applied.map((a) => [a.profile, a.state])).toEqual([["Private", "applied"], ["Private", "applied"]]);
  });

  it("refuses a stale plan (models.json changed since the diff) and writes nothing", async () => {
    const { agentDir, profiles, models } = await open();
    const plan = planOf(await profiles.plan({ profile: "Cheapest", scope: { kind: "scoped" } }));
    const edited = (await models()).replace("keep these notes", "keep these notes!");
    await writeFile(join(agentDir, "models.json"), edited);
    const result = await profiles.apply({ profile: "Cheapest", command: plan.command });
    expect(result.ok ? "ok" : result.error.code).toBe("conflict");
    expect(await models()).toBe(edited);
    expect((await profiles.state()).applied).toEqual([]);
  });

  it("refuses to plan on a models.json nested deeper than the edits take on, saying where", async () => {
    const { agentDir, profiles, models } = await open();
    const deep = (await models()).replace("{", `{\n  "x-notes": ${"[".repeat(20_000)}${"]".repeat(20_000)},`);
    await writeFile(join(agentDir, "models.json"), deep);
    const result = await profiles.plan({ profile: "Private", scope: { kind: "scoped" } });
    expect(result).toMatchObject({ ok: false, error: { code: "unparseable-file", message: expect.stringMatching(/models\.json nests more than 1,000 levels deep \(line 2, column 1\d{3}\)/) } });
    expect(await models()).toBe(deep);
  });

  it("shows drift after a hand edit of one target, and forgets it on request", async () => {
    const { agentDir, profiles, models, service } = await open();
    const plan = planOf(await profiles.plan({ profile: "Cheapest", scope: { kind: "scoped" } }));
    expect((await profiles.apply({ profile: "Cheapest", command: plan.command })).ok).toBe(true);
    await writeFile(join(agentDir, "models.json"), (await models()).replace('"only": ["amazon-bedrock"], "sort": "price"', '"only": ["amazon-bedrock"], "sort": "latency"'));
    await service.reload();
    const state = await profiles.state();
    const drifted = state.applied.find((a) => a.target.level === "override")!;
    expect(drifted).toMatchObject({ state: "drifted", routing: { only: ["amazon-bedrock"], sort: "price" }, current: { only: ["amazon-bedrock"], sort: "latency" } });
    expect(state.applied.find((a) => a.target.level === "provider")!.state).toBe("applied");
    const forgotten = await profiles.forget({ target: drifted.target });
    expect(forgotten.ok && forgotten.value.applied.map((a) => a.target.level)).toEqual(["provider"]);
  });

  it("pins one provider's models at provider level", async () => {
    const { profiles, models } = await open();
    expect((await profiles.plan({ profile: "Pinned to provider", scope: { kind: "provider", provider: "openrouter-bedrock" } })).ok).toBe(false);
    const plan = planOf(await profiles.plan({ profile: "Pinned to provider", provider: "novita", scope: { kind: "provider", provider: "openrouter-bedrock" } }));
    expect(plan.changes[0]!.after).toEqual({ order: ["novita"], allow_fallbacks: false, only: ["novita"] });
    const applied = await profiles.apply({ profile: "Pinned to provider", provider: "novita", command: plan.command });
    expect(applied.ok && applied.value.profiles.applied[0]).toMatchObject({ profile: "Pinned to provider", provider: "novita", state: "applied" });
    const parsed = parseLenientJson(await models());
    expect(parsed.ok && (parsed.value as { providers: Record<string, { compat: unknown }> }).providers["openrouter-bedrock"]!.compat).toEqual({ openRouterRouting: { order: ["novita"], allow_fallbacks: false, only: ["novita"] } });
  });
});

describe("the user's own profiles", () => {
  it("are made from a target's routing, renamed (with what they applied) and deleted; names are checked", async () => {
    const { profiles, dataDir } = await open();
    const from = { level: "provider" as const, provider: "openrouter-bedrock" };
    const made = await profiles.create({ name: "Bedrock only", from, mode: "replace" });
    expect(made.ok && made.value.profiles.find((p) => p.name === "Bedrock only")).toMatchObject({ builtIn: false, mode: "replace", routing: { order: ["amazon-bedrock"], allow_fallbacks: false } });
    expect((await profiles.create({ name: "bedrock ONLY", from, mode: "merge" })).ok).toBe(false);
    expect((await profiles.create({ name: "Cheapest", from, mode: "merge" })).ok).toBe(false);
    expect((await profiles.create({ name: "Empty", from: { level: "provider", provider: "openrouter" }, mode: "merge" })).ok).toBe(false);

    const plan = planOf(await profiles.plan({ profile: "Bedrock only", scope: { kind: "model", ref: "openrouter/anthropic/claude-sonnet-4.5" } }));
    expect(plan.changes[0]!.after).toEqual({ order: ["amazon-bedrock"], allow_fallbacks: false });
    await profiles.apply({ profile: "Bedrock only", command: plan.command });
    const renamed = await profiles.rename({ from: "Bedrock only", to: "Company Bedrock" });
    expect(renamed.ok && renamed.value.applied.map((a) => a.profile)).toEqual(["Company Bedrock"]);
    expect((await profiles.rename({ from: "Private", to: "Mine" })).ok).toBe(false);
    expect((await profiles.delete({ name: "Company Bedrock" })).ok).toBe(true);
    expect((await profiles.delete({ name: "Cheapest" })).ok).toBe(false);

    const stored = parseProfileData(await readFile(join(dataDir, PROFILES_FILE), "utf8"));
    expect(stored.ok && stored.data.profiles).toEqual([]);
  });
});

describe("the profiles file", () => {
  it("accepts what the app writes and rejects a routing pi would reject or an unknown field", () => {
    const good = { version: 1, profiles: [{ name: "A", mode: "merge", routing: { sort: "price" }, createdAt: "x" }], applied: { "/a": [{ target: { level: "provider", provider: "p" }, profile: "A", routing: null, appliedAt: "x" }] } };
    expect(parseProfileData(JSON.stringify(good)).ok).toBe(true);
    expect(parseProfileData(JSON.stringify({ ...good, profiles: [{ ...good.profiles[0], routing: { only: "groq" } }] })).ok).toBe(false);
    expect(parseProfileData(JSON.stringify({ ...good, apiKey: "sk-or-x" })).ok).toBe(false);
    expect(parseProfileData("{").ok).toBe(false);
  });

  it("a damaged file is not trusted, and is set aside (not lost) on the next save", async () => {
    const { profiles, dataDir } = await open();
    await writeFile(join(dataDir, PROFILES_FILE), '{"version": 2}');
    const state = await profiles.state();
    expect(state.profiles.every((p) => p.builtIn)).toBe(true);
    expect((await profiles.create({ name: "Mine", from: { level: "provider", provider: "openrouter-bedrock" }, mode: "merge" })).ok).toBe(true);
    expect(await readFile(join(dataDir, `${PROFILES_FILE}.damaged`), "utf8")).toBe('{"version": 2}');
  });
});

describe("the applyRouting edit", () => {
  const TEXT = `{
  "providers": {
    "or-x": {
      "baseUrl": "https://openrouter.ai/api/v1",
      "compat": {
        "openRouterRouting": {
          // the contract says Bedrock
          "only": ["amazon-bedrock"],
          "sort": "price"
        }
      }
    }
  }
}
`;
  it("changes an existing routing key by key, so a comment inside it survives; a no-op target writes nothing", async () => {
    const { applyRouting } = await import("../../../../src-main/core/edits/model-edits.js");
    const { applyJsonChanges } = await import("../../../../src-main/core/files/json-edit.js");
    const parsed = parseLenientJson(TEXT);
    const target = { level: "provider" as const, provider: "or-x" };
    const changes = applyRouting(parsed.ok ? parsed.value : null, [{ target, routing: { only: ["amazon-bedrock"], zdr: true } }]);
    expect(changes.map((c) => c.path.at(-1))).toEqual(["sort", "zdr"]);
    const after = applyJsonChanges(TEXT, changes);
    expect(after).toContain("// the contract says Bedrock");
    const reparsed = parseLenientJson(after);
    expect(reparsed.ok && (reparsed.value as { providers: { "or-x": { compat: unknown } } }).providers["or-x"].compat).toEqual({ openRouterRouting: { only: ["amazon-bedrock"], zdr: true } });
    expect(applyRouting(parsed.ok ? parsed.value : null, [{ target, routing: { sort: "price", only: ["amazon-bedrock"] } }])).toEqual([]);
  });

  it("is checked at the boundary: at least one target, and routing pi would accept", () => {
    const target = { level: "provider", provider: "or-x" };
    expect(checkCommand({ type: "applyRouting", targets: [] }).ok).toBe(false);
    expect(checkCommand({ type: "applyRouting", targets: [{ target, routing: { only: "groq" } }] }).ok).toBe(false);
    expect(checkCommand({ type: "applyRouting", targets: [{ target, routing: null }], expectedVersion: null }).ok).toBe(true);
  });
});
