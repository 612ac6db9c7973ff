/**
 * The key feature as a UI host uses it, over the real Secret Service and the fake OpenRouter:
 * status never carries the key, OpenRouter's answer (and a rejection) shows up, a plaintext key
 * moves out of auth.json into the vault and out of every file the app wrote, forget undoes all.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { VaultKeyFeature } from "../../../../src-main/core/vault/key-feature.js";
import { Vault } from "../../../../src-main/core/vault/vault.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../../fake-openrouter/server.js";
import { fakeKey, filesContaining, keyringInstalled, modeOf, removeEntry, removeTempDirs, requireSecretService, skipNote, tempDir, testLocation } from "./vault-test-env.js";

const VIRTUAL = `{ "providers": { "openrouter-novita-fp8": { "baseUrl": "https://openrouter.ai/api/v1", "api": "openai-completions", "apiKey": "OPENROUTER_API_KEY", "models": [{ "id": "deepseek/deepseek-chat" }] } } }\n`;

describe.skipIf(!keyringInstalled)(`the key feature${skipNote}`, { timeout: 120_000 }, () => {
  const location = testLocation();
  let fake: FakeOpenRouter;
  let agentDir: string;
  let dataDir: string;
  let feature: VaultKeyFeature;
  let key: string;

  beforeAll(async () => {
    requireSecretService();
    fake = await startFakeOpenRouter({ keys: [] });
  });
  afterAll(async () => {
    await fake.close();
    removeTempDirs();
  });
  beforeEach(() => {
    key = fakeKey();
    agentDir = tempDir("feature-agent");
    dataDir = tempDir("feature-data");
    writeFileSync(join(agentDir, "models.json"), VIRTUAL);
    fake.configure({ keys: [{ key, label: "laptop", limit: 20, usage: 1.5, isFreeTier: false, credits: 10 }] });
    feature = new VaultKeyFeature({ agentDir, dataDir, location, env: { ...process.env, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl } });
  });
  afterEach(() => removeEntry(location));

  it("stores a key and reports it by its last four characters only", async () => {
    expect((await feature.status()).stored).toBe(false);
    const result = await feature.set(`  ${key}\n`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ stored: true, last4: key.slice(-4), vault: { available: true, backend: "Secret Service" }, unconnectedProviders: ["openrouter", "openrouter-novita-fp8"], connectedProviders: [] });
    expect(JSON.stringify(result.value)).not.toContain(key);
    expect(await new Vault(location).read()).toBe(key);
  });

  it("shows OpenRouter's answer for the key, and a rejected key as rejected", async () => {
    await feature.set(key);
    const checked = await feature.check();
    expect(checked.ok && checked.value.lastCheck).toMatchObject({ ok: true, label: "laptop", limit: 20, limitRemaining: 18.5, usage: 1.5, isFreeTier: false });
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${key}`);

    const revoked = fakeKey();
    await feature.set(revoked);
    // The old answer belonged to the old key.
    expect((await feature.status()).lastCheck).toBeNull();
    const rejected = await feature.check();
    expect(rejected.ok && rejected.value.lastCheck?.ok).toBe(false);
    expect(rejected.ok && rejected.value.lastCheck?.error).toMatch(/Rejected by OpenRouter \(401\)/);
    expect(JSON.stringify(rejected)).not.toContain(revoked);
  });

  it("says what to do when there is no key to check or connect", async () => {
    for (const result of [await feature.check(), await feature.connect()]) {
      expect(result).toMatchObject({ ok: false, error: { code: "not-found" } });
      expect(!result.ok && result.error.message).toMatch(/key set/);
    }
  });

  it("imports a plaintext key from auth.json: vault holds it, no file under the agent or data dir does", async () => {
    const authPath = join(agentDir, "auth.json");
    writeFileSync(authPath, JSON.stringify({ openrouter: { type: "api_key", key }, "openrouter-novita-fp8": { type: "api_key", key }, anthropic: { type: "api_key", key: "ANTHROPIC_API_KEY" } }, null, 2), { mode: 0o600 });
    expect((await feature.status()).plaintextInAuth).toEqual(["openrouter", "openrouter-novita-fp8"]);

    const result = await feature.importFromAuth();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ stored: true, plaintextInAuth: [], connectedProviders: ["openrouter", "openrouter-novita-fp8"], unconnectedProviders: [] });
    expect(result.value.command).toMatch(/secret-tool lookup service/);
    expect(await new Vault(location).read()).toBe(key);

    const auth = JSON.parse(readFileSync(authPath, "utf8"));
    expect(auth.openrouter.key).toBe(`!${result.value.command}`);
    expect(auth.anthropic).toEqual({ type: "api_key", key: "ANTHROPIC_API_KEY" });
    expect(modeOf(authPath)).toBe(0o600);
    // The backup was taken, and it holds the command where the key was.
    const [backup] = readdirSync(join(agentDir, "switchboard-backups"));
    expect(JSON.parse(readFileSync(join(agentDir, "switchboard-backups", backup!), "utf8")).openrouter.key).toBe(`!${result.value.command}`);
    expect(filesContaining(agentDir, key)).toEqual([]);
    expect(filesContaining(dataDir, key)).toEqual([]);

    // Nothing left to import.
    expect(await feature.importFromAuth()).toMatchObject({ ok: false, error: { code: "not-found" } });
  });

  it("refuses to import when auth.json holds two different keys or the vault holds another one", async () => {
    const authPath = join(agentDir, "auth.json");
    const other = fakeKey();
    const two = JSON.stringify({ openrouter: { type: "api_key", key }, "openrouter-novita-fp8": { type: "api_key", key: other } });
    writeFileSync(authPath, two, { mode: 0o600 });
    const result = await feature.importFromAuth();
    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(JSON.stringify(result)).not.toContain(key);
    expect(readFileSync(authPath, "utf8")).toBe(two);

    await feature.set(other);
    const one = JSON.stringify({ openrouter: { type: "api_key", key } });
    writeFileSync(authPath, one, { mode: 0o600 });
    const clash = await feature.importFromAuth();
    expect(clash).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(!clash.ok && clash.error.message).toContain(`…${other.slice(-4)}`);
    expect(readFileSync(authPath, "utf8")).toBe(one);
    expect(await new Vault(location).read()).toBe(other);
  });

  it("forget disconnects pi first, then deletes the key", async () => {
    const authPath = join(agentDir, "auth.json");
    writeFileSync(authPath, JSON.stringify({ openrouter: { type: "api_key", key: "OPENROUTER_API_KEY" } }, null, 2), { mode: 0o600 });
    const original = readFileSync(authPath, "utf8");
    await feature.set(key);
    expect((await feature.connect()).ok).toBe(true);
    const forgotten = await feature.forget();
    expect(forgotten).toMatchObject({ ok: true, value: { stored: false, connectedProviders: [], command: null } });
    expect(readFileSync(authPath, "utf8")).toBe(original);
    expect(await new Vault(location).read()).toBeNull();
  });
});
