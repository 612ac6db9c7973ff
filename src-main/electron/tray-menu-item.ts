/**
 * A tray menu item as data: what tray-menu.ts and tray-profiles.ts build and tray.ts turns into
 * Electron's Menu, with each item's action as plain data (never a closure).
 */
import type { ThinkingLevel } from "../core/common/index.js";

/** Where the window opens when the user clicks a problem line (the renderer's route); "quick-switch": on its switcher (Linux's shortcut). */
export type ProblemView = "health" | "models-file" | "settings-file" | "key" | "scope" | "preferences" | "quick-switch" | "profiles" | "projects" | `profiles/apply/${string}` | `switch/${string}`;

export type TrayAction =
  | { kind: "useModel"; ref: string }
  | { kind: "setThinkingLevel"; level: ThinkingLevel }
  | { kind: "openWindow"; view: ProblemView | null }
  /** Take the vault-key command from a provider whose baseUrl left OpenRouter (Snapshot.keyLeaks). */
  | { kind: "removeKeyCommand"; provider: string }
  /** The quick switcher: the popover (macOS, Windows) or the window with its switcher (Linux). */
  | { kind: "openSwitcher" }
  | { kind: "testDefault" }
  /** Pin a degraded model to the endpoint the health watch named (healthSwitch), and the undo of that switch. */
  | { kind: "switchEndpoint"; ref: string }
  | { kind: "undoEndpointSwitch"; ref: string }
  | { kind: "toggleLaunchAtLogin" }
  /** The packaged app's "Install command-line tool…" (cli-install-dialog.ts). */
  | { kind: "installCli" }
  | { kind: "quit" };

export interface TrayMenuItem {
  label?: string;
  type?: "normal" | "separator" | "submenu" | "checkbox" | "radio";
  checked?: boolean;
  enabled?: boolean;
  toolTip?: string;
  submenu?: TrayMenuItem[];
  action?: TrayAction;
}
