/**
 * The CLI as the tests start it: the built bundle (scripts/build-cli.mjs, what `npm install` ships
 * and the desktop app runs), not `tsx src-main/cli/main.ts`. tsx compiles the TypeScript on every
 * start (1.5–4 s per spawn on a loaded two-core machine); the bundle starts in well under a second.
 *
 * - the default export is a vitest globalSetup (vitest.config.ts): it builds the bundle once per
 *   `vitest run` and hands its path to the test files (`provide`/`inject`).
 * - `cliArgv`, for the test files: the command and arguments that run the CLI.
 *
 * Where it builds: inside the repo so the bundle's externals (keyring, vite) resolve from its
 * node_modules, and exactly two levels below the repo root, as out/cli is: `serve` looks for the
 * window's build at `../../out/renderer` from its own module (renderer-build.ts), so the bundle
 * serves (and, when the sources are newer, rebuilds under a lock) the same out/renderer that
 * `npm run cli -- serve` does. One dir per run (its pid): several `vitest run`s share this tree.
 *
 * A clone's `npm run cli --` (tsx on the source) is still run by a few tests on purpose: the
 * first case of test/conformance/cli-conformance.test.ts and cli-errors' usage line.
 */
import { execFile } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { inject } from "vitest";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The built CLI's entry, `<repo>/node_modules/.pi-switchboard-test-cli-<pid>/pi-switchboard.mjs`. */
    cliBundle: string;
  }
}

const REPO = join(import.meta.dirname, "..");
const PREFIX = ".pi-switchboard-test-cli-";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A run that was killed never tore down: its build goes when its pid is gone. */
function removeLeftovers(): void {
  for (const name of readdirSync(join(REPO, "node_modules"))) {
    const pid = Number(name.slice(PREFIX.length));
    if (name.startsWith(PREFIX) && Number.isInteger(pid) && !isRunning(pid)) rmSync(join(REPO, "node_modules", name), { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  removeLeftovers();
  const outDir = join(REPO, "node_modules", `${PREFIX}${process.pid}`);
  await promisify(execFile)(process.execPath, [join(REPO, "scripts", "build-cli.mjs"), "--outdir", outDir], { cwd: REPO });
  project.provide("cliBundle", join(outDir, "pi-switchboard.mjs"));
  return () => rmSync(outDir, { recursive: true, force: true });
}

/** `pi-switchboard <args>` as installed: the command and its arguments, for spawn/execFile. */
export function cliArgv(args: string[]): [string, string[]] {
  return [process.execPath, [inject("cliBundle"), ...args]];
}
