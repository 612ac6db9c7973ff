/**
 * What the app learns from pi, kept once per test run. Tests that open a host or start `serve` each
 * get their own app cache dir (the OpenRouter catalog cached there is not keyed by the fake
 * server's address, and would serve another test's list), but pi's answers are keyed by the pi, its
 * files and the environment its child is given, so sharing them changes no answer and spares each
 * test a `pi --version` (1-4 s of CPU) and a `serve` a verdict (a pi child, about 2 s) where
 * another asked the same. That is mostly within one e2e file: files differ in their cache home and
 * vitest's worker ids (both in the verdict's key), and most serves in models.json's fake address.
 *
 * - the default export is a vitest globalSetup (vitest.config.ts): it makes the run's dir and
 *   removes it when the run ends.
 * - `withSharedPiStarts`: the `pi --version` memo (pi-start-memo.ts, remembering only starts that
 *   worked) copied into a test's cache dir before its host opens, and the first one written copied
 *   back. A pi that does not start (pi-start-failure) is still run every time. Used by the
 *   renderer's real API (test/unit/renderer/real-api.ts), the core's host tests and e2e `serve`.
 * - `shareAppCachePiAnswers`: links pi's verdicts, catalog and schema checks in a cache dir to the
 *   run's (test/e2e/serve-process.ts).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { inject } from "vitest";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's dir of pi's answers. */
    sharedPiAnswers: string;
  }
}

/** The app's cache subdirs that hold pi's answers (verdict-cache.ts, bundled-catalog.ts, pi-schema-check.ts). */
const PI_ANSWERS = ["pi-verdicts", "pi-catalogs", "pi-schema-checks"];

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "switchboard-test-pi-answers-"));
  project.provide("sharedPiAnswers", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

/** Opens a host (`open`) whose env has `XDG_CACHE_HOME` = `cacheHome`, with pi starts remembered across the run's tests. */
export async function withSharedPiStarts<T>(cacheHome: string, open: () => Promise<T>): Promise<T> {
  const shared = join(inject("sharedPiAnswers"), "pi-starts.json");
  const memo = join(cacheHome, "pi-switchboard", "pi-starts.json");
  if (existsSync(shared) && !existsSync(memo)) {
    mkdirSync(dirname(memo), { recursive: true });
    copyFileSync(shared, memo);
  }
  const opened = await open();
  if (!existsSync(shared) && existsSync(memo)) {
    // Aside and renamed: a worker reading it at the same time sees all of it or none.
    const temp = `${shared}.${process.pid}.tmp`;
    copyFileSync(memo, temp);
    renameSync(temp, shared);
  }
  return opened;
}

/** Points pi's subdirs of the app cache under `cacheHome` (an XDG_CACHE_HOME) at the run's. */
export function shareAppCachePiAnswers(cacheHome: string): void {
  const app = join(cacheHome, "pi-switchboard");
  mkdirSync(app, { recursive: true, mode: 0o700 });
  for (const name of PI_ANSWERS) {
    const shared = join(inject("sharedPiAnswers"), name);
    mkdirSync(shared, { recursive: true, mode: 0o700 });
    symlinkSync(shared, join(app, name));
  }
}
