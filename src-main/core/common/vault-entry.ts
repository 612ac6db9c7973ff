/**
 * The app's entry in the OS vault, by name only (vault.ts does the I/O): which service and account
 * hold the OpenRouter key, and how to recognise, in pi's auth.json, the command `key connect` wrote
 * to read it. Pure, so the snapshot can say where that command would send the key without loading
 * the native vault binding.
 */
import type { Env } from "./secret-destination.js";

export const DEFAULT_VAULT_SERVICE = "pi-switchboard";
export const VAULT_ACCOUNT = "openrouter";

/** PI_SWITCHBOARD_VAULT_SERVICE, else the app's own entry (tests keep theirs apart). */
export function vaultService(env: Env): string {
  return env.PI_SWITCHBOARD_VAULT_SERVICE || DEFAULT_VAULT_SERVICE;
}

/**
 * Does a pi config value run a command that prints the vault's key? key-command.ts writes
 * `secret-tool lookup service S …` (Linux), `security … -s S …` (macOS), both naming the service,
 * or the app's own `… key print` (Windows).
 */
export function readsAppVault(value: unknown, env: Env): boolean {
  if (typeof value !== "string" || !value.startsWith("!")) return false;
  const command = value.slice(1);
  return command.split(/[\s'"]+/).includes(vaultService(env)) || /\skey print(\s|$)/.test(command);
}
