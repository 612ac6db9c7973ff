/**
 * The key and headers pi would send for a model, resolved on the main side for a test prompt.
 * Mirrors pi 0.73 (ModelRegistry.getApiKeyAndHeaders + AuthStorage.getApiKey +
 * resolveConfigValue): auth.json `api_key` first (a `!command`, else an env var of that name, else
 * the literal); an `api_key` whose command yields nothing falls through to models.json `apiKey`
 * (pi skips the env var in that case); with no auth.json entry the provider's env var
 * (e.g. OPENROUTER_API_KEY), then models.json `apiKey`; pi-ai's stream falls back to the env var
 * once more. OAuth logins pi implements are not supported here; an OAuth entry for a provider pi
 * has no OAuth for falls through to models.json `apiKey`, as in pi. The key is returned to the caller only; it is
 * never logged, and no message built here contains it.
 */
import { exec } from "node:child_process";
import type { AgentState } from "../agent-state.js";
import type { ResolvedModel } from "../pi/model-registry.js";

/** pi runs key commands with a 10 s timeout (resolve-config-value.js); so do we. */
const COMMAND_TIMEOUT_MS = 10_000;

export type RequestAuth =
  | { ok: true; apiKey: string; headers: Record<string, string>; summary: string }
  | { ok: false; message: string; hint: string; summary: string };

function runCommand(command: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    exec(command, { env, timeout: COMMAND_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim() || undefined);
    });
  });
}

/** pi's resolveConfigValue: `!cmd` → its trimmed output (undefined when it fails), else env[value] || value. */
export async function resolveConfigValue(value: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (value.startsWith("!")) return runCommand(value.slice(1), env);
  return env[value] || value;
}

async function resolveHeaders(headers: Record<string, string> | undefined, env: NodeJS.ProcessEnv, where: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const resolved = await resolveConfigValue(value, env);
    if (resolved === undefined) throw new Error(`The ${where} header "${name}" comes from a command that failed: ${value.slice(1)}`);
    out[name] = resolved;
  }
  return out;
}

export async function resolveRequestAuth(model: ResolvedModel, state: AgentState): Promise<RequestAuth> {
  const { keyContext } = state;
  const env = keyContext.env;
  const provider = model.provider;
  const summary = state.snapshot.models.find((m) => m.provider === provider && m.id === model.id)?.keySource.summary ?? "no key configured";
  const providerConfig = state.modelsConfig?.providers[provider];

  let apiKey: string | undefined;
  const cred = keyContext.auth[provider] as { type?: unknown; key?: unknown } | undefined;
  if (cred?.type === "oauth" && keyContext.oauthProviders.has(provider)) {
    return { ok: false, summary, message: `${provider} uses an OAuth login in auth.json, which test prompts do not support.`, hint: "Use an API key for this provider (auth.json type api_key, or the env var) to test it here; pi itself keeps working." };
  }
  if (cred?.type === "api_key" && typeof cred.key === "string") apiKey = await resolveConfigValue(cred.key, env);
  // An OAuth entry for a provider pi has no OAuth for yields no key, and pi then skips the env
  // var and goes straight to models.json apiKey (AuthStorage.getApiKey returns early).
  else if (cred?.type !== "oauth") apiKey = keyContext.envApiKey(provider);
  if (apiKey === undefined && providerConfig?.apiKey !== undefined) {
    apiKey = await resolveConfigValue(providerConfig.apiKey, env);
    if (apiKey === undefined) {
      return { ok: false, summary, message: `The key command for ${provider} in models.json failed or printed nothing.`, hint: `Run \`${providerConfig.apiKey.slice(1)}\` in a terminal and fix it; pi fails the same way.` };
    }
  }
  apiKey ??= keyContext.envApiKey(provider);
  if (!apiKey) {
    const failedCommand = cred?.type === "api_key" && typeof cred.key === "string" && cred.key.startsWith("!");
    return {
      ok: false,
      summary,
      message: failedCommand ? `The key command for ${provider} in auth.json failed or printed nothing.` : `pi has no key for ${provider}.`,
      hint: failedCommand
        ? `Run \`${(cred.key as string).slice(1)}\` in a terminal and fix it (is the key stored? \`pi-switchboard key status\`).`
        : `Store a key (\`pi-switchboard key set\` then \`key connect\`), add an api_key entry for ${provider} to auth.json, or add apiKey to the provider in models.json${provider === "openrouter" ? " (or set OPENROUTER_API_KEY)" : ""}.`,
    };
  }

  try {
    const modelHeaders = providerConfig?.models?.find((m) => m.id === model.id)?.headers ?? providerConfig?.modelOverrides?.[model.id]?.headers;
    const headers: Record<string, string> = {
      ...model.headers,
      ...(await resolveHeaders(providerConfig?.headers, env, `provider ${provider}`)),
      ...(await resolveHeaders(modelHeaders, env, `model ${provider}/${model.id}`)),
    };
    if (providerConfig?.authHeader) headers.Authorization = `Bearer ${apiKey}`;
    return { ok: true, apiKey, headers, summary };
  } catch (error) {
    return { ok: false, summary, message: (error as Error).message, hint: "Fix that header in models.json; pi fails the same way." };
  }
}
