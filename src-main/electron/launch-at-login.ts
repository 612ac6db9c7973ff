/**
 * "Launch at login" per system: Electron's login items on macOS and Windows, an XDG autostart
 * entry on Linux (pointing at the AppImage when we run from one, since its mount path changes).
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { app } from "electron";
import { autostartDesktopEntry } from "./autostart-entry.js";

function autostartFile(): string {
  const configHome = process.env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return join(configHome, "autostart", "pi-switchboard.desktop");
}

export async function applyLaunchAtLogin(enabled: boolean): Promise<void> {
  if (process.platform !== "linux") {
    app.setLoginItemSettings({ openAtLogin: enabled });
    return;
  }
  const file = autostartFile();
  if (!enabled) return rm(file, { force: true });
  await mkdir(join(file, ".."), { recursive: true });
  await writeFile(file, autostartDesktopEntry(process.env.APPIMAGE || process.execPath));
}
