/**
 * `serve [--agent-dir DIR] [--port N] [--session-idle T] [--no-open]`: the window in a browser on
 * this machine. Prints the session URL as the first line of stdout (scripts and tests read it;
 * stdout is no process's argv), builds the renderer first when needed, and opens the browser
 * through a private redirect page unless --no-open (open-in-browser.ts: never the link in argv).
 */
import type { Command } from "commander";
import { createHost } from "../../core/create-host.js";
import { resolveAgentDir } from "../../core/pi/agent-dir.js";
import { servePreferences } from "../../core/preferences/app-preferences.js";
import { openFileInBrowser, writeRedirectFile } from "../open-in-browser.js";
import { ensureRendererBuilt } from "../renderer-build.js";
import { startServe, type RunningServer } from "../serve.js";
import { DEFAULT_SESSION_IDLE_MS, formatIdle, parseSessionIdle } from "../serve-session.js";

/** Opens the window; the redirect page goes once the ticket is traded, or when serve exits. */
function openWindow(server: RunningServer): void {
  const openYourself = (why: string) => void process.stderr.write(`Could not open a browser (${why}); open the link on the first line above yourself.\n`);
  let page: ReturnType<typeof writeRedirectFile>;
  try {
    page = writeRedirectFile(server.url);
  } catch (error) {
    return openYourself(`no private page for it: ${(error as Error).message}`);
  }
  process.once("exit", page.remove);
  void server.ticketExchanged.then(page.remove);
  openFileInBrowser(page.path, openYourself);
}

/** A port that cannot be had, as one line with what to type instead (not a raw EADDRINUSE). */
function listenError(error: unknown, port: number): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") return new Error(`port ${port} on 127.0.0.1 is already in use (another serve?): pass another with --port N, or leave --port out for a free one`);
  if (code === "EACCES") return new Error(`port ${port} needs privileges this user lacks: pass one above 1023 with --port N, or leave --port out for a free one`);
  return error instanceof Error ? error : new Error(String(error));
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Open the Switchboard window in your browser (127.0.0.1 only, with a session token)")
    .option("--agent-dir <dir>", "pi's agent dir (default: $PI_CODING_AGENT_DIR or ~/.pi/agent)")
    .option("--port <n>", "port to listen on (default: a free one)", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be a port number, not "${v}".`);
      return n;
    })
    .option("--session-idle <time>", `end the browser's session after this long without activity, like 30m or 12h; a bare number is minutes (default: $PI_SWITCHBOARD_SESSION_IDLE or ${formatIdle(DEFAULT_SESSION_IDLE_MS)})`, (v) =>
      parseSessionIdle(v, "--session-idle"),
    )
    .option("--no-open", "print the URL but do not open a browser")
    .action(async (opts: { agentDir?: string; port?: number; sessionIdle?: number; open: boolean }) => {
      const envIdle = process.env.PI_SWITCHBOARD_SESSION_IDLE;
      const sessionIdleMs = opts.sessionIdle ?? (envIdle ? parseSessionIdle(envIdle, "PI_SWITCHBOARD_SESSION_IDLE") : DEFAULT_SESSION_IDLE_MS);
      const rendererDir = await ensureRendererBuilt((line) => process.stderr.write(`${line}\n`));
      const agentDir = resolveAgentDir(opts.agentDir);
      // The page's Preferences view: what serve runs on, and which preferences only the tray app has.
      const preferences = servePreferences({ agentDir, agentDirFlag: opts.agentDir, defaultAgentDir: resolveAgentDir() });
      const host = await createHost({ agentDir, verdict: true, checkCredits: true, features: { preferences } });
      const server = await startServe({ api: host.api, rendererDir, port: opts.port ?? 0, sessionIdleMs }).catch((error: unknown) => {
        host.close();
        throw listenError(error, opts.port ?? 0);
      });
      process.stdout.write(`${server.url}\n`);
      process.stderr.write(`Serving pi's agent dir ${host.service.paths.dir}; the link works once, its session ends after ${formatIdle(sessionIdleMs)} without activity. Press Ctrl+C to stop.\n`);
      if (opts.open) openWindow(server);
      const stop = () => {
        void server.close().finally(() => {
          host.close();
          process.exit(0);
        });
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
