/**
 * The app's own preferences (electron-store, a JSON file in the user-data dir): window bounds,
 * launch at login, the quick-switch shortcut, the macOS dock icon. Never a secret: the OpenRouter
 * key lives in the OS vault (src-main/core/vault). The file is watched, so editing it by hand
 * (there is no preferences UI yet) takes effect at once.
 */
import Store from "electron-store";
import type { Rectangle } from "electron";

export interface Prefs {
  windowBounds: Rectangle | null;
  launchAtLogin: boolean;
  /** An Electron accelerator; "" turns the shortcut off. */
  quickSwitchShortcut: string;
  /** macOS: a tray app lives in the menu bar, so no dock icon unless the user wants one. */
  showDockIcon: boolean;
}

export const DEFAULT_SHORTCUT = "CommandOrControl+Alt+P";

export type PrefsStore = Store<Prefs>;

export function openPrefs(): PrefsStore {
  return new Store<Prefs>({
    name: "preferences",
    watch: true,
    clearInvalidConfig: true,
    defaults: { windowBounds: null, launchAtLogin: false, quickSwitchShortcut: DEFAULT_SHORTCUT, showDockIcon: false },
    schema: {
      // anyOf rather than a type union: Ajv's strict mode (inside electron-store) warns on unions.
      windowBounds: {
        anyOf: [
          { type: "null" },
          {
            type: "object",
            properties: { x: { type: "number" }, y: { type: "number" }, width: { type: "number" }, height: { type: "number" } },
            required: ["x", "y", "width", "height"],
          },
        ],
      },
      launchAtLogin: { type: "boolean" },
      quickSwitchShortcut: { type: "string", maxLength: 100 },
      showDockIcon: { type: "boolean" },
    },
  });
}
