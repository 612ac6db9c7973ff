// The Electron smoke test: launches the built app (out/) with Playwright's Electron support and
// checks what a user relies on — it lives in the tray, its menu shows pi's scoped models and
// follows pi's files, the window opens locked down with exactly the API bridge, and closing the
// window leaves the app running. Runs where the Electron binary exists; skipped, with the reason
// in its name, elsewhere.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { _electron as electron, type ElectronApplication } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import type { TrayMenuItem } from "../../src-main/electron/tray-menu.js";
import { ELECTRON_PATH, REPO, SKIP_REASON } from "./electron-binary.js";

interface SmokeView {
  trayTemplate(): TrayMenuItem[];
  trayTooltip(): string;
  openWindow(): void;
}
type SmokeGlobal = typeof globalThis & { piSwitchboardSmoke: SmokeView };

const flatten = (items: TrayMenuItem[]): TrayMenuItem[] => items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
const checkedModel = (items: TrayMenuItem[]) => flatten(items).find((i) => i.checked && i.action?.kind === "useModel")?.action;

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const cleanup: string[] = [];
let app: ElectronApplication | null = null;
afterAll(async () => {
  await app?.close();
  await Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true })));
});

describe("the packaged shell (Electron smoke test)", () => {
  it.skipIf(SKIP_REASON !== null)(`lives in the tray, follows pi's files and opens a locked-down window${SKIP_REASON ? ` — ${SKIP_REASON}` : ""}`, async () => {
    const agentDir = await mkdtemp(join(tmpdir(), "smoke-agent-"));
    const userData = await mkdtemp(join(tmpdir(), "smoke-user-data-"));
    cleanup.push(agentDir, userData);
    await cp(resolve(REPO, "test/fixtures/agent-dirs/virtual-providers"), agentDir, { recursive: true });
    const settingsPath = join(agentDir, "settings.json");
    const settings = JSON.parse(await readFile(settingsPath, "utf8")) as Record<string, unknown>;
    await writeFile(settingsPath, JSON.stringify({ ...settings, defaultProvider: "openrouter-bedrock", defaultModel: "anthropic/claude-opus-4.5" }, null, 2));

    app = await electron.launch({
      executablePath: ELECTRON_PATH ?? undefined,
      args: [REPO, `--user-data-dir=${userData}`],
      env: {
        ...(process.env as Record<string, string>),
        PI_CODING_AGENT_DIR: agentDir,
        PI_SWITCHBOARD_PI: resolve(REPO, "node_modules/.bin/pi"),
        OPENROUTER_API_KEY: "sk-or-test-env",
        PI_SWITCHBOARD_SMOKE: "1",
        // Not the CI user's login shell: the test says which pi the app reads.
        PI_SWITCHBOARD_SKIP_SHELL_ENV: "1",
      },
    });
    const running = app;
    const tray = () => running.evaluate(() => (globalThis as SmokeGlobal).piSwitchboardSmoke?.trayTemplate() ?? []);

    // Starts in the tray, without a window.
    const menu = await until(tray, (items) => checkedModel(items) !== undefined, "the tray menu");
    expect(checkedModel(menu)).toEqual({ kind: "useModel", ref: "openrouter-bedrock/anthropic/claude-opus-4.5" });
    expect(await running.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
    expect(await running.evaluate(() => (globalThis as SmokeGlobal).piSwitchboardSmoke.trayTooltip())).toBe("Pi Switchboard — openrouter-bedrock/anthropic/claude-opus-4.5");

    // pi (or an editor) changes settings.json: the tray follows.
    await writeFile(settingsPath, JSON.stringify({ ...settings, defaultProvider: "openrouter-vertex", defaultModel: "anthropic/claude-sonnet-4.5" }, null, 2));
    await until(tray, (items) => JSON.stringify(checkedModel(items)) === JSON.stringify({ kind: "useModel", ref: "openrouter-vertex/anthropic/claude-sonnet-4.5" }), "the tray to follow settings.json");

    // The window opens on demand, sandboxed, with exactly the contract on window.switchboard.
    await running.evaluate(() => (globalThis as SmokeGlobal).piSwitchboardSmoke.openWindow());
    const page = await running.firstWindow();
    await page.waitForLoadState("domcontentloaded");
    expect(new URL(page.url()).protocol).toBe("app:");
    const bridge = await page.evaluate(async () => {
      const api = (window as unknown as { switchboard: { invoke(m: string, i: unknown): Promise<{ agentDir: string }> } }).switchboard;
      return {
        keys: Object.keys(api).sort(),
        hasRequire: typeof (window as unknown as { require?: unknown }).require !== "undefined",
        hasProcess: typeof (window as unknown as { process?: unknown }).process !== "undefined",
        agentDir: (await api.invoke("getSnapshot", null)).agentDir,
        refused: await api.invoke("getSnapshot", { sneaky: true }).then(() => "accepted", (e: Error) => e.message),
      };
    });
    expect(bridge).toMatchObject({ keys: ["invoke", "on"], hasRequire: false, hasProcess: false, agentDir });
    expect(bridge.refused).toMatch(/Invalid input for getSnapshot/);
    // window.open is denied, and so is navigating away.
    expect(await page.evaluate(() => window.open("https://example.com/") === null)).toBe(true);
    await page.evaluate(() => (location.href = "https://example.com/")).catch(() => undefined);
    expect(new URL(page.url()).protocol).toBe("app:");

    // Closing the window keeps the app in the tray.
    await running.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await until(() => running.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length), (n) => n === 0, "the window to close");
    expect(flatten(await tray()).some((i) => i.action?.kind === "quit")).toBe(true);
  });
});
