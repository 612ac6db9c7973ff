import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appOwnDirs, findPiInstall, findPiPackage, globalBinDirs, locatePi, satisfiesEngines } from "../../../../src-main/core/pi/locate-pi.js";
import { layGlobalPrefix, REPO } from "../../../installed-pis.js";

const scratch = mkdtempSync(join(tmpdir(), "locate-pi-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const fresh = (name: string) => {
  const dir = join(scratch, `${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const EMPTY = fresh("empty");

/** A pi package as npm unpacks it: a real package.json and a `#!/usr/bin/env node` bin entry. */
function piPackage(name: string, version: string, engines = ">=22.19.0"): string {
  const dir = join(fresh("pkg"), ...name.split("/"));
  mkdirSync(join(dir, "dist", "bundle"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version, engines: { node: engines }, bin: { pi: "dist/bundle/cli.js" } }));
  writeFileSync(join(dir, "dist", "bundle", "cli.js"), "#!/usr/bin/env node\n");
  chmodSync(join(dir, "dist", "bundle", "cli.js"), 0o755);
  return dir;
}

/** A project's node_modules/.bin/pi (our repo's devDependency looks exactly like this). */
function projectBin(): string {
  const project = fresh("project");
  const pkg = join(project, "node_modules", "@mariozechner", "pi-coding-agent");
  mkdirSync(join(pkg, "dist"), { recursive: true });
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "@mariozechner/pi-coding-agent", version: "0.73.1", bin: { pi: "dist/cli.js" } }));
  writeFileSync(join(pkg, "dist", "cli.js"), "#!/usr/bin/env node\n");
  chmodSync(join(pkg, "dist", "cli.js"), 0o755);
  mkdirSync(join(project, "node_modules", ".bin"));
  symlinkSync("../@mariozechner/pi-coding-agent/dist/cli.js", join(project, "node_modules", ".bin", "pi"));
  return join(project, "node_modules", ".bin");
}

/** Homebrew's and /usr/local's bin are searched on every machine; a pi there is found, rightly. */
const MACHINE_WIDE_PI = ["/usr/local/bin/pi", "/opt/homebrew/bin/pi"].some((p) => existsSync(p));
const PI_160 = piPackage("@earendil-works/pi-coding-agent", "1.6.0");

describe("locatePi: the user's pi, not ours", () => {
  it("skips the repo's node_modules/.bin and any project's, as `npm run` puts them first on PATH", () => {
    const bin = layGlobalPrefix(fresh("prefix"), PI_160);
    const PATH = [join(REPO, "node_modules", ".bin"), projectBin(), bin, EMPTY].join(":");
    expect(locatePi({ PATH })).toEqual({ path: join(bin, "pi"), foundBy: "shell PATH", searchPath: PATH.split(":") });
    // Without the user's pi: never the devDependency (only a machine-wide pi, if this machine has one).
    const fallback = locatePi({ PATH: [join(REPO, "node_modules", ".bin"), projectBin(), EMPTY].join(":"), HOME: EMPTY });
    expect(fallback?.foundBy ?? null).not.toBe("shell PATH");
  });

  it("skips a PATH entry that is a symlink into a node_modules dir, and the app's own dirs", () => {
    const link = join(fresh("links"), "bin");
    symlinkSync(projectBin(), link);
    const app = fresh("app");
    const appBin = layGlobalPrefix(join(app, "resources"), PI_160);
    const user = layGlobalPrefix(fresh("prefix"), PI_160);
    expect(locatePi({ PATH: [link, appBin, user].join(":") }, { ownDirs: [app] })?.path).toBe(join(user, "pi"));
    expect(appOwnDirs()).toContain(REPO);
  });

  it("takes PI_SWITCHBOARD_PI over everything, even inside node_modules, and reports it missing otherwise", () => {
    const devPi = join(projectBin(), "pi");
    const user = layGlobalPrefix(fresh("prefix"), PI_160);
    expect(locatePi({ PI_SWITCHBOARD_PI: devPi, PATH: user })).toMatchObject({ path: devPi, foundBy: "PI_SWITCHBOARD_PI" });
    expect(locatePi({ PI_SWITCHBOARD_PI: PI_160, PATH: user })).toMatchObject({ path: PI_160, foundBy: "PI_SWITCHBOARD_PI" });
    expect(locatePi({ PI_SWITCHBOARD_PI: join(scratch, "nope"), PATH: user })).toBeNull();
  });

  it("searches the login shell's PATH before this process's (an app started from the desktop)", () => {
    const fromShell = layGlobalPrefix(fresh("nvm-like"), PI_160);
    const system = layGlobalPrefix(fresh("system"), piPackage("@mariozechner/pi-coding-agent", "0.73.1", ">=20.6.0"));
    const found = locatePi({ PATH: system }, { loginShellEnv: { PATH: `${EMPTY}:${fromShell}` } });
    expect(found).toMatchObject({ path: join(fromShell, "pi"), foundBy: "login shell" });
    expect(locatePi({ PATH: system }, { loginShellEnv: { PATH: EMPTY } })).toMatchObject({ path: join(system, "pi"), foundBy: "shell PATH" });
  });
});

describe("locatePi: global install dirs off PATH", () => {
  it("finds nvm's newest Node's pi first", () => {
    const home = fresh("home");
    const versions = join(home, ".nvm", "versions", "node");
    for (const v of ["v18.20.4", "v22.3.0", "v22.19.0", "v20.19.1"]) layGlobalPrefix(join(versions, v), PI_160);
    expect(globalBinDirs({ HOME: home }, "linux").filter((d) => d.kind === "nvm").map((d) => d.dir)).toEqual(
      ["v22.19.0", "v22.3.0", "v20.19.1", "v18.20.4"].map((v) => join(versions, v, "bin")),
    );
    expect(locatePi({ PATH: EMPTY, HOME: home })).toEqual({ path: join(versions, "v22.19.0", "bin", "pi"), foundBy: "global prefix: nvm", searchPath: [EMPTY] });
  });

  it("finds fnm ($FNM_DIR), volta, pnpm, ~/.npm-global and an npm prefix from npmrc", () => {
    const home = fresh("home");
    const fnm = fresh("fnm");
    layGlobalPrefix(join(fnm, "node-versions", "v22.19.0", "installation"), PI_160);
    expect(locatePi({ PATH: EMPTY, HOME: home, FNM_DIR: fnm })?.foundBy).toBe("global prefix: fnm");

    const prefix = fresh("npmrc-prefix");
    layGlobalPrefix(prefix, PI_160);
    writeFileSync(join(home, ".npmrc"), `registry=https://registry.npmjs.org/\nprefix = ${prefix}\n`);
    expect(locatePi({ PATH: EMPTY, HOME: home })).toMatchObject({ path: join(prefix, "bin", "pi"), foundBy: "global prefix: npm" });
    expect(locatePi({ PATH: EMPTY, HOME: fresh("home"), npm_config_prefix: prefix })?.foundBy).toBe("global prefix: npm");

    const dirs = globalBinDirs({ HOME: home, VOLTA_HOME: "/v", PNPM_HOME: "/p" }, "darwin");
    expect(dirs).toEqual(expect.arrayContaining([
      { dir: "/v/bin", kind: "volta" },
      { dir: "/p", kind: "pnpm" },
      { dir: join(home, ".local", "share", "pnpm"), kind: "pnpm" },
      { dir: join(home, ".npm-global", "bin"), kind: "npm-global" },
      { dir: "/opt/homebrew/bin", kind: "homebrew" },
    ]));
  });

  it("reads ~/.npmrc through the bounded reader: a FIFO there is passed over at once, not waited on", () => {
    const home = fresh("home");
    const npmrc = join(home, ".npmrc");
    execFileSync("mkfifo", [npmrc]);
    // A writer that shows up after 3 s: a reader that waits for it would take that long and read its prefix.
    const writer = spawn("sh", ["-c", `sleep 3; echo prefix=/from-the-fifo > '${npmrc}'`], { stdio: "ignore" });
    try {
      const started = Date.now();
      expect(globalBinDirs({ HOME: home }, "linux").map((d) => d.dir)).not.toContain("/from-the-fifo/bin");
      expect(locatePi({ PATH: EMPTY, HOME: home })).toBeNull();
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      writer.kill("SIGKILL");
    }
  });
});

describe("findPiInstall: npm's own answer, last", () => {
  it.skipIf(MACHINE_WIDE_PI)("asks the user's npm for its global prefix (`npm prefix -g`) when nothing else finds pi", async () => {
    const prefix = fresh("npm-prefix");
    layGlobalPrefix(prefix, PI_160);
    // The user's npm, on PATH: here a script that answers as npm does for a custom prefix.
    const npmDir = fresh("npm-bin");
    writeFileSync(join(npmDir, "npm"), `#!/bin/sh\n[ "$1 $2" = "prefix -g" ] && echo "${prefix}"\n`);
    chmodSync(join(npmDir, "npm"), 0o755);
    const { info } = await findPiInstall({ PATH: `${npmDir}:${EMPTY}`, HOME: EMPTY });
    expect(info).toMatchObject({ found: true, path: join(prefix, "bin", "pi"), foundBy: "global prefix: npm", version: "1.6.0" });
  });
});

describe("findPiPackage", () => {
  it("follows bin/pi to the package as installed, under both package names", () => {
    const prefix = fresh("prefix");
    const bin = layGlobalPrefix(prefix, PI_160);
    const pkg = findPiPackage(join(bin, "pi"));
    // The prefix's own path (the package dir here is a symlink); Node resolves deps from the real one.
    expect(pkg).toMatchObject({ dir: join(prefix, "lib", "node_modules", "@earendil-works", "pi-coding-agent"), realDir: PI_160, json: { version: "1.6.0" } });
    expect(findPiPackage(join(projectBin(), "pi"))?.json.name).toBe("@mariozechner/pi-coding-agent");
  });

  it("refuses a package that only looks like pi", () => {
    const dir = piPackage("pi-coding-agent-fork", "9.9.9");
    expect(findPiPackage(join(dir, "dist", "bundle", "cli.js"))).toBeNull();
  });
});

describe("findPiInstall: which Node runs pi", () => {
  it("prefers the node beside pi (npm prefix, nvm) and says whether it meets pi's engines", async () => {
    // This test's own Node is a real one; its version decides the engines answer.
    const prefix = fresh("prefix");
    layGlobalPrefix(prefix, PI_160, { node: process.execPath });
    const otherNode = fresh("other-node");
    symlinkSync(process.execPath, join(otherNode, "node"));
    const { info } = await findPiInstall({ PATH: `${otherNode}:${join(prefix, "bin")}` });
    expect(info).toMatchObject({
      found: true,
      version: "1.6.0",
      path: join(prefix, "bin", "pi"),
      packageName: "@earendil-works/pi-coding-agent",
      packageDir: join(prefix, "lib", "node_modules", "@earendil-works", "pi-coding-agent"),
      foundBy: "shell PATH",
      engines: ">=22.19.0",
      node: { path: join(prefix, "bin", "node"), version: process.versions.node, satisfiesEngines: satisfiesEngines(process.versions.node, ">=22.19.0") },
    });
    expect(info.summary).toBe(`pi 1.6.0 at ${info.packageDir} (Node ${process.versions.node} at ${join(prefix, "bin", "node")})`);
    if (!info.node!.satisfiesEngines) {
      expect(info.problem).toBe(`pi 1.6.0 needs Node >=22.19.0, but Node ${process.versions.node} would run it (${join(prefix, "bin", "node")}): put a newer Node first on PATH`);
    }
  });

  it("else takes the first node on the PATH pi was found on, skipping the app's own", async () => {
    const app = fresh("app");
    mkdirSync(join(app, "bin"));
    symlinkSync(process.execPath, join(app, "bin", "node"));
    const nodeDir = fresh("node-dir");
    symlinkSync(process.execPath, join(nodeDir, "node"));
    const bin = layGlobalPrefix(fresh("prefix"), PI_160);
    const { info } = await findPiInstall({ PATH: [join(app, "bin"), bin, nodeDir].join(":") }, { ownDirs: [app] });
    expect(info.node?.path).toBe(join(nodeDir, "node"));
  });

  it("answers engines questions like npm does", () => {
    expect(satisfiesEngines("22.23.5", ">=22.19.0")).toBe(true);
    expect(satisfiesEngines("22.3.0", ">=22.19.0")).toBe(false);
    expect(satisfiesEngines("20.20.2", ">=20.6.0")).toBe(true);
    expect(satisfiesEngines("23.0.0-pre", ">=22.19.0")).toBe(true);
    expect(satisfiesEngines(null, ">=22.19.0")).toBeNull();
    expect(satisfiesEngines("22.0.0", "not a range")).toBeNull();
  });

  it.skipIf(MACHINE_WIDE_PI)("says how to install pi when there is none", async () => {
    const { info } = await findPiInstall({ PATH: [join(REPO, "node_modules", ".bin"), EMPTY].join(":"), HOME: EMPTY });
    expect(info).toMatchObject({ found: false, path: null, node: null, foundBy: null });
    expect(info.summary).toContain("npm install -g @earendil-works/pi-coding-agent");
    expect(info.summary).toContain("Node ≥ 22.19");
    expect(info.problem).toContain("npm install -g @earendil-works/pi-coding-agent");
  });
});
