/**
 * Auto-update through electron-updater, only where update-policy.ts allows it (the AppImage, a
 * signed macOS build). Checks at start and every six hours; a downloaded update installs when the
 * app quits. Failures (offline, no release yet) are logged and never stop the app.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { app } from "electron";
import electronUpdater from "electron-updater";
import { updatePolicy, type UpdatePolicy } from "./update-policy.js";

const SIX_HOURS = 6 * 60 * 60 * 1000;

function signedBuild(): unknown {
  try {
    return (JSON.parse(readFileSync(join(app.getAppPath(), "package.json"), "utf8")) as { signedBuild?: unknown }).signedBuild;
  } catch {
    return undefined;
  }
}

export function startAutoUpdate(): UpdatePolicy {
  const policy = updatePolicy({ platform: process.platform, isPackaged: app.isPackaged, appImage: process.env.APPIMAGE, signedBuild: signedBuild() });
  if (!policy.enabled) return policy;
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  const check = () => void autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => console.warn(`Update check failed: ${(error as Error).message}`));
  check();
  setInterval(check, SIX_HOURS).unref();
  return policy;
}
