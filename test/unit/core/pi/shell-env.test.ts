import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { findPiInstall } from "../../../../src-main/core/pi/locate-pi.js";
import { clearShellEnvCache, parseEnvOutput, resolveShellEnv, withShellEnv } from "../../../../src-main/core/pi/shell-env.js";
import { layGlobalPrefix } from "../../../installed-pis.js";

const scratch = mkdtempSync(join(tmpdir(), "shell-env-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
beforeEach(() => clearShellEnvCache());

const BASH = ["/bin/bash", "/usr/bin/bash"].find((p) => existsSync(p));

/** A home whose shell profile sets up PATH the way nvm's or npm's install instructions do. */
function homeWith(files: Record<string, string>): string {
  const home = mkdtempSync(join(scratch, "home-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(home, name), text);
  return home;
}

function fakePi(): string {
  const dir = join(mkdtempSync(join(scratch, "pkg-")), "pi-coding-agent");
  mkdirSync(join(dir, "dist"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "@earendil-works/pi-coding-agent", version: "1.6.0", engines: { node: ">=22.19.0" }, bin: { pi: "dist/cli.js" } }));
  writeFileSync(join(dir, "dist", "cli.js"), "#!/usr/bin/env node\n");
  chmodSync(join(dir, "dist", "cli.js"), 0o755);
  return dir;
}

describe("parseEnvOutput", () => {
  it("reads `env -0` records, newlines in values included", () => {
    expect(parseEnvOutput("A=1\0MULTI=line one\nline two\0EMPTY=\0")).toEqual({ A: "1", MULTI: "line one\nline two", EMPTY: "" });
  });

  it("reads plain `env` lines, continuing a value over lines without NAME=", () => {
    expect(parseEnvOutput("A=1\nMULTI=line one\nline two\nB=x=y\n")).toEqual({ A: "1", MULTI: "line one\nline two", B: "x=y" });
  });
});

describe.skipIf(!BASH)("resolveShellEnv with a real bash -ilc", () => {
  it("returns the login shell's PATH from ~/.profile and ~/.bashrc, which the app's own env lacks", async () => {
    const bin = layGlobalPrefix(mkdtempSync(join(scratch, "prefix-")), fakePi());
    const home = homeWith({
      ".profile": '[ -n "$BASH_VERSION" ] && [ -f "$HOME/.bashrc" ] && . "$HOME/.bashrc"\nexport FROM_PROFILE="a\nb"\n',
      ".bashrc": `export PATH="${bin}:$PATH"\necho "a chatty profile prints to stdout"\n`,
    });
    const shell = await resolveShellEnv({ SHELL: BASH, HOME: home, PATH: "/usr/bin:/bin" });
    expect(shell.error).toBeNull();
    expect(shell.shell).toBe(BASH);
    expect(shell.env!.PATH!.split(":")[0]).toBe(bin);
    expect(shell.env!.FROM_PROFILE).toBe("a\nb");
    expect(shell.env!.HOME).toBe(home);
    expect(shell.env).not.toHaveProperty("PI_SWITCHBOARD_RESOLVING_ENVIRONMENT");

    // The Electron shell hands it to the core: pi is found through it, and says so.
    const { info } = await findPiInstall({ PATH: "/usr/bin:/bin", HOME: home }, { loginShellEnv: shell.env });
    expect(info).toMatchObject({ found: true, version: "1.6.0", path: join(bin, "pi"), foundBy: "login shell" });
    expect(withShellEnv({ PATH: "/usr/bin", KEEP: "1" }, shell.env)).toMatchObject({ PATH: shell.env!.PATH, KEEP: "1", FROM_PROFILE: "a\nb" });
  });

  it("asks once per shell and home", async () => {
    const home = homeWith({ ".profile": 'export STAMP="$$"\n' });
    const env = { SHELL: BASH, HOME: home, PATH: "/usr/bin:/bin" };
    const first = await resolveShellEnv(env);
    expect(first.env!.STAMP).toMatch(/^\d+$/);
    expect(await resolveShellEnv(env)).toBe(first);
  });

  it("gives up after the timeout on a profile that hangs, and kills it with what it started", async () => {
    const marker = join(scratch, "still-running");
    const home = homeWith({ ".profile": `( sleep 1; touch "${marker}" ) &\nsleep 30\n` });
    const started = Date.now();
    const shell = await resolveShellEnv({ SHELL: BASH, HOME: home, PATH: "/usr/bin:/bin" }, { timeoutMs: 300 });
    expect(shell.env).toBeNull();
    expect(shell.error).toMatch(/did not finish within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2_500);
    await new Promise((r) => setTimeout(r, 1_800));
    expect(existsSync(marker)).toBe(false);
  });

  it("reports a shell that prints no environment", async () => {
    const shell = await resolveShellEnv({ SHELL: "/bin/false", HOME: homeWith({}), PATH: "/usr/bin:/bin" });
    expect(shell.env).toBeNull();
    expect(shell.error).toMatch(/printed no environment/);
  });
});

describe("resolveShellEnv: when not to ask", () => {
  it("never starts a shell when the environment says not to, on Windows, or inside its own shell", async () => {
    const hanging = homeWith({ ".profile": "sleep 30\n" });
    for (const [env, platform, reason] of [
      [{ SHELL: BASH, HOME: hanging, PI_SWITCHBOARD_SKIP_SHELL_ENV: "1" }, "linux", /PI_SWITCHBOARD_SKIP_SHELL_ENV=1/],
      [{ SHELL: BASH, HOME: hanging }, "win32", /Windows/],
      [{ SHELL: BASH, HOME: hanging, PI_SWITCHBOARD_RESOLVING_ENVIRONMENT: "1" }, "linux", /already inside/],
    ] as const) {
      const shell = await resolveShellEnv(env, { platform, timeoutMs: 20_000 });
      expect(shell).toMatchObject({ env: null, shell: null, durationMs: 0 });
      expect(shell.error).toMatch(reason);
    }
  });
});
