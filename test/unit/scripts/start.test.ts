/**
 * `npm start` (scripts/start.mjs) as a newcomer runs it: where no Electron window can open it says
 * why in one line and ends with `serve` running, its URL printed first on stdout — after a
 * download that fails fast: a host that does not resolve, and one that never answers (the
 * timeout). The real script, real serve, real sockets; nothing is downloaded.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { REPO } from "../../installed-pis.js";
import { makeAgentDir } from "../core/files/agent-dir-fixture.js";

// serve may build the renderer on its first run: tens of seconds on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const running: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) child.kill("SIGTERM");
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

function electronInstalled(): boolean {
  const dir = join(REPO, "node_modules", "electron");
  try {
    return existsSync(join(dir, "dist", readFileSync(join(dir, "path.txt"), "utf8").trim()));
  } catch {
    return false;
  }
}

interface Started {
  /** stderr up to the URL, and the URL (stdout's first line). */
  stderr: string;
  url: string;
  ms: number;
}

/** `node scripts/start.mjs --no-open --agent-dir …` until serve prints its URL. */
async function npmStart(env: NodeJS.ProcessEnv): Promise<Started> {
  const made = await makeAgentDir();
  cleanups.push(made.cleanup);
  const started = Date.now();
  const { DISPLAY: _d, WAYLAND_DISPLAY: _w, ELECTRON_SKIP_BINARY_DOWNLOAD: _s, ...base } = process.env;
  const child = spawn(process.execPath, [join(REPO, "scripts", "start.mjs"), "--no-open", "--agent-dir", made.agentDir], {
    cwd: REPO,
    env: { ...base, PI_SWITCHBOARD_PI: join(REPO, "node_modules", ".bin", "pi"), ...env },
  });
  running.push(child);
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      stdout += d.toString();
      const newline = stdout.indexOf("\n");
      if (newline >= 0) resolve({ stderr, url: stdout.slice(0, newline), ms: Date.now() - started });
    });
    child.on("exit", (code) => reject(new Error(`npm start exited ${code} before printing a URL:\n${stdout}\n${stderr}`)));
  });
}

/** The URL is the window: the page answers on it. */
async function expectServing(url: string): Promise<void> {
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#ticket=[\w-]+$/);
  const page = await fetch(new URL("/", url));
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("<html");
}

const fallbackLines = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("No Electron window:"));

describe("npm start without an Electron window", () => {
  it("with no display: one line says so, then serve's URL", async () => {
    const run = await npmStart({});
    expect(fallbackLines(run.stderr)).toEqual([
      "No Electron window: there is no display here (DISPLAY and WAYLAND_DISPLAY are unset). Opening the same window in your browser instead (npm run cli -- serve):",
    ]);
    // Nothing is fetched for a window that could not open.
    expect(run.stderr).not.toContain("Fetching Electron");
    await expectServing(run.url);
  });

  it.skipIf(electronInstalled())("offline (the download host does not resolve): fetches, fails at once, says why, serves", async () => {
    const run = await npmStart({ DISPLAY: ":99", ELECTRON_MIRROR: "https://electron-mirror.invalid/releases/" });
    expect(run.stderr).toMatch(/^Fetching Electron \d+\.\d+\.\d+ for \S+ from electron-mirror\.invalid/m);
    expect(fallbackLines(run.stderr)).toEqual([
      "No Electron window: electron-mirror.invalid cannot be reached to fetch it (ENOTFOUND: offline?). Opening the same window in your browser instead (npm run cli -- serve):",
    ]);
    // No stack trace from electron's install step reaches the user.
    expect(run.stderr).not.toMatch(/\n\s+at /);
    await expectServing(run.url);
  });

  it.skipIf(electronInstalled())("a host that accepts and never answers: gives up after the timeout, says so, serves", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    cleanups.push(() => new Promise<void>((r) => {
      for (const socket of sockets) socket.destroy();
      silent.close(() => r());
    }));
    const port = (silent.address() as { port: number }).port;
    const run = await npmStart({ DISPLAY: ":99", ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, PI_SWITCHBOARD_ELECTRON_FIRST_BYTE_MS: "2000" });
    expect(fallbackLines(run.stderr)).toEqual([
      `No Electron window: 127.0.0.1:${port} sent nothing within 2 s (offline, or a firewall?). Opening the same window in your browser instead (npm run cli -- serve):`,
    ]);
    await expectServing(run.url);
  });
});
