/**
 * Which credential pi would use for a provider, and whether pi counts the provider as having auth
 * (what puts its models in getAvailable() and so in the scope). Describes keys, never holds them:
 * env values and literal keys are only tested for presence.
 *
 * Order (pi 0.73, ModelRegistry.getApiKeyAndHeaders + AuthStorage.getApiKey): `--api-key`, then
 * auth.json (api_key or oauth), then the provider's env var, then models.json `apiKey`. pi 1.x docs
 * put models.json `apiKey` before the env var; PiInfo.assumes states which order this follows.
 * An OAuth login for a provider pi has no OAuth for yields no key and stops pi before the env var:
 * only models.json `apiKey` can still supply one.
 */
import type { KeySource } from "../contract.js";

export type AuthData = Record<string, unknown>;

export interface KeyContext {
  auth: AuthData;
  /** Provider apiKey values from models.json, only when pi accepted the file. */
  modelsApiKeys: Map<string, string>;
  envApiKey(provider: string): string | undefined;
  envKeyNames(provider: string): string[];
  /** Providers with an OAuth implementation in pi (PiCatalog.oauthProviders). */
  oauthProviders: ReadonlySet<string>;
  env: NodeJS.ProcessEnv;
}

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** pi's resolveConfigValue, described: `!cmd` runs a command, else an env var name, else literal. */
export function describeConfigValue(value: string, env: NodeJS.ProcessEnv): Pick<KeySource, "form" | "label" | "resolves"> {
  if (value.startsWith("!")) return { form: "command", label: value.slice(1), resolves: null };
  if (env[value]) return { form: "env", label: value, resolves: true };
  // pi would send the text itself; when it looks like an unset env var name that is surely a mistake.
  if (ENV_NAME.test(value)) return { form: "env", label: value, resolves: false };
  return { form: "literal", label: null, resolves: true };
}

function summarise(source: Omit<KeySource, "summary">): string {
  const where = source.origin === "environment" ? "env" : source.origin;
  switch (source.form) {
    case "command":
      return `${where} → runs \`${source.label}\``;
    case "env":
      return source.resolves ? `${where} → $${source.label}` : `${where} → $${source.label} (not set)`;
    case "literal":
      return `${where} → key written in the file`;
    case "oauth":
      return source.resolves ? `${where} → OAuth login` : `${where} → OAuth login, which pi has no OAuth for (no key)`;
    default:
      return "no key configured";
  }
}

function withSummary(source: Omit<KeySource, "summary">): KeySource {
  return { ...source, summary: summarise(source) };
}

export function keySourceFor(provider: string, ctx: KeyContext): KeySource {
  const cred = ctx.auth[provider] as { type?: unknown; key?: unknown } | undefined;
  if (cred && cred.type === "api_key" && typeof cred.key === "string") {
    return withSummary({ origin: "auth.json", ...describeConfigValue(cred.key, ctx.env) });
  }
  const apiKey = ctx.modelsApiKeys.get(provider);
  if (cred && cred.type === "oauth") {
    if (ctx.oauthProviders.has(provider)) return withSummary({ origin: "auth.json", form: "oauth", label: null, resolves: true });
    if (apiKey !== undefined) return withSummary({ origin: "models.json", ...describeConfigValue(apiKey, ctx.env) });
    return withSummary({ origin: "auth.json", form: "oauth", label: null, resolves: false });
  }
  if (ctx.envApiKey(provider)) {
    const name = ctx.envKeyNames(provider)[0] ?? null;
    return withSummary({ origin: "environment", form: "env", label: name, resolves: true });
  }
  if (apiKey !== undefined) return withSummary({ origin: "models.json", ...describeConfigValue(apiKey, ctx.env) });
  return withSummary({ origin: "none", form: "none", label: null, resolves: false });
}

/** pi's hasConfiguredAuth: any auth.json entry, the env var, or a models.json apiKey. */
export function hasConfiguredAuth(provider: string, ctx: KeyContext): boolean {
  return Boolean(ctx.auth[provider]) || Boolean(ctx.envApiKey(provider)) || ctx.modelsApiKeys.has(provider);
}
