/**
 * Find the user's pi — the one their terminal runs when they type `pi` — and the Node that runs it.
 *
 * Order: PI_SWITCHBOARD_PI (an executable or a package dir); the login shell's PATH (handed over by
 * the Electron shell, see shell-env.ts); this process's PATH; then the usual global install dirs
 * (npm's prefix, nvm, fnm, volta, asdf, mise, pnpm, Homebrew, ~/.npm-global) for an app whose PATH
 * is neither. On every PATH, directories of this app and every `node_modules` dir are skipped:
 * `npm run cli` puts the repo's node_modules/.bin first, and the pi there is our devDependency,
 * not the user's. pi's bin is a `#!/usr/bin/env node` script, so the Node that runs it is the
 * `node` beside it (an npm prefix or nvm bin dir), else the first on the same PATH.
 *
 * Used by pi-install.ts (loadPiCatalog), which adds pi's catalog to what this finds.
 */
import type { RulesInfoKeys } from "./pi-rules.js";
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readlinkSync, realpathSync, statSync, lstatSync } from "node:fs";
import { delimiter, dirname, isAbsolute, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import semver from "semver";
import type { PiFoundBy, PiInfo, PiNodeInfo } from "../common/index.js";
import { readPiFileBytesSync } from "../files/read-pi-file.js";

/** pi's npm names: `@mariozechner/…` up to 0.73.1, `@earendil-works/…` from 0.74.0. */
export const PI_PACKAGE_NAMES = ["@earendil-works/pi-coding-agent", "@mariozechner/pi-coding-agent"] as const;
export const PI_INSTALL_COMMAND = "npm install -g @earendil-works/pi-coding-agent";
/** What current pi (1.x) declares in engines.node. */
export const PI_NODE_REQUIREMENT = "Node ≥ 22.19";
const TOOL_TIMEOUT_MS = 3_000;

export interface LocateOptions {
  /** The login shell's environment (Electron): its PATH is searched before this process's. */
  loginShellEnv?: Record<string, string> | null;
  /** This app's own directories; pi or node inside them is ours, not the user's. Default: appOwnDirs(). */
  ownDirs?: string[];
  platform?: NodeJS.Platform;
}

export interface LocatedPi {
  /** The `pi` found (as found: a symlink stays a symlink), or PI_SWITCHBOARD_PI's value. */
  path: string;
  foundBy: PiFoundBy;
  /** The PATH the shell would search for `node` when it runs this pi. */
  searchPath: string[];
}

export interface PiPackageJson {
  name?: string;
  version?: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
}

export interface PiPackage {
  /** The package dir as installed (a global prefix's lib/node_modules/…), symlinks kept. */
  dir: string;
  /** The same with symlinks resolved: where Node looks up pi's own dependencies. */
  realDir: string;
  json: PiPackageJson;
}

/** What loadPiCatalog adds its catalog to. */
export interface PiInstall {
  info: Omit<PiInfo, "catalog" | RulesInfoKeys>;
  package: PiPackage | null;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readPiFileBytesSync(path).toString("utf8")) as T;
  } catch {
    return null;
  }
}

/** The app's install dir: the checkout (CLI, serve) or the app bundle (Electron), plus Electron's own dir. */
export function appOwnDirs(): string[] {
  const dirs: string[] = [];
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (readJson<{ name?: string }>(join(dir, "package.json"))?.name === "pi-switchboard") {
      dirs.push(dir);
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // In Electron, process.execPath is the app's binary; under Node it is the user's node, whose dir is not ours.
  if (process.versions.electron) dirs.push(dirname(process.execPath));
  return dirs;
}

function isInside(dir: string, root: string): boolean {
  return dir === root || dir.startsWith(root.endsWith(sep) ? root : root + sep);
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A directory of this app (its checkout, its bundle), also through a symlink. */
export function isAppOwnDir(dir: string, ownDirs: string[]): boolean {
  const real = realOrSelf(dir);
  return ownDirs.some((root) => isInside(resolve(dir), root) || isInside(real, realOrSelf(root)));
}

/** Where the user's shell would not find *their* pi: this app's dirs and any project's node_modules. */
export function isSkippedPiDir(dir: string, ownDirs: string[]): boolean {
  const inNodeModules = (p: string) => p.split(/[\\/]/).includes("node_modules");
  return inNodeModules(dir) || inNodeModules(realOrSelf(dir)) || isAppOwnDir(dir, ownDirs);
}

function splitPath(path: string | undefined): string[] {
  return (path ?? "").split(delimiter).filter((d) => d && isAbsolute(d));
}

function piNames(platform: NodeJS.Platform): string[] {
  return platform === "win32" ? ["pi.cmd", "pi.exe", "pi"] : ["pi"];
}

function findIn(dirs: string[], names: string[], skip: (dir: string) => boolean): string | null {
  for (const dir of dirs) {
    if (skip(dir)) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isFile(candidate)) return candidate;
    }
  }
  return null;
}

/** Version dirs (v22.19.0, 22.19.0, …) newest first; names that are not versions last. */
function newestFirst(names: string[]): string[] {
  const version = (name: string) => semver.valid(semver.coerce(name));
  return [...names].sort((a, b) => {
    const va = version(a);
    const vb = version(b);
    if (va && vb) return semver.rcompare(va, vb);
    return va ? -1 : vb ? 1 : a.localeCompare(b);
  });
}

function versionBins(root: string, inner: string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return newestFirst(names).map((name) => join(root, name, ...inner));
}

/** The `prefix=` line of an npmrc (npm's user config), if any. */
function npmrcPrefix(path: string | undefined): string | null {
  if (!path) return null;
  try {
    // The bounded reader: a FIFO or device as ~/.npmrc hung the app's start for good.
    const m = /^\s*prefix\s*=\s*(.+?)\s*$/m.exec(readPiFileBytesSync(path).toString("utf8"));
    return m ? m[1]!.replace(/^["']|["']$/g, "") : null;
  } catch {
    return null;
  }
}

export interface GlobalBinDir {
  dir: string;
  /** The installer that puts pi there: npm, nvm, fnm, volta, asdf, mise, pnpm, homebrew, npm-global, … */
  kind: string;
}

/**
 * Where global installs put `pi`, for an app started from a dock or a login item, whose PATH is
 * the system's and not the user's shell's. Cheap: directory listings, no process started.
 */
export function globalBinDirs(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): GlobalBinDir[] {
  const home = env.HOME ?? env.USERPROFILE ?? "";
  const win = platform === "win32";
  const prefixBin = (prefix: string) => (win ? prefix : join(prefix, "bin"));
  const xdgData = env.XDG_DATA_HOME ?? (home && join(home, ".local", "share"));
  const out: GlobalBinDir[] = [];
  const add = (kind: string, ...dirs: (string | null | undefined | false | "")[]) => {
    for (const dir of dirs) if (dir) out.push({ dir, kind });
  };
  const npmPrefix = env.npm_config_prefix ?? env.NPM_CONFIG_PREFIX ?? npmrcPrefix(env.npm_config_userconfig ?? (home && join(home, ".npmrc")));
  add("npm", npmPrefix && prefixBin(npmPrefix));
  const nvmDir = env.NVM_DIR ?? (home && join(home, ".nvm"));
  if (nvmDir) add("nvm", ...versionBins(join(nvmDir, "versions", "node"), ["bin"]));
  for (const fnmDir of [env.FNM_DIR, xdgData && join(xdgData, "fnm"), home && join(home, ".fnm"), home && platform === "darwin" && join(home, "Library", "Application Support", "fnm")]) {
    if (fnmDir) add("fnm", ...versionBins(join(fnmDir, "node-versions"), ["installation", "bin"]));
  }
  add("volta", env.VOLTA_HOME && join(env.VOLTA_HOME, "bin"), home && join(home, ".volta", "bin"));
  const asdfDir = env.ASDF_DATA_DIR ?? (home && join(home, ".asdf"));
  if (asdfDir) add("asdf", ...versionBins(join(asdfDir, "installs", "nodejs"), ["bin"]));
  const miseDir = env.MISE_DATA_DIR ?? (xdgData && join(xdgData, "mise"));
  if (miseDir) add("mise", ...versionBins(join(miseDir, "installs", "node"), ["bin"]));
  add("pnpm", env.PNPM_HOME, xdgData && join(xdgData, "pnpm"), home && platform === "darwin" && join(home, "Library", "pnpm"));
  add("npm-global", home && join(home, ".npm-global", "bin"));
  add("homebrew", !win && "/opt/homebrew/bin", !win && "/usr/local/bin");
  add("local", home && join(home, ".local", "bin"));
  add("bun", home && join(home, ".bun", "bin"));
  add("npm", win && env.APPDATA && join(env.APPDATA, "npm"));
  return out;
}

/** `pi` as the user's shell resolves it (see the header for the order); null when there is none. */
export function locatePi(env: NodeJS.ProcessEnv = process.env, options: LocateOptions = {}): LocatedPi | null {
  const platform = options.platform ?? process.platform;
  const ownDirs = options.ownDirs ?? appOwnDirs();
  const loginPath = splitPath(options.loginShellEnv?.PATH);
  const processPath = splitPath(env.PATH);
  const userPath = loginPath.length ? loginPath : processPath;
  const explicit = env.PI_SWITCHBOARD_PI;
  if (explicit) return existsSync(explicit) ? { path: explicit, foundBy: "PI_SWITCHBOARD_PI", searchPath: userPath } : null;
  const names = piNames(platform);
  const skip = (dir: string) => isSkippedPiDir(dir, ownDirs);
  const onLogin = findIn(loginPath, names, skip);
  if (onLogin) return { path: onLogin, foundBy: "login shell", searchPath: loginPath };
  const onPath = findIn(processPath, names, skip);
  if (onPath) return { path: onPath, foundBy: "shell PATH", searchPath: processPath };
  for (const { dir, kind } of globalBinDirs(options.loginShellEnv ? { ...env, ...options.loginShellEnv } : env, platform)) {
    const found = findIn([dir], names, skip);
    if (found) return { path: found, foundBy: `global prefix: ${kind}`, searchPath: userPath };
  }
  return null;
}

/** Follow a chain of symlinks one link at a time, keeping the directories' own names (unlike realpath). */
function followLinks(path: string): string {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    try {
      if (!lstatSync(current).isSymbolicLink()) return current;
      current = resolve(dirname(current), readlinkSync(current));
    } catch {
      return current;
    }
  }
  return current;
}

function piPackageAt(dir: string): PiPackage | null {
  const json = readJson<PiPackageJson>(join(dir, "package.json"));
  if (!json || !(PI_PACKAGE_NAMES as readonly string[]).includes(json.name ?? "")) return null;
  return { dir, realDir: realOrSelf(dir), json };
}

/**
 * pi's package from its bin (a symlink into the package, as npm, nvm and pnpm install it), a
 * package dir, or a shim beside the package (npm on Windows: pi.cmd next to node_modules/).
 */
export function findPiPackage(piPath: string): PiPackage | null {
  const start = followLinks(piPath);
  let dir = isDir(start) ? start : dirname(start);
  for (;;) {
    const found = piPackageAt(dir);
    if (found) return found;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const binDir = isDir(piPath) ? piPath : dirname(piPath);
  for (const name of PI_PACKAGE_NAMES) {
    for (const candidate of [join(binDir, "node_modules", name), join(binDir, "..", "lib", "node_modules", name)]) {
      const found = piPackageAt(resolve(candidate));
      if (found) return found;
    }
  }
  return null;
}

function nodeNames(platform: NodeJS.Platform): string[] {
  return platform === "win32" ? ["node.exe", "node"] : ["node"];
}

/** A global package's prefix bin: <prefix>/lib/node_modules/<name> → <prefix>/bin (POSIX npm layout). */
function prefixBinOf(packageDir: string): string | null {
  const parts = packageDir.split(sep);
  const at = parts.lastIndexOf("node_modules");
  if (at < 1 || parts[at - 1] !== "lib") return null;
  return join(parts.slice(0, at - 1).join(sep) || sep, "bin");
}

/**
 * The `node` that runs this pi: beside it (an npm prefix's or nvm's bin dir), beside its package's
 * global prefix, else the first on the PATH it was found through. Node inside this app does not count.
 */
export function findNodeFor(located: LocatedPi, pkg: PiPackage | null, options: LocateOptions = {}): string | null {
  const platform = options.platform ?? process.platform;
  const ownDirs = options.ownDirs ?? appOwnDirs();
  const beside = isDir(located.path) ? [] : [dirname(located.path)];
  const prefixBin = pkg ? prefixBinOf(pkg.dir) : null;
  const dirs = [...beside, ...(prefixBin ? [prefixBin] : []), ...located.searchPath];
  return findIn(dirs, nodeNames(platform), (dir) => isAppOwnDir(dir, ownDirs));
}

const nodeVersions = new Map<string, Promise<string | null>>();

/** `node --version` without the "v", once per binary (by real path); null when it does not run. */
export function nodeVersion(nodePath: string): Promise<string | null> {
  const key = realOrSelf(nodePath);
  if (key === realOrSelf(process.execPath) && !process.versions.electron) return Promise.resolve(process.versions.node);
  let pending = nodeVersions.get(key);
  if (!pending) {
    pending = new Promise((done) => {
      execFile(nodePath, ["--version"], { timeout: TOOL_TIMEOUT_MS, encoding: "utf8" }, (error, stdout) => {
        done(error ? null : stdout.trim().replace(/^v/, "") || null);
      });
    });
    nodeVersions.set(key, pending);
  }
  return pending;
}

/** Whether `version` meets pi's engines.node; null when either is unknown or the range unreadable. */
export function satisfiesEngines(version: string | null, range: string | null | undefined): boolean | null {
  if (!version || !range || !semver.validRange(range)) return null;
  return semver.satisfies(version, range, { includePrerelease: true });
}

/** One line for people, used by the CLI, the window and the tray: which pi, where, and its Node. */
export function piSummary(info: Omit<PiInfo, "catalog" | RulesInfoKeys | "summary" | "problem">): string {
  if (!info.found) return `pi not found — install it: ${PI_INSTALL_COMMAND} (needs ${PI_NODE_REQUIREMENT}), or set PI_SWITCHBOARD_PI`;
  const where = info.packageDir ?? info.path;
  const node = info.node ? `Node ${info.node.version ?? "of unknown version"} at ${info.node.path}` : "no Node found to run it";
  return `pi ${info.version ?? "(version unknown)"} at ${where} (${node})`;
}

/** What keeps the found pi from running (or being found), with the fix; null when nothing does. */
export function piProblem(info: Omit<PiInfo, "catalog" | RulesInfoKeys | "summary" | "problem">): string | null {
  if (!info.found) return `pi not found — ${PI_INSTALL_COMMAND} (${PI_NODE_REQUIREMENT})`;
  const needs = info.engines ? `Node ${info.engines}` : "Node";
  if (!info.node) return `No Node on PATH to run pi ${info.version ?? ""} — install ${needs}`.replace("  ", " ");
  if (info.node.satisfiesEngines === false) {
    return `pi ${info.version ?? ""} needs ${needs}, but Node ${info.node.version} would run it (${info.node.path}): put a newer Node first on PATH`.replace("  ", " ");
  }
  return null;
}

function npmOn(dirs: string[], platform: NodeJS.Platform, ownDirs: string[]): string | null {
  return findIn(dirs, platform === "win32" ? ["npm.cmd", "npm"] : ["npm"], (dir) => isSkippedPiDir(dir, ownDirs));
}

const npmPrefixes = new Map<string, Promise<string | null>>();

/** `npm prefix -g` of the user's npm, once per npm; null when there is no npm or it fails. */
function npmGlobalPrefix(npm: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  let pending = npmPrefixes.get(npm);
  if (!pending) {
    pending = new Promise((done) => {
      execFile(npm, ["prefix", "-g"], { timeout: TOOL_TIMEOUT_MS, encoding: "utf8", env, shell: process.platform === "win32" }, (error, stdout) => {
        done(error ? null : stdout.trim() || null);
      });
    });
    npmPrefixes.set(npm, pending);
  }
  return pending;
}

/**
 * pi as the user's shell finds it, its package and the Node that runs it. Last resort when
 * nothing else finds pi: ask the user's npm for its global prefix (`npm prefix -g`).
 */
export async function findPiInstall(env: NodeJS.ProcessEnv = process.env, options: LocateOptions = {}): Promise<PiInstall> {
  const platform = options.platform ?? process.platform;
  const ownDirs = options.ownDirs ?? appOwnDirs();
  let located = locatePi(env, { ...options, ownDirs });
  if (!located) {
    const searchPath = splitPath(options.loginShellEnv?.PATH ?? env.PATH);
    const npm = npmOn(searchPath, platform, ownDirs);
    const prefix = npm ? await npmGlobalPrefix(npm, options.loginShellEnv ? { ...env, ...options.loginShellEnv } : env) : null;
    const found = prefix ? findIn([platform === "win32" ? prefix : join(prefix, "bin")], piNames(platform), (dir) => isSkippedPiDir(dir, ownDirs)) : null;
    if (found) located = { path: found, foundBy: "global prefix: npm", searchPath };
  }
  if (!located) {
    const info = { found: false, version: null, path: null, packageName: null, packageDir: null, foundBy: null, engines: null, node: null };
    return { info: { ...info, summary: piSummary(info), problem: piProblem(info) }, package: null };
  }
  const pkg = findPiPackage(located.path);
  const engines = pkg?.json.engines?.node ?? null;
  const nodePath = findNodeFor(located, pkg, { ...options, ownDirs }) ?? (process.versions.electron ? null : process.execPath);
  let node: PiNodeInfo | null = null;
  if (nodePath) {
    const version = await nodeVersion(nodePath);
    node = { path: nodePath, version, satisfiesEngines: satisfiesEngines(version, engines) };
  }
  const info = {
    found: true,
    version: pkg?.json.version ?? null,
    path: located.path,
    packageName: pkg?.json.name ?? null,
    packageDir: pkg?.dir ?? null,
    foundBy: located.foundBy,
    engines,
    node,
  };
  return { info: { ...info, summary: piSummary(info), problem: piProblem(info) }, package: pkg };
}
