/**
 * Run pi-oracle.mjs (this folder) with a pi's own Node in a child process, in product mode, on
 * agent dirs already staged by the caller, and read its answers. The request never carries the
 * environment (it would put keys in a file): the child inherits `env` and the oracle takes its
 * own. Cut off after `timeoutMs` (the whole process group is killed). The oracle makes its copies
 * of the agent dirs inside `workDir`, so the caller's removal of it takes them too, even when
 * the child was killed before it could clean up. Used by pi-verdict.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { setPriority } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { firstErrorLine } from "../pi-start-check.js";

/** One model as pi has it (pi-oracle.mjs `answerCase`). */
export interface OracleModel {
  provider: string;
  id: string;
  name: string;
  api: string;
  baseUrl: string;
  /** An untouched built-in model. */
  builtIn: boolean;
  /** Exactly the `provider` object pi puts in the request body, or null. */
  routing: Record<string, unknown> | null;
  body: Record<string, unknown> | null;
}

export interface OracleKey {
  resolves: boolean | null;
  /** sha256 hex (first 16) of the key pi resolves; never the key. */
  fingerprint: string | null;
  error: string | null;
  /** "command, not run" in product mode: pi would run a command, the oracle did not. */
  form?: string;
}

/** One agent dir's answer (pi-oracle.mjs header); when `error` is set the other fields may be absent. */
export interface OracleAnswer {
  name: string;
  piVersion: string;
  sdk: "registry" | "runtime";
  error: string | null;
  modelsError: string | null;
  settingsValid: boolean;
  settingsErrors: string[];
  models: OracleModel[];
  available: string[];
  scope: { ref: string; thinkingLevel: string | null }[];
  unmatched: string[];
  scopeWarnings: string[];
  default: { ref: string | null; thinkingLevel: string | null; error?: string };
  keys: Record<string, OracleKey>;
  network: string[];
}

export type OracleOutcome = { ok: true; answers: OracleAnswer[] } | { ok: false; timedOut: boolean; message: string };

export interface OracleRun {
  /** The Node that runs this pi (PiInfo.node.path). */
  node: string;
  /** pi's package dir (symlinks resolved). */
  piDir: string;
  /** Staged agent dirs, one case each; `env` (tests only: it is written to the request file) is laid over the child's. */
  cases: { name: string; dir: string; env?: Record<string, string> }[];
  /** The child's whole environment: what the user's pi sees (the oracle forces PI_OFFLINE and the agent dir). */
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** A private temp dir (0700) for the script, the request and the answers; the caller removes it. */
  workDir: string;
  /** The oracle script; by default the one beside this module (or the bundle's main). */
  script?: string;
  /** Aborting kills the child (the app is closing). */
  signal?: AbortSignal;
}

/** pi-oracle.mjs beside this module in the sources; in the Electron bundle, beside out/main/main.js. */
export function oracleScriptPath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "pi-oracle.mjs");
}

const STDERR_LIMIT = 4096;

/** A started oracle child: `kill` takes its whole process group; `stderr` is its first 4 KiB since start or the last `clearStderr`. */
export interface OracleChild {
  child: ChildProcess;
  kill(): void;
  stderr(): string;
  clearStderr(): void;
}

/**
 * Starts pi's Node on the oracle at low priority (the app's own snapshots must win the CPU while
 * pi loads its SDK), in a process group of its own so that killing it takes anything pi started.
 * `ipc`: with a channel (the warm worker), else no stdout.
 */
export function startOracleChild(node: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; ipc?: boolean }): OracleChild {
  const posix = process.platform !== "win32";
  const child = spawn(node, args, { cwd: options.cwd, env: options.env, stdio: options.ipc ? ["ignore", "ignore", "pipe", "ipc"] : ["ignore", "ignore", "pipe"], detached: posix, windowsHide: true });
  try {
    if (child.pid) setPriority(child.pid, 10);
  } catch {
    // not allowed here: run at normal priority
  }
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    if (stderr.length < STDERR_LIMIT) stderr += chunk.toString("utf8").slice(0, STDERR_LIMIT - stderr.length);
  });
  const kill = () => {
    try {
      if (posix && child.pid) process.kill(-child.pid, "SIGKILL");
      else child.kill("SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  };
  return {
    child,
    kill,
    stderr: () => stderr,
    clearStderr: () => {
      stderr = "";
    },
  };
}

/** Why a child ended badly: the error itself, not Node's "Node.js v22…" footer that ends every crash. */
export function crashMessage(stderr: string, code: number | null): string {
  return (firstErrorLine(stderr) ?? `exit code ${code}`).replace(/^Error: /, "");
}

export async function runOracle(run: OracleRun): Promise<OracleOutcome> {
  // The script is copied next to the request: pi's Node cannot read it from inside an asar archive.
  const script = join(run.workDir, "pi-oracle.mjs");
  const requestPath = join(run.workDir, "request.json");
  const answersPath = join(run.workDir, "answers.json");
  await writeFile(script, await readFile(run.script ?? oracleScriptPath()), { mode: 0o600 });
  await writeFile(requestPath, JSON.stringify({ piDir: run.piDir, mode: "product", timeoutMs: run.timeoutMs, workRoot: run.workDir, cases: run.cases.map((c) => ({ ...c, env: c.env ?? {} })) }), { mode: 0o600 });

  const exit = await new Promise<{ code: number | null; timedOut: boolean; stderr: string; spawnError?: string }>((resolve) => {
    const started = startOracleChild(run.node, [script, requestPath, answersPath], { cwd: run.workDir, env: run.env });
    const { child, kill } = started;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, run.timeoutMs);
    run.signal?.addEventListener("abort", kill, { once: true });
    const done = (result: { code: number | null; timedOut: boolean; stderr: string; spawnError?: string }) => {
      clearTimeout(timer);
      run.signal?.removeEventListener("abort", kill);
      resolve(result);
    };
    child.on("error", (error) => done({ code: null, timedOut, stderr: started.stderr(), spawnError: error.message }));
    child.on("close", (code) => done({ code, timedOut, stderr: started.stderr() }));
  });

  if (run.signal?.aborted) return { ok: false, timedOut: false, message: "stopped: the app is closing" };
  if (exit.timedOut) return { ok: false, timedOut: true, message: `pi did not answer within ${Math.round(run.timeoutMs / 100) / 10} s` };
  if (exit.spawnError) return { ok: false, timedOut: false, message: `${run.node} could not be started: ${exit.spawnError}` };
  if (exit.code !== 0) return { ok: false, timedOut: false, message: crashMessage(exit.stderr, exit.code) };
  try {
    return { ok: true, answers: JSON.parse(await readFile(answersPath, "utf8")) as OracleAnswer[] };
  } catch (error) {
    return { ok: false, timedOut: false, message: `pi's answers could not be read: ${(error as Error).message}` };
  }
}
