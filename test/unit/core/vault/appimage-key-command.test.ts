/**
 * A Linux AppImage runs from a temporary mount (/tmp/.mount_XXXX) that is gone when the app quits:
 * a key command pointing there works only while the app runs. The app names itself by $APPIMAGE
 * (the AppImage file) instead, key health flags a command left in a mount on every start, says so
 * when the AppImage moved, and `key connect` rewrites such a command. Real files and real processes:
 * the "AppImage" is an executable script in a temp dir that prints the key, as `key print` would.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { appLauncher, cliKeyCommandText, isAppImageMountPath, shellQuote } from "../../../../src-main/core/vault/key-command.js";
import { HandoffStateStore } from "../../../../src-main/core/vault/handoff-state.js";
import { checkKeyHealth } from "../../../../src-main/core/vault/key-health.js";
import { VaultKeyFeature } from "../../../../src-main/core/vault/key-feature.js";
import { fakeKey, keyringInstalled, removeEntry, removeTempDirs, requireSecretService, skipNote, tempDir, testLocation } from "./vault-test-env.js";

afterAll(() => removeTempDirs());

/** An executable that prints `key` when called as `<it> key print`, as the packaged app does on Windows. */
function printer(path: string, key: string): string {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n[ "$1 $2" = "key print" ] && printf '%s\\n' '${key}'\n`);
  chmodSync(path, 0o755);
  return path;
}

describe("the app's own launcher", () => {
  it("is $APPIMAGE in an AppImage (the file that stays), not the temporary mount execPath points into", () => {
    const appImage = printer(join(tempDir("appimage"), "Pi Switchboard-0.1.0.AppImage"), "x");
    const mounted = "/tmp/.mount_PiSwiAbC123/pi-switchboard";
    expect(appLauncher(mounted, { APPIMAGE: appImage, APPDIR: "/tmp/.mount_PiSwiAbC123" }, "linux")).toBe(shellQuote(appImage, "linux"));
    expect(appLauncher(mounted, {}, "linux")).toBe(mounted);
    // Only Linux has AppImages: elsewhere a stray APPIMAGE changes nothing.
    expect(appLauncher("C:\\Program Files\\Pi Switchboard\\Pi Switchboard.exe", { APPIMAGE: appImage }, "win32")).toBe('"C:\\Program Files\\Pi Switchboard\\Pi Switchboard.exe"');
    const env = { PI_SWITCHBOARD_CLI: appLauncher(mounted, { APPIMAGE: appImage }, "linux") };
    expect(cliKeyCommandText({ service: "pi-switchboard", account: "openrouter" }, "linux", env)).toBe(`${shellQuote(appImage, "linux")} key print`);
  });

  it("recognises an AppImage mount path", () => {
    expect(isAppImageMountPath("/tmp/.mount_PiSwiAbC123/pi-switchboard", {})).toBe(true);
    expect(isAppImageMountPath("/run/user/1000/.mount_xyz/usr/bin/x", {})).toBe(true);
    expect(isAppImageMountPath("/opt/Pi Switchboard/pi-switchboard", {})).toBe(false);
    expect(isAppImageMountPath("/somewhere/else/app", { APPDIR: "/somewhere/else", APPIMAGE: "/a.AppImage" })).toBe(true);
  });
});

describe("key health of an AppImage's key command (checked on every start)", () => {
  const key = "sk-or-v1-appimage-health-0123456789";
  const readVault = async () => key;

  it("flags a command inside the temporary mount even while it still prints the key, with the fix", async () => {
    const mount = tempDir("mnt");
    const mounted = printer(join(mount, ".mount_PiSwiAbC123", "pi-switchboard"), key);
    const command = `${shellQuote(mounted, "linux")} key print`;
    const health = await checkKeyHealth({ command, readVault, env: process.env, platform: "linux" });
    expect(health).toMatchObject({ ok: false, problem: expect.stringMatching(/inside the AppImage's temporary mount, which is gone whenever the app is not running/), fix: expect.stringMatching(/Run `key connect` again.*secret-tool.*libsecret-tools/) });
  });

  it("is good for the AppImage file itself, and says when the AppImage moved, with the fix", async () => {
    const apps = tempDir("apps");
    const appImage = printer(join(apps, "Pi Switchboard.AppImage"), key);
    const command = `${appLauncher("/tmp/.mount_x/pi-switchboard", { APPIMAGE: appImage }, "linux")} key print`;
    expect(await checkKeyHealth({ command, readVault, env: process.env, platform: "linux" })).toMatchObject({ ok: true, problem: null });
    renameSync(appImage, join(apps, "Pi Switchboard-0.2.0.AppImage"));
    expect(await checkKeyHealth({ command, readVault, env: process.env, platform: "linux" })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/the program it runs was moved or uninstalled \(.*Pi Switchboard\.AppImage\)/),
      fix: expect.stringMatching(/Run `key connect` again.*from where the app is now/),
    });
  });
});

describe.skipIf(!keyringInstalled)(`key connect rewrites a command left in an AppImage mount${skipNote}`, { timeout: 120_000 }, () => {
  const location = testLocation();
  afterEach(() => removeEntry(location));

  it("points pi at secret-tool instead, and health is good again", async () => {
    requireSecretService();
    const agentDir = tempDir("appimage-agent");
    const dataDir = tempDir("appimage-data");
    const key = fakeKey();
    // What an earlier version wrote from an AppImage, with its record of what connect replaced.
    const stale = `${shellQuote(printer(join(tempDir("mnt"), ".mount_Old123", "pi-switchboard"), key), "linux")} key print`;
    writeFileSync(join(agentDir, "auth.json"), `${JSON.stringify({ openrouter: { type: "api_key", key: `!${stale}` } }, null, 2)}\n`, { mode: 0o600 });
    await new HandoffStateStore(dataDir).save({ version: 1, agentDir, command: stale, providers: { openrouter: { before: "absent" } } });

    const feature = new VaultKeyFeature({ agentDir, dataDir, location, env: process.env });
    expect(await feature.set(key)).toMatchObject({ ok: true });
    expect((await feature.checkHealth()).health).toMatchObject({ ok: false, problem: expect.stringMatching(/temporary mount/) });

    expect(await feature.connect()).toMatchObject({ ok: true, value: { command: expect.stringMatching(/secret-tool lookup service/) } });
    const auth = JSON.parse(readFileSync(join(agentDir, "auth.json"), "utf8")) as { openrouter: { key: string } };
    expect(auth.openrouter.key).toMatch(/^!.*secret-tool lookup service /);
    expect((await feature.checkHealth()).health).toMatchObject({ ok: true });
  });
});
