/**
 * settings.json as the detected pi reads it: strict JSON, no schema check at runtime. pi cares here
 * about `enabledModels`, `defaultProvider`, `defaultModel`, `defaultThinkingLevel` and (0.84.3)
 * `modelThinkingLevels`; every other key belongs to pi or the user and is only ever carried through
 * our edits untouched. Which model and level pi starts with from these: start-model.ts.
 */
import type { FileProblem, ThinkingLevel } from "../common/index.js";
import { parseStrictJson } from "./pi-json.js";
import type { PiRules } from "./pi-rules.js";
import { isThinkingLevel } from "./scope.js";
import { SourceLocator } from "./pi-json.js";

/** The part of pi's rules settings.json reading follows. */
export type SettingsRules = Pick<PiRules, "version" | "basis" | "thinkingLevels" | "modelThinkingLevels" | "settingsIgnoresBom">;

export interface PiSettings {
  enabledModels: string[] | undefined;
  defaultProvider: string | undefined;
  defaultModel: string | undefined;
  /** defaultThinkingLevel when it is a level the detected pi accepts. */
  defaultThinkingLevel: ThinkingLevel | undefined;
  /**
   * defaultThinkingLevel as written (any JSON value): pi takes it unchecked, `??` "medium", and
   * clamps it to the model, so a level it does not know becomes the model's lowest level.
   */
  rawDefaultThinkingLevel: unknown;
  /** `modelThinkingLevels` ("provider/id" → level, values unchecked, as pi reads them); undefined when this pi ignores it (< 0.84.3). */
  modelThinkingLevels: Record<string, unknown> | undefined;
}

export interface SettingsCheck {
  /** pi reads the file (and, for a project, merges it); an error below may still stop pi (stopsPi). */
  valid: boolean;
  /** Why pi stops with an error at start with this file as written, else null (errors holds it with its place). */
  stopsPi: string | null;
  settings: PiSettings;
  errors: FileProblem[];
  warnings: FileProblem[];
  /** The parsed object as written, when it is one: which keys a file sets decides pi's project merge (project-settings.ts). */
  raw?: Record<string, unknown>;
}

export const EMPTY_SETTINGS: PiSettings = {
  enabledModels: undefined,
  defaultProvider: undefined,
  defaultModel: undefined,
  defaultThinkingLevel: undefined,
  rawDefaultThinkingLevel: undefined,
  modelThinkingLevels: undefined,
};

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

export function checkSettingsText(text: string, rules: SettingsRules): SettingsCheck {
  const pi = `pi ${rules.version ?? rules.basis}`;
  // pi 0.84.3+ strips a UTF-8 BOM first (stripBom); older pi's JSON.parse fails on it.
  const source = rules.settingsIgnoresBom && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // pi (SettingsManager.loadFromStorage) reads an empty file as "no settings", not an error.
  if (source === "") return { valid: true, stopsPi: null, settings: EMPTY_SETTINGS, errors: [], warnings: [] };
  const parsed = parseStrictJson(source);
  if (!parsed.ok) {
    const hint = parsed.problem.hint ?? "pi ignores this file (no scope, no default model) until it parses.";
    return { valid: false, stopsPi: null, settings: EMPTY_SETTINGS, errors: [{ ...parsed.problem, hint: source !== text || text.charCodeAt(0) !== 0xfeff ? hint : `${hint} (${pi} cannot read a BOM; pi 0.84.3 and later ignore it.)` }], warnings: [] };
  }
  const value = parsed.value;
  // pi's migrateSettings uses the `in` operator, which throws on anything but an object.
  if (value === null || typeof value !== "object") {
    return { valid: false, stopsPi: null, settings: EMPTY_SETTINGS, errors: [{ message: "settings.json must hold a JSON object.", line: 1, column: 1, hint: "Replace the content with {} or an object of settings." }], warnings: [] };
  }
  const raw = value as Record<string, unknown>;
  const locate = new SourceLocator(source);
  const errors: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  const warn = (message: string, path: string[], hint?: string) => warnings.push({ message, path: path.join("."), ...(hint ? { hint } : {}), ...locate.at(path) });
  const levelList = rules.thinkingLevels.join(", ");

  let enabledModels: string[] | undefined;
  const em = raw.enabledModels;
  if (Array.isArray(em)) {
    enabledModels = em.filter((p): p is string => typeof p === "string");
    // Every pi calls a string method on each pattern when it resolves the scope at start (seen on 0.73.1, 0.84.3, 0.87.1, 1.6.0).
    const at = em.findIndex((p) => typeof p !== "string");
    if (at !== -1) {
      const kind = em[at] === null ? "null" : Array.isArray(em[at]) ? "a list" : `a ${typeof em[at]}`;
      const path = ["enabledModels", String(at)];
      errors.push({ message: `enabledModels item ${at + 1} is ${kind}, not a pattern: ${pi} stops with an error at start (resolving the scope throws on it).`, path: path.join("."), hint: 'Remove it, or write the pattern as a string ("provider/id").', ...locate.at(path) });
    }
  } else if (typeof em === "string") {
    // pi iterates whatever it finds; a string becomes one pattern per character.
    enabledModels = Array.from(em);
    warn("enabledModels is a string; pi expects a list of patterns.", ["enabledModels"], `Write "enabledModels": ["${em}"].`);
  } else if (em !== undefined && em !== null) {
    warn("enabledModels is not a list; pi ignores it.", ["enabledModels"], 'Write "enabledModels": ["provider/id", …].');
  }
  const str = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : undefined);
  const rawLevel = raw.defaultThinkingLevel;
  if (rawLevel !== undefined && rawLevel !== null && !isThinkingLevel(rawLevel, rules.thinkingLevels)) {
    const unknownHere = isThinkingLevel(rawLevel) ? ` ${pi} does not know it (pi 0.80.6 added "max").` : "";
    warn(`defaultThinkingLevel "${String(rawLevel)}" is not a thinking level.${unknownHere} pi then starts at the model's lowest level.`, ["defaultThinkingLevel"], `Use ${levelList}.`);
  }

  let modelThinkingLevels: Record<string, unknown> | undefined;
  const mtl = raw.modelThinkingLevels;
  if (mtl !== undefined && !rules.modelThinkingLevels) {
    warn(`${pi} ignores modelThinkingLevels (pi 0.84.3 added it).`, ["modelThinkingLevels"], "Set defaultThinkingLevel, or a :level suffix on the model's enabledModels pattern.");
  } else if (mtl !== undefined && mtl !== null && !isObject(mtl)) {
    warn('modelThinkingLevels is not an object; pi ignores it.', ["modelThinkingLevels"], 'Write "modelThinkingLevels": {"provider/id": "high"}.');
  } else if (isObject(mtl)) {
    modelThinkingLevels = mtl;
    for (const [key, level] of Object.entries(mtl)) {
      if (!key.includes("/")) warn(`modelThinkingLevels key "${key}" is not "provider/id"; pi never matches it.`, ["modelThinkingLevels", key], 'Keys are the exact "provider/id" of a model.');
      else if (!isThinkingLevel(level, rules.thinkingLevels)) {
        warn(`modelThinkingLevels["${key}"] "${String(level)}" is not a thinking level; pi then uses the model's lowest level.`, ["modelThinkingLevels", key], `Use ${levelList}.`);
      }
    }
  }

  const settings: PiSettings = {
    enabledModels,
    defaultProvider: str("defaultProvider"),
    defaultModel: str("defaultModel"),
    defaultThinkingLevel: isThinkingLevel(rawLevel, rules.thinkingLevels) ? rawLevel : undefined,
    rawDefaultThinkingLevel: rawLevel,
    modelThinkingLevels,
  };
  if (Boolean(settings.defaultProvider) !== Boolean(settings.defaultModel)) {
    warn("pi needs both defaultProvider and defaultModel to restore a default.", [settings.defaultProvider ? "defaultProvider" : "defaultModel"]);
  }
  return { valid: true, stopsPi: errors[0]?.message ?? null, settings, errors, warnings, raw };
}
