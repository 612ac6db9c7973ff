/**
 * "Install command-line tool…": where the script goes on each platform, that it runs the CLI the app
 * ships (or its AppImage copy) with the user's Node, what the user is told when the dir is not on
 * PATH, and that a `pi-switchboard` the app did not write is never replaced. The script itself is
 * run with a real sh against a stand-in bundle.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliInstallPlan, isOurShim, pathAdvice, SHIM_MARK, type CliInstallInput } from "../../../src-main/electron/cli-install.js";
import { buildTrayMenu } from "../../../src-main/electron/tray-menu.js";
import { model, snapshot } from "./snapshot-fixture.js";

const linux: CliInstallInput = { platform: "linux", home: "/home/ada", path: "/usr/local/bin:/usr/bin:/bin", resourcesDir: "/opt/Pi Switchboard/resources", appImage: undefined, dataDir: "/home/ada/.config/Pi Switchboard" };
const scratch = mkdtempSync(join(tmpdir(), "cli-install-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("cliInstallPlan", () => {
  it("Linux: ~/.local/bin, running the bundle in the app's resources, and says when that dir is not on PATH", () => {
    const plan = cliInstallPlan(linux);
    expect(plan).toMatchObject({ supported: true, binDir: "/home/ada/.local/bin", target: "/home/ada/.local/bin/pi-switchboard", copy: null, onPath: false });
    expect(plan.supported && plan.script).toContain(`exec node '/opt/Pi Switchboard/resources/cli/out/cli/pi-switchboard.mjs' "$@"`);
    expect(cliInstallPlan({ ...linux, path: "/home/ada/.local/bin/:/usr/bin" })).toMatchObject({ onPath: true });
  });

  it("macOS: /usr/local/bin", () => {
    expect(cliInstallPlan({ ...linux, platform: "darwin", home: "/Users/ada", resourcesDir: "/Applications/Pi Switchboard.app/Contents/Resources" })).toMatchObject({ binDir: "/usr/local/bin", target: "/usr/local/bin/pi-switchboard", onPath: true });
  });

  it("an AppImage (mounted anew at each start) copies the CLI to the data dir and runs the copy", () => {
    const plan = cliInstallPlan({ ...linux, resourcesDir: "/tmp/.mount_PiSwiXYZ/resources", appImage: "/home/ada/Apps/pi-switchboard.AppImage" });
    expect(plan).toMatchObject({ copy: { from: "/tmp/.mount_PiSwiXYZ/resources/cli", to: "/home/ada/.config/Pi Switchboard/cli" } });
    expect(plan.supported && plan.script).toContain("exec node '/home/ada/.config/Pi Switchboard/cli/out/cli/pi-switchboard.mjs'");
    expect(plan.supported && plan.script).not.toContain(".mount_");
  });

  it("Windows is not offered (npm i -g is)", () => {
    expect(cliInstallPlan({ ...linux, platform: "win32" })).toMatchObject({ supported: false, reason: expect.stringMatching(/npm i -g/) });
  });
});

describe("the script", () => {
  const resources = join(scratch, "it's resources");
  const bundle = join(resources, "cli", "out", "cli", "pi-switchboard.mjs");
  mkdirSync(dirname(bundle), { recursive: true });
  writeFileSync(bundle, "console.log(JSON.stringify(process.argv.slice(2)));\n");
  const plan = cliInstallPlan({ ...linux, resourcesDir: resources });
  const shim = join(scratch, "pi-switchboard");
  if (plan.supported) writeFileSync(shim, plan.script);
  chmodSync(shim, 0o755);

  it("runs the bundle with the node on PATH and passes every argument through unchanged", () => {
    const out = execFileSync(shim, ["models", "--agent-dir", "a dir with 'quotes' and $HOME"], { env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin` }, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual(["models", "--agent-dir", "a dir with 'quotes' and $HOME"]);
  });

  it("says what is missing when there is no node on PATH", () => {
    let stderr = "";
    try {
      execFileSync(shim, ["models"], { env: { PATH: "/nonexistent" }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      stderr = String((error as { stderr: string }).stderr);
      expect((error as { status: number }).status).toBe(127);
    }
    expect(stderr).toMatch(/Node\.js 22 or newer/);
  });
});

describe("pathAdvice and isOurShim", () => {
  it("gives the line for the user's shell, with $HOME", () => {
    expect(pathAdvice("/home/ada/.local/bin", "/home/ada", "/bin/zsh")).toBe('/home/ada/.local/bin is not on your PATH. Add this line to ~/.zshrc, then open a new terminal:\nexport PATH="$HOME/.local/bin:$PATH"');
    expect(pathAdvice("/home/ada/.local/bin", "/home/ada", "/bin/bash")).toContain("~/.bashrc");
    expect(pathAdvice("/home/ada/.local/bin", "/home/ada", undefined)).toContain("~/.profile");
    expect(pathAdvice("/home/ada/.local/bin", "/home/ada", "/usr/bin/fish")).toBe("/home/ada/.local/bin is not on your PATH. Run once: fish_add_path $HOME/.local/bin");
  });

  it("replaces only a script this app wrote, never another pi-switchboard (an npm install's link)", () => {
    expect(isOurShim(null)).toBe(true);
    expect(isOurShim(`#!/bin/sh\n${SHIM_MARK}\nexec node /old/path "$@"\n`)).toBe(true);
    expect(isOurShim("#!/usr/bin/env node\nimport './chunk.mjs';\n")).toBe(false);
  });
});

describe("the tray's item", () => {
  const labels = (canInstallCli: boolean | undefined) => buildTrayMenu({ snapshot: snapshot([model("openrouter/openai/gpt-4o", { default: true })]), launchAtLogin: false, canTest: false, platform: "linux", ...(canInstallCli === undefined ? {} : { canInstallCli }) });

  it("offers Install command-line tool… after Preferences where the app can install it, and nowhere else", () => {
    const items = labels(true);
    const at = items.findIndex((i) => i.label === "Install command-line tool…");
    expect(items[at - 1]?.label).toBe("Preferences…");
    expect(items[at]?.action).toEqual({ kind: "installCli" });
    expect(labels(false).some((i) => i.label === "Install command-line tool…")).toBe(false);
    expect(labels(undefined).some((i) => i.label === "Install command-line tool…")).toBe(false);
  });
});
