/**
 * The OS credential vault that holds the OpenRouter key: macOS Keychain, Windows Credential
 * Manager, or the Secret Service on Linux (gnome-keyring, KWallet, KeePassXC), through
 * @napi-rs/keyring. Used by key-feature.ts and by `key print`, the command pi may run.
 *
 * On Linux the entry is pinned to the Secret Service: the binding would otherwise fall back to the
 * kernel keyring, which forgets the key at logout and which `secret-tool` (pi's fast path) cannot
 * read. Without a Secret Service we fail closed with instructions; there is no plaintext fallback.
 */
import { AsyncEntry } from "@napi-rs/keyring";
import { DEFAULT_VAULT_SERVICE, VAULT_ACCOUNT, vaultService } from "../common/vault-entry.js";

export { DEFAULT_VAULT_SERVICE, VAULT_ACCOUNT };

export interface VaultLocation {
  service: string;
  account: string;
}

/** The vault could not be reached or refused the operation; the message says what to do. */
export class VaultUnavailableError extends Error {}

export function vaultBackendName(platform: NodeJS.Platform = process.platform): string {
  if (platform === "darwin") return "macOS Keychain";
  if (platform === "win32") return "Windows Credential Manager";
  return "Secret Service";
}

function howToFix(platform: NodeJS.Platform): string {
  if (platform === "darwin") return "Unlock your login keychain (Keychain Access) and try again.";
  if (platform === "win32") return "Check that the Credential Manager service is running and try again.";
  return (
    "The key is kept only in a Secret Service, never in a plain file. Install and start one, e.g. " +
    "`sudo apt install gnome-keyring` (or KWallet / KeePassXC with Secret Service enabled), make sure it runs in your " +
    "desktop session (DBUS_SESSION_BUS_ADDRESS must be set) and that its login keyring is unlocked, then try again."
  );
}

/** Location from `--vault-service`, else PI_SWITCHBOARD_VAULT_SERVICE, else the app's own entry. */
export function vaultLocation(serviceFlag?: string, env: NodeJS.ProcessEnv = process.env): VaultLocation {
  return { service: serviceFlag || vaultService(env), account: VAULT_ACCOUNT };
}

export class Vault {
  readonly backend: string;

  constructor(
    readonly location: VaultLocation,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.backend = vaultBackendName(platform);
  }

  /** The binding's message names the store and the cause, never the secret; `secret` is scrubbed anyway. */
  private fail(action: string, error: unknown, secret?: string): VaultUnavailableError {
    let cause = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    if (secret) cause = cause.split(secret).join("[key]");
    return new VaultUnavailableError(`Could not ${action} the ${this.backend} (${cause}). ${howToFix(this.platform)}`);
  }

  private entry(action: string): AsyncEntry {
    if (this.platform === "linux" && !process.env.DBUS_SESSION_BUS_ADDRESS) {
      // The binding would try X11 autolaunch and fail with a message about dbus internals.
      throw new VaultUnavailableError(`Could not ${action} the Secret Service: there is no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set). ${howToFix(this.platform)}`);
    }
    try {
      return new AsyncEntry(this.location.service, this.location.account, this.platform === "linux" ? { linux: { store: "secret-service" } } : undefined);
    } catch (error) {
      throw this.fail(action, error);
    }
  }

  /** The stored key, or null when none is stored. Throws VaultUnavailableError. */
  async read(): Promise<string | null> {
    const entry = this.entry("read the key from");
    try {
      return await entry.getPassword();
    } catch (error) {
      throw this.fail("read the key from", error);
    }
  }

  async store(key: string): Promise<void> {
    const entry = this.entry("store the key in");
    try {
      await entry.setPassword(key);
    } catch (error) {
      throw this.fail("store the key in", error, key);
    }
  }

  /** true when a key was removed, false when there was none. */
  async remove(): Promise<boolean> {
    const entry = this.entry("remove the key from");
    try {
      return await entry.deleteCredential();
    } catch (error) {
      throw this.fail("remove the key from", error);
    }
  }

  /** Whether the vault answers at all (a read), with the reason when it does not. */
  async probe(): Promise<{ available: boolean; message: string | null }> {
    try {
      await this.read();
      return { available: true, message: null };
    } catch (error) {
      return { available: false, message: (error as Error).message };
    }
  }
}
