/**
 * The global quick-switch shortcut: opens the quick switcher from anywhere (the popover by the tray
 * icon on macOS and Windows, the window with its switcher on Linux; main.ts decides). It is the same
 * preference that used to pop the tray menu, so a shortcut the user chose keeps working. The accelerator comes from
 * Preferences (checked by core/common/preferences/accelerator.ts) and is rebound when it changes; a
 * taken or malformed accelerator is reported, not thrown — the Preferences view shows it — and
 * the tray keeps working without it.
 */
import { globalShortcut } from "electron";

export type ShortcutResult = { ok: true } | { ok: false; message: string };

export function bindQuickSwitch(accelerator: string, onPress: () => void): ShortcutResult {
  globalShortcut.unregisterAll();
  if (!accelerator) return { ok: true };
  try {
    if (globalShortcut.register(accelerator, onPress)) return { ok: true };
    return { ok: false, message: `The shortcut ${accelerator} is taken by another app (or the system); pick another one in Preferences.` };
  } catch {
    return { ok: false, message: `"${accelerator}" is not a valid shortcut (e.g. CommandOrControl+Alt+P); record another one in Preferences.` };
  }
}
