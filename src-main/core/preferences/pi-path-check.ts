/**
 * A pi chosen in Preferences must be a real pi: the path (its executable, a shim beside it, or its
 * package dir) has to lead to the package of @earendil-works/pi-coding-agent or
 * @mariozechner/pi-coding-agent, found the way locate-pi.ts finds the detected one.
 */
import { existsSync } from "node:fs";
import { isAbsolute } from "node:path";
import type { ActionResult, PiPathCheck } from "../common/index.js";
import { findPiPackage, PI_PACKAGE_NAMES } from "../pi/locate-pi.js";

export function checkPiPath(path: string): ActionResult<PiPathCheck> {
  if (!isAbsolute(path)) return { ok: false, error: { code: "invalid-input", message: `"${path}" is not an absolute path; give the full path of the pi executable (\`which pi\` prints it).` } };
  if (!existsSync(path)) return { ok: false, error: { code: "not-found", message: `${path} does not exist. \`which pi\` (Windows: \`where pi\`) prints the path of the pi your terminal runs.` } };
  const pkg = findPiPackage(path);
  if (!pkg) {
    return { ok: false, error: { code: "not-found", message: `No pi package at ${path}: pick the \`pi\` executable or the folder of ${PI_PACKAGE_NAMES.join(" or ")}.` } };
  }
  return { ok: true, value: { path, packageName: pkg.json.name ?? PI_PACKAGE_NAMES[0], version: pkg.json.version ?? null, packageDir: pkg.dir } };
}
