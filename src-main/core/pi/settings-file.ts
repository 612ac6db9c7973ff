/**
 * settings.json as pi reads it: strict JSON, no schema. pi cares here about `enabledModels`,
 * `defaultProvider`, `defaultModel` and `defaultThinkingLevel`; every other key belongs to pi or
 * the user and is only ever carried through our edits untouched.
 */
import type { FileProblem, ThinkingLevel } from "../contract.js";
import { parseStrictJson } from "./pi-json.js";
import { isThinkingLevel } from "./scope.js";
import { SourceLocator } from "./pi-json.js";

export interface PiSettings {
  enabledModels: string[] | undefined;
  defaultProvider: string | undefined;
  defaultModel: string | undefined;
  defaultThinkingLevel: ThinkingLevel | undefined;
}

export interface SettingsCheck {
  valid: boolean;
  settings: PiSettings;
  errors: FileProblem[];
  warnings: FileProblem[];
}

const EMPTY: PiSettings = { enabledModels: undefined, defaultProvider: undefined, defaultModel: undefined, defaultThinkingLevel: undefined };

export function checkSettingsText(text: string): SettingsCheck {
  // pi 0.73 (SettingsManager.loadFromStorage) reads an empty file as "no settings", not an error.
  if (text === "") return { valid: true, settings: EMPTY, errors: [], warnings: [] };
  const parsed = parseStrictJson(text);
  if (!parsed.ok) {
    return { valid: false, settings: EMPTY, errors: [{ ...parsed.problem, hint: parsed.problem.hint ?? "pi ignores this file (no scope, no default model) until it parses." }], warnings: [] };
  }
  const value = parsed.value;
  // pi's migrateSettings uses the `in` operator, which throws on anything but an object.
  if (value === null || typeof value !== "object") {
    return { valid: false, settings: EMPTY, errors: [{ message: "settings.json must hold a JSON object.", line: 1, column: 1, hint: "Replace the content with {} or an object of settings." }], warnings: [] };
  }
  const raw = value as Record<string, unknown>;
  const locate = new SourceLocator(text);
  const warnings: FileProblem[] = [];
  const warn = (message: string, key: string, hint?: string) => warnings.push({ message, path: key, ...(hint ? { hint } : {}), ...locate.at([key]) });

  let enabledModels: string[] | undefined;
  const em = raw.enabledModels;
  if (Array.isArray(em)) {
    enabledModels = em.filter((p): p is string => typeof p === "string");
    if (enabledModels.length !== em.length) warn("enabledModels holds entries that are not strings; pi cannot use them.", "enabledModels", "Keep only pattern strings in the list.");
  } else if (typeof em === "string") {
    // pi iterates whatever it finds; a string becomes one pattern per character.
    enabledModels = Array.from(em);
    warn("enabledModels is a string; pi expects a list of patterns.", "enabledModels", `Write "enabledModels": ["${em}"].`);
  } else if (em !== undefined && em !== null) {
    warn("enabledModels is not a list; pi ignores it.", "enabledModels", 'Write "enabledModels": ["provider/id", …].');
  }
  const str = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : undefined);
  const level = str("defaultThinkingLevel");
  if (raw.defaultThinkingLevel !== undefined && (level === undefined || !isThinkingLevel(level))) {
    warn(`defaultThinkingLevel "${String(raw.defaultThinkingLevel)}" is not a thinking level.`, "defaultThinkingLevel", "Use off, minimal, low, medium, high or xhigh.");
  }
  const settings: PiSettings = {
    enabledModels,
    defaultProvider: str("defaultProvider"),
    defaultModel: str("defaultModel"),
    defaultThinkingLevel: level !== undefined && isThinkingLevel(level) ? level : undefined,
  };
  if (Boolean(settings.defaultProvider) !== Boolean(settings.defaultModel)) {
    warn("pi needs both defaultProvider and defaultModel to restore a default.", settings.defaultProvider ? "defaultProvider" : "defaultModel");
  }
  return { valid: true, settings, errors: [], warnings };
}
