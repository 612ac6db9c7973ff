/**
 * Key health against the real Secret Service and the real `secret-tool`: after `key connect` the
 * command pi runs prints the key; when that `secret-tool` is gone (uninstalled, or the app that
 * `key print` names moved) or the vault lost the key, health says so with the fix, as the tray,
 * the window and `key status` show it.
 */
import { copyFileSync, rmSync } from "node:fs";
import { delimiter, join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KeyHealth } from "../../../../src-main/core/common/index.js";
import { VaultKeyFeature } from "../../../../src-main/core/vault/key-feature.js";
import { Vault } from "../../../../src-main/core/vault/vault.js";
import { buildTrayMenu } from "../../../../src-main/electron/tray-menu.js";
import { snapshot } from "../../electron/snapshot-fixture.js";
import { fakeKey, keyringInstalled, onPath, removeEntry, removeTempDirs, requireSecretService, skipNote, tempDir, testLocation } from "./vault-test-env.js";

describe.skipIf(!keyringInstalled)(`key health${skipNote}`, { timeout: 120_000 }, () => {
  const location = testLocation();
  let feature: VaultKeyFeature;
  let bin: string;
  let key: string;

  beforeEach(async () => {
    requireSecretService();
    // A secret-tool of its own, so the test can uninstall it without touching the system's.
    bin = tempDir("health-bin");
    copyFileSync(onPath("secret-tool")!, join(bin, "secret-tool"));
    const env = { ...process.env, PATH: [bin, process.env.PATH].join(delimiter) };
    feature = new VaultKeyFeature({ agentDir: tempDir("health-agent"), dataDir: tempDir("health-data"), location, env });
    key = fakeKey();
    expect(await feature.set(key)).toMatchObject({ ok: true });
    expect(await feature.connect()).toMatchObject({ ok: true, value: { command: expect.stringContaining(join(bin, "secret-tool")) } });
  });
  afterEach(() => removeEntry(location));
  afterAll(() => removeTempDirs());

  it("is good right after connect: the command prints the stored key as pi runs it", async () => {
    const { health } = await feature.checkHealth();
    expect(health).toMatchObject({ ok: true, problem: null, command: expect.stringContaining("secret-tool lookup service") });
  });

  it("says that secret-tool is gone and how to fix it; the tray shows it first and opens the Key view", async () => {
    rmSync(join(bin, "secret-tool"));
    const { health } = await feature.checkHealth();
    expect(health).toMatchObject({ ok: false, problem: expect.stringMatching(/`secret-tool` is no longer installed/), fix: expect.stringMatching(/apt install libsecret-tools.*key connect/) });
    const menu = buildTrayMenu({ snapshot: snapshot([]), launchAtLogin: false, canTest: true, platform: "linux", keyHealth: health as KeyHealth });
    expect(menu[0]).toMatchObject({ label: expect.stringMatching(/^⚠ pi cannot read the OpenRouter key: `secret-tool` is no longer installed/), action: { kind: "openWindow", view: "key" } });
  });

  it("says when the vault no longer holds the key pi is set to read", async () => {
    await new Vault(location).remove();
    const { health } = await feature.checkHealth();
    expect(health).toMatchObject({ ok: false, problem: expect.stringMatching(/the vault holds no key/), fix: expect.stringMatching(/Store the key again/) });
  });

  it("is not checked when pi is not connected", async () => {
    expect(await feature.disconnect()).toMatchObject({ ok: true });
    expect((await feature.checkHealth()).health).toBeNull();
  });
});
