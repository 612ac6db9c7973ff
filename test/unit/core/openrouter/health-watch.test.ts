/**
 * The health watch end to end, as the tray app and serve host it (createHost): the Preferences
 * switch starts and stops it, a scoped model pinned only to degraded endpoints of the fake
 * OpenRouter becomes a model problem naming the endpoint to pin instead, `healthSwitch` pins that
 * endpoint through the "Pinned to provider" profile, and the save's backup undoes it.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult, BackupEntry, EndpointSwitch, HealthReport, ModelEntry } from "../../../../src-main/core/common/index.js";
import { backupOfSave } from "../../../../src-main/core/common/save-record.js";
import { createHost, type SwitchboardHost } from "../../../../src-main/core/create-host.js";
import { AppPreferences, MemoryPreferencesStorage, servePreferences } from "../../../../src-main/core/preferences/app-preferences.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../../fake-openrouter/server.js";
import { DEFAULT_KEY, defaultTable } from "../../../fake-openrouter/table.js";
import { withSharedPiStarts } from "../../../shared-pi-answers.js";
import { PI_BIN, virtualProvider, writeAgentDir } from "./agent-dir.js";

vi.setConfig({ testTimeout: 60_000 });

let fake: FakeOpenRouter;
const hosts: SwitchboardHost[] = [];
beforeAll(async () => (fake = await startFakeOpenRouter()));
afterEach(() => {
  for (const host of hosts.splice(0)) host.close();
  fake.configure({ models: defaultTable() });
});
afterAll(() => fake.close());

const REF = "openrouter-deepinfra/moonshotai/kimi-k2";

function agentDir(): string {
  return writeAgentDir({
    models: { providers: { "openrouter-deepinfra": virtualProvider(fake.baseUrl, DEFAULT_KEY, { only: ["deepinfra"] }, ["moonshotai/kimi-k2"]) } },
    settings: { enabledModels: [REF] },
  });
}

async function hostWith(preferences: AppPreferences | null, dir = agentDir()): Promise<SwitchboardHost> {
  const env = { PATH: process.env.PATH, PI_SWITCHBOARD_PI: PI_BIN, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "sb-health-cache-")), XDG_DATA_HOME: mkdtempSync(join(tmpdir(), "sb-health-data-")) };
  const host = await withSharedPiStarts(env.XDG_CACHE_HOME, () => createHost({ agentDir: dir, watch: false, env, ...(preferences ? { features: { preferences } } : {}) }));
  hosts.push(host);
  return host;
}

const trayPreferences = (values: ConstructorParameters<typeof MemoryPreferencesStorage>[0] = {}) =>
  new AppPreferences({ host: "electron", storage: new MemoryPreferencesStorage(values), agentDirInUse: () => "", defaultAgentDir: "" });
const modelOf = (host: SwitchboardHost, ref = REF): ModelEntry => host.service.snapshot().models.find((m) => `${m.provider}/${m.id}` === ref)!;
const routingInFile = (dir: string) => (JSON.parse(readFileSync(join(dir, "models.json"), "utf8")) as { providers: Record<string, { compat?: { openRouterRouting?: unknown }; models: { compat?: { openRouterRouting?: unknown } }[] }> }).providers["openrouter-deepinfra"]!;

describe("the health watch", () => {
  it("runs in the tray app by default: a model pinned only to a degraded endpoint is a problem that names the next endpoint", async () => {
    const host = await hostWith(trayPreferences());
    await vi.waitFor(() => expect(modelOf(host).problems.map((p) => p.code)).toContain("endpoint-degraded"), { timeout: 20_000 });
    const problem = modelOf(host).problems.find((p) => p.code === "endpoint-degraded")!;
    expect(problem).toMatchObject({ severity: "warning" });
    // DeepInfra's 93.4% is under the default 95%; Together (tools, 99.5%, 0.4 s) beats Novita (0.9 s) and Groq (no tools).
    expect(problem.message).toContain("DeepInfra (deepinfra/fp4): 93.4% uptime over 30 minutes (below 95%)");
    expect(problem.hint).toContain("Pin Together (together/fp8) instead");
    const report = (await host.api.invoke("healthStatus", null)) as HealthReport;
    expect(report).toMatchObject({ watching: true, error: null, degraded: [{ ref: REF, catalogId: "moonshotai/kimi-k2", health: { next: { tag: "together/fp8" } } }] });
    // It asked OpenRouter's endpoints list, which needs no key.
    const asked = fake.requests.filter((r) => r.path.endsWith("/models/moonshotai/kimi-k2/endpoints"));
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it("follows the user's threshold and switch, and forgets its warning when switched off", async () => {
    const preferences = trayPreferences({ healthMinUptime: 90 });
    const host = await hostWith(preferences);
    await vi.waitFor(() => expect(host.health.latest().checkedAt).not.toBeNull(), { timeout: 20_000 });
    expect(host.health.latest().degraded).toEqual([]);
    expect(modelOf(host).problems.map((p) => p.code)).not.toContain("endpoint-degraded");

    const events: HealthReport[] = [];
    host.api.onEvent((name, payload) => name === "health" && events.push(payload as HealthReport));
    expect(await preferences.set({ key: "healthMinUptime", value: 95 })).toMatchObject({ ok: true });
    await host.health.check();
    await vi.waitFor(() => expect(modelOf(host).problems.map((p) => p.code)).toContain("endpoint-degraded"), { timeout: 10_000 });
    expect(events.at(-1)).toMatchObject({ watching: true, degraded: [{ ref: REF }] });

    expect(await preferences.set({ key: "healthWatch", value: false })).toMatchObject({ ok: true });
    expect(host.health.latest()).toEqual({ watching: false, checkedAt: null, degraded: [], error: null });
    expect(events.at(-1)).toMatchObject({ watching: false, degraded: [] });
    await vi.waitFor(() => expect(modelOf(host).problems.map((p) => p.code)).not.toContain("endpoint-degraded"), { timeout: 10_000 });
  });

  it("is off in serve until the user turns it on, and OpenRouter's degraded status counts too", async () => {
    const models = defaultTable();
    const kimi = models.find((m) => m.id === "moonshotai/kimi-k2")!;
    for (const e of kimi.endpoints) if (e.slug === "deepinfra") Object.assign(e, { uptime: 99.9, status: -1 });
    fake.configure({ models });
    const preferences = servePreferences({ agentDir: "/x", defaultAgentDir: "/x", env: {} });
    const seen = fake.requests.length;
    const host = await hostWith(preferences);
    expect(host.health.latest().watching).toBe(false);
    expect(fake.requests.slice(seen).filter((r) => r.path.includes("/endpoints"))).toHaveLength(0);
    expect(await preferences.set({ key: "healthWatch", value: true })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(host.health.latest().degraded).toHaveLength(1), { timeout: 20_000 });
    expect(host.health.latest().degraded[0]!.health.pinned[0]!.degraded).toBe("OpenRouter marks it degraded");
  });
});

describe("the one-click switch", () => {
  it("pins the next endpoint with the Pinned to provider profile, clears the warning, and the save's backup undoes it", async () => {
    const dir = agentDir();
    const host = await hostWith(trayPreferences(), dir);
    await vi.waitFor(() => expect(host.health.latest().degraded).toHaveLength(1), { timeout: 20_000 });
    const before = readFileSync(join(dir, "models.json"), "utf8");

    const switched = (await host.api.invoke("healthSwitch", { ref: REF })) as ActionResult<EndpointSwitch>;
    expect(switched).toMatchObject({ ok: true, value: { ref: REF, from: ["deepinfra/fp4"], to: "together/fp8", toProvider: "Together" } });
    expect(modelOf(host).routing).toEqual({ only: ["together/fp8"], order: ["together/fp8"], allow_fallbacks: false });
    expect(JSON.stringify(routingInFile(dir))).toContain("together/fp8");
    // The next check finds Together healthy: the warning goes.
    await vi.waitFor(() => expect(modelOf(host).problems.map((p) => p.code)).not.toContain("endpoint-degraded"), { timeout: 20_000 });

    if (!switched.ok) throw new Error("unreachable");
    const backup = backupOfSave((await host.api.invoke("listBackups", null)) as BackupEntry[], "models.json", switched.value);
    expect(backup).not.toBeNull();
    expect(await host.api.invoke("restoreBackup", { path: backup!.path, expectedVersion: switched.value.version })).toMatchObject({ ok: true });
    expect(readFileSync(join(dir, "models.json"), "utf8")).toBe(before);
  });

  it("refuses a model the last check did not find degraded, and writes nothing", async () => {
    const dir = agentDir();
    const host = await hostWith(null, dir);
    const before = readFileSync(join(dir, "models.json"), "utf8");
    expect(await host.api.invoke("healthSwitch", { ref: REF })).toMatchObject({ ok: false, error: { code: "not-found", message: expect.stringContaining("was not degraded at the last health check") } });
    expect(readFileSync(join(dir, "models.json"), "utf8")).toBe(before);
  });
});
