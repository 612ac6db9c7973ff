/**
 * auth.json holds keys: readable by group or others (mode 0644 after a copy or an editor) it is
 * a warning in Config health, with the command that fixes it. POSIX only; Windows has ACLs.
 */
import { stat } from "node:fs/promises";
import type { FileProblem } from "../common/index.js";

export async function authFileModeWarning(path: string, platform: NodeJS.Platform = process.platform): Promise<FileProblem | null> {
  if (platform === "win32") return null;
  const mode = await stat(path).then((s) => s.mode & 0o777, () => null);
  if (mode === null || (mode & 0o077) === 0) return null;
  const octal = mode.toString(8).padStart(4, "0");
  return {
    message: `auth.json can be read by ${mode & 0o007 ? "every user" : "your group"} on this machine (mode ${octal}), and it holds your keys.`,
    line: null,
    column: null,
    hint: `Make it yours alone: chmod 600 '${path}'`,
  };
}
