/**
 * The app's preferences as data: their defaults, the schema every change is checked against at
 * the API boundary (api-handlers.ts), and the rules a value must meet before any host stores or
 * applies it. Pure except for the agent-dir check (a stat); the pi path is checked by pi-path-check.ts.
 */
import { stat } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, resolve } from "node:path";
import { Type } from "typebox";
import type { PreferenceChange, Preferences } from "../common/index.js";
import { DEFAULT_MIN_UPTIME } from "../common/openrouter/endpoint-health.js";
import { checkAccelerator, DEFAULT_SHORTCUT } from "../common/preferences/accelerator.js";
import { cleanModelList, MAX_FAVOURITE_MODELS, MAX_MODEL_REF, MAX_RECENT_MODELS } from "../common/preferences/model-lists.js";

export const DEFAULT_PREFERENCES: Preferences = {
  piPath: null,
  agentDir: null,
  shortcut: DEFAULT_SHORTCUT,
  launchAtLogin: false,
  showDockIcon: false,
  lowCreditThreshold: null,
  favouriteModels: [],
  recentModels: [],
  trayTitle: false,
  healthWatch: true,
  healthMinUptime: DEFAULT_MIN_UPTIME,
  project: null,
};

const Path = Type.Union([Type.Null(), Type.String({ minLength: 1, maxLength: 4096 })]);
const ModelRefs = (maxItems: number) => Type.Array(Type.String({ minLength: 3, maxLength: MAX_MODEL_REF }), { maxItems });
/** One change, as the API accepts it: the key names the value's type. */
export const PreferenceChangeSchema = Type.Union([
  Type.Object({ key: Type.Literal("piPath"), value: Path }, { additionalProperties: false }),
  Type.Object({ key: Type.Literal("agentDir"), value: Path }, { additionalProperties: false }),
  Type.Object({ key: Type.Literal("shortcut"), value: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
  Type.Object({ key: Type.Literal("launchAtLogin"), value: Type.Boolean() }, { additionalProperties: false }),
  Type.Object({ key: Type.Literal("showDockIcon"), value: Type.Boolean() }, { additionalProperties: false }),
  Type.Object({ key: Type.Literal("lowCreditThreshold"), value: Type.Union([Type.Null(), Type.Number({ minimum: 0, maximum: 1_000_000 })]) }, { additionalProperties: false }),
  Type.Object({ key: Type.Literal("favouriteModels"), value: ModelRefs(MAX_FAVOURITE_MODELS) }, { additionalProperties: false }),
  Type.Object({ key: Type.Literal("recentModels"), value: ModelRefs(MAX_RECENT_MODELS) }, { additionalProperties: false }),
  Type.Object({ key: Type.Literal("trayTitle"), value: Type.Boolean() }, { additionalProperties: false }),
  Type.Object({ key: Type.Literal("healthWatch"), value: Type.Boolean() }, { additionalProperties: false }),
  // Below 50% no endpoint would be called healthy in practice; 100% would flag every blip.
  Type.Object({ key: Type.Literal("healthMinUptime"), value: Type.Number({ minimum: 50, maximum: 99.9 }) }, { additionalProperties: false }),
  Type.Object({ key: Type.Literal("project"), value: Path }, { additionalProperties: false }),
]);

/** `~` and `~/…` as a shell would expand them; a path that is still relative is refused by the callers. */
export function expandHome(path: string, home = homedir()): string {
  if (path === "~") return home;
  if (path.startsWith("~/") || path.startsWith("~\\")) return home + path.slice(1);
  return path;
}

export type ChangeCheck = { ok: true; change: PreferenceChange } | { ok: false; message: string };

/** The change with its value normalized (trimmed, `~` expanded, canonical accelerator), or why it cannot be stored. */
export async function checkPreferenceChange(change: PreferenceChange, platform: NodeJS.Platform, home = homedir()): Promise<ChangeCheck> {
  switch (change.key) {
    case "shortcut": {
      if (change.value.trim() === "") return { ok: true, change: { key: "shortcut", value: "" } };
      const checked = checkAccelerator(change.value, platform);
      return checked.ok ? { ok: true, change: { key: "shortcut", value: checked.value.accelerator } } : { ok: false, message: checked.message };
    }
    case "agentDir": {
      if (change.value === null || change.value.trim() === "") return { ok: true, change: { key: "agentDir", value: null } };
      const path = expandHome(change.value.trim(), home);
      if (!isAbsolute(path)) return { ok: false, message: `"${change.value}" is not an absolute path; give the full path of pi's agent dir (e.g. ~/.pi/agent).` };
      const info = await stat(path).catch(() => null);
      if (!info) return { ok: false, message: `${path} does not exist. pi creates its agent dir on first run: run pi once, or pick the folder it uses (PI_CODING_AGENT_DIR).` };
      if (!info.isDirectory()) return { ok: false, message: `${path} is a file; the agent dir is the folder that holds models.json and settings.json.` };
      return { ok: true, change: { key: "agentDir", value: resolve(path) } };
    }
    case "project": {
      if (change.value === null || change.value.trim() === "") return { ok: true, change: { key: "project", value: null } };
      const path = expandHome(change.value.trim(), home);
      if (!isAbsolute(path)) return { ok: false, message: `"${change.value}" is not an absolute path; give the project folder's full path.` };
      if (!(await stat(path).then((s) => s.isDirectory(), () => false))) return { ok: false, message: `${path} is not a folder (moved or deleted?).` };
      return { ok: true, change: { key: "project", value: resolve(path) } };
    }
    case "piPath": {
      if (change.value === null || change.value.trim() === "") return { ok: true, change: { key: "piPath", value: null } };
      const path = expandHome(change.value.trim(), home);
      if (!isAbsolute(path)) return { ok: false, message: `"${change.value}" is not an absolute path; give the full path of the pi executable (\`which pi\` prints it).` };
      return { ok: true, change: { key: "piPath", value: resolve(path) } };
    }
    case "lowCreditThreshold":
      return { ok: true, change: { key: "lowCreditThreshold", value: change.value === null ? null : Math.round(change.value * 100) / 100 } };
    case "favouriteModels":
    case "recentModels": {
      const bad = change.value.find((ref) => !/^[^/\s]+\/\S/.test(ref.trim()));
      if (bad !== undefined) return { ok: false, message: `"${bad}" is not a model reference; write it as provider/id (e.g. openrouter/anthropic/claude-sonnet-4.5).` };
      const max = change.key === "favouriteModels" ? MAX_FAVOURITE_MODELS : MAX_RECENT_MODELS;
      return { ok: true, change: { key: change.key, value: cleanModelList(change.value, max) } };
    }
    default:
      return { ok: true, change };
  }
}
