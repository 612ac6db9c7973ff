/**
 * The app's own preferences on disk (electron-store, preferences.json in the user-data dir):
 * window bounds, and the Preferences view's values (core/preferences) under the names this file
 * has always used. Never a secret: the OpenRouter key lives in the OS vault (src-main/core/vault).
 * The file is watched, so a hand edit takes effect at once (main.ts reconciles it).
 */
import Store from "electron-store";
import type { Rectangle } from "electron";
import type { PreferenceChange, Preferences } from "../core/common/index.js";
import type { PreferencesStorage } from "../core/preferences/app-preferences.js";
import { MAX_FAVOURITE_MODELS, MAX_MODEL_REF, MAX_RECENT_MODELS } from "../core/common/preferences/model-lists.js";
import { DEFAULT_PREFERENCES } from "../core/preferences/preference-rules.js";

/** The Preferences view's values (common/contract/preferences.ts), the shortcut under its older name, and the window's bounds. */
export interface Prefs extends Omit<Preferences, "shortcut"> {
  windowBounds: Rectangle | null;
  /** An Electron accelerator; "" turns the shortcut off. */
  quickSwitchShortcut: string;
}

export type PrefsStore = Store<Prefs>;

const nullable = (schema: object) => ({ anyOf: [{ type: "null" }, schema] });

export function openPrefs(): PrefsStore {
  return new Store<Prefs>({
    name: "preferences",
    watch: true,
    clearInvalidConfig: true,
    defaults: {
      windowBounds: null,
      launchAtLogin: DEFAULT_PREFERENCES.launchAtLogin,
      quickSwitchShortcut: DEFAULT_PREFERENCES.shortcut,
      showDockIcon: DEFAULT_PREFERENCES.showDockIcon,
      piPath: null,
      agentDir: null,
      lowCreditThreshold: null,
      favouriteModels: [],
      recentModels: [],
      trayTitle: DEFAULT_PREFERENCES.trayTitle,
      healthWatch: DEFAULT_PREFERENCES.healthWatch,
      healthMinUptime: DEFAULT_PREFERENCES.healthMinUptime,
      project: null,
    },
    schema: {
      // anyOf rather than a type union: Ajv's strict mode (inside electron-store) warns on unions.
      windowBounds: nullable({
        type: "object",
        properties: { x: { type: "number" }, y: { type: "number" }, width: { type: "number" }, height: { type: "number" } },
        required: ["x", "y", "width", "height"],
      }),
      launchAtLogin: { type: "boolean" },
      quickSwitchShortcut: { type: "string", maxLength: 100 },
      showDockIcon: { type: "boolean" },
      piPath: nullable({ type: "string", maxLength: 4096 }),
      agentDir: nullable({ type: "string", maxLength: 4096 }),
      lowCreditThreshold: nullable({ type: "number", minimum: 0 }),
      favouriteModels: { type: "array", items: { type: "string", maxLength: MAX_MODEL_REF }, maxItems: MAX_FAVOURITE_MODELS },
      recentModels: { type: "array", items: { type: "string", maxLength: MAX_MODEL_REF }, maxItems: MAX_RECENT_MODELS },
      trayTitle: { type: "boolean" },
      healthWatch: { type: "boolean" },
      healthMinUptime: { type: "number", minimum: 50, maximum: 99.9 },
      project: nullable({ type: "string", maxLength: 4096 }),
    },
  });
}

/** The Preferences view's values over the store (the shortcut keeps its old name in the file). */
export function preferencesStorage(store: PrefsStore): PreferencesStorage {
  return {
    read(): Preferences {
      return {
        piPath: store.get("piPath"),
        agentDir: store.get("agentDir"),
        shortcut: store.get("quickSwitchShortcut"),
        launchAtLogin: store.get("launchAtLogin"),
        showDockIcon: store.get("showDockIcon"),
        lowCreditThreshold: store.get("lowCreditThreshold"),
        favouriteModels: store.get("favouriteModels"),
        recentModels: store.get("recentModels"),
        trayTitle: store.get("trayTitle"),
        healthWatch: store.get("healthWatch"),
        healthMinUptime: store.get("healthMinUptime"),
        project: store.get("project"),
      };
    },
    write(change: PreferenceChange): void {
      if (change.key === "shortcut") store.set("quickSwitchShortcut", change.value);
      else store.set(change.key, change.value);
    },
  };
}
