/**
 * The quick switcher's list, as pure functions of the snapshot and the user's lists: with no query,
 * favourites, then recents, then pi's scoped models in Ctrl+P order; with a query, the scoped
 * matches in Ctrl+P order, then every other match (the user's own and keyed models first, as the
 * Models view orders them). Also the thinking levels ←/→ step through: the detected pi's, where
 * the model reasons.
 */
import type { ModelEntry, Snapshot, ThinkingLevel } from "../../../src-main/core/common/index.js";
import { matchesQuery, orderModels, queryWords, refOf } from "../models/model-list";

export type SectionId = "favourites" | "recent" | "scoped" | "others";

export interface SwitcherSection {
  id: SectionId;
  title: string;
  models: ModelEntry[];
}

export interface SwitcherList {
  sections: SwitcherSection[];
  /** Every option in the order ↑/↓ walk them. */
  options: ModelEntry[];
  /** Matches left out to keep the list short ("keep typing"). */
  hidden: number;
  /** With no query: how many models a search would reach. */
  searchable: number;
}

/** Matches outside the scope shown at most; the list is for picking, the Models view for browsing. */
export const MAX_OTHER_MATCHES = 50;

/** The models pi cycles with Ctrl+P: the scope, or every model with a key when the scope is unset (as pi does). */
function cycleModels(snapshot: Snapshot, byRef: Map<string, ModelEntry>): ModelEntry[] {
  if (snapshot.scope.unset) return snapshot.models.filter((m) => m.available);
  return snapshot.scope.models.map((r) => byRef.get(r)).filter((m): m is ModelEntry => m !== undefined);
}

export function switcherList(snapshot: Snapshot, query: string, favourites: readonly string[], recents: readonly string[]): SwitcherList {
  const byRef = new Map(snapshot.models.map((m) => [refOf(m), m] as const));
  const pick = (refs: readonly string[]) => refs.map((r) => byRef.get(r)).filter((m): m is ModelEntry => m !== undefined);
  const sections: SwitcherSection[] = [];
  let hidden = 0;
  const words = queryWords(query);
  if (words.length === 0) {
    const favouriteModels = pick(favourites);
    // The default is at the top already; a recent that is also a favourite shows once.
    const recentModels = pick(recents).filter((m) => !m.default && !favouriteModels.includes(m));
    const shown = new Set([...favouriteModels, ...recentModels]);
    sections.push(
      { id: "favourites", title: "Favourites", models: favouriteModels },
      { id: "recent", title: "Recent", models: recentModels },
      { id: "scoped", title: snapshot.scope.unset ? "Models with a key (no scope set)" : "Scoped (Ctrl+P order)", models: cycleModels(snapshot, byRef).filter((m) => !shown.has(m)) },
    );
  } else {
    const cycle = cycleModels(snapshot, byRef);
    const inCycle = new Set(cycle);
    const others = orderModels(snapshot).filter((m) => !inCycle.has(m) && matchesQuery(m, words));
    hidden = Math.max(0, others.length - MAX_OTHER_MATCHES);
    sections.push(
      { id: "scoped", title: snapshot.scope.unset ? "Models with a key" : "Scoped (Ctrl+P order)", models: cycle.filter((m) => matchesQuery(m, words)) },
      { id: "others", title: "All models", models: others.slice(0, MAX_OTHER_MATCHES) },
    );
  }
  const nonEmpty = sections.filter((s) => s.models.length > 0);
  return { sections: nonEmpty, options: nonEmpty.flatMap((s) => s.models), hidden, searchable: snapshot.models.length };
}

/** The levels ←/→ step through for a model: the detected pi's, or only "off" where the model does not reason (pi clamps to it). */
export function levelsFor(model: Pick<ModelEntry, "reasoning">, piLevels: readonly ThinkingLevel[]): ThinkingLevel[] {
  return model.reasoning ? [...piLevels] : ["off"];
}

/** pi's DEFAULT_THINKING_LEVEL when settings.json names none. */
const PI_DEFAULT_LEVEL: ThinkingLevel = "medium";

/** The level pi would use for a model if it became the default now (start-model.ts, from the snapshot's facts). */
export function currentLevelFor(snapshot: Snapshot, model: ModelEntry): ThinkingLevel {
  const start = snapshot.default.start;
  if (start && start.ref === refOf(model)) return start.thinkingLevel;
  const levels = levelsFor(model, snapshot.pi.thinkingLevels);
  const wanted = model.thinkingLevel ?? snapshot.default.thinkingLevel ?? PI_DEFAULT_LEVEL;
  return levels.includes(wanted) ? wanted : (levels[levels.length - 1] ?? "off");
}

/** One step along `levels` from `level` (clamped at the ends); a level the list lacks starts from its nearest end. */
export function stepLevel(levels: readonly ThinkingLevel[], level: ThinkingLevel, direction: 1 | -1): ThinkingLevel {
  const index = levels.indexOf(level);
  if (index === -1) return (direction === 1 ? levels[levels.length - 1] : levels[0]) ?? level;
  return levels[Math.max(0, Math.min(levels.length - 1, index + direction))]!;
}

/** What a switch means for pi, said after it (from the snapshot the command returned). */
export function afterSwitchNotice(snapshot: Snapshot, ref: string): { tone: "success" | "warning"; text: string } {
  const start = snapshot.default.start;
  const model = snapshot.models.find((m) => refOf(m) === ref);
  const name = model?.name ?? ref;
  if (start && start.ref === ref) {
    const noKey = model && !model.available ? ` pi has no key for ${model.provider} here: add one under Key, or it fails when it starts.` : "";
    return {
      tone: noKey ? "warning" : "success",
      text: `Default: ${name} · thinking ${start.thinkingLevel}. New pi sessions start with it; restart a running pi (or pick it with /model) to use it there.${noKey}`,
    };
  }
  const why = start?.via === "scope-first" ? `it is outside the scope (enabledModels), so pi starts with the first scoped model, ${start.ref}` : start ? `pi starts with ${start.ref} instead (no key for ${model?.provider ?? "its provider"})` : "pi has no model it can start with";
  return { tone: "warning", text: `Saved ${ref} as the default, but ${why}. Add it to the scope in Models to start with it.` };
}
