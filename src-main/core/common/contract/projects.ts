/**
 * Projects: pi merges a trusted project's `.pi/settings.json` over the agent dir's settings.json
 * (project wins), so what pi starts with in a project can differ from the global view. These types
 * carry one project's merged view (core/project-view.ts) and the list of folders pi has sessions for.
 */

import type { DefaultModel, ScopeReport } from "./models.js";
import type { FileReport } from "./pi-info.js";

/** A folder pi has sessions for (`<agentDir>/sessions/--<path>--/`), offered as a project. */
export interface ProjectEntry {
  /** The working directory pi ran in (from a session file's header, else decoded from the folder name). */
  dir: string;
  /** How many session files pi keeps for it. */
  sessions: number;
  /** When pi last wrote one of them (ISO), null without session files. */
  lastUsed: string | null;
  /** Whether the folder holds `.pi/settings.json` (the only project file that changes models). */
  hasSettings: boolean;
}

/**
 * Whether pi loads the project's settings (pi ≥ 0.79.0 asks first: project trust). "no-check": this
 * pi loads them unasked (before 0.79.0). "ask": no saved decision; interactive pi asks at start,
 * print/JSON/RPC modes skip the project's settings.
 */
export interface ProjectTrust {
  decision: "trusted" | "untrusted" | "ask" | "no-check";
  /** In a sentence, why (which trust.json entry, defaultProjectTrust, the pi version). */
  why: string;
}

/** The settings.json keys that decide pi's models, as the view compares them. */
export type ProjectSettingKey = "defaultProvider" | "defaultModel" | "defaultThinkingLevel" | "enabledModels" | "modelThinkingLevels";

export interface ProjectSetting {
  key: ProjectSettingKey;
  /** As written in each file (undefined: not set there). */
  agentDir: unknown;
  project: unknown;
  /** What pi uses in the project. */
  merged: unknown;
  /** The project sets it and pi loads the project's settings: the agent dir's value does not count there. */
  overridden: boolean;
}

/** Whether a switch made in the tray (which writes the agent dir's settings.json) changes what pi uses in the project. */
export interface SwitchReach {
  /** "scoped": only for the models in the project's own scope (ProjectView.scope). */
  reaches: "yes" | "no" | "scoped";
  /** Why not, or what still holds, in a sentence; "" when it simply reaches. */
  message: string;
}

export interface ProjectView {
  dir: string;
  /** `<dir>/.pi/settings.json` as pi reads it (missing: nothing to merge). */
  settingsFile: FileReport;
  trust: ProjectTrust;
  /** Whether the merged values below include the project's (trusted, no check, or "ask" assumed granted). */
  applies: boolean;
  settings: ProjectSetting[];
  /** The scope and the start model pi has in this project. */
  scope: ScopeReport;
  default: DefaultModel;
  /** Making a model pi's default from the tray or the switcher. */
  defaultSwitch: SwitchReach;
  /** Changing the scope (enabledModels) from the window or the tray. */
  scopeSwitch: SwitchReach;
  /** Changing the default thinking level. */
  thinkingSwitch: SwitchReach;
}
