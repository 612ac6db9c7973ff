/**
 * Where the Electron binary is, or why the Electron tests cannot run here. The `electron` package
 * installs its binary in a postinstall step that cannot run on every machine (no download host,
 * or install scripts disabled); then these tests are reported as skipped with this reason.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

export const REPO = resolve(import.meta.dirname, "../..");

function electronBinary(): string | null {
  try {
    // The package's main export is the binary's path; it throws when the binary was never installed.
    const path = createRequire(import.meta.url)("electron") as unknown;
    return typeof path === "string" && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export const ELECTRON_PATH = electronBinary();

export const SKIP_REASON = !ELECTRON_PATH
  ? "skipped: the Electron binary is not installed here (node node_modules/electron/install.js fetches it)"
  : !existsSync(resolve(REPO, "out/main/main.js")) || !existsSync(resolve(REPO, "out/renderer/index.html"))
    ? "skipped: the app is not built (npm run build)"
    : null;
