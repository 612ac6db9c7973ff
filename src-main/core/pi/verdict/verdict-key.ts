/**
 * What pi's answer on an agent dir depends on, hashed into one key (sha256 hex) for the verdict's
 * caches (verdict-cache.ts on disk, pi-verdict.ts in memory): a stale entry must never stand for
 * a new answer, so every input pi reads is in it:
 * - which pi: its package dir (symlinks resolved), version, and its package.json's identity on
 *   disk (an upgrade in place rewrites it), the Node that runs it, and the oracle script;
 * - pi's files: the content hash of each file the oracle is given (models.json, settings.json,
 *   auth.json, models-store.json; hashes only, never content);
 * - the environment the child inherits (piChildEnv), hashed: pi reads far more of it than the
 *   provider key names (`$NAME` references in the files, AWS_* and GOOGLE_* ambient credentials,
 *   LLAMA_BASE_URL, HOME, …), so all of it counts except what differs between two terminals of one
 *   user and no part of pi's model answer reads (PER_SHELL_ENV);
 * - whether the Google ADC file pi checks for Vertex exists.
 * Values never leave this function except inside the one hash.
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Set per terminal, window, session or `npm run`, and not read by pi's models, keys or scope: two shells share answers. */
const PER_SHELL_ENV = /^(?:_|PWD|OLDPWD|SHLVL|COLUMNS|LINES|WINDOWID|TERM_SESSION_ID|TMUX_PANE|STY|WEZTERM_PANE|KITTY_WINDOW_ID|ITERM_SESSION_ID|WT_SESSION|SSH_TTY|SSH_CLIENT|SSH_CONNECTION|GPG_TTY|INVOCATION_ID|JOURNAL_STREAM|npm_.*|VSCODE_.*)$/;

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

export interface VerdictKeyInputs {
  /** The files the oracle is given, by name (null: absent). */
  files: Record<string, Buffer | null>;
  /** pi's package dir, symlinks resolved. */
  piDir: string;
  piVersion: string | null;
  node: string;
  nodeVersion: string | null;
  /** The oracle script's bytes. */
  script: Buffer;
  /** The child's environment. */
  env: NodeJS.ProcessEnv;
}

/** pi's package.json as it is on disk now: changes when pi is reinstalled or upgraded in place. */
export function piInstallStamp(piDir: string): string {
  try {
    const s = statSync(join(piDir, "package.json"));
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return "missing";
  }
}

/** The app's own settings (its data dir, vault entry, OpenRouter address, which pi, …): pi never reads them. */
const APP_ENV = /^PI_SWITCHBOARD_/;

/**
 * The environment a pi child of the app (the verdict's oracle, the bundled catalog's loader) is
 * given: the app's own, less the app's settings. A user's pi runs in a terminal without them, and
 * two app instances that differ only there (a `serve` per data dir) share pi's answers.
 */
export function piChildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !APP_ENV.test(name)));
}

/** The environment's hash, without the per-shell names. */
export function envHash(env: NodeJS.ProcessEnv): string {
  const entries = Object.entries(env)
    .filter(([name, value]) => value !== undefined && !PER_SHELL_ENV.test(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256(JSON.stringify(entries));
}

/** pi-ai's Vertex check: GOOGLE_APPLICATION_CREDENTIALS' file, else gcloud's default one, exists. */
function vertexCredentialsExist(env: NodeJS.ProcessEnv): boolean {
  const path = env.GOOGLE_APPLICATION_CREDENTIALS || join(env.HOME || homedir(), ".config", "gcloud", "application_default_credentials.json");
  return existsSync(path);
}

export function verdictKey(inputs: VerdictKeyInputs): string {
  const files = Object.keys(inputs.files)
    .sort()
    .map((name) => [name, inputs.files[name] ? sha256(inputs.files[name]!) : null]);
  return sha256(
    JSON.stringify({
      pi: [inputs.piDir, inputs.piVersion, piInstallStamp(inputs.piDir)],
      node: [inputs.node, inputs.nodeVersion],
      script: sha256(inputs.script),
      files,
      env: envHash(inputs.env),
      vertex: vertexCredentialsExist(inputs.env),
    }),
  );
}
