/**
 * The app's own preferences (src-main/core/preferences). Never a secret. Each host stores and
 * applies what it can: the tray app all of them, `serve` only what a browser page can use.
 */

export interface Preferences {
  /** The pi executable or package dir the user chose; null: the one detected (snapshot.pi). */
  piPath: string | null;
  /** The agent dir the user chose; null: PI_CODING_AGENT_DIR, else ~/.pi/agent. */
  agentDir: string | null;
  /** Global shortcut that opens the quick-switch, as an Electron accelerator; "" turns it off. */
  shortcut: string;
  launchAtLogin: boolean;
  /** macOS: show the Dock icon (a menu-bar app has none by default). */
  showDockIcon: boolean;
  /** Warn when the key's remaining credit (USD) falls below this; null: never. */
  lowCreditThreshold: number | null;
  /** "provider/id" refs the user starred in the quick switcher, shown first there and in the tray (at most 50). */
  favouriteModels: string[];
  /** The last models made pi's default through the app, newest first (at most 8; recorded by the API host). */
  recentModels: string[];
  /** macOS: show the default model's short name next to the menu-bar icon. */
  trayTitle: boolean;
  /** Check the pinned providers of the scoped models every 10 minutes (on in the tray app, off in serve). */
  healthWatch: boolean;
  /** A pinned endpoint whose uptime over the last 30 minutes falls below this percentage counts as degraded. */
  healthMinUptime: number;
  /** The project folder the Projects view shows (pi's merged view there); null: none picked. */
  project: string | null;
}

export type PreferenceKey = keyof Preferences;

export type PreferenceChange = { [K in PreferenceKey]: { key: K; value: Preferences[K] } }[PreferenceKey];

export interface PreferencesState {
  host: "electron" | "serve";
  platform: string;
  values: Preferences;
  defaults: Preferences;
  /** Why a preference cannot be changed in this host (and how to set it instead); absent when it can. */
  fixed: Partial<Record<PreferenceKey, string>>;
  /** The agent dir the service reads now, and what a null agentDir means here. */
  agentDirInUse: string;
  defaultAgentDir: string;
  /** Why the stored shortcut is not active (taken by another app, invalid); null when it is, or is off. */
  shortcutProblem: string | null;
}

/** A pi found at a chosen path (preferences/pi-path-check.ts). */
export interface PiPathCheck {
  path: string;
  packageName: string;
  version: string | null;
  packageDir: string;
}
