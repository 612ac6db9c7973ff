/**
 * A project's `.pi/settings.json` merged over the agent dir's settings.json, as pi merges them
 * (settings-manager.js deepMergeSettings, every known release): a key the project sets replaces the
 * agent dir's (a list such as enabledModels is replaced whole; JSON null counts as set), and an
 * object on both sides (modelThinkingLevels) merges key by key, the project's winning. pi 0.73.1
 * merges nested objects one level deep, 0.79+ recursively: the same for the keys read here, whose
 * objects hold only strings. Also which app switches still reach pi there (the tray writes the
 * agent dir's file only). Used by project-view.ts.
 */
import type { ProjectSetting, ProjectSettingKey, SwitchReach } from "../common/index.js";
import type { PiSettings } from "./settings-file.js";

export const PROJECT_SETTING_KEYS: readonly ProjectSettingKey[] = ["defaultProvider", "defaultModel", "defaultThinkingLevel", "enabledModels", "modelThinkingLevels"];

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
const sets = (raw: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(raw, key) && raw[key] !== undefined;

/** One side of the merge: what the checker made of a settings file, and its object as written. */
export interface SettingsLayer {
  settings: PiSettings;
  raw: Record<string, unknown>;
}

/** The settings pi uses in the project: the agent dir's with the project's keys laid over them. */
export function mergeProjectSettings(agentDir: SettingsLayer, project: SettingsLayer): PiSettings {
  const merged: PiSettings = { ...agentDir.settings };
  const p = project.raw;
  if (sets(p, "enabledModels")) merged.enabledModels = project.settings.enabledModels;
  if (sets(p, "defaultProvider")) merged.defaultProvider = project.settings.defaultProvider;
  if (sets(p, "defaultModel")) merged.defaultModel = project.settings.defaultModel;
  if (sets(p, "defaultThinkingLevel")) {
    merged.defaultThinkingLevel = project.settings.defaultThinkingLevel;
    merged.rawDefaultThinkingLevel = project.settings.rawDefaultThinkingLevel;
  }
  if (sets(p, "modelThinkingLevels")) {
    // Both objects: merged per key. Otherwise the project's value replaces (and is ignored unless an object).
    const both = isObject(agentDir.raw.modelThinkingLevels) && isObject(p.modelThinkingLevels);
    merged.modelThinkingLevels = both && agentDir.settings.modelThinkingLevels && project.settings.modelThinkingLevels ? { ...agentDir.settings.modelThinkingLevels, ...project.settings.modelThinkingLevels } : project.settings.modelThinkingLevels;
  }
  return merged;
}

/** Each model key as written on both sides and as pi uses it in the project; `applies`: pi loads the project's settings. */
export function projectSettingRows(agentDir: Record<string, unknown>, project: Record<string, unknown>, applies: boolean): ProjectSetting[] {
  return PROJECT_SETTING_KEYS.map((key) => {
    const overridden = applies && sets(project, key);
    let merged = agentDir[key];
    if (overridden) merged = key === "modelThinkingLevels" && isObject(agentDir[key]) && isObject(project[key]) ? { ...agentDir[key], ...project[key] } : project[key];
    return { key, agentDir: agentDir[key], project: project[key], merged, overridden };
  });
}

const REACHES: SwitchReach = { reaches: "yes", message: "" };

/**
 * Whether the app's switches, which write the agent dir's settings.json, change what pi uses in the
 * project: a key the project sets wins there. `startRef`: the model pi starts with in the project.
 */
export function switchReach(rows: ProjectSetting[], file: string, startRef: string | null): { defaultSwitch: SwitchReach; scopeSwitch: SwitchReach; thinkingSwitch: SwitchReach } {
  const overridden = new Set(rows.filter((r) => r.overridden).map((r) => r.key));
  const start = startRef ? `pi started there uses ${startRef}` : "pi started there has no model to start with";
  const defaultKeys = (["defaultProvider", "defaultModel"] as const).filter((k) => overridden.has(k));
  const scopeSet = overridden.has("enabledModels") && Array.isArray(rows.find((r) => r.key === "enabledModels")!.merged) && (rows.find((r) => r.key === "enabledModels")!.merged as unknown[]).length > 0;
  let defaultSwitch = REACHES;
  if (defaultKeys.length) defaultSwitch = { reaches: "no", message: `${file} sets ${defaultKeys.join(" and ")}: ${start}, whichever model you make the default here.` };
  else if (scopeSet) defaultSwitch = { reaches: "scoped", message: `${file} sets enabledModels: a new default counts there only when it is in the project's scope; otherwise pi starts with the first scoped model.` };
  const scopeSwitch: SwitchReach = overridden.has("enabledModels") ? { reaches: "no", message: `${file} sets enabledModels: pi there cycles the project's list, not the one you edit here.` } : REACHES;
  const thinkingSwitch: SwitchReach = overridden.has("defaultThinkingLevel") ? { reaches: "no", message: `${file} sets defaultThinkingLevel: a level set here does not change pi's level there.` } : REACHES;
  return { defaultSwitch, scopeSwitch, thinkingSwitch };
}
