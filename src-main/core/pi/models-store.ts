/**
 * models-store.json: the catalogs pi 0.80.8+ keeps in the agent dir (FileModelsStore) and restores
 * at start, even offline. Per built-in provider an entry `{ models, lastModified, checkedAt, … }`:
 * - a pi.dev catalog overlays the built-in models when it is newer than the catalog pi shipped
 *   with (remote-catalog-provider.ts withRemoteCatalog: same id replaces in place, new ids append);
 * - from 1.2.0, OpenRouter's entry is the key's own model list, which replaces OpenRouter's
 *   catalog outright when it is not empty (withPersonalizedCatalog).
 * A file pi cannot parse changes nothing. Used by agent-state.ts before models.json applies.
 */
import type { BuiltInModel } from "./built-in-model.js";
import type { PiRules } from "./pi-rules.js";

interface StoreEntry {
  models?: unknown;
  lastModified?: unknown;
}

const isChatModel = (m: unknown, provider: string): m is BuiltInModel => {
  if (!m || typeof m !== "object") return false;
  const model = m as { id?: unknown; provider?: unknown; type?: unknown };
  return typeof model.id === "string" && model.provider === provider && (model.type === undefined || model.type === "chat");
};

/** pi's mergeModels: the baseline in order, a dynamic model with a known id in its place, new ones after. */
function mergeModels(baseline: BuiltInModel[], dynamic: BuiltInModel[]): BuiltInModel[] {
  const merged = new Map(baseline.map((m) => [m.id, m]));
  for (const m of dynamic) merged.set(m.id, m);
  return [...merged.values()];
}

function parseStore(text: string): Record<string, StoreEntry> | null {
  try {
    const value = JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, StoreEntry>) : null;
  } catch {
    return null;
  }
}

/**
 * The built-in providers as pi sees them once it restored models-store.json. `generatedAt` is when
 * the catalog pi ships was generated (pi-ai getBuiltinModelDataGeneratedAt; undefined: unknown,
 * and pi then takes every stored catalog as newer).
 */
export function applyModelsStore(providers: Map<string, BuiltInModel[]>, storeText: string | null, rules: Pick<PiRules, "auth" | "storedOpenRouterListReplacesCatalog">, generatedAt: number | undefined): Map<string, BuiltInModel[]> {
  if (storeText === null || rules.auth !== "runtime") return providers;
  const store = parseStore(storeText);
  if (!store) return providers;
  const result = new Map(providers);
  for (const [provider, builtIns] of providers) {
    const entry = Object.prototype.hasOwnProperty.call(store, provider) ? store[provider] : undefined;
    if (!entry || typeof entry !== "object") continue;
    const stored = Array.isArray(entry.models) ? entry.models.filter((m): m is BuiltInModel => isChatModel(m, provider)) : [];
    if (provider === "openrouter" && rules.storedOpenRouterListReplacesCatalog) {
      if (stored.length > 0) result.set(provider, stored);
      continue;
    }
    const lastModified = typeof entry.lastModified === "number" ? entry.lastModified : undefined;
    const newer = generatedAt === undefined || (lastModified !== undefined && lastModified > generatedAt);
    if (newer && stored.length > 0) result.set(provider, mergeModels(builtIns, stored));
  }
  return result;
}
