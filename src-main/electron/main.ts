/**
 * The Electron main process: one instance, living in the tray (menu bar on macOS, without a dock
 * icon by default), the window only on demand, quitting only from the tray menu. Everything that
 * thinks is in src-main/core (the host from create-host.ts); this file wires it to the tray, the
 * window, IPC and the global shortcut.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { app, session } from "electron";
import { ApiInputError } from "../core/api-handlers.js";
import type { KeyStatus, Snapshot } from "../core/contract.js";
import { createHost, type SwitchboardHost } from "../core/create-host.js";
import { resolveAgentDir } from "../core/pi/agent-dir.js";
import { resolveShellEnv, withShellEnv } from "../core/pi/shell-env.js";
import { shellQuote } from "../core/vault/key-command.js";
import { wireIpc } from "./ipc.js";
import { parseKeyPrintArgs } from "./key-print-args.js";
import { printVaultKey } from "./key-print.js";
import { applyLaunchAtLogin } from "./launch-at-login.js";
import { APP_ORIGIN } from "./policy.js";
import { openPrefs } from "./prefs.js";
import { hardenSession, lockWebContents, registerAppScheme, serveRenderer } from "./security.js";
import { bindQuickSwitch } from "./shortcut.js";
import { QuickSwitchTray } from "./tray.js";
import { SwitchboardWindow } from "./window.js";

const here = fileURLToPath(new URL(".", import.meta.url));

/** electron-vite dev points us at its dev server; a packaged app never honours that. */
function devServerUrl(): string | null {
  const url = process.env.ELECTRON_RENDERER_URL;
  return url && !app.isPackaged ? url : null;
}

/** Probes whether the host has test prompts, without starting one: only a missing feature throws. */
async function hostCanTest(host: SwitchboardHost): Promise<boolean> {
  try {
    await host.api.invoke("testCancel", { runId: "probe" });
    return true;
  } catch (error) {
    if (error instanceof ApiInputError) return false;
    throw error;
  }
}

async function start(): Promise<void> {
  // Started from a dock or a login item, the app lacks the PATH (nvm, npm prefix, …) and the
  // variables the user's shell profile sets up; ask the login shell once, while Electron starts.
  const loginShell = resolveShellEnv(process.env);
  await app.whenReady();
  const prefs = openPrefs();
  if (process.platform === "darwin" && !prefs.get("showDockIcon")) app.dock?.hide();

  const devUrl = devServerUrl();
  const origin = devUrl ? new URL(devUrl).origin : APP_ORIGIN;
  hardenSession(session.defaultSession, devUrl ? origin : null);
  lockWebContents();
  serveRenderer(join(here, "../renderer"));

  const shell = await loginShell;
  if (shell.shell && shell.error) console.warn(`Using the app's own environment: ${shell.error}`);
  const env = withShellEnv(process.env, shell.env);
  const host = await createHost({ agentDir: resolveAgentDir(undefined, env), env, loginShellEnv: shell.env, verdict: true });
  const window = new SwitchboardWindow({
    prefs,
    preloadPath: join(here, "../preload/preload.cjs"),
    pageUrl: devUrl ?? `${APP_ORIGIN}/index.html`,
    devTools: !app.isPackaged,
  });
  const unwireIpc = wireIpc(host.api, { webContents: () => window.webContents(), origin });

  const tray = new QuickSwitchTray({
    api: host.api,
    prefs,
    iconDir: join(app.getAppPath(), "src-main/electron/resources"),
    canTest: await hostCanTest(host),
    openWindow: (view) => window.show(view),
    setLaunchAtLogin: applyLaunchAtLogin,
    quit: () => app.quit(),
    // Key health on every tray open (and on start, create-host.ts): the result reaches the tray and the window.
    onOpen: () => void host.key.checkHealth().then((status) => host.api.emit("keyStatus", status), () => undefined),
  });
  tray.update(host.service.snapshot());
  // Every snapshot, pi's own edits included, reaches the tray as it reaches the window.
  host.api.onEvent((name, payload) => {
    if (name === "snapshot") tray.update(payload as Snapshot);
    if (name === "keyStatus") tray.setKeyHealth((payload as KeyStatus).health);
  });

  const bindShortcut = () => {
    const result = bindQuickSwitch(prefs.get("quickSwitchShortcut"), () => tray.popUp());
    if (!result.ok) console.warn(result.message);
  };
  bindShortcut();
  prefs.onDidChange("quickSwitchShortcut", bindShortcut);
  // preferences.json may be edited by hand: make the OS follow, then the menu's checkbox.
  prefs.onDidChange("launchAtLogin", (enabled) => void applyLaunchAtLogin(Boolean(enabled)).finally(() => tray.render()));

  app.on("second-instance", () => window.show());
  // macOS: clicking the app in Finder or the Dock while it runs opens the window.
  app.on("activate", () => window.show());
  app.on("will-quit", () => {
    unwireIpc();
    tray.destroy();
    host.close();
  });

  if (process.env.PI_SWITCHBOARD_SMOKE === "1") {
    // For the Electron smoke test (test/electron): what the tray shows, and the tray's "Open" (a native menu cannot be clicked from a test).
    Object.assign(globalThis, { piSwitchboardSmoke: { trayTemplate: () => tray.currentTemplate(), trayTooltip: () => tray.tooltip(), openWindow: () => window.show() } });
  }
}

const keyPrint = app.isPackaged ? parseKeyPrintArgs(process.argv.slice(1)) : null;
if (keyPrint) {
  void printVaultKey(keyPrint);
} else {
  startApp();
}

function startApp(): void {
  // Lets `key connect` offer this app as pi's key command where the system has no tool for it.
  if (app.isPackaged) process.env.PI_SWITCHBOARD_CLI ??= shellQuote(process.execPath);
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) return app.quit();
  // Closing the window keeps the app in the tray; only the tray's Quit ends it.
  app.on("window-all-closed", () => {});
  start().catch((error: unknown) => {
    console.error("Pi Switchboard could not start:", error);
    app.exit(1);
  });
}
