/**
 * The key feature every host offers (KeyFeature in common/contract/features.ts, and the `key` CLI): store the
 * OpenRouter key in the OS vault, check it with OpenRouter, hand it to pi (pi-handoff.ts), move a
 * plaintext key out of auth.json. Results carry KeyStatus only — stored or not, the last four
 * characters, OpenRouter's answer — so no caller ever receives the key; every error message is
 * scrubbed of it before it leaves.
 */
import type { ActionResult, CommandError, KeyCheck, KeyFeature, KeyHealth, KeyStatus } from "../common/index.js";
import { EditError } from "../edits/write-pi-file.js";
import { appDataDir } from "./app-data-dir.js";
import { checkKeyWithOpenRouter } from "./key-check.js";
import { NoKeyCommandError } from "./key-command.js";
import { checkKeyHealth } from "./key-health.js";
import { PiHandoff, type DisconnectReport } from "./pi-handoff.js";
import { Vault, VaultUnavailableError, vaultLocation, type VaultLocation } from "./vault.js";

export interface KeyFeatureOptions {
  agentDir: string;
  location?: VaultLocation;
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** OpenRouter's key check; tests keep the default and point PI_SWITCHBOARD_OPENROUTER_URL at the fake. */
  checkKey?: (key: string) => Promise<KeyCheck>;
}

class KeyInputError extends Error {}

/** Trims a pasted key and refuses what cannot be an API key, without ever quoting it. */
export function normalizeKey(input: string): string {
  const key = input.trim();
  if (!key) throw new KeyInputError("No key was given. Paste your OpenRouter key (it starts with sk-or-).");
  if (key.length > 1024) throw new KeyInputError("That is too long for an OpenRouter key (over 1024 characters); check what was pasted.");
  if (!/^[\x21-\x7e]+$/.test(key)) throw new KeyInputError("The key contains spaces, line breaks or characters no OpenRouter key has; check what was pasted.");
  return key;
}

const last4 = (key: string) => key.slice(-4);

export class VaultKeyFeature implements KeyFeature {
  readonly vault: Vault;
  private readonly handoff: PiHandoff;
  private readonly checkKey: (key: string) => Promise<KeyCheck>;
  private lastCheck: { check: KeyCheck; last4: string } | null = null;
  private lastHealth: KeyHealth | null = null;
  private readonly env: NodeJS.ProcessEnv;
  private readonly platform: NodeJS.Platform | undefined;

  constructor(options: KeyFeatureOptions) {
    const env = options.env ?? process.env;
    this.env = env;
    this.platform = options.platform;
    const location = options.location ?? vaultLocation(undefined, env);
    this.vault = new Vault(location, options.platform);
    this.handoff = new PiHandoff({ agentDir: options.agentDir, location, dataDir: options.dataDir ?? appDataDir(env), platform: options.platform, env });
    this.checkKey = options.checkKey ?? ((key) => checkKeyWithOpenRouter(key, env));
  }

  /** Any failure as a CommandError; `secret` is cut out of the message should a cause quote it. */
  private failure(error: unknown, secret: string | null): { ok: false; error: CommandError } {
    let e: CommandError;
    if (error instanceof EditError) e = { ...error.error };
    else if (error instanceof VaultUnavailableError) e = { code: "vault-unavailable", message: error.message };
    else if (error instanceof KeyInputError) e = { code: "invalid-input", message: error.message };
    else if (error instanceof NoKeyCommandError) e = { code: "not-found", message: error.message };
    else e = { code: "io", message: error instanceof Error ? error.message : String(error) };
    if (secret) e.message = e.message.split(secret).join("[key]");
    return { ok: false, error: e };
  }

  private async attempt<T>(run: (remember: (secret: string | null) => void) => Promise<T>): Promise<ActionResult<T>> {
    let secret: string | null = null;
    try {
      return { ok: true, value: await run((s) => (secret = s)) };
    } catch (error) {
      return this.failure(error, secret);
    }
  }

  private async storedKey(): Promise<string> {
    const key = await this.vault.read();
    if (!key) throw new EditError({ code: "not-found", message: "No OpenRouter key is stored yet. Store one first (`pi-switchboard key set`, or Settings → Key)." });
    return key;
  }

  async status(): Promise<KeyStatus> {
    let key: string | null = null;
    let vault: KeyStatus["vault"] = { available: true, backend: this.vault.backend, message: null };
    try {
      key = await this.vault.read();
    } catch (error) {
      vault = { available: false, backend: this.vault.backend, message: (error as Error).message };
    }
    const view = await this.handoff.view();
    const check = key && this.lastCheck?.last4 === last4(key) ? this.lastCheck.check : null;
    return {
      vault,
      stored: key !== null,
      last4: key ? last4(key) : null,
      connectedProviders: view.connected,
      unconnectedProviders: view.openRouter.filter((p) => !view.connected.includes(p)),
      plaintextInAuth: view.plaintext,
      command: view.command,
      lastCheck: check,
      // A check of another command (connect ran since) says nothing about this one.
      health: this.lastHealth && this.lastHealth.command === view.command ? this.lastHealth : null,
    };
  }

  /** Runs the command pi runs for the key and compares its output with the vault (key-health.ts). */
  async checkHealth(): Promise<KeyStatus> {
    const { command } = await this.handoff.view();
    this.lastHealth = await checkKeyHealth({ command, readVault: () => this.vault.read(), env: this.env, platform: this.platform });
    return this.status();
  }

  async set(input: string): Promise<ActionResult<KeyStatus>> {
    return this.attempt(async (remember) => {
      remember(input.trim() || null);
      const key = normalizeKey(input);
      await this.vault.store(key);
      this.lastCheck = null;
      return this.status();
    });
  }

  async check(): Promise<ActionResult<KeyStatus>> {
    return this.attempt(async (remember) => {
      const key = await this.storedKey();
      remember(key);
      this.lastCheck = { check: await this.checkKey(key), last4: last4(key) };
      return this.status();
    });
  }

  async connect(): Promise<ActionResult<KeyStatus>> {
    return this.attempt(async (remember) => {
      const key = await this.storedKey();
      remember(key);
      await this.handoff.connect(key);
      return this.status();
    });
  }

  /**
   * Disconnect with what it did, for the CLI to tell the user which providers lost their key:
   * every provider, or `only` those (the one-click fix for a provider moved off OpenRouter).
   */
  async disconnectWithReport(only?: readonly string[]): Promise<ActionResult<{ status: KeyStatus; report: DisconnectReport }>> {
    return this.attempt(async (remember) => {
      // The vault may be gone or locked: disconnecting must still work, the key only sharpens the backup.
      const key = await this.vault.read().catch(() => null);
      remember(key);
      const report = await this.handoff.disconnect(key, only);
      return { status: await this.status(), report };
    });
  }

  /** Removes the vault-key command from one provider only; the others stay connected. */
  async disconnectProvider(provider: string): Promise<ActionResult<KeyStatus>> {
    const result = await this.disconnectWithReport([provider]);
    return result.ok ? { ok: true, value: result.value.status } : result;
  }

  async disconnect(): Promise<ActionResult<KeyStatus>> {
    const result = await this.disconnectWithReport();
    return result.ok ? { ok: true, value: result.value.status } : result;
  }

  /** Disconnects pi first, so auth.json never points pi at a vault entry that no longer exists. */
  async forget(): Promise<ActionResult<KeyStatus>> {
    return this.attempt(async (remember) => {
      const key = await this.vault.read();
      remember(key);
      if ((await this.handoff.view()).connected.length) await this.handoff.disconnect(key);
      await this.vault.remove();
      this.lastCheck = null;
      return this.status();
    });
  }

  /** Moves the one plaintext OpenRouter key of auth.json into the vault and connects pi to it. */
  async importFromAuth(): Promise<ActionResult<KeyStatus>> {
    return this.attempt(async (remember) => {
      const found = await this.handoff.plaintextKeys();
      const keys = [...new Set(found.values())];
      if (keys.length === 0) throw new EditError({ code: "not-found", message: "auth.json holds no OpenRouter key in plain text; there is nothing to import." });
      if (keys.length > 1) {
        throw new EditError({ code: "conflict", message: `auth.json holds ${keys.length} different OpenRouter keys in plain text (${[...found.keys()].join(", ")}). Keep one (edit auth.json, or \`key set\` the one you want and \`key connect\`), then import again.` });
      }
      const key = normalizeKey(keys[0]!);
      remember(key);
      const stored = await this.vault.read();
      if (stored && stored !== key) {
        throw new EditError({ code: "conflict", message: `The vault already holds a different OpenRouter key (…${last4(stored)}) than auth.json (…${last4(key)}). Run \`key forget\` first to import this one, or \`key connect\` to use the stored one.` });
      }
      if (!stored) await this.vault.store(key);
      // The key must read back from the vault before it leaves auth.json.
      if ((await this.vault.read()) !== key) throw new VaultUnavailableError(`The ${this.vault.backend} did not give back the key just stored; auth.json was left unchanged.`);
      await this.handoff.connect(key);
      return this.status();
    });
  }
}
