/**
 * What the app learns from pi, kept once for the whole test run: every `serve` an e2e file started
 * asked pi for its verdict anew (a pi child, about 2 s of CPU), though the answers are keyed by the
 * pi, its files and the environment its child is given (verdict-key.ts), so sharing them changes
 * no answer. Only pi's part of the app's cache dir is shared: the OpenRouter catalog cached beside
 * it is not keyed by the fake server's address and stays with the test file (serve-process.ts).
 *
 * - the default export is a vitest globalSetup (vitest.config.ts): it makes the run's dir and
 *   removes it when the run ends.
 * - `shareAppCachePiAnswers`, for serve-process.ts: links pi's subdirs of a file's cache dir to it.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's dir of pi's answers. */
    sharedPiCache: string;
  }
}

/** The app's cache subdirs that hold pi's answers (verdict-cache.ts, bundled-catalog.ts, pi-schema-check.ts). */
const PI_ANSWERS = ["pi-verdicts", "pi-catalogs", "pi-schema-checks"];

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "switchboard-e2e-pi-cache-"));
  project.provide("sharedPiCache", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

/** Points pi's subdirs of the app cache under `cacheHome` (an XDG_CACHE_HOME) at the run's. */
export function shareAppCachePiAnswers(cacheHome: string): void {
  const app = join(cacheHome, "pi-switchboard");
  mkdirSync(app, { recursive: true, mode: 0o700 });
  for (const name of PI_ANSWERS) {
    const shared = join(inject("sharedPiCache"), name);
    mkdirSync(shared, { recursive: true, mode: 0o700 });
    symlinkSync(shared, join(app, name));
  }
}
