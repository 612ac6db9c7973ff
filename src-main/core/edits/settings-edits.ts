/**
 * Commands that change settings.json, compiled to edits of only the fields they own (pi's own
 * read-merge-write does the same under the same lock), so keys pi or the user set meanwhile stay.
 */
import { THINKING_LEVELS, type ScopeReport, type ThinkingLevel } from "../common/index.js";
import type { JsonChange } from "../files/json-edit.js";
import type { PiRules } from "../pi/pi-rules.js";
import { EditError } from "./write-pi-file.js";

/** Which levels the detected pi accepts, and how to name that pi in an error. */
export type LevelRules = Pick<PiRules, "thinkingLevels" | "version" | "basis">;

/** Only levels the detected pi understands are written (a `max` would start an older pi at the model's lowest level). */
function acceptedLevel(level: ThinkingLevel, rules: LevelRules): ThinkingLevel {
  if (rules.thinkingLevels.includes(level)) return level;
  throw new EditError({
    code: "invalid-input",
    message: `pi ${rules.version ?? rules.basis} does not accept thinking level "${level}"${level === "max" ? " (pi 0.80.6 added it)" : ""}: use ${rules.thinkingLevels.join(", ")}.`,
  });
}

export function useModel(provider: string, id: string, thinkingLevel: ThinkingLevel | null | undefined, rules: LevelRules): JsonChange[] {
  const changes: JsonChange[] = [
    { path: ["defaultProvider"], value: provider },
    { path: ["defaultModel"], value: id },
  ];
  if (thinkingLevel) changes.push({ path: ["defaultThinkingLevel"], value: acceptedLevel(thinkingLevel, rules) });
  return changes;
}

export function setThinkingLevel(level: ThinkingLevel, rules: LevelRules): JsonChange[] {
  return [{ path: ["defaultThinkingLevel"], value: acceptedLevel(level, rules) }];
}

export function setScope(patterns: string[]): JsonChange[] {
  return [{ path: ["enabledModels"], value: patterns.length > 0 ? patterns : undefined }];
}

const stripThinking = (pattern: string) => pattern.replace(new RegExp(`:(${THINKING_LEVELS.join("|")})$`), "");

/**
 * Adds a model to the scope as its exact `provider/id`, or removes the patterns that name it
 * exactly. A model pulled in by a glob or fuzzy pattern is not removed by rewriting the user's
 * pattern: the error says which pattern to edit.
 */
export function toggleScoped(current: unknown, scope: ScopeReport, ref: string, scoped: boolean): JsonChange[] {
  const list = Array.isArray((current as Record<string, unknown>).enabledModels)
    ? ((current as Record<string, unknown>).enabledModels as unknown[]).filter((p): p is string => typeof p === "string")
    : [];
  if (scoped) {
    if (scope.models.includes(ref)) return [];
    return [{ path: ["enabledModels"], value: [...list, ref] }];
  }
  const lower = ref.toLowerCase();
  const kept = list.filter((p) => stripThinking(p).toLowerCase() !== lower);
  const pulledBy = scope.matches.find((m) => m.models.includes(ref) && stripThinking(m.pattern).toLowerCase() !== lower);
  if (pulledBy && kept.length === list.length) {
    throw new EditError({ code: "invalid-input", message: `${ref} is in the scope through the pattern "${pulledBy.pattern}"; edit or remove that pattern instead.` });
  }
  if (kept.length === list.length) return [];
  return [{ path: ["enabledModels"], value: kept.length > 0 ? kept : undefined }];
}
