/**
 * The global quick-switch shortcut: pops the tray menu from anywhere. The accelerator comes from
 * prefs and is rebound when the preference changes; a taken or malformed accelerator is reported,
 * not thrown, so the tray keeps working without it.
 */
import { globalShortcut } from "electron";

export type ShortcutResult = { ok: true } | { ok: false; message: string };

export function bindQuickSwitch(accelerator: string, onPress: () => void): ShortcutResult {
  globalShortcut.unregisterAll();
  if (!accelerator) return { ok: true };
  try {
    if (globalShortcut.register(accelerator, onPress)) return { ok: true };
    return { ok: false, message: `The shortcut ${accelerator} is taken by another app; pick another one in preferences.json.` };
  } catch {
    return { ok: false, message: `"${accelerator}" is not a valid shortcut (e.g. CommandOrControl+Alt+P); fix it in preferences.json.` };
  }
}
