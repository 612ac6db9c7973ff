/**
 * The Models view's list, as pure functions of the snapshot: scoped models first in pi's cycle
 * order (the order Ctrl+P walks), then the rest as pi lists them; the search and filter; and,
 * for each scoped model, the enabledModels pattern that pulled it in.
 */
import type { ModelEntry, Snapshot } from "../../../src-main/core/contract";

export type ModelFilter = "all" | "scoped" | "openrouter" | "custom" | "available";

export const MODEL_FILTERS: { value: ModelFilter; label: string }[] = [
  { value: "all", label: "All models" },
  { value: "scoped", label: "Scoped (Ctrl+P cycle)" },
  { value: "openrouter", label: "OpenRouter" },
  { value: "custom", label: "From models.json" },
  { value: "available", label: "With a key" },
];

export const refOf = (m: { provider: string; id: string }) => `${m.provider}/${m.id}`;

export function orderModels(snapshot: Snapshot): ModelEntry[] {
  const byRef = new Map(snapshot.models.map((m) => [refOf(m), m]));
  const scoped = snapshot.scope.models.map((r) => byRef.get(r)).filter((m): m is ModelEntry => Boolean(m));
  const inScope = new Set(snapshot.scope.models);
  return [...scoped, ...snapshot.models.filter((m) => !inScope.has(refOf(m)))];
}

export function filterModels(models: ModelEntry[], query: string, filter: ModelFilter): ModelEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return models.filter((m) => {
    if (filter === "scoped" && !m.scoped) return false;
    if (filter === "openrouter" && !m.openRouter) return false;
    if (filter === "custom" && m.origin === "built-in") return false;
    if (filter === "available" && !m.available) return false;
    if (words.length === 0) return true;
    const hay = `${m.name} ${m.provider}/${m.id} ${m.badges.map((b) => b.label).join(" ")}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** ref → the pattern that pulled it into the scope (pi: the first pattern to match wins). */
export function scopePatterns(snapshot: Snapshot): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of snapshot.scope.matches) for (const ref of match.models) if (!out.has(ref)) out.set(ref, match.pattern);
  return out;
}

