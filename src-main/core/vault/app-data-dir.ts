/**
 * Where the app keeps its own small, non-secret state (what `key connect` replaced in auth.json).
 * The same directory Electron's app.getPath("userData") gives for the product name, so the app
 * and the CLI share it; PI_SWITCHBOARD_DATA_DIR overrides it (tests, portable setups).
 */
import { homedir } from "node:os";
import { join } from "node:path";

export const PRODUCT_NAME = "Pi Switchboard";

export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.PI_SWITCHBOARD_DATA_DIR) return env.PI_SWITCHBOARD_DATA_DIR;
  if (platform === "darwin") return join(home, "Library", "Application Support", PRODUCT_NAME);
  if (platform === "win32") return join(env.APPDATA || join(home, "AppData", "Roaming"), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, ".config"), PRODUCT_NAME);
}
