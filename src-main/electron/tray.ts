/**
 * The tray icon, its quick-switch menu and its menu-bar title; a click opens the quick-switcher
 * popover (macOS, Windows). The menu's content comes from tray-menu.ts (pure);
 * this file turns that template into Electron's Menu, follows every snapshot, and maps each
 * item's action to an API call, the same calls the window makes (so pi's lock, validation and
 * conflict rules apply to tray clicks too).
 */
import { join } from "node:path";
import { Menu, Notification, Tray, nativeImage, type MenuItemConstructorOptions, type Rectangle } from "electron";
import type { ApiEndpoint } from "../core/api-handlers.js";
import type { ApiMethod, ApiMethods, BackupEntry, Command, CreditsInfo, EndpointSwitch, HealthReport, KeyHealth, Snapshot, TestEvent } from "../core/common/index.js";
import { backupOfSave } from "../core/common/save-record.js";
import { displayAccelerator } from "../core/common/preferences/accelerator.js";
import type { PrefsStore } from "./prefs.js";
import type { ProfilesState, ProjectView } from "../core/common/index.js";
import { testNotice } from "./test-notice.js";
import { degradedNotice, healthItems, newlyDegraded, trayTone } from "./tray-health.js";
import { buildTrayMenu, trayTitle, trayTooltip, type ProblemView, type TrayAction, type TrayMenuItem } from "./tray-menu.js";

const TEST_PROMPT = "Reply with the single word: pong";

export interface TrayDeps {
  api: ApiEndpoint;
  prefs: PrefsStore;
  /** Folder with trayTemplate.png (macOS menu bar) and tray.png (elsewhere), each with an @2x. */
  iconDir: string;
  /** The host has a test-prompt feature. */
  canTest: boolean;
  openWindow(view: ProblemView | null): void;
  /** The quick switcher: the popover on macOS and Windows, the window with its switcher on Linux (main.ts decides). */
  openSwitcher(): void;
  setLaunchAtLogin(enabled: boolean): Promise<void>;
  quit(): void;
  /** Set where the app can install `pi-switchboard` (packaged, Linux and macOS): asks, writes, reports. */
  installCli?(): Promise<void>;
  /** The menu is about to show: main.ts re-checks key health then. */
  onOpen?(): void;
}

/** ApiHost.invoke with the contract's types; ApiHost itself validates the input. */
async function call<M extends ApiMethod>(api: ApiEndpoint, method: M, input: ApiMethods[M]["input"]): Promise<ApiMethods[M]["output"]> {
  return (await api.invoke(method, input)) as ApiMethods[M]["output"];
}

function notify(title: string, body: string, onClick?: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title, body, silent: true });
  if (onClick) notification.on("click", onClick);
  notification.show();
}

export class QuickSwitchTray {
  private readonly tray: Tray;
  private snapshot: Snapshot | null = null;
  private menu: Menu | null = null;
  private template: TrayMenuItem[] = [];
  private keyHealth: KeyHealth | null = null;
  private credits: CreditsInfo | null = null;
  private spendToday: number | null = null;
  private profiles: ProfilesState | null = null;
  private health: HealthReport | null = null;
  private project: ProjectView | null = null;
  /** Switches made from the tray that can still be undone (models.json is as each left it). */
  private switches: EndpointSwitch[] = [];
  private tone: "normal" | "amber" = "normal";

  constructor(private readonly deps: TrayDeps) {
    // A file name ending in "Template" makes macOS recolour the icon for light and dark menu bars.
    this.tray = new Tray(this.icon("normal"));
    // macOS and Windows: a click opens the quick-switcher popover, a right-click the menu. Linux's
    // AppIndicator reports no clicks, only its menu: the switcher is an item there.
    if (process.platform !== "linux") {
      this.tray.on("click", () => {
        this.deps.onOpen?.();
        this.deps.openSwitcher();
      });
      // Windows shows the context menu on a right-click by itself; macOS gets it from popUpMenu.
      if (process.platform === "darwin") this.tray.on("right-click", () => this.popUpMenu());
    }
    this.render();
  }

  update(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    // An undo puts back the file as it was before the switch: only while nothing else has written it since.
    this.switches = this.switches.filter((s) => s.version === snapshot.modelsFile.version);
    this.render();
  }

  /** Each health check (the `health` event): the amber icon, the switch lines, and a notification for a newly degraded model. */
  setHealth(report: HealthReport): void {
    for (const d of newlyDegraded(this.health, report)) {
      const notice = degradedNotice(d, this.snapshot);
      notify(notice.title, notice.body, () => this.deps.openWindow("health"));
    }
    this.health = report;
    this.render();
  }

  /** A file name ending in "Template" makes macOS recolour the icon for light and dark menu bars; the amber one keeps its colour everywhere. */
  private icon(tone: "normal" | "amber") {
    const name = tone === "amber" ? "trayAlert.png" : process.platform === "darwin" ? "trayTemplate.png" : "tray.png";
    return nativeImage.createFromPath(join(this.deps.iconDir, name));
  }

  setKeyHealth(health: KeyHealth | null): void {
    this.keyHealth = health;
    this.render();
  }

  /** Routing profiles and what they applied (the `profiles` event): the "Routing profile" submenu. */
  setProfiles(profiles: ProfilesState): void {
    this.profiles = profiles;
    this.render();
  }

  /** Each credits check (the `credits` event) updates the credits line. */
  setCredits(credits: CreditsInfo): void {
    this.credits = credits;
    this.render();
  }

  /** Today's spend from pi's session files (the `spend` event), shown on the credits line. */
  setSpendToday(cost: number): void {
    if (cost === this.spendToday) return;
    this.spendToday = cost;
    this.render();
  }

  /** The project picked in the window (preference `project`): a line when the default does not reach it. */
  setProject(view: ProjectView | null): void {
    this.project = view;
    this.render();
  }

  /** Where the icon is, for the popover to open beside it; null where the system does not say. */
  bounds(): Rectangle | null {
    return process.platform === "linux" ? null : this.tray.getBounds();
  }

  /** The template last shown, for the smoke test. */
  currentTemplate(): TrayMenuItem[] {
    return this.template;
  }

  tooltip(): string {
    return trayTooltip(this.snapshot);
  }

  /** The menu on a right-click (macOS, Windows); Linux's AppIndicator shows it by itself. */
  private popUpMenu(): void {
    this.deps.onOpen?.();
    if (this.menu) this.tray.popUpContextMenu(this.menu);
  }

  render(): void {
    this.template = buildTrayMenu({
      snapshot: this.snapshot,
      launchAtLogin: this.deps.prefs.get("launchAtLogin"),
      canTest: this.deps.canTest,
      platform: process.platform,
      canInstallCli: Boolean(this.deps.installCli),
      keyHealth: this.keyHealth,
      favourites: this.deps.prefs.get("favouriteModels"),
      recents: this.deps.prefs.get("recentModels"),
      credits: this.credits,
      spendToday: this.spendToday,
      profiles: this.profiles,
      lowCreditThreshold: this.deps.prefs.get("lowCreditThreshold"),
      switcherShortcut: displayAccelerator(this.deps.prefs.get("quickSwitchShortcut"), process.platform),
      health: this.snapshot ? healthItems(this.snapshot, this.health, this.switches) : [],
      project: this.project,
    });
    const tone = trayTone(this.health);
    if (tone !== this.tone) this.tray.setImage(this.icon(tone));
    this.tone = tone;
    this.menu = Menu.buildFromTemplate(this.template.map((item) => this.toElectron(item)));
    this.menu.on("menu-will-show", () => this.deps.onOpen?.());
    // On macOS a context menu would take the left click from the popover: it pops up on right-click instead.
    if (process.platform !== "darwin") this.tray.setContextMenu(this.menu);
    this.tray.setToolTip(this.tooltip());
    if (process.platform === "darwin") this.tray.setTitle(trayTitle(this.snapshot, this.deps.prefs.get("trayTitle"), process.platform));
  }

  private toElectron(item: TrayMenuItem): MenuItemConstructorOptions {
    const { action, submenu, ...rest } = item;
    return {
      ...rest,
      ...(submenu ? { submenu: submenu.map((child) => this.toElectron(child)) } : {}),
      ...(action ? { click: () => void this.run(action) } : {}),
    };
  }

  private async run(action: TrayAction): Promise<void> {
    try {
      switch (action.kind) {
        case "useModel":
          return await this.execute({ type: "useModel", ref: action.ref });
        case "setThinkingLevel":
          return await this.execute({ type: "setThinkingLevel", level: action.level });
        case "openWindow":
          return this.deps.openWindow(action.view);
        case "removeKeyCommand": {
          const result = await call(this.deps.api, "keyDisconnectProvider", { provider: action.provider });
          notify(result.ok ? "Key command removed" : "The key command was not removed", result.ok ? `pi no longer reads the OpenRouter key for ${action.provider}.` : result.error.message);
          return;
        }
        case "openSwitcher":
          return this.deps.openSwitcher();
        case "testDefault":
          return await this.testDefault();
        case "switchEndpoint":
          return await this.switchEndpoint(action.ref);
        case "undoEndpointSwitch":
          return await this.undoSwitch(action.ref);
        case "toggleLaunchAtLogin": {
          const enabled = !this.deps.prefs.get("launchAtLogin");
          await this.deps.setLaunchAtLogin(enabled);
          this.deps.prefs.set("launchAtLogin", enabled);
          return this.render();
        }
        case "installCli":
          return await this.deps.installCli?.();
        case "quit":
          return this.deps.quit();
      }
    } catch (error) {
      notify("Pi Switchboard", (error as Error).message);
      this.render();
    }
  }

  private async execute(command: Command): Promise<void> {
    const result = await call(this.deps.api, "execute", command);
    if (!result.ok) notify("pi's settings were not changed", result.error.message);
    // Re-render either way: a refused click must not leave a radio item showing a choice pi does not have.
    this.render();
  }

  private async switchEndpoint(ref: string): Promise<void> {
    const result = await call(this.deps.api, "healthSwitch", { ref });
    if (!result.ok) {
      notify("The pinned provider was not switched", result.error.message);
      return this.render();
    }
    this.switches = [...this.switches.filter((s) => s.ref !== ref), result.value];
    notify(`${ref} now pinned to ${result.value.toProvider}`, `Every request goes to ${result.value.to}. "Undo" in the tray menu puts back ${result.value.from.join(", ")}.${this.snapshot ? ` ${this.snapshot.pi.afterModelsSave}` : ""}`);
    this.render();
  }

  private async undoSwitch(ref: string): Promise<void> {
    const done = this.switches.find((s) => s.ref === ref);
    if (!done) return;
    this.switches = this.switches.filter((s) => s !== done);
    const backup = backupOfSave((await call(this.deps.api, "listBackups", null)) as BackupEntry[], "models.json", done);
    const result = backup ? await call(this.deps.api, "restoreBackup", { path: backup.path, expectedVersion: done.version }) : null;
    if (result?.ok) notify(`${ref} is pinned as before`, `models.json is back as it was before the switch to ${done.to}.`);
    else notify("The switch was not undone", result ? result.error.message : "Its backup was not found in switchboard-backups; Config health lists the backups there are.");
    this.render();
  }

  private async testDefault(): Promise<void> {
    const { provider, id } = this.snapshot?.default ?? {};
    if (!provider || !id) return;
    const ref = `${provider}/${id}`;
    // Subscribe before starting so no event of this run can slip by; filter once the run id is known.
    const seen: TestEvent[] = [];
    let runId: string | null = null;
    const handle = (event: TestEvent) => {
      if (event.runId !== runId) return;
      if (event.type === "done") {
        const notice = testNotice(event.result);
        notify(notice.title, notice.body);
      }
      if (event.type === "finished") stop();
    };
    const stop = this.deps.api.onEvent((name, payload) => {
      if (name !== "test") return;
      if (runId === null) seen.push(payload as TestEvent);
      else handle(payload as TestEvent);
    });
    const started = await call(this.deps.api, "testStart", { targets: [{ ref }], prompt: TEST_PROMPT });
    if (!started.ok) {
      stop();
      notify(`Test not started: ${ref}`, started.error.message);
      return;
    }
    runId = started.value.runId;
    seen.forEach(handle);
  }

  destroy(): void {
    this.tray.destroy();
  }
}
