/**
 * Whether the user's pi starts at all: `pi --version`, run the way the user's shell runs it (pi's
 * bin script with the Node locate-pi.ts chose for it). A broken install, or a release that no
 * longer loads on today's dependencies (pi 0.80.6 and 0.80.7 installed now crash at import with a
 * SyntaxError from pi-ai), fails here, and the app must say that pi itself fails to start instead
 * of blaming its own checks. Used by pi-install.ts, which puts the answer in PiInfo. An install
 * that started once is not asked again until something it loads changes (pi-start-memo.ts).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PiFoundBy, PiStartFailure } from "../common/index.js";
import { appCacheDir } from "../files/cache-dir.js";
import { rememberStarted, startedBefore, startFingerprint } from "./pi-start-memo.js";

const OUTPUT_LIMIT = 8192;
/** pi 1.6.0 answers `--version` in under a second; the catalog waits for this, so a pi that hangs costs at most this much, and is not called broken (it may just be slow). */
const START_TIMEOUT_MS = 8_000;

export interface StartCheck {
  /** The Node that runs this pi (PiInfo.node.path). */
  node: string;
  /** pi's package dir with symlinks resolved (its bin script is resolved from there, as Node does). */
  packageDir: string;
  /** The `pi` the user runs, and how it was found: the command people are told to run. */
  piPath: string;
  foundBy: PiFoundBy | null;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Where installs that started are remembered (default: the app's cache dir; null: always run pi). */
  cacheDir?: string | null;
}

/** pi's bin script from its package.json (`bin` as a string or `{ pi: … }`); null when it declares none. */
export function piBinEntry(packageDir: string): string | null {
  try {
    const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { bin?: string | Record<string, string> };
    const bin = typeof pkg.bin === "string" ? pkg.bin : (pkg.bin?.pi ?? Object.values(pkg.bin ?? {})[0]);
    return bin ? join(packageDir, bin) : null;
  } catch {
    return null;
  }
}

/**
 * The line of a crash people can act on: Node prints the failing file, the source line and a caret
 * before the error itself, and `Node.js v22…` after it, so the first line naming an error wins;
 * otherwise the first line that is not a stack frame.
 */
export function firstErrorLine(output: string): string | null {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const named = lines.find((l) => /^([A-Z][A-Za-z]*)?Error\b/.test(l) || /^[A-Z][A-Za-z]*Error \[/.test(l));
  return named ?? lines.find((l) => !/^at /.test(l) && !/^Node\.js v\d/.test(l)) ?? null;
}

/** What to type to see the failure yourself: `pi --version` when the shell finds this pi, else its path. */
export function checkCommand(piPath: string, foundBy: PiFoundBy | null): string {
  const onPath = foundBy === "login shell" || foundBy === "shell PATH";
  return onPath ? "pi --version" : `${/\s/.test(piPath) ? JSON.stringify(piPath) : piPath} --version`;
}

/** null when pi starts (or did not finish in time, or has no bin script: neither proves it broken); what failed otherwise. */
export async function checkPiStarts(check: StartCheck): Promise<PiStartFailure | null> {
  const command = checkCommand(check.piPath, check.foundBy);
  const entry = piBinEntry(check.packageDir);
  // Nothing to run as `pi` (a package dir named directly): the verdict's own run will tell.
  if (!entry) return null;
  const memo = check.cacheDir === null ? null : join(check.cacheDir ?? appCacheDir(check.env), "pi-starts.json");
  const fingerprint = memo ? startFingerprint(check.node, check.packageDir, entry, check.env) : null;
  if (memo && fingerprint && startedBefore(memo, fingerprint)) return null;
  // PI_OFFLINE: `--version` must never reach the network, whichever pi this is.
  const env = { ...check.env, PI_OFFLINE: "1" };
  const exit = await new Promise<{ code: number | null; output: string; timedOut: boolean; spawnError?: string }>((resolve) => {
    const child = spawn(check.node, [entry, "--version"], { cwd: check.packageDir, env, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    let stderr = "";
    let stdout = "";
    let timedOut = false;
    const keep = (text: string, chunk: Buffer) => (text.length < OUTPUT_LIMIT ? text + chunk.toString("utf8").slice(0, OUTPUT_LIMIT - text.length) : text);
    child.stderr.on("data", (chunk: Buffer) => (stderr = keep(stderr, chunk)));
    child.stdout.on("data", (chunk: Buffer) => (stdout = keep(stdout, chunk)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, check.timeoutMs ?? START_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, output: stderr, timedOut, spawnError: error.message });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      // A crash says why on stderr; some tools print it on stdout.
      resolve({ code, output: stderr.trim() ? stderr : stdout, timedOut });
    });
  });
  if (exit.timedOut) return null;
  if (exit.spawnError) return { firstErrorLine: `${check.node} could not be started: ${exit.spawnError}`, command, exitCode: null };
  if (exit.code === 0) {
    if (memo && fingerprint) rememberStarted(memo, fingerprint);
    return null;
  }
  return { firstErrorLine: firstErrorLine(exit.output) ?? `exit code ${exit.code} with no output`, command, exitCode: exit.code };
}

/** One sentence for PiInfo.problem: that pi itself fails, its own line, what to run, and what the app still shows. */
export function startFailureProblem(version: string | null, failure: PiStartFailure): string {
  return `pi ${version ?? "(version unknown)"} itself fails to start: ${failure.firstErrorLine} — run \`${failure.command}\` to see it, then reinstall or change pi's version. The app shows what the files say, unchecked by pi.`;
}
