/**
 * The user's shell environment, for an app started from a desktop, dock or login item: such an
 * app inherits the session's bare environment, not what the user's shell profile sets up (nvm,
 * fnm, a global npm prefix on PATH, exported keys). We ask the user's own login shell, as VS Code
 * does (src/vs/platform/shell/node/shellEnv.ts): run `$SHELL -ilc` with a command that prints the
 * environment between two markers, parse it, and give up cleanly after a timeout. The result is
 * cached per shell and home, so every caller in the process shares one run.
 *
 * Used by the Electron shell at start (src-main/electron/main.ts), which hands the result to the
 * core; the CLI already runs inside the user's shell and never calls this.
 */
import { spawn } from "node:child_process";
import { userInfo } from "node:os";
import { basename } from "node:path";

/** Set to 1 (tests, CI, users who want the plain environment) to never start a login shell. */
export const SKIP_SHELL_ENV_VAR = "PI_SWITCHBOARD_SKIP_SHELL_ENV";
/** Set in the shell we start, so a profile can tell (like VS Code's VSCODE_RESOLVING_ENVIRONMENT). */
export const RESOLVING_ENV_VAR = "PI_SWITCHBOARD_RESOLVING_ENVIRONMENT";
export const SHELL_ENV_TIMEOUT_MS = 3_000;

export interface ShellEnv {
  /** The login shell's environment; null when it was skipped or failed (see `error`). */
  env: Record<string, string> | null;
  /** The shell that was asked, e.g. /bin/zsh; null when none was. */
  shell: string | null;
  /** Why there is no environment: skipped, timed out, exited with an error. */
  error: string | null;
  durationMs: number;
}

export interface ShellEnvOptions {
  timeoutMs?: number;
  platform?: NodeJS.Platform;
}

const cache = new Map<string, Promise<ShellEnv>>();

/** Forget cached answers (tests; a user who changed their profile and asks again). */
export function clearShellEnvCache(): void {
  cache.clear();
}

/** Why the login shell must not be asked, or null when it may be. */
export function shellEnvSkipReason(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === "win32") return "Windows apps get the user's environment from the system, not from a shell";
  if (env[SKIP_SHELL_ENV_VAR] === "1") return `${SKIP_SHELL_ENV_VAR}=1`;
  if (env[RESOLVING_ENV_VAR] === "1") return "already inside a shell started to read the environment";
  return null;
}

function userShell(env: NodeJS.ProcessEnv): string | null {
  if (env.SHELL) return env.SHELL;
  try {
    return userInfo().shell || null;
  } catch {
    return null;
  }
}

/** `-ilc` for POSIX shells and fish; csh and tcsh refuse `-l` beside other flags. */
function shellArgs(shell: string, command: string): string[] {
  const name = basename(shell);
  return name === "tcsh" || name === "csh" ? ["-ic", command] : ["-ilc", command];
}

/**
 * `env -0` keeps values with newlines intact (GNU coreutils, macOS 12+); an `env` without it fails
 * before printing anything, and plain `env` takes over.
 */
function printEnvCommand(mark: string): string {
  return `printf '%s' '${mark}'; command env -0 2>/dev/null || command env; printf '%s' '${mark}'`;
}

/** NAME=value records from `env -0` (NUL-separated) or `env` (lines; a line without NAME= continues a value). */
export function parseEnvOutput(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  const nulSeparated = text.includes("\0");
  let last: string | null = null;
  for (const record of text.split(nulSeparated ? "\0" : "\n")) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(record);
    if (m) {
      last = m[1]!;
      env[last] = m[2]!;
    } else if (!nulSeparated && last && record !== "") {
      env[last] += `\n${record}`;
    }
  }
  return env;
}

/** Variables that describe the throwaway shell, not the user's environment. */
const SHELL_ONLY = new Set(["_", "PWD", "OLDPWD", "SHLVL", RESOLVING_ENV_VAR]);

function runLoginShell(shell: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ShellEnv> {
  const started = Date.now();
  const mark = `__pi_switchboard_env_${Math.random().toString(36).slice(2)}__`;
  const done = (result: Omit<ShellEnv, "shell" | "durationMs">): ShellEnv => ({ ...result, shell, durationMs: Date.now() - started });
  return new Promise((resolve) => {
    let stdout = "";
    let settled = false;
    const finish = (result: ShellEnv) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // Detached: its own process group, so a profile that starts background jobs or hangs is
    // killed whole on timeout; stdin closed, so an interactive prompt cannot wait for input.
    const child = spawn(shell, shellArgs(shell, printEnvCommand(mark)), {
      detached: true,
      stdio: ["ignore", "pipe", "ignore"],
      env: { ...env, [RESOLVING_ENV_VAR]: "1" },
    });
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
      finish(done({ env: null, error: `${shell} -ilc did not finish within ${timeoutMs} ms (a slow shell profile?)` }));
    }, timeoutMs);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (stdout += chunk));
    child.on("error", (error) => finish(done({ env: null, error: `${shell} could not be started: ${error.message}` })));
    child.on("close", (code) => {
      const start = stdout.indexOf(mark);
      const end = stdout.lastIndexOf(mark);
      if (start < 0 || end <= start) {
        finish(done({ env: null, error: `${shell} -ilc printed no environment (exit ${code})` }));
        return;
      }
      const parsed = parseEnvOutput(stdout.slice(start + mark.length, end));
      for (const name of SHELL_ONLY) delete parsed[name];
      finish(done({ env: parsed, error: null }));
    });
  });
}

/**
 * The user's login-shell environment, once per shell and home. Never throws: a skipped, failed or
 * timed-out shell gives `env: null` and says why.
 */
export function resolveShellEnv(env: NodeJS.ProcessEnv = process.env, options: ShellEnvOptions = {}): Promise<ShellEnv> {
  const skip = shellEnvSkipReason(env, options.platform);
  if (skip) return Promise.resolve({ env: null, shell: null, error: `not asked: ${skip}`, durationMs: 0 });
  const shell = userShell(env);
  if (!shell) return Promise.resolve({ env: null, shell: null, error: "no login shell is known ($SHELL is unset)", durationMs: 0 });
  const key = `${shell}\0${env.HOME ?? ""}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = runLoginShell(shell, env, options.timeoutMs ?? SHELL_ENV_TIMEOUT_MS);
    cache.set(key, pending);
  }
  return pending;
}

/** The app's environment with the login shell's on top, as a terminal the user opens would have it. */
export function withShellEnv(base: NodeJS.ProcessEnv, shellEnv: Record<string, string> | null): NodeJS.ProcessEnv {
  return shellEnv ? { ...base, ...shellEnv } : base;
}
