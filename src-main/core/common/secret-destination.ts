/**
 * Where a secret may go: the one rule for "is this OpenRouter?" whenever the app sends or writes a
 * credential (the vault key through `key connect`, a test prompt's key and headers, credits, the
 * key check, generation lookups).
 *
 * pi's own rule for *routing* is a substring test (`baseUrl` contains "openrouter.ai", routing.ts);
 * `https://openrouter.ai.evil.example` and `http://host/openrouter.ai/` pass it. Here a URL counts
 * only when `URL` parses it to https, no userinfo, the default port and exactly one of OpenRouter's
 * documented API hosts: openrouter.ai and its in-region hosts eu.openrouter.ai / us.openrouter.ai
 * (https://openrouter.ai/docs/guides/features/in-region-routing). Tests point
 * PI_SWITCHBOARD_OPENROUTER_URL at the fake OpenRouter: its origin stands in for https://openrouter.ai,
 * so every OpenRouter path under it (`/api/v1`, the Anthropic-compatible `/api`) counts too.
 *
 * Pure and platform-free: the renderer may show the same verdict the main side enforces.
 */

export type Env = Readonly<Record<string, string | undefined>>;

export const OPENROUTER_ORIGIN = "https://openrouter.ai";

/** OpenRouter's documented API hosts: global, and the EU and US in-region ones. */
export const OPENROUTER_API_HOSTS: ReadonlySet<string> = new Set(["openrouter.ai", "eu.openrouter.ai", "us.openrouter.ai"]);

function parse(url: string): URL | null {
  try {
    return new URL(url.trim());
  } catch {
    return null;
  }
}

/** The origin of PI_SWITCHBOARD_OPENROUTER_URL, when set and parseable. */
export function openRouterOverrideOrigin(env: Env): string | null {
  const override = env.PI_SWITCHBOARD_OPENROUTER_URL?.trim();
  if (!override) return null;
  const url = parse(override);
  return url && (url.protocol === "http:" || url.protocol === "https:") ? url.origin : null;
}

/** True only for OpenRouter's own API hosts (or the test override's origin); see the header. */
export function isOpenRouterDestination(url: string | undefined, env: Env): boolean {
  if (!url) return false;
  const parsed = parse(url);
  if (!parsed || parsed.username || parsed.password) return false;
  const override = openRouterOverrideOrigin(env);
  if (override !== null && parsed.origin === override) return true;
  // `URL` lowercases the host, drops a default :443 and turns IDN into punycode, so an exact
  // comparison leaves no look-alike: a trailing dot, another port or a suffix all differ.
  return parsed.protocol === "https:" && parsed.port === "" && OPENROUTER_API_HOSTS.has(parsed.hostname);
}

/** The host a URL names, for messages ("openrouter.ai.evil.example"); the text itself when it does not parse. */
export function destinationHost(url: string): string {
  return parse(url)?.host || url;
}

/** What of a models.json provider entry decides where pi sends its requests. */
export interface ProviderUrls {
  baseUrl?: unknown;
  models?: unknown;
  modelOverrides?: unknown;
}

/** pi's built-in `openrouter` provider talks to this base unless models.json moves it. */
const BUILT_IN_OPENROUTER_BASE = `${OPENROUTER_ORIGIN}/api/v1`;

/**
 * Every URL pi may send a provider's requests (and so its key) to: the provider's baseUrl (the
 * built-in's for `openrouter` when models.json sets none) and each model's or override's own
 * baseUrl. `null` stands for a host the file does not name (another built-in provider's).
 */
export function providerUrls(name: string, entry: ProviderUrls | undefined): (string | null)[] {
  const own = typeof entry?.baseUrl === "string" ? entry.baseUrl : name === "openrouter" ? BUILT_IN_OPENROUTER_BASE : null;
  const urls: (string | null)[] = [own];
  const models = Array.isArray(entry?.models) ? entry.models : [];
  const overrides = entry?.modelOverrides && typeof entry.modelOverrides === "object" ? Object.values(entry.modelOverrides) : [];
  for (const m of [...models, ...overrides]) {
    const baseUrl = (m as { baseUrl?: unknown } | null)?.baseUrl;
    if (typeof baseUrl === "string") urls.push(baseUrl);
  }
  return urls;
}

/** The first place a provider would send a secret that is not OpenRouter, or null when every one is. */
export function foreignDestination(name: string, entry: ProviderUrls | undefined, env: Env): string | null {
  for (const url of providerUrls(name, entry)) {
    if (url === null) return "a host models.json does not name";
    if (!isOpenRouterDestination(url, env)) return destinationHost(url);
  }
  return null;
}
