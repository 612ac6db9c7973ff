/**
 * Which credential pi would use for a provider, and whether pi counts the provider as having auth
 * (what puts its models in getAvailable() and so in the scope). Describes keys, never holds them:
 * env values and literal keys are only tested for presence.
 *
 * Two generations of pi, chosen by PiRules.auth. pi 0.7x (ModelRegistry + AuthStorage):
 * `--api-key`, auth.json (api_key or oauth), then the env var and models.json `apiKey` in
 * PiRules.keyOrder; an OAuth login for a provider pi has no OAuth for stops pi before the env
 * var, so only models.json `apiKey` can still supply one. pi 0.80+ (ModelRuntime): see
 * runtimeKeySource.
 */
import type { KeySource } from "../common/index.js";
import { templateEnvNames, templateResolves } from "./config-value.js";
import type { PiRules } from "./pi-rules.js";

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
  rules: Pick<PiRules, "auth" | "configValues" | "keyOrder" | "unsetKeyVarMeansNoAuth">;
  /** pi 0.80+: providers whose models.json entry pi ignores (an error in it). */
  disabledProviders?: ReadonlySet<string>;
}

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
/**
 * pi's resolveConfigValue, described, under the detected pi's rules. `!cmd` is a command (never
 * run here): config-value.ts says how each pi reads the text.
 */
export function describeConfigValue(value: string, env: NodeJS.ProcessEnv, rules: Pick<PiRules, "configValues">, extraEnv: Record<string, string> = {}): Pick<KeySource, "form" | "label" | "resolves"> {
  if (value.startsWith("!")) return { form: "command", label: value.slice(1), resolves: null };
  if (rules.configValues !== "name-or-literal") {
    if (rules.configValues === "template-or-name" && env[value]) return { form: "env", label: value, resolves: true };
    const names = templateEnvNames(value);
    if (names.length === 0) return { form: "literal", label: null, resolves: true };
    return { form: "env", label: names.join(", "), resolves: templateResolves(value, env, extraEnv) };
  }
  if (env[value]) return { form: "env", label: value, resolves: true };
  // pi sends the text itself. When it looks like an env var name (never a real key, so it may be
  // shown) that is surely a variable the user forgot to set: name it.
  if (ENV_NAME.test(value)) return { form: "literal", label: value, resolves: true };
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
      return source.label ? `${where} → the text "${source.label}" itself (no env var ${source.label} is set)` : `${where} → key written in the file`;
    case "oauth":
      return source.resolves ? `${where} → OAuth login` : `${where} → OAuth login, which pi has no OAuth for (no key)`;
    default:
      return source.origin === "auth.json" ? "auth.json → an api_key entry without a key (pi fails to read it)" : "no key configured";
  }
}

function withSummary(source: Omit<KeySource, "summary">): KeySource {
  return { ...source, summary: summarise(source) };
}

export function keySourceFor(provider: string, ctx: KeyContext): KeySource {
  return withSummary(ctx.rules.auth === "runtime" ? runtimeKeySource(provider, ctx) : registryKeySource(provider, ctx));
}

type Source = Omit<KeySource, "summary">;

/** pi 0.7x (ModelRegistry.getApiKeyAndHeaders + AuthStorage.getApiKey). */
function registryKeySource(provider: string, ctx: KeyContext): Source {
  const cred = ctx.auth[provider] as { type?: unknown; key?: unknown } | undefined;
  if (cred && cred.type === "api_key") {
    // pi 0.7x resolves the entry's key whatever it is: one without a string key makes it fail.
    if (typeof cred.key !== "string") return { origin: "auth.json", form: "none", label: null, resolves: false };
    return { origin: "auth.json", ...describeConfigValue(cred.key, ctx.env, ctx.rules) };
  }
  const apiKey = ctx.modelsApiKeys.get(provider);
  const fromModels = (): Source | null => (apiKey !== undefined ? { origin: "models.json", ...describeConfigValue(apiKey, ctx.env, ctx.rules) } : null);
  if (cred && cred.type === "oauth") {
    if (ctx.oauthProviders.has(provider)) return { origin: "auth.json", form: "oauth", label: null, resolves: true };
    return fromModels() ?? { origin: "auth.json", form: "oauth", label: null, resolves: false };
  }
  const fromEnv = (): Source | null => (ctx.envApiKey(provider) ? { origin: "environment", form: "env", label: ctx.envKeyNames(provider)[0] ?? null, resolves: true } : null);
  const [first, second] = ctx.rules.keyOrder === "env-then-models" ? [fromEnv, fromModels] : [fromModels, fromEnv];
  return first() ?? second() ?? { origin: "none", form: "none", label: null, resolves: false };
}

/**
 * pi's ModelRuntime (0.80): a stored credential, else models.json apiKey, else the provider's own
 * env var. An auth.json key that resolves to nothing falls to the env var (pi-ai envApiKeyAuth),
 * never to models.json; a models.json `$VAR` that is unset leaves the provider unconfigured; an
 * OAuth login counts only where pi has OAuth for the provider (OpenRouter has it since 0.82.0).
 */
function runtimeKeySource(provider: string, ctx: KeyContext): Source {
  const cred = ctx.auth[provider] as { type?: unknown; key?: unknown; env?: unknown } | undefined;
  const fromEnv = (): Source | null => (ctx.envApiKey(provider) ? { origin: "environment", form: "env", label: ctx.envKeyNames(provider)[0] ?? null, resolves: true } : null);
  const none: Source = { origin: "none", form: "none", label: null, resolves: false };
  if (cred?.type === "oauth") return { origin: "auth.json", form: "oauth", label: null, resolves: ctx.oauthProviders.has(provider) };
  if (cred?.type === "api_key") {
    if (typeof cred.key === "string" && cred.key !== "") {
      const credEnv = cred.env && typeof cred.env === "object" ? (cred.env as Record<string, string>) : {};
      const described = describeConfigValue(cred.key, ctx.env, ctx.rules, credEnv);
      if (described.resolves !== false) return { origin: "auth.json", ...described };
      return fromEnv() ?? { origin: "auth.json", ...described };
    }
    return fromEnv() ?? none;
  }
  const apiKey = ctx.modelsApiKeys.get(provider);
  if (apiKey !== undefined) return { origin: "models.json", ...describeConfigValue(apiKey, ctx.env, ctx.rules) };
  return fromEnv() ?? none;
}

/**
 * Whether pi counts the provider as having auth (what puts its models in getAvailable() and so in
 * the scope). pi 0.7x: any auth.json entry, the env var, or a models.json apiKey (from 0.77.0 one
 * whose `$VAR`s are all set). ModelRuntime: the key source must resolve (a command counts without being run).
 */
export function hasConfiguredAuth(provider: string, ctx: KeyContext): boolean {
  if (ctx.rules.auth === "runtime") return keySourceFor(provider, ctx).resolves !== false;
  const apiKey = ctx.modelsApiKeys.get(provider);
  const modelsKeyCounts = apiKey !== undefined && (!ctx.rules.unsetKeyVarMeansNoAuth || describeConfigValue(apiKey, ctx.env, ctx.rules).resolves !== false);
  return Boolean(ctx.auth[provider]) || Boolean(ctx.envApiKey(provider)) || modelsKeyCounts;
}
