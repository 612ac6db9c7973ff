/**
 * Starts the real `serve` command (the built CLI, test/cli-under-test.ts) as a child process on a
 * temp copy of a fixture agent dir and reads the session URL from its first stdout line, as a
 * user's script would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { createInterface } from "node:readline";
import { expect } from "vitest";
import { cliArgv } from "../cli-under-test";
import { DEV_PI_BIN } from "../installed-pis";
import { shareAppCachePiAnswers, withSharedPiStarts } from "../shared-pi-answers";

export const REPO = join(import.meta.dirname, "..", "..");
export const FIXTURES = join(import.meta.dirname, "fixtures");
export const CHROMIUM = "/usr/bin/chromium";

export interface ServeProcess {
  url: string;
  origin: string;
  port: number;
  /** The one-time ticket from the URL's fragment (good for one exchange). */
  ticket: string;
  dir: string;
  child: ChildProcess;
  /** What serve has written to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** The fake OpenRouter's baseUrl: the app's catalog uses it, and it replaces FAKE_OPENROUTER_URL in models.json. */
  fakeOpenRouter?: string;
  openRouterKey?: string;
  /** More arguments for `serve` (`--port N`, `--session-idle 2s`). */
  args?: string[];
  /** Let serve open a browser (the default is --no-open), e.g. through a fake opener on PATH. */
  open?: boolean;
  /** More environment for serve (PATH with a fake opener, …). */
  env?: NodeJS.ProcessEnv;
}

const cacheDirs = new Map<string, string>();
/**
 * One app cache dir for every serve a test file starts: what the app learnt from pi (its start,
 * catalog, schema checks, verdicts) is keyed by pi and the files, so sharing it changes no answer
 * and spares each serve a cold `pi --version`, catalog load and verdict. pi's answers are linked
 * to the run's (test/shared-pi-answers.ts, which says what other files can reuse); the OpenRouter
 * catalog stays with the file, which has a fake OpenRouter of its own: files take turns in one
 * worker (vitest.config.ts), so the dir is the current file's, not the worker's. It goes with the
 * run's temp dir (scripts/run-tests.mjs): vitest stops its workers rather than letting them exit.
 */
function sharedCacheDir(): string {
  const file = expect.getState().testPath ?? "";
  let dir = cacheDirs.get(file);
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), "switchboard-e2e-cache-"));
    shareAppCachePiAnswers(dir);
    cacheDirs.set(file, dir);
  }
  return dir;
}

/** serve's process on `dir`, once it has printed its session URL. */
async function launchServe(dir: string, cacheHome: string, options: ServeOptions): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const fake = options.fakeOpenRouter;
  const child = spawn(...cliArgv(["serve", "--agent-dir", dir, ...(options.open ? [] : ["--no-open"]), ...(options.args ?? [])]), {
    cwd: REPO,
    env: {
      ...process.env,
      // The repo's pi (0.73.1): the app never picks it from PATH on its own.
      PI_SWITCHBOARD_PI: DEV_PI_BIN,
      OPENROUTER_API_KEY: options.openRouterKey ?? "sk-or-e2e-not-a-key",
      // Never the real OpenRouter from a test: without a fake, an unroutable address fails fast.
      PI_SWITCHBOARD_OPENROUTER_URL: fake ?? "http://127.0.0.1:9/api/v1",
      XDG_CACHE_HOME: cacheHome,
      // The app's own state and vault entry are per test run, never the user's.
      PI_SWITCHBOARD_DATA_DIR: join(dir, ".switchboard"),
      PI_SWITCHBOARD_VAULT_SERVICE: `pi-switchboard-e2e-${process.pid}-${Date.now()}`,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`serve exited (${code}) before printing its URL:\n${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}

/** `fixture`: a dir under test/e2e/fixtures, or an absolute path (an agent dir a test made, e.g. with real pi's sessions). */
export async function startServe(fixture: string, options: ServeOptions = {}): Promise<ServeProcess> {
  const dir = mkdtempSync(join(tmpdir(), "switchboard-e2e-"));
  cpSync(isAbsolute(fixture) ? fixture : join(FIXTURES, fixture), dir, { recursive: true });
  const fake = options.fakeOpenRouter;
  if (fake) writeFileSync(join(dir, "models.json"), readFileSync(join(dir, "models.json"), "utf8").replaceAll("FAKE_OPENROUTER_URL", fake));
  const cacheHome = sharedCacheDir();
  const { child, url, stderr } = await withSharedPiStarts(cacheHome, () => launchServe(dir, cacheHome, options));
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    ticket: new URLSearchParams(parsed.hash.slice(1)).get("ticket")!,
    dir,
    child,
    stderr,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** serve on a fixture with its one-time ticket already exchanged, as a page would: the session to talk to it with. */
export async function startServeSession(fixture: string): Promise<{ serve: ServeProcess; session: string }> {
  const serve = await startServe(fixture);
  const first = await exchangeTicket(serve);
  if (!first.session) throw new Error(`ticket exchange failed: ${first.status} ${first.body}`);
  return { serve, session: first.session };
}

/** What a browser page does with the ticket: one POST to /session from our own Origin. */
export async function exchangeTicket(serve: ServeProcess, ticket = serve.ticket): Promise<{ status: number; session: string | null; body: string }> {
  const res = await fetch(`${serve.origin}/session`, { method: "POST", headers: { origin: serve.origin, "content-type": "application/json" }, body: JSON.stringify({ ticket }) });
  const body = await res.text();
  const session = res.ok ? (JSON.parse(body) as { session: string }).session : null;
  return { status: res.status, session, body };
}
