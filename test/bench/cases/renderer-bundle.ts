/**
 * renderer-bundle: the renderer's JavaScript after a production build, gzipped, summed over every
 * .js file the build emits (so code-splitting cannot hide weight).
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { round } from "../stats.js";
import type { BenchCase } from "../types.js";

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js")).map((f) => join(dir, f));
}

export const rendererBundle: BenchCase = {
  name: "renderer-bundle",
  goal: "gzip_kb ≤ 250",
  async run() {
    const outDir = mkdtempSync(join(tmpdir(), "bench-renderer-"));
    const configFile = join(import.meta.dirname, "..", "..", "..", "src-renderer", "vite.config.ts");
    await build({ configFile, logLevel: "silent", build: { outDir, emptyOutDir: true } });
    const files = jsFiles(outDir);
    const raw = files.reduce((n, f) => n + readFileSync(f).length, 0);
    const gzip = files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    return { gzip_kb: round(gzip / 1024, 1), raw_kb: round(raw / 1024, 1), files: files.length, pass: gzip / 1024 <= 250 };
  },
};
