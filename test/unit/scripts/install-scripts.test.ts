/**
 * `.npmrc` keeps `ignore-scripts=true` only because no dependency needs its install script to
 * work. This is the review behind that: every package in package-lock.json that has one, and why
 * skipping it is safe. A new dependency with an install script fails here until it is reviewed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../../installed-pis.js";

const REVIEWED: Record<string, string> = {
  "@google/genai": "preinstall is `echo 'preinstall: no-op'` (pi 0.73.1's dependency, tests only)",
  "electron-winstaller": "copies a 7-Zip for Squirrel.Windows; the release builds nsis, not Squirrel",
  "es5-ext": "postinstall only prints a message",
  esbuild: "postinstall only verifies the platform binary, which comes as an optionalDependency",
  koffi: "ships prebuilt binaries for every platform in build/koffi; the script only checks for one (pi-tui, tests only)",
  protobufjs: "postinstall only warns about version schemes of dependents",
};

describe("install scripts that ignore-scripts skips", () => {
  it("are only the reviewed ones", () => {
    const lock = JSON.parse(readFileSync(join(REPO, "package-lock.json"), "utf8")) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length));
    expect([...new Set(withScripts)].sort()).toEqual(Object.keys(REVIEWED).sort());
  });

  it("are off, and electron has none (npm start fetches its binary)", () => {
    expect(readFileSync(join(REPO, ".npmrc"), "utf8")).toMatch(/^ignore-scripts=true$/m);
    const electron = JSON.parse(readFileSync(join(REPO, "node_modules", "electron", "package.json"), "utf8")) as { scripts?: Record<string, string> };
    expect(Object.keys(electron.scripts ?? {}).filter((s) => /install/.test(s))).toEqual([]);
  });
});
