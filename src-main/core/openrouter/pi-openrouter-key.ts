/**
 * The OpenRouter key pi would use, to ask OpenRouter what it has left: pi's own key for the
 * built-in `openrouter` provider (auth.json, models.json apiKey or OPENROUTER_API_KEY, in the
 * detected pi's order — resolve-key.ts), else the key stored in the vault. Shared by
 * `key status --check` and the credits monitor (credits-monitor.ts) so both ask about the same key.
 * The key is returned to the caller only; `source` names where it came from, never the key.
 */
import type { AgentState } from "../agent-state.js";
import { resolveRequestAuth } from "./resolve-key.js";

export type FoundKey = { key: string; source: string } | { key: null; source: string };

/** `text` with every occurrence of `secret` replaced, for messages that might quote a key (a `!printf %s sk-…` command). */
export function redactKey(text: string, secret: string): string {
  return secret ? text.split(secret).join("[key]") : text;
}

export async function keyPiWouldUse(state: AgentState, vaultKey: () => Promise<string | null>): Promise<FoundKey> {
  const model = state.models.find((m) => m.provider === "openrouter");
  if (model) {
    const auth = await resolveRequestAuth(model, state);
    // The summary names the command that printed the key, which may hold it literally (`!printf %s sk-…`).
    if (auth.ok) return { key: auth.apiKey, source: redactKey(`pi's key for openrouter: ${auth.summary}`, auth.apiKey) };
  }
  const stored = await vaultKey().catch(() => null);
  return stored
    ? { key: stored, source: "the vault (pi has no OpenRouter key of its own)" }
    : { key: null, source: "none: pi has no OpenRouter key and the vault holds none (`pi-switchboard key set`, then `key connect`)" };
}
