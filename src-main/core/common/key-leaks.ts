/**
 * Providers that would send the vault's OpenRouter key somewhere else: auth.json gives them the
 * command `key connect` wrote, but their baseUrl (or a model's) is not OpenRouter's own API
 * (secret-destination.ts). It happens when a connected provider is moved by hand, or by another
 * tool: the watcher sees the edit, the snapshot carries the leak, and the window, the tray and
 * Config health say so with the one-click fix (remove the key command from that provider).
 */
import { foreignDestination, type Env, type ProviderUrls } from "./secret-destination.js";
import { readsAppVault } from "./vault-entry.js";

export interface KeyLeak {
  /** The pi provider whose auth.json entry reads the vault key. */
  provider: string;
  /** Where pi would send it ("openrouter.ai.evil.example"). */
  host: string;
}

/**
 * `auth`: auth.json as pi reads it; `providers`: models.json's providers as pi uses them (none when
 * pi drops the file). A provider pi does not know (no models.json entry, not the built-in
 * `openrouter`) sends nothing, so it is no leak.
 */
export function findKeyLeaks(auth: Readonly<Record<string, unknown>>, providers: Readonly<Record<string, ProviderUrls>>, env: Env): KeyLeak[] {
  const leaks: KeyLeak[] = [];
  for (const [provider, entry] of Object.entries(auth)) {
    const credential = entry as { type?: unknown; key?: unknown } | null;
    if (credential?.type !== "api_key" || !readsAppVault(credential.key, env)) continue;
    if (provider !== "openrouter" && !Object.hasOwn(providers, provider)) continue;
    const host = foreignDestination(provider, providers[provider], env);
    if (host !== null) leaks.push({ provider, host });
  }
  return leaks.sort((a, b) => a.provider.localeCompare(b.provider));
}

const providersOf = (modelsJson: unknown): Record<string, ProviderUrls> => {
  const providers = (modelsJson as { providers?: unknown } | null)?.providers;
  return providers && typeof providers === "object" && !Array.isArray(providers) ? (providers as Record<string, ProviderUrls>) : {};
};

/** The leaks a models.json edit would create: `before`/`after` are the parsed file around the edit. */
export function leaksCreatedBy(auth: Readonly<Record<string, unknown>>, before: unknown, after: unknown, env: Env): KeyLeak[] {
  const known = new Set(findKeyLeaks(auth, providersOf(before), env).map((l) => l.provider));
  return findKeyLeaks(auth, providersOf(after), env).filter((l) => !known.has(l.provider));
}
