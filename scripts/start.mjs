#!/usr/bin/env node
/**
 * `npm start`: the Electron app with a hot-reloading renderer (electron-vite dev).
 *
 * Electron 45 has no install script (and .npmrc turns install scripts off): its binary is fetched
 * here, once, by electron's own install step (node_modules/electron/install.js), with progress.
 * Where no Electron window can open — no Electron build for this platform, no display, the
 * download fails or stalls (offline), or the binary cannot run — one line says why, and the same
 * window opens in the browser instead (`serve`, whose first line is its URL). It never just exits.
 *
 * Arguments after `npm start --` go to whichever starts (`--port N`, `--agent-dir DIR` for serve).
 */
import { spawn, spawnSync } from "node:child_process";
import { lookup } from "node:dns/promises";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const ELECTRON_DIR = dirname(require.resolve("electron/package.json"));
const ELECTRON_VERSION = JSON.parse(readFileSync(join(ELECTRON_DIR, "package.json"), "utf8")).version;
const BUILD = `${process.platform}-${process.arch}`;
/** The builds Electron publishes from 44 on (win32/ia32 and linux/armv7l were dropped). */
const ELECTRON_BUILDS = new Set(["darwin-x64", "darwin-arm64", "win32-x64", "win32-arm64", "linux-x64", "linux-arm64"]);
/** No byte by then, or no new byte for STALL_MS: the network is not giving us Electron (a firewall
 *  that drops packets never answers at all), so the browser window opens instead of a long wait. */
const FIRST_BYTE_MS = Number(process.env.PI_SWITCHBOARD_ELECTRON_FIRST_BYTE_MS) || 20_000;
const STALL_MS = 30_000;
const args = process.argv.slice(2);

/** Why no Electron window can open here before anything is downloaded, or null. */
function reasonBeforeDownload() {
  if (!ELECTRON_BUILDS.has(BUILD)) return `Electron ${ELECTRON_VERSION} has no build for ${BUILD}`;
  if (process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return "there is no display here (DISPLAY and WAYLAND_DISPLAY are unset)";
  return null;
}

/** The installed binary of this electron version, or null (install.js's own isInstalled test). */
function electronBinary() {
  try {
    const version = readFileSync(join(ELECTRON_DIR, "dist", "version"), "utf8").trim().replace(/^v/, "");
    const binary = join(ELECTRON_DIR, "dist", readFileSync(join(ELECTRON_DIR, "path.txt"), "utf8").trim());
    return version === ELECTRON_VERSION && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function downloadHost() {
  const mirror = process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror || "https://github.com/electron/electron/releases/download/";
  try {
    return new URL(mirror).host;
  } catch {
    return mirror;
  }
}

/** Bytes of the archive install.js is downloading into `dir` (its temp dir), 0 before the first. */
function downloadedBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".zip")) total += statSync(join(entry.parentPath ?? entry.path, entry.name), { throwIfNoEntry: false })?.size ?? 0;
  }
  return total;
}

/** install.js prints only a stack ("TypeError: fetch failed"): name the cause a user can act on. */
async function explainFailure(output, host) {
  const said = /^\w*Error: (.+)$/m.exec(output)?.[1]?.trim() ?? output.trim().split("\n").pop() ?? "no output";
  if (!/fetch failed/i.test(said)) return `fetching it failed (${said})`;
  try {
    await lookup(host.replace(/:\d+$/, ""));
    return `${host} could not be reached to fetch it (${said})`;
  } catch (error) {
    return `${host} cannot be reached to fetch it (${error.code ?? "DNS lookup failed"}: offline?)`;
  }
}

/** Runs electron's own install step; null when the binary is there, else why not. */
async function fetchElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return "ELECTRON_SKIP_BINARY_DOWNLOAD is set, so its binary is not fetched";
  const host = downloadHost();
  process.stderr.write(`Fetching Electron ${ELECTRON_VERSION} for ${BUILD} from ${host} (once, about 100 MB)…\n`);
  // Its temp dir in a place we know, so the download's size can be shown and a stall noticed.
  const temp = join(REPO, "node_modules", ".cache", "pi-switchboard", `electron-download-${process.pid}`);
  mkdirSync(temp, { recursive: true });
  const child = spawn(process.execPath, [join(ELECTRON_DIR, "install.js")], {
    env: { ...process.env, TMPDIR: temp, TEMP: temp, TMP: temp, ELECTRON_GET_NO_PROGRESS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const distDir = join(ELECTRON_DIR, "dist");
  const distBefore = statSync(distDir, { throwIfNoEntry: false })?.mtimeMs ?? null;
  const started = Date.now();
  let bytes = 0;
  let grewAt = started;
  let lastLine = 0;
  let timedOut = null;
  const tty = process.stderr.isTTY;
  const poll = setInterval(() => {
    const now = Date.now();
    const size = downloadedBytes(temp);
    if (size > bytes) {
      bytes = size;
      grewAt = now;
      const text = `  ${(bytes / 1e6).toFixed(1)} MB in ${Math.round((now - started) / 1000)} s`;
      if (tty) process.stderr.write(`\r${text}`);
      else if (now - lastLine >= 5000) {
        process.stderr.write(`${text}\n`);
        lastLine = now;
      }
    }
    // Extracting (dist/ appears or changes), from the download or a cached archive: nothing to time out.
    const extracting = (statSync(distDir, { throwIfNoEntry: false })?.mtimeMs ?? null) !== distBefore;
    if (!extracting && bytes === 0 && now - started > FIRST_BYTE_MS) timedOut = `${host} sent nothing within ${FIRST_BYTE_MS / 1000} s (offline, or a firewall?)`;
    else if (!extracting && bytes > 0 && size > 0 && now - grewAt > STALL_MS) timedOut = `the download from ${host} stalled for ${STALL_MS / 1000} s`;
    if (timedOut) child.kill();
  }, 250);
  const code = await new Promise((done) => child.on("close", (c) => done(c)));
  clearInterval(poll);
  if (tty && bytes) process.stderr.write("\n");
  rmSync(temp, { recursive: true, force: true });
  if (timedOut) return timedOut;
  if (code === 0 && electronBinary()) return null;
  return explainFailure(output, host);
}

/** A binary that is there may still not run (missing system libraries): ask it, as Node, for nothing. */
function cannotRun(binary) {
  const run = spawnSync(binary, ["-e", ""], { env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" }, encoding: "utf8", timeout: 30_000 });
  if (run.status === 0) return null;
  const said = (run.error?.message ?? run.stderr.trim().split("\n")[0]) || `exit ${run.status ?? run.signal}`;
  return `the Electron binary does not run here (${said})`;
}

function startChild(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: "inherit", cwd: REPO });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function noWindowReason() {
  const early = reasonBeforeDownload();
  if (early) return early;
  let binary = electronBinary();
  if (!binary) {
    const failed = await fetchElectron();
    if (failed) return failed;
    binary = electronBinary();
  }
  return cannotRun(binary);
}

const reason = await noWindowReason();
if (reason) {
  process.stderr.write(`No Electron window: ${reason}. Opening the same window in your browser instead (npm run cli -- serve):\n`);
  startChild(process.execPath, [require.resolve("tsx/cli"), join(REPO, "src-main", "cli", "main.ts"), "serve", ...args]);
} else {
  // node + the bin script, not npx: spawning npx.cmd without a shell fails on Windows (Node ≥ 20.12).
  startChild(process.execPath, [join(REPO, "node_modules", "electron-vite", "bin", "electron-vite.js"), "dev", ...args]);
}
