/**
 * Opens `serve`'s link in the user's browser without putting its ticket on any command line.
 * Every local user can read every process's argv (/proc/PID/cmdline, `ps`), and the opener
 * (xdg-open, open, start) hands its argument on to the browser's argv. So, as Jupyter does, the
 * link goes into a small HTML page that only this user can read — mode 0600, in a fresh directory
 * of mode 0700 under the runtime (else temp) dir — and the opener gets that file's path, which
 * holds nothing secret. The page redirects to the link; it is deleted as soon as it is not needed:
 * once the ticket is traded, when serve exits, or after a short lifetime at the latest.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Long enough for a cold browser start; after that the printed link is the way in. */
export const REDIRECT_FILE_LIFETIME_MS = 2 * 60 * 1000;

export interface RedirectFile {
  /** The page the opener is given: its path, never the link. */
  path: string;
  /** Deletes the page and its directory; safe to call more than once. */
  remove(): void;
}

/** $XDG_RUNTIME_DIR (per user, 0700, cleared at logout) when it is a directory, else the temp dir. */
function privateParent(env: NodeJS.ProcessEnv): string {
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime && statSync(runtime, { throwIfNoEntry: false })?.isDirectory()) return runtime;
  return tmpdir();
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page: a script redirect, a meta refresh where scripts are off, and a link as a last resort. */
export function redirectPage(url: string): string {
  // JSON with `<` escaped is a safe JS string literal inside <script>, whatever the URL holds.
  const literal = JSON.stringify(url).replace(/</g, "\\u003c");
  const attribute = escapeHtml(url);
  return [
    "<!doctype html>",
    '<html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="1;url=${attribute}">`,
    "<title>Opening Pi Switchboard</title></head>",
    `<body><p>Opening Pi Switchboard… If nothing happens, <a href="${attribute}">open it here</a>.</p>`,
    `<script>location.replace(${literal});</script></body></html>`,
    "",
  ].join("\n");
}

/** Writes the redirect page for `url` and schedules its removal after `lifetimeMs`. */
export function writeRedirectFile(url: string, options: { lifetimeMs?: number; env?: NodeJS.ProcessEnv } = {}): RedirectFile {
  // mkdtemp makes the directory 0700 whatever the umask; the file is created new (wx), 0600.
  const dir = mkdtempSync(join(privateParent(options.env ?? process.env), "pi-switchboard-open-"));
  const path = join(dir, "open.html");
  writeFileSync(path, redirectPage(url), { mode: 0o600, flag: "wx" });
  const remove = () => {
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  };
  const timer = setTimeout(remove, options.lifetimeMs ?? REDIRECT_FILE_LIFETIME_MS);
  timer.unref();
  return { path, remove };
}

/**
 * Hands `file` to the platform's opener. `onFailure` hears why when there is no opener or it
 * reports an error (xdg-open exits non-zero when it finds no browser).
 */
export function openFileInBrowser(file: string, onFailure: (why: string) => void): void {
  const [command, args] =
    process.platform === "darwin" ? ["open", [file]] : process.platform === "win32" ? ["cmd", ["/c", "start", "", file]] : ["xdg-open", [file]];
  const child = spawn(command, args as string[], { stdio: "ignore", detached: true });
  child.on("error", (error) => onFailure(`${command}: ${error.message}`));
  child.on("exit", (code) => {
    if (code) onFailure(`${command} exited with code ${code}`);
  });
  child.unref();
}
