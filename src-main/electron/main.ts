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
import type { CreditsInfo, HealthReport, KeyStatus, PreferenceChange, ProfilesState, Snapshot } from "../core/common/index.js";
import type { ActionResult, ProjectView } from "../core/common/index.js";
import { nextLocalMidnight } from "../core/common/spend-report.js";
import { createHost, type SwitchboardHost } from "../core/create-host.js";
import { HostRelay, hostInputsFor } from "../core/host-relay.js";
import { resolveAgentDir } from "../core/pi/agent-dir.js";
import { storedShortcutProblem } from "../core/common/preferences/accelerator.js";
import { AppPreferences } from "../core/preferences/app-preferences.js";
import { resolveShellEnv, withShellEnv } from "../core/pi/shell-env.js";
import { appLauncher } from "../core/vault/key-command.js";
import { canInstallCli, installCommandLineTool } from "./cli-install-dialog.js";
import { wireIpc } from "./ipc.js";
import { parseKeyPrintArgs } from "./key-print-args.js";
import { printVaultKey } from "./key-print.js";
import { startAutoUpdate } from "./auto-update.js";
import { applyLaunchAtLogin } from "./launch-at-login.js";
import { notifyLowBalance } from "./low-balance-notification.js";
import { APP_ORIGIN } from "./policy.js";
import { openPrefs, preferencesStorage } from "./prefs.js";
import { hardenSession, lockWebContents, registerAppScheme, serveRenderer } from "./security.js";
import { bindQuickSwitch } from "./shortcut.js";
import { SwitcherPopover } from "./switcher-window.js";
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
  const storage = preferencesStorage(prefs);
  // Preferences apply live (core/preferences/app-preferences.ts): set once the tray exists, below.
  let tray: QuickSwitchTray | null = null;
  let relay: HostRelay | null = null;
  // The quick switcher (tray click, global shortcut, "Search models…"): set once the windows exist, below.
  let openSwitcher = (): void => undefined;
  const openHost = (values = storage.read()) => createHost({ ...hostInputsFor(values, env), loginShellEnv: shell.env, verdict: true, checkCredits: true, features: { preferences } });
  const applyPreference = async (change: PreferenceChange): Promise<string | null> => {
    switch (change.key) {
      case "shortcut": {
        const bound = bindQuickSwitch(change.value, () => openSwitcher());
        return bound.ok ? null : bound.message;
      }
      case "launchAtLogin":
        await applyLaunchAtLogin(change.value);
        tray?.render();
        return null;
      case "showDockIcon":
        if (process.platform === "darwin") await (change.value ? app.dock?.show() : app.dock?.hide());
        return null;
      case "agentDir":
      case "piPath":
        // The service, the key hand-off and pi's verdict all follow the new dir or pi.
        await relay!.reopen(() => openHost({ ...storage.read(), [change.key]: change.value }));
        return null;
      default:
        return null;
    }
  };
  const preferences: AppPreferences = new AppPreferences({
    host: "electron",
    storage,
    apply: applyPreference,
    agentDirInUse: () => relay!.host.service.paths.dir,
    defaultAgentDir: resolveAgentDir(undefined, env),
  });
  relay = new HostRelay(await openHost());
  const api = relay;
  const host = () => relay!.host;
  const window = new SwitchboardWindow({
    prefs,
    preloadPath: join(here, "../preload/preload.cjs"),
    pageUrl: devUrl ?? `${APP_ORIGIN}/index.html`,
    devTools: !app.isPackaged,
  });
  // macOS and Windows: a popover by the tray icon. Linux's tray reports no icon position or clicks: the window opens on its switcher.
  const popover = process.platform === "linux" ? null : new SwitcherPopover({ preloadPath: join(here, "../preload/preload.cjs"), pageUrl: devUrl ?? `${APP_ORIGIN}/index.html`, devTools: !app.isPackaged, anchor: () => tray?.bounds() ?? null });
  openSwitcher = () => (popover ? popover.toggle() : window.show("quick-switch"));
  const unwireIpc = wireIpc(api, { webContents: () => [window.webContents(), popover?.webContents() ?? null], origin });

  tray = new QuickSwitchTray({
    api,
    prefs,
    iconDir: join(app.getAppPath(), "src-main/electron/resources"),
    canTest: await hostCanTest(host()),
    openWindow: (view) => window.show(view),
    openSwitcher: () => openSwitcher(),
    setLaunchAtLogin: async (enabled) => {
      const result = await preferences.set({ key: "launchAtLogin", value: enabled });
      if (!result.ok) throw new Error(result.error.message);
    },
    quit: () => app.quit(),
    ...(canInstallCli() ? { installCli: () => installCommandLineTool(env) } : {}),
    // Key health on every tray open (and on start, create-host.ts): the result reaches the tray and the window.
    onOpen: () => void host().key.checkHealth().then((status) => api.emit("keyStatus", status), () => undefined),
  });
  const shownTray = tray;
  shownTray.update(host().service.snapshot());
  // The credits line: the last check if one finished already; the rest arrive as `credits` events.
  const lastCredits = host().credits.latest();
  if (lastCredits) shownTray.setCredits(lastCredits);
  shownTray.setHealth(host().health.latest());
  // "today" on the credits line: pi's session files are read once here and followed; changes arrive as `spend` events.
  const askSpendToday = () => void host().spend.today().then((cost) => shownTray.setSpendToday(cost), () => undefined);
  askSpendToday();
  // A new day starts at local midnight even when pi writes nothing: ask again then (one timer a day).
  let midnight: NodeJS.Timeout;
  const armMidnight = () => {
    midnight = setTimeout(() => (askSpendToday(), armMidnight()), nextLocalMidnight(Date.now()) - Date.now() + 1000);
    midnight.unref();
  };
  armMidnight();
  // The project picked in Projects (preference `project`): asked again with every snapshot and preference change.
  const askProject = () => {
    const dir = storage.read().project;
    if (!dir) return shownTray.setProject(null);
    void api.invoke("projectView", { dir }).then((result) => shownTray.setProject((result as ActionResult<ProjectView>).ok ? (result as { value: ProjectView }).value : null), () => undefined);
  };
  askProject();
  // Every snapshot, pi's own edits included, reaches the tray as it reaches the window.
  api.onEvent((name, payload) => {
    if (name === "snapshot") shownTray.update(payload as Snapshot);
    if (name === "snapshot" || name === "preferences") askProject();
    if (name === "keyStatus") shownTray.setKeyHealth((payload as KeyStatus).health);
    if (name === "credits") shownTray.setCredits(payload as CreditsInfo);
    if (name === "spend") shownTray.setSpendToday((payload as { today: number }).today);
    if (name === "profiles") shownTray.setProfiles(payload as ProfilesState);
    // The health watch (create-host.ts, Preferences healthWatch): amber icon, switch lines, notification.
    if (name === "health") shownTray.setHealth(payload as HealthReport);
    // Favourites, recents, the menu-bar title and the shortcut's label live in preferences.
    if (name === "preferences") shownTray.render();
  });

  // The credits checks (every 15 min, create-host.ts) warn once when the balance falls below the Preferences threshold.
  const stopLowBalance = notifyLowBalance(api, { latest: host().credits.latest(), threshold: () => storage.read().lowCreditThreshold, openKeyView: () => window.show("key") });

  // The tray's "Routing profile" submenu; later changes (and drift) arrive as `profiles` events, and
  // a host reopened on another agent dir (Preferences) is asked afresh: its profiles are that dir's.
  const loadProfiles = () => void api.invoke("profilesState", null).then((state) => shownTray.setProfiles(state as ProfilesState), () => undefined);
  let profilesDir = host().service.paths.dir;
  loadProfiles();
  api.onEvent((name, payload) => {
    if (name !== "snapshot" || (payload as Snapshot).agentDir === profilesDir) return;
    profilesDir = (payload as Snapshot).agentDir;
    loadProfiles();
  });

  // A shortcut that cannot be registered (taken by another app) is shown in Preferences, not only logged.
  const shortcut = storage.read().shortcut;
  const bound = bindQuickSwitch(shortcut, () => openSwitcher());
  // Registered is not enough: Option+digit (an older default) registers on macOS but types a character instead.
  preferences.setShortcutProblem(bound.ok ? storedShortcutProblem(shortcut, process.platform) : bound.message);
  // preferences.json may be edited by hand: apply what changed (the OS follows, then the menu).
  prefs.onDidAnyChange(() => void preferences.reconcile());

  // The AppImage and signed macOS builds update themselves; the rest say why not (update-policy.ts).
  const updates = startAutoUpdate();
  if (!updates.enabled) console.info(`Auto-update off: ${updates.reason}.`);

  app.on("second-instance", () => window.show());
  // macOS: clicking the app in Finder or the Dock while it runs opens the window.
  app.on("activate", () => window.show());
  app.on("will-quit", () => {
    clearTimeout(midnight);
    unwireIpc();
    stopLowBalance();
    shownTray.destroy();
    popover?.destroy();
    relay?.close();
  });

  if (process.env.PI_SWITCHBOARD_SMOKE === "1") {
    // For the Electron smoke test (test/electron): what the tray shows, and the tray's "Open" (a native menu cannot be clicked from a test).
    Object.assign(globalThis, { piSwitchboardSmoke: { trayTemplate: () => shownTray.currentTemplate(), trayTooltip: () => shownTray.tooltip(), openWindow: () => window.show() } });
    // The packaged app cannot be driven over the inspector (its fuses turn it off): it reports on stdout instead.
    const report = () => process.stdout.write(`pi-switchboard-smoke ${JSON.stringify({ packaged: app.isPackaged, tray: shownTray.currentTemplate().map((i) => i.label ?? "-"), tooltip: shownTray.tooltip(), updates })}\n`);
    report();
    api.onEvent((name) => name === "snapshot" && report());
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
  // In an AppImage that is $APPIMAGE, not the temporary mount execPath points into (key-command.ts).
  if (app.isPackaged) process.env.PI_SWITCHBOARD_CLI ??= appLauncher(process.execPath);
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) return app.quit();
  // Closing the window keeps the app in the tray; only the tray's Quit ends it.
  app.on("window-all-closed", () => {});
  start().catch((error: unknown) => {
    console.error("Pi Switchboard could not start:", error);
    app.exit(1);
  });
}
