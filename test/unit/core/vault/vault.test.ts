/**
 * The key in the real Secret Service (gnome-keyring under the test D-Bus session): stored,
 * readable by `secret-tool` and by the command pi would run, removed by forget; and no Secret
 * Service means a refusal that says how to get one, never a plaintext fallback.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cliKeyCommand, cliKeyCommandText, nativeKeyCommand, runLikePi, shellQuote } from "../../../../src-main/core/vault/key-command.js";
import { normalizeKey } from "../../../../src-main/core/vault/key-feature.js";
import { Vault, vaultLocation, DEFAULT_VAULT_SERVICE } from "../../../../src-main/core/vault/vault.js";
import { fakeKey, filesContaining, keyringInstalled, removeEntry, removeTempDirs, requireSecretService, run, runCli, skipNote, tempDir, testLocation } from "./vault-test-env.js";

describe("normalizeKey", () => {
  it("trims what a paste adds and keeps the key", () => {
    expect(normalizeKey("  sk-or-v1-abc\n")).toBe("sk-or-v1-abc");
  });
  it.each([[""], ["   \n"], ["sk-or v1"], ["sk-or-v1-\u00e9"], ["x".repeat(1025)]])("refuses %j without quoting it", (input) => {
    expect(() => normalizeKey(input)).toThrow();
    try {
      normalizeKey(input);
    } catch (error) {
      if (input.trim()) expect((error as Error).message).not.toContain(input.trim());
    }
  });
});

describe("vaultLocation", () => {
  it("takes the flag, then PI_SWITCHBOARD_VAULT_SERVICE, then the app's own entry", () => {
    expect(vaultLocation("flag", { PI_SWITCHBOARD_VAULT_SERVICE: "env" }).service).toBe("flag");
    expect(vaultLocation(undefined, { PI_SWITCHBOARD_VAULT_SERVICE: "env" }).service).toBe("env");
    expect(vaultLocation(undefined, {})).toEqual({ service: DEFAULT_VAULT_SERVICE, account: "openrouter" });
  });
});

describe("the command pi runs", () => {
  it("quotes only what the shell would split", () => {
    expect(shellQuote("pi-switchboard")).toBe("pi-switchboard");
    expect(shellQuote("it's here", "linux")).toBe(`'it'\\''s here'`);
    expect(shellQuote('C:\\Program Files\\x "y"', "win32")).toBe('"C:\\Program Files\\x ""y"""');
  });
  it("is macOS's security tool on macOS and none of the native ones on Windows", () => {
    const location = { service: "svc", account: "openrouter" };
    if (process.platform === "darwin") expect(nativeKeyCommand(location, "darwin")).toBe("/usr/bin/security find-generic-password -s svc -a openrouter -w");
    expect(nativeKeyCommand(location, "win32", process.env)).toBeNull();
    expect(nativeKeyCommand(location, "linux", { PATH: "" })).toBeNull();
  });
});

describe.skipIf(!keyringInstalled)(`the OS vault (Secret Service)${skipNote}`, { timeout: 120_000 }, () => {
  const location = testLocation();
  beforeAll(() => requireSecretService());
  afterEach(() => removeEntry(location));
  afterAll(() => removeTempDirs());

  it("stores the key, secret-tool and our command read it, forget removes it", async () => {
    const key = fakeKey();
    const vault = new Vault(location);
    expect(await vault.read()).toBeNull();
    await vault.store(key);
    expect(await vault.read()).toBe(key);

    // The attributes @napi-rs/keyring writes are the ones secret-tool looks up.
    const lookup = await run("secret-tool", ["lookup", "service", location.service, "username", location.account]);
    expect(lookup.code).toBe(0);
    expect(lookup.stdout.trim()).toBe(key);

    const native = nativeKeyCommand(location);
    expect(native).toContain("secret-tool lookup service");
    expect(await runLikePi(native!)).toBe(key);
    // `key print` is the key command on Windows only; here it refuses, so pi gets nothing from it.
    expect(cliKeyCommand(location, "linux")).toBeNull();
    expect(cliKeyCommand(location, "darwin")).toBeNull();
    expect(cliKeyCommand(location, "win32")).toContain("key print --vault-service");
    const cli = cliKeyCommandText(location);
    expect(cli).toContain("key print --vault-service");
    expect(await runLikePi(cli!)).toBeUndefined();

    expect(await vault.remove()).toBe(true);
    expect(await vault.read()).toBeNull();
    expect((await run("secret-tool", ["lookup", "service", location.service, "username", location.account])).code).not.toBe(0);
    expect(await runLikePi(cli!)).toBeUndefined();
  });

  it("refuses to work without a Secret Service, says how to get one, and writes nothing", async () => {
    const key = fakeKey();
    const agentDir = tempDir("vault-agent");
    const dataDir = tempDir("vault-data");
    const env: NodeJS.ProcessEnv = { ...process.env, PI_SWITCHBOARD_DATA_DIR: dataDir, PI_SWITCHBOARD_VAULT_SERVICE: location.service };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const set = await runCli(["key", "set", "--agent-dir", agentDir], { env, input: key });
    expect(set.code).toBe(1);
    expect(set.stderr).toMatch(/Secret Service/);
    expect(set.stderr).toMatch(/gnome-keyring/);
    expect(`${set.stdout}${set.stderr}`).not.toContain(key);
    expect(filesContaining(agentDir, key)).toEqual([]);
    expect(filesContaining(dataDir, key)).toEqual([]);
    // And it did not sneak into the real vault through another route either.
    expect(await new Vault(location).read()).toBeNull();

    const status = await runCli(["key", "status", "--json", "--agent-dir", agentDir], { env });
    expect(JSON.parse(status.stdout).vault).toMatchObject({ available: false, backend: "Secret Service" });
  });
});
