/**
 * The Models view's list, as pure functions of the snapshot: scoped models first in pi's cycle
 * order (the order Ctrl+P walks), then the user's own and keyed models, then the rest as pi lists
 * them; the search and filter; and, for each scoped model, the enabledModels pattern that pulled it in.
 */
import type { ModelEntry, Snapshot } from "../../../src-main/core/common/index.js";

export type ModelFilter = "scoped" | "all" | "available" | "mine" | "openrouter";

export const MODEL_FILTERS: { value: ModelFilter; label: string; title: string }[] = [
  { value: "scoped", label: "Scoped", title: "The models pi's Ctrl+P cycles (settings.json enabledModels), in that order" },
  { value: "all", label: "All", title: "Every model pi knows" },
  { value: "available", label: "With a key", title: "Models whose provider pi has a key for" },
  { value: "mine", label: "Yours", title: "Models you defined, overrode or routed in models.json" },
  { value: "openrouter", label: "OpenRouter", title: "Models pi reaches through OpenRouter" },
];

export const refOf = (m: { provider: string; id: string }) => `${m.provider}/${m.id}`;

/** Defined, overridden or routed in models.json: the user's own. */
export const isOwn = (m: ModelEntry) => m.origin !== "built-in" || m.routing !== null;

/** Outside the scope: the user's own keyed models, their own without a key, other keyed ones, the rest. */
const tier = (m: ModelEntry) => (isOwn(m) ? 0 : 2) + (m.available ? 0 : 1);

export function orderModels(snapshot: Snapshot): ModelEntry[] {
  const byRef = new Map(snapshot.models.map((m) => [refOf(m), m]));
  const scoped = snapshot.scope.models.map((r) => byRef.get(r)).filter((m): m is ModelEntry => Boolean(m));
  const inScope = new Set(snapshot.scope.models);
  // Array.prototype.sort is stable: within a tier, pi's own order.
  const rest = snapshot.models.filter((m) => !inScope.has(refOf(m))).sort((a, b) => tier(a) - tier(b));
  return [...scoped, ...rest];
}

export function matchesFilter(m: ModelEntry, filter: ModelFilter): boolean {
  switch (filter) {
    case "scoped": return m.scoped;
    case "available": return m.available;
    case "mine": return isOwn(m);
    case "openrouter": return m.openRouter;
    default: return true;
  }
}

export function matchesQuery(m: ModelEntry, words: string[]): boolean {
  if (words.length === 0) return true;
  const hay = `${m.name} ${m.provider}/${m.id} ${m.badges.map((b) => b.label).join(" ")}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

export const queryWords = (query: string) => query.toLowerCase().split(/\s+/).filter(Boolean);

export function filterModels(models: ModelEntry[], query: string, filter: ModelFilter): ModelEntry[] {
  const words = queryWords(query);
  return models.filter((m) => matchesFilter(m, filter) && matchesQuery(m, words));
}

/** How many models each filter holds, for the filter's labels. */
export function filterCounts(models: ModelEntry[]): Record<ModelFilter, number> {
  const counts: Record<ModelFilter, number> = { scoped: 0, all: 0, available: 0, mine: 0, openrouter: 0 };
  for (const m of models) for (const f of MODEL_FILTERS) if (matchesFilter(m, f.value)) counts[f.value]++;
  return counts;
}

/** ref → the pattern that pulled it into the scope (pi: the first pattern to match wins). */
export function scopePatterns(snapshot: Snapshot): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of snapshot.scope.matches) for (const ref of match.models) if (!out.has(ref)) out.set(ref, match.pattern);
  return out;
}

const FILTER_KEY = "pi-switchboard.models.filter";

/** The filter the user last picked in this window session, if any. */
export function rememberedFilter(): ModelFilter | null {
  try {
    const saved = sessionStorage.getItem(FILTER_KEY);
    return MODEL_FILTERS.some((f) => f.value === saved) ? (saved as ModelFilter) : null;
  } catch {
    return null; // storage disabled
  }
}

/** Before the user picks one: Scoped, or With a key when nothing is scoped (Ctrl+P then cycles those). */
export const defaultFilter = (snapshot: Snapshot): ModelFilter => (snapshot.scope.models.length === 0 ? "available" : "scoped");

export function rememberFilter(filter: ModelFilter): void {
  try {
    sessionStorage.setItem(FILTER_KEY, filter);
  } catch {
    // storage disabled: remembered for this view only
  }
}
