/**
 * Key health: does the command `key connect` wrote into auth.json still print the vault's key
 * when pi runs it? It stops doing so when the keyring is locked, the app that `key print` names
 * moved, or `secret-tool` was uninstalled, and pi then fails with a bare "no API key". Checked
 * on every start and every tray open (main.ts, create-host.ts), shown in the tray, the window's
 * Key view and `key status`, each time with the fix. The key itself never leaves this module.
 */
import { existsSync } from "node:fs";
import { isAbsolute } from "node:path";
import type { KeyHealth } from "../common/index.js";
import { isAppImageMountPath, runLikePi } from "./key-command.js";

/** The program a command line starts, unquoted (the first word, or the first quoted string). */
function programOf(command: string): string {
  const m = /^\s*(?:'([^']*)'|"([^"]*)"|(\S+))/.exec(command);
  return m ? (m[1] ?? m[2] ?? m[3] ?? "") : "";
}

export interface HealthInputs {
  /** The command auth.json names (without `!`), or null when pi is not connected. */
  command: string | null;
  /** Reads the vault; throws when the vault cannot be read (locked, no Secret Service). */
  readVault: () => Promise<string | null>;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export async function checkKeyHealth({ command, readVault, env = process.env, platform = process.platform }: HealthInputs): Promise<KeyHealth | null> {
  if (!command) return null;
  const checkedAt = new Date().toISOString();
  const bad = (problem: string, fix: string): KeyHealth => ({ ok: false, checkedAt, command, problem, fix });
  let stored: string | null;
  try {
    stored = await readVault();
  } catch (error) {
    const unlock = platform === "linux" ? "Unlock your keyring (log in to the desktop session, or open Passwords and Keys / Seahorse)" : platform === "darwin" ? "Unlock the login Keychain" : "Sign in to Windows again";
    return bad(`pi cannot read the OpenRouter key: the vault is locked or unavailable (${(error as Error).message.split(". ")[0]}).`, `${unlock}, then check again.`);
  }
  if (!stored) return bad("pi is set to read the OpenRouter key from the vault, but the vault holds no key.", "Store the key again (Key → Set the key, or `pi-switchboard key set`), or run `key disconnect`.");
  const program = programOf(command);
  // Written by an AppImage from its temporary mount: it works only while that one instance runs.
  if (isAbsolute(program) && isAppImageMountPath(program, env)) {
    return bad(`pi cannot rely on the command in auth.json: it runs ${program}, inside the AppImage's temporary mount, which is gone whenever the app is not running.`, "Run `key connect` again (Key → Connect pi): it writes `secret-tool` (Debian/Ubuntu: `sudo apt install libsecret-tools`), which works while the app is closed.");
  }
  if (isAbsolute(program) && !existsSync(program)) {
    const what = /secret-tool$/.test(program) ? "`secret-tool` is no longer installed" : "the program it runs was moved or uninstalled";
    const fix = /secret-tool$/.test(program) ? "Install it again (Debian/Ubuntu: `sudo apt install libsecret-tools`), or run `key connect` again to pick a command that works." : "Run `key connect` again (Key → Connect pi): it writes a command that works from where the app is now.";
    return bad(`pi cannot read the OpenRouter key: ${what} (${program}).`, fix);
  }
  const printed = await runLikePi(command, env);
  if (printed === stored) return { ok: true, checkedAt, command, problem: null, fix: null };
  if (printed === undefined) {
    return bad("pi cannot read the OpenRouter key: the command in auth.json failed or printed nothing (a locked keyring does this too).", "Unlock your keyring, or run `key connect` again (Key → Connect pi).");
  }
  return bad("The command in auth.json prints a different key than the one in the vault.", "Run `key connect` again (Key → Connect pi) so pi reads the stored key.");
}
