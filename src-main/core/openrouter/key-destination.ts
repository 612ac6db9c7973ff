/**
 * Where the vault's OpenRouter key may go: only to OpenRouter's own API hosts (https on
 * openrouter.ai or a subdomain; in tests also PI_SWITCHBOARD_OPENROUTER_URL's origin, the fake).
 *
 * pi's files decide which key a test prompt sends, and they may point a provider that reads the
 * vault (through `key connect`'s command) at any baseUrl: changing `openrouter`'s baseUrl and
 * starting a test would hand the key to that host. So for a model whose baseUrl is anything
 * else, the test prompt resolves the key as pi would *without* the vault entry (the provider's
 * models.json apiKey or env var), says so, and refuses when that still is the vault key.
 */
import type { AgentState } from "../agent-state.js";
import type { ResolvedModel } from "../pi/model-registry.js";
import { vaultLocation } from "../vault/vault.js";
import { resolveRequestAuth, type RequestAuth } from "./resolve-key.js";

export function isOpenRouterApiHost(baseUrl: string, env: NodeJS.ProcessEnv = process.env): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  if (url.protocol === "https:" && url.port === "" && !url.username && !url.password && (url.hostname === "openrouter.ai" || url.hostname.endsWith(".openrouter.ai"))) return true;
  const override = env.PI_SWITCHBOARD_OPENROUTER_URL?.trim();
  if (!override) return false;
  try {
    return new URL(override).origin === url.origin;
  } catch {
    return false;
  }
}

export type GuardedAuth = RequestAuth & { vaultNote?: string };

/** `vaultKey`: the vault's key, or null when it cannot be read (locked, none stored). */
export async function keepVaultKeyAtOpenRouter(model: ResolvedModel, state: AgentState, auth: RequestAuth, vaultKey: string | null): Promise<GuardedAuth> {
  const env = state.keyContext.env;
  if (!auth.ok || isOpenRouterApiHost(model.baseUrl, env)) return auth;
  const service = vaultLocation(undefined, env).service;
  // Without the vault's key to compare (locked), a command that reads our vault entry counts as the vault key.
  const readsVault = (value: unknown) => typeof value === "string" && value.startsWith("!") && value.includes(service);
  const isVaultKey = (a: RequestAuth) => a.ok && vaultKey !== null && (a.apiKey === vaultKey || Object.values(a.headers).some((h) => h.includes(vaultKey)));
  const authEntries = state.keyContext.auth as Record<string, { key?: unknown } | undefined>;
  if (!isVaultKey(auth) && !(vaultKey === null && readsVault(authEntries[model.provider]?.key))) return auth;

  let host = model.baseUrl;
  try {
    host = new URL(model.baseUrl).host;
  } catch {
    // shown as written
  }
  const note = `The vault's OpenRouter key is sent only to openrouter.ai; ${model.provider}'s baseUrl is ${host}.`;
  const { [model.provider]: _vaultEntry, ...otherEntries } = authEntries;
  const withoutVault = await resolveRequestAuth(model, { ...state, keyContext: { ...state.keyContext, auth: otherEntries as typeof state.keyContext.auth } });
  const modelsKeyReadsVault = vaultKey === null && readsVault(state.modelsConfig?.providers[model.provider]?.apiKey);
  if (withoutVault.ok && !isVaultKey(withoutVault) && !modelsKeyReadsVault) {
    return { ...withoutVault, vaultNote: `${note} This test used the key pi finds for it after the vault entry (models.json apiKey or its env var).` };
  }
  return {
    ok: false,
    summary: auth.summary,
    message: `${note} The test was not sent, so the key did not leave this machine.`,
    hint: `If ${model.provider} is OpenRouter, set its baseUrl to https://openrouter.ai/api/v1. Otherwise give it its own key (apiKey in models.json or its env var); \`key connect\` connects OpenRouter providers only.`,
  };
}
