/**
 * `serve` must work right after `npm install`, before anyone ran a build: this builds the renderer
 * with Vite's API when out/renderer is missing or older than its sources. Builds go to a temp dir
 * and are swapped in under a lock, so two `serve` processes starting together never see (or
 * serve) a half-written build.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import lockfile from "proper-lockfile";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const RENDERER_OUT = join(REPO_ROOT, "out", "renderer");
const SOURCES = [join(REPO_ROOT, "src-renderer"), join(REPO_ROOT, "src-main", "core", "common")];

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), s.mtimeMs);
}

export function isRendererStale(outDir = RENDERER_OUT): boolean {
  const index = join(outDir, "index.html");
  if (!existsSync(index)) return true;
  const sources = SOURCES.filter(existsSync).reduce((max, p) => Math.max(max, newestMtime(p)), 0);
  return statSync(index).mtimeMs < sources;
}

/** Builds out/renderer when needed; `log` gets one line per build so the user knows why start-up waits. */
export async function ensureRendererBuilt(log: (line: string) => void = () => {}): Promise<string> {
  if (!isRendererStale()) return RENDERER_OUT;
  await mkdir(dirname(RENDERER_OUT), { recursive: true });
  const release = await lockfile.lock(RENDERER_OUT, { realpath: false, stale: 120_000, retries: { retries: 600, minTimeout: 200, maxTimeout: 500 } });
  try {
    // Another process may have finished the build while we waited for the lock.
    if (!isRendererStale()) return RENDERER_OUT;
    log("Building the window (first run or sources changed)…");
    const { build } = await import("vite");
    const temp = `${RENDERER_OUT}.tmp-${process.pid}`;
    await build({ configFile: join(REPO_ROOT, "src-renderer", "vite.config.ts"), logLevel: "error", build: { outDir: temp, emptyOutDir: true } });
    await rm(RENDERER_OUT, { recursive: true, force: true });
    await rename(temp, RENDERER_OUT);
    return RENDERER_OUT;
  } finally {
    await release();
  }
}
