/**
 * The OpenRouter key pi would use, to ask OpenRouter what it has left: pi's own key for the
 * built-in `openrouter` provider (auth.json, models.json apiKey or OPENROUTER_API_KEY, in the
 * detected pi's order — resolve-key.ts), else the key stored in the vault. Shared by
 * `key status --check` and the credits monitor (credits-monitor.ts) so both ask about the same key.
 * The key is returned to the caller only; `source` names where it came from, never the key.
 */
import type { AgentState } from "../agent-state.js";
import { redactSecret } from "../common/redact-secret.js";
import { CommandNotRun, resolveRequestAuth, unattended } from "./resolve-key.js";

export type FoundKey = { key: string; source: string } | { key: null; source: string; /** A `!command` that would give the key, run only when the user asks. */ command?: string };

/** `text` with the key cut out, for messages that might quote it (a `!printf %s sk-…` command). */
export function redactKey(text: string, secret: string): string {
  return redactSecret(text, secret, "[key]");
}

/**
 * `userAsked`: false for work nobody asked for (the credits timer): then no `!command` of pi's files
 * runs but the app's own key command (resolve-key.ts `unattended`), and a key behind any other
 * command is reported as waiting for the user, with the command named.
 */
export async function keyPiWouldUse(state: AgentState, vaultKey: () => Promise<string | null>, userAsked = true): Promise<FoundKey> {
  const model = state.models.find((m) => m.provider === "openrouter");
  if (model) {
    let auth;
    try {
      auth = userAsked ? await resolveRequestAuth(model, state) : await unattended.run(vaultKey, () => resolveRequestAuth(model, state));
    } catch (error) {
      if (!(error instanceof CommandNotRun)) throw error;
      return { key: null, command: error.command, source: `pi's key for openrouter comes from a command the app runs only when you ask: \`${error.command}\`. Refresh to run it and check the credits` };
    }
    // The summary names the command that printed the key, which may hold it literally (`!printf %s sk-…`).
    if (auth.ok) return { key: auth.apiKey, source: redactKey(`pi's key for openrouter: ${auth.summary}`, auth.apiKey) };
  }
  const stored = await vaultKey().catch(() => null);
  return stored
    ? { key: stored, source: "the vault (pi has no OpenRouter key of its own)" }
    : { key: null, source: "none: pi has no OpenRouter key and the vault holds none (`pi-switchboard key set`, then `key connect`)" };
}
