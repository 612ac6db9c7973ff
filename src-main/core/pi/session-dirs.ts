/**
 * Where pi keeps its session files and what the folder names mean, as pi 1.6.0 decides it
 * (main.js, session-manager.js; the same in 0.73.1):
 * - the directory: $PI_CODING_AGENT_SESSION_DIR (`~` expanded), else `sessionDir` in settings.json
 *   (`~` expanded), else `<agent dir>/sessions`;
 * - under the default directory one folder per project, named from the cwd: the leading separator
 *   dropped, `/`, `\` and `:` turned into `-`, wrapped in `--` (`/home/me/app` → `--home-me-app--`);
 *   a custom sessionDir holds the files of every project side by side, without folders.
 * - each session is `<timestamp>_<id>.jsonl`; its first line (the header) names the exact `cwd`.
 *
 * Used by the spend reader (core/sessions/) and by the projects feature, which offers the folders
 * as projects: decoding a folder name is lossy (a `-` in the path reads as `/`), so prefer the
 * session header's `cwd`, and compare with `sessionFolderName(path)` when checking a candidate path.
 */
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";

/** pi's ENV_SESSION_DIR (config.js). */
export const SESSION_DIR_ENV = "PI_CODING_AGENT_SESSION_DIR";

export interface SessionsLocation {
  dir: string;
  /** "projects": one folder per project (pi's default); "flat": a custom sessionDir with the files side by side. */
  layout: "projects" | "flat";
  /** Where the directory came from, for messages. */
  from: "env" | "settings" | "default";
}

/** pi's normalizePath for a path setting: `~` and `~/…` expand to the home dir; a relative path is taken from the cwd. */
function expandTilde(path: string, home: string): string {
  if (path === "~") return home;
  if (path.startsWith("~/") || path.startsWith("~\\")) return join(home, path.slice(2));
  return isAbsolute(path) ? path : resolve(path);
}

/** `sessionDir` from settings.json's text, when it is a non-empty string (an unparsable file has none, as for pi). */
export function sessionDirSetting(settingsText: string | null): string | undefined {
  if (!settingsText) return undefined;
  try {
    const value = (JSON.parse(settingsText) as { sessionDir?: unknown } | null)?.sessionDir;
    return typeof value === "string" && value !== "" ? value : undefined;
  } catch {
    return undefined;
  }
}

export function sessionsLocation(agentDir: string, settingsText: string | null, env: NodeJS.ProcessEnv = process.env, home = homedir()): SessionsLocation {
  const fromEnv = env[SESSION_DIR_ENV];
  if (fromEnv) return { dir: expandTilde(fromEnv, home), layout: "flat", from: "env" };
  const fromSettings = sessionDirSetting(settingsText);
  if (fromSettings) return { dir: expandTilde(fromSettings, home), layout: "flat", from: "settings" };
  return { dir: join(agentDir, "sessions"), layout: "projects", from: "default" };
}

/** The folder pi files a project's sessions under (getDefaultSessionDirPath). */
export function sessionFolderName(cwd: string): string {
  return `--${resolve(cwd).replace(/^[/\\]/, "").replace(/[/\\:]/g, "-")}--`;
}

/** True for a name pi could have made with sessionFolderName. */
export function isSessionFolderName(name: string): boolean {
  return name.length > 4 && name.startsWith("--") && name.endsWith("--");
}

/**
 * A best guess at the path behind a folder name (`--home-me-app--` → `/home/me/app`), for when no
 * session header names it. Lossy: `my-app` and `my/app` encode alike.
 */
export function guessFolderPath(name: string): string {
  if (!isSessionFolderName(name)) return name;
  const inner = name.slice(2, -2);
  // A Windows cwd encodes its drive as `C-` (from `C:`).
  return /^[A-Za-z]--/.test(inner) ? `${inner[0]}:\\${inner.slice(3).replace(/-/g, "\\")}` : `/${inner.replace(/-/g, "/")}`;
}
