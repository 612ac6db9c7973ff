// The packaged app as users install it (release/*-unpacked, release/mac*/…app after electron-builder):
// app.asar, the fuses on, no repository around it. Its fuses turn the inspector off, so Playwright
// cannot drive it; started with PI_SWITCHBOARD_SMOKE=1 it reports its tray on stdout (main.ts).
// Checks that it starts, reads pi's files into the tray, offers Preferences, and says whether it
// updates itself. Runs where a packaged app exists (release.yml); skipped, with the reason, elsewhere.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "./electron-binary.js";

/** Where electron-builder leaves the unpacked app for this system and arch. */
function packagedApp(): string | null {
  const explicit = process.env.PI_SWITCHBOARD_PACKAGED_APP;
  if (explicit) return existsSync(explicit) ? explicit : null;
  const arm = process.arch === "arm64";
  const candidates =
    process.platform === "darwin"
      ? [join(REPO, "release", arm ? "mac-arm64" : "mac", "Pi Switchboard.app", "Contents", "MacOS", "Pi Switchboard")]
      : process.platform === "win32"
        ? [join(REPO, "release", arm ? "win-arm64-unpacked" : "win-unpacked", "Pi Switchboard.exe")]
        : [join(REPO, "release", arm ? "linux-arm64-unpacked" : "linux-unpacked", "pi-switchboard")];
  return candidates.find((c) => existsSync(c)) ?? null;
}

const APP = packagedApp();
const SKIP_REASON = APP ? null : "skipped: no packaged app here (npx electron-builder --dir builds one where the Electron binary exists)";

interface SmokeReport {
  packaged: boolean;
  tray: string[];
  tooltip: string;
  updates: { enabled: boolean; reason?: string; format?: string };
}

let child: ChildProcess | null = null;
const cleanup: string[] = [];
afterAll(async () => {
  child?.kill();
  await Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true })));
});

describe("the installed app (packaged smoke test)", () => {
  it.skipIf(SKIP_REASON !== null)(`starts from its package, fills the tray from pi's files and offers Preferences${SKIP_REASON ? ` — ${SKIP_REASON}` : ""}`, async () => {
    const agentDir = await mkdtemp(join(tmpdir(), "packaged-agent-"));
    const userData = await mkdtemp(join(tmpdir(), "packaged-user-data-"));
    cleanup.push(agentDir, userData);
    await cp(resolve(REPO, "test/fixtures/agent-dirs/virtual-providers"), agentDir, { recursive: true });
    child = spawn(APP!, [`--user-data-dir=${userData}`], {
      env: { ...process.env, PI_CODING_AGENT_DIR: agentDir, PI_SWITCHBOARD_PI: resolve(REPO, "node_modules/.bin/pi"), PI_SWITCHBOARD_SMOKE: "1", PI_SWITCHBOARD_SKIP_SHELL_ENV: "1", PI_SWITCHBOARD_DATA_DIR: join(userData, "data") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const report = await new Promise<SmokeReport>((done, fail) => {
      let buffered = "";
      const timer = setTimeout(() => fail(new Error(`No tray with models within 60 s. stderr:\n${stderr}`)), 60_000);
      child!.on("exit", (code) => fail(new Error(`The packaged app exited (${code}) before its tray was ready. stderr:\n${stderr}`)));
      child!.stdout!.on("data", (d: Buffer) => {
        buffered += d.toString();
        for (const line of buffered.split("\n").slice(0, -1)) {
          if (!line.startsWith("pi-switchboard-smoke ")) continue;
          const parsed = JSON.parse(line.slice("pi-switchboard-smoke ".length)) as SmokeReport;
          if (parsed.tray.some((l) => l.toLowerCase().includes("claude"))) {
            clearTimeout(timer);
            done(parsed);
          }
        }
        buffered = buffered.slice(buffered.lastIndexOf("\n") + 1);
      });
    });
    expect(report.packaged).toBe(true);
    expect(report.tray).toEqual(expect.arrayContaining(["Open Switchboard…", "Preferences…", "Quit Pi Switchboard"]));
    expect(report.tooltip).toMatch(/^Pi Switchboard — /);
    // The unpacked build is neither an AppImage nor a signed dmg: it must not update itself.
    expect(report.updates.enabled).toBe(Boolean(process.env.APPIMAGE));
  }, 90_000);
});
