/**
 * The key and headers pi would send for a model, resolved on the main side for a test prompt,
 * under the detected pi's rules (PiRules.auth): pi 0.7x (ModelRegistry.getApiKeyAndHeaders +
 * AuthStorage.getApiKey) or pi 0.80+ (ModelRuntime), with config values read as that pi reads
 * them (config-value.ts). Commands run only here, for a test prompt the user started. Of the
 * OAuth logins pi implements only OpenRouter's is supported here (its token is an API key). The key is returned to the caller only; it is
 * never logged, and no message built here contains it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { exec } from "node:child_process";
import type { AgentState } from "../agent-state.js";
import { readsAppVault } from "../common/vault-entry.js";
import { resolvePlainValue, templateEnvNames } from "../pi/config-value.js";
import type { ResolvedModel } from "../pi/model-registry.js";
import type { PiRules } from "../pi/pi-rules.js";

/** pi runs key commands with a 10 s timeout (resolve-config-value.js); so do we. */
const COMMAND_TIMEOUT_MS = 10_000;

export type RequestAuth =
  | { ok: true; apiKey: string; headers: Record<string, string>; summary: string }
  | { ok: false; message: string; hint: string; summary: string };

/** The commands run inside `commandLog.run(list, …)` are pushed to `list`, so a test prompt can say which ran. */
export const commandLog = new AsyncLocalStorage<string[]>();

/**
 * Work nobody asked for (the credits monitor's timer, a check on start) runs inside
 * `unattended.run(vaultKey, …)`: the one command it may use is the app's own `key connect` command,
 * answered from the vault without starting a process; any other `!command` of pi's files throws
 * CommandNotRun, to be run only when the user asks (Refresh, Check key, a test prompt).
 */
export const unattended = new AsyncLocalStorage<() => Promise<string | null>>();

export class CommandNotRun extends Error {
  constructor(readonly command: string) {
    super(`The app runs \`${command}\` from pi's files only when you ask.`);
  }
}

async function runCommand(command: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const vaultKey = unattended.getStore();
  if (vaultKey) {
    if (!readsAppVault(`!${command}`, env)) throw new CommandNotRun(command);
    return (await vaultKey()) ?? undefined;
  }
  commandLog.getStore()?.push(`!${command}`);
  return new Promise((resolve) => {
    exec(command, { env, timeout: COMMAND_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim() || undefined);
    });
  });
}

type ValueRules = Pick<PiRules, "configValues">;

/** pi's resolveConfigValue: `!cmd` → its trimmed output (undefined when it fails), else the text under the rules (config-value.ts). */
export async function resolveConfigValue(value: string, env: NodeJS.ProcessEnv, rules: ValueRules, extra?: Record<string, string>): Promise<string | undefined> {
  if (value.startsWith("!")) return runCommand(value.slice(1), env);
  return resolvePlainValue(value, env, rules, extra);
}

async function resolveHeaders(headers: Record<string, string> | undefined, env: NodeJS.ProcessEnv, rules: ValueRules, where: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const resolved = await resolveConfigValue(value, env, rules);
    if (resolved === undefined) {
      const missing = value.startsWith("!") ? `a command that failed: ${value.slice(1)}` : `environment variables that are not set: ${templateEnvNames(value).join(", ")}`;
      throw new Error(`The ${where} header "${name}" comes from ${missing}`);
    }
    out[name] = resolved;
  }
  return out;
}

type KeyFound = { ok: true; apiKey: string } | { ok: false; message: string; hint: string };

const noKeyHint = (provider: string) =>
  `Store a key (\`pi-switchboard key set\` then \`key connect\`), add an api_key entry for ${provider} to auth.json, or add apiKey to the provider in models.json${provider === "openrouter" ? " (or set OPENROUTER_API_KEY)" : ""}.`;

const commandFailed = (provider: string, file: string, command: string): KeyFound => ({
  ok: false,
  message: `The key command for ${provider} in ${file} failed or printed nothing.`,
  hint: `Run \`${command.slice(1)}\` in a terminal and fix it${file === "auth.json" ? " (is the key stored? `pi-switchboard key status`)" : ""}; pi fails the same way.`,
});

/** pi 0.7x: auth.json, then env var and models.json apiKey in the rules' order. */
async function registryKey(model: ResolvedModel, state: AgentState): Promise<KeyFound> {
  const { keyContext, rules } = state;
  const env = keyContext.env;
  const provider = model.provider;
  const providerConfig = state.modelsConfig?.providers[provider];
  let apiKey: string | undefined;
  const cred = keyContext.auth[provider] as { type?: unknown; key?: unknown } | undefined;
  if (cred?.type === "api_key" && typeof cred.key !== "string") {
    return { ok: false, message: `auth.json has an api_key entry for ${provider} without a key; pi fails on it.`, hint: `Add "key" to it, or remove the entry (\`pi-switchboard key connect\` writes a working one).` };
  }
  if (cred?.type === "api_key" && typeof cred.key === "string") apiKey = await resolveConfigValue(cred.key, env, rules);
  // An OAuth entry for a provider pi has no OAuth for yields no key, and pi then skips the env
  // var and goes straight to models.json apiKey (AuthStorage.getApiKey returns early).
  else if (cred?.type !== "oauth" && rules.keyOrder === "env-then-models") apiKey = keyContext.envApiKey(provider);
  if (apiKey === undefined && providerConfig?.apiKey !== undefined) {
    apiKey = await resolveConfigValue(providerConfig.apiKey, env, rules);
    if (apiKey === undefined && providerConfig.apiKey.startsWith("!")) return commandFailed(provider, "models.json", providerConfig.apiKey);
  }
  apiKey ??= keyContext.envApiKey(provider);
  if (apiKey) return { ok: true, apiKey };
  if (cred?.type === "api_key" && typeof cred.key === "string" && cred.key.startsWith("!")) return commandFailed(provider, "auth.json", cred.key);
  return { ok: false, message: `pi has no key for ${provider}.`, hint: noKeyHint(provider) };
}

/**
 * pi 0.80+ (ModelRuntime, provider-composer composeApiKeyAuth): a stored credential; when its key
 * resolves to nothing, the provider's own env var; a stored entry of another type, nothing.
 * Without one, models.json apiKey, with no fallback when its `$VAR` is unset. Then the env var.
 */
async function runtimeKey(model: ResolvedModel, state: AgentState): Promise<KeyFound> {
  const { keyContext, rules } = state;
  const env = keyContext.env;
  const provider = model.provider;
  const fromEnv = (): KeyFound => {
    const apiKey = keyContext.envApiKey(provider);
    return apiKey ? { ok: true, apiKey } : { ok: false, message: `pi has no key for ${provider}.`, hint: noKeyHint(provider) };
  };
  const cred = keyContext.auth[provider] as { type?: unknown; key?: unknown; env?: unknown; access?: unknown } | undefined;
  if (cred?.type === "api_key") {
    if (typeof cred.key !== "string" || cred.key === "") return fromEnv();
    const extra = cred.env && typeof cred.env === "object" ? (cred.env as Record<string, string>) : {};
    const apiKey = await resolveConfigValue(cred.key, env, rules, extra);
    if (apiKey) return { ok: true, apiKey };
    if (cred.key.startsWith("!")) return commandFailed(provider, "auth.json", cred.key);
    return fromEnv();
  }
  // A stored credential owns the provider (pi-ai auth/resolve.js): one pi has no handler for, such
  // as an OAuth login for a provider without OAuth, yields no key, and pi reads no other.
  if (cred && typeof cred === "object") {
    return {
      ok: false,
      message: `auth.json has a ${typeof cred.type === "string" ? `"${cred.type}"` : "typeless"} entry for ${provider}, which pi cannot use for it, and pi then reads no other key for ${provider}.`,
      hint: `Remove that entry from auth.json, or make it {"type": "api_key", "key": …} (\`pi-switchboard key connect\` writes one that reads the vault).`,
    };
  }
  const rawKey = state.modelsConfig?.providers[provider]?.apiKey;
  if (rawKey !== undefined && !keyContext.disabledProviders?.has(provider)) {
    const apiKey = await resolveConfigValue(rawKey, env, rules);
    if (apiKey) return { ok: true, apiKey };
    if (rawKey.startsWith("!")) return commandFailed(provider, "models.json", rawKey);
    const names = templateEnvNames(rawKey);
    return { ok: false, message: `The models.json key for ${provider} reads ${names.map((n) => `$${n}`).join(", ")}, which is not set.`, hint: `Set ${names.join(", ")} in the environment pi runs in, or change apiKey in models.json; pi does not fall back to another key here.` };
  }
  return fromEnv();
}

export async function resolveRequestAuth(model: ResolvedModel, state: AgentState): Promise<RequestAuth> {
  const { keyContext, rules } = state;
  const env = keyContext.env;
  const provider = model.provider;
  const summary = state.snapshot.models.find((m) => m.provider === provider && m.id === model.id)?.keySource.summary ?? "no key configured";
  const providerConfig = keyContext.disabledProviders?.has(provider) ? undefined : state.modelsConfig?.providers[provider];

  const cred = keyContext.auth[provider] as { type?: unknown; access?: unknown } | undefined;
  // pi 0.82.0+ signs in to OpenRouter with OAuth (PKCE), which mints an API key: the login's
  // access token is the key pi sends.
  const openRouterLogin = rules.auth === "runtime" && provider === "openrouter" && cred?.type === "oauth" && typeof cred.access === "string" && keyContext.oauthProviders.has(provider);
  if (cred?.type === "oauth" && keyContext.oauthProviders.has(provider) && !openRouterLogin) {
    return { ok: false, summary, message: `${provider} uses an OAuth login in auth.json, which test prompts do not support.`, hint: "Use an API key for this provider (auth.json type api_key, or the env var) to test it here; pi itself keeps working." };
  }
  const key: KeyFound = openRouterLogin ? { ok: true, apiKey: cred.access as string } : rules.auth === "runtime" ? await runtimeKey(model, state) : await registryKey(model, state);
  if (!key.ok) return { ok: false, summary, message: key.message, hint: key.hint };
  const { apiKey } = key;

  try {
    const modelHeaders = providerConfig?.models?.find((m) => m.id === model.id)?.headers ?? providerConfig?.modelOverrides?.[model.id]?.headers;
    const headers: Record<string, string> = {
      ...model.headers,
      ...(await resolveHeaders(providerConfig?.headers, env, rules, `provider ${provider}`)),
      ...(await resolveHeaders(modelHeaders, env, rules, `model ${provider}/${model.id}`)),
    };
    if (providerConfig?.authHeader) headers.Authorization = `Bearer ${apiKey}`;
    return { ok: true, apiKey, headers, summary };
  } catch (error) {
    return { ok: false, summary, message: (error as Error).message, hint: "Fix that header in models.json; pi fails the same way." };
  }
}
