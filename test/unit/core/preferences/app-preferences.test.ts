/**
 * Preferences on real files: a chosen pi must be a real pi package (the repo's pi 0.73.1 is one,
 * an executable script named pi is not), a chosen agent dir must be a folder, every change is
 * applied before it is stored, and a change the host cannot apply (a taken shortcut) is refused
 * with the old value put back.
 */
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PreferenceChange, Preferences, PreferencesState } from "../../../../src-main/core/common/index.js";
import { AppPreferences, MemoryPreferencesStorage, servePreferences } from "../../../../src-main/core/preferences/app-preferences";
import { checkPiPath } from "../../../../src-main/core/preferences/pi-path-check";
import { DEFAULT_PREFERENCES } from "../../../../src-main/core/preferences/preference-rules";
import { DEV_PI_BIN, REPO } from "../../../installed-pis";

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "switchboard-prefs-")));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakePi(): string {
  const bin = join(dir, "bin", "pi");
  mkdirSync(join(dir, "bin"));
  writeFileSync(bin, "#!/bin/sh\necho 'not really pi'\n");
  chmodSync(bin, 0o755);
  return bin;
}

/** The host's side, recorded: what it was asked to apply, and a shortcut table with one taken entry. */
function host(options: { taken?: string[]; platform?: NodeJS.Platform } = {}) {
  const applied: PreferenceChange[] = [];
  let registered = DEFAULT_PREFERENCES.shortcut;
  const storage = new MemoryPreferencesStorage();
  const prefs = new AppPreferences({
    host: "electron",
    storage,
    platform: options.platform ?? "linux",
    home: dir,
    agentDirInUse: () => storage.read().agentDir ?? join(dir, ".pi", "agent"),
    defaultAgentDir: join(dir, ".pi", "agent"),
    apply: async (change) => {
      applied.push(change);
      if (change.key === "shortcut") {
        if (options.taken?.includes(change.value)) return `The shortcut ${change.value} is taken by another app; pick another one.`;
        registered = change.value;
      }
      return null;
    },
  });
  const events: PreferencesState[] = [];
  prefs.onChange((s) => events.push(s));
  return { prefs, storage, applied, events, registered: () => registered };
}

describe("checkPiPath", () => {
  it("finds the pi package behind a real pi's bin and names it", () => {
    const result = checkPiPath(DEV_PI_BIN);
    expect(result).toMatchObject({ ok: true, value: { packageName: "@mariozechner/pi-coding-agent", version: "0.73.1" } });
    if (result.ok) expect(result.value.packageDir).toBe(join(REPO, "node_modules", "@mariozechner", "pi-coding-agent"));
  });

  it("accepts pi's package folder itself", () => {
    expect(checkPiPath(join(REPO, "node_modules", "@mariozechner", "pi-coding-agent"))).toMatchObject({ ok: true, value: { version: "0.73.1" } });
  });

  it("refuses an executable that is not pi, a missing path and a relative one, saying what to pick", () => {
    expect(checkPiPath(fakePi())).toMatchObject({ ok: false, error: { message: expect.stringMatching(/No pi package at .*bin\/pi: pick the `pi` executable or the folder of @earendil-works\/pi-coding-agent/) } });
    expect(checkPiPath(join(dir, "nope"))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/does not exist.*which pi/) } });
    expect(checkPiPath("bin/pi")).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not an absolute path/) } });
  });
});

describe("AppPreferences", () => {
  it("applies a chosen pi, then stores it and tells every window", async () => {
    const h = host();
    const result = await h.prefs.set({ key: "piPath", value: DEV_PI_BIN });
    expect(result.ok).toBe(true);
    expect(h.applied).toEqual([{ key: "piPath", value: DEV_PI_BIN }]);
    expect(h.storage.read().piPath).toBe(DEV_PI_BIN);
    expect(h.events.at(-1)?.values.piPath).toBe(DEV_PI_BIN);
  });

  it("refuses a pi path that holds no pi, without applying or storing anything", async () => {
    const h = host();
    const result = await h.prefs.set({ key: "piPath", value: fakePi() });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/No pi package/) } });
    expect(h.applied).toEqual([]);
    expect(h.storage.read().piPath).toBeNull();
  });

  it("takes an agent dir with ~ and refuses a missing one or a file, with what to do", async () => {
    const h = host();
    mkdirSync(join(dir, "agent-b"));
    expect(await h.prefs.set({ key: "agentDir", value: "~/agent-b" })).toMatchObject({ ok: true, value: { values: { agentDir: join(dir, "agent-b") }, agentDirInUse: join(dir, "agent-b") } });
    expect(await h.prefs.set({ key: "agentDir", value: join(dir, "missing") })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/does not exist\. pi creates its agent dir on first run/) } });
    writeFileSync(join(dir, "file"), "");
    expect(await h.prefs.set({ key: "agentDir", value: join(dir, "file") })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/is a file/) } });
    expect(await h.prefs.set({ key: "agentDir", value: "relative/dir" })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not an absolute path/) } });
    // Empty means "the default" again.
    expect(await h.prefs.set({ key: "agentDir", value: "  " })).toMatchObject({ ok: true, value: { values: { agentDir: null } } });
  });

  it("stores a shortcut in its one spelling and refuses one that cannot work here", async () => {
    const h = host({ platform: "darwin" });
    expect(await h.prefs.set({ key: "shortcut", value: "option+cmdorctrl+k" })).toMatchObject({ ok: true, value: { values: { shortcut: "CommandOrControl+Alt+K" } } });
    expect(await h.prefs.set({ key: "shortcut", value: "Alt+3" })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Option\+3 types a character/) } });
    expect(h.storage.read().shortcut).toBe("CommandOrControl+Alt+K");
  });

  it("refuses a taken shortcut, puts the old one back, and says which one is taken", async () => {
    const h = host({ taken: ["CommandOrControl+Shift+Space"] });
    const result = await h.prefs.set({ key: "shortcut", value: "CmdOrCtrl+shift+space" });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict", message: "The shortcut CommandOrControl+Shift+Space is taken by another app; pick another one." } });
    expect(h.storage.read().shortcut).toBe(DEFAULT_PREFERENCES.shortcut);
    expect(h.applied.map((c) => c.value)).toEqual(["CommandOrControl+Shift+Space", DEFAULT_PREFERENCES.shortcut]);
    expect(h.registered()).toBe(DEFAULT_PREFERENCES.shortcut);
  });

  it("shows a shortcut that failed at start until one works", async () => {
    const h = host();
    h.prefs.setShortcutProblem("The shortcut CommandOrControl+Alt+P is taken by another app; pick another one.");
    expect(h.prefs.state().shortcutProblem).toMatch(/taken/);
    expect(await h.prefs.set({ key: "shortcut", value: "CommandOrControl+Alt+O" })).toMatchObject({ ok: true, value: { shortcutProblem: null } });
  });

  it("applies a hand edit of the stored file once, and only what changed", async () => {
    const h = host();
    h.storage.write({ key: "launchAtLogin", value: true });
    h.storage.write({ key: "shortcut", value: "CommandOrControl+Shift+Space" });
    await h.prefs.reconcile();
    expect(h.applied).toEqual([
      { key: "shortcut", value: "CommandOrControl+Shift+Space" },
      { key: "launchAtLogin", value: true },
    ]);
    await h.prefs.reconcile();
    expect(h.applied).toHaveLength(2);
  });

  it("runs changes one at a time, in order (a reopen finishes before the next change starts)", async () => {
    const order: string[] = [];
    const storage = new MemoryPreferencesStorage();
    const prefs = new AppPreferences({
      host: "electron", storage, platform: "linux", agentDirInUse: () => dir, defaultAgentDir: dir,
      apply: async (change) => {
        order.push(`start ${change.key}`);
        await new Promise((r) => setTimeout(r, change.key === "piPath" ? 50 : 1));
        order.push(`end ${change.key}`);
        return null;
      },
    });
    await Promise.all([prefs.set({ key: "piPath", value: DEV_PI_BIN }), prefs.set({ key: "lowCreditThreshold", value: 2.505 })]);
    expect(order).toEqual(["start piPath", "end piPath", "start lowCreditThreshold", "end lowCreditThreshold"]);
    expect(storage.read().lowCreditThreshold).toBe(2.51);
  });
});

describe("servePreferences", () => {
  it("shows what serve runs on and refuses what only the tray app or a restart can change, saying how", async () => {
    const prefs = servePreferences({ agentDir: dir, agentDirFlag: dir, defaultAgentDir: "/home/u/.pi/agent", env: { PI_SWITCHBOARD_PI: DEV_PI_BIN }, platform: "linux" });
    const state = prefs.state();
    expect(state).toMatchObject({ host: "serve", agentDirInUse: dir, values: { agentDir: dir, piPath: DEV_PI_BIN, shortcut: "" } });
    expect(Object.keys(state.fixed).sort()).toEqual(["agentDir", "launchAtLogin", "piPath", "shortcut", "showDockIcon", "trayTitle"]);
    expect(await prefs.set({ key: "agentDir", value: "/tmp" })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/--agent-dir DIR/) } });
    expect(await prefs.set({ key: "piPath", value: DEV_PI_BIN })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/PI_SWITCHBOARD_PI=/) } });
    expect(await prefs.set({ key: "launchAtLogin", value: true })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Only the tray app/) } });
    expect(await prefs.set({ key: "lowCreditThreshold", value: 5 })).toMatchObject({ ok: true, value: { values: { lowCreditThreshold: 5 } } });
  });

  it("without --agent-dir shows the agent dir as the default one", () => {
    const values: Preferences = servePreferences({ agentDir: dir, defaultAgentDir: dir, env: {}, platform: "linux" }).state().values;
    expect(values).toMatchObject({ agentDir: null, piPath: null });
  });
});
