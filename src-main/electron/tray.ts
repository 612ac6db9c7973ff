/**
 * The tray icon and its quick-switch menu. The menu's content comes from tray-menu.ts (pure);
 * this file turns that template into Electron's Menu, follows every snapshot, and maps each
 * item's action to an API call, the same calls the window makes (so pi's lock, validation and
 * conflict rules apply to tray clicks too).
 */
import { join } from "node:path";
import { Menu, Notification, Tray, nativeImage, type MenuItemConstructorOptions } from "electron";
import type { ApiEndpoint } from "../core/api-handlers.js";
import type { ApiMethod, ApiMethods, Command, KeyHealth, Snapshot, TestEvent } from "../core/contract.js";
import type { PrefsStore } from "./prefs.js";
import { testNotice } from "./test-notice.js";
import { buildTrayMenu, trayTooltip, type ProblemView, type TrayAction, type TrayMenuItem } from "./tray-menu.js";

const TEST_PROMPT = "Reply with the single word: pong";

export interface TrayDeps {
  api: ApiEndpoint;
  prefs: PrefsStore;
  /** Folder with trayTemplate.png (macOS menu bar) and tray.png (elsewhere), each with an @2x. */
  iconDir: string;
  /** The host has a test-prompt feature. */
  canTest: boolean;
  openWindow(view: ProblemView | null): void;
  setLaunchAtLogin(enabled: boolean): Promise<void>;
  quit(): void;
  /** The menu is about to show: main.ts re-checks key health then. */
  onOpen?(): void;
}

/** ApiHost.invoke with the contract's types; ApiHost itself validates the input. */
async function call<M extends ApiMethod>(api: ApiEndpoint, method: M, input: ApiMethods[M]["input"]): Promise<ApiMethods[M]["output"]> {
  return (await api.invoke(method, input)) as ApiMethods[M]["output"];
}

function notify(title: string, body: string): void {
  if (Notification.isSupported()) new Notification({ title, body, silent: true }).show();
}

export class QuickSwitchTray {
  private readonly tray: Tray;
  private snapshot: Snapshot | null = null;
  private menu: Menu | null = null;
  private template: TrayMenuItem[] = [];
  private keyHealth: KeyHealth | null = null;

  constructor(private readonly deps: TrayDeps) {
    // A file name ending in "Template" makes macOS recolour the icon for light and dark menu bars.
    const icon = nativeImage.createFromPath(join(deps.iconDir, process.platform === "darwin" ? "trayTemplate.png" : "tray.png"));
    this.tray = new Tray(icon);
    // Windows opens a tray's context menu on right-click only; a left click should switch too.
    if (process.platform === "win32") this.tray.on("click", () => this.popUp());
    this.render();
  }

  update(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    this.render();
  }

  setKeyHealth(health: KeyHealth | null): void {
    this.keyHealth = health;
    this.render();
  }

  /** The template last shown, for the smoke test. */
  currentTemplate(): TrayMenuItem[] {
    return this.template;
  }

  tooltip(): string {
    return trayTooltip(this.snapshot);
  }

  /** Pops the quick-switch; Linux's AppIndicator cannot be popped programmatically, so the window opens there. */
  popUp(): void {
    this.deps.onOpen?.();
    if (process.platform === "linux" || !this.menu) this.deps.openWindow(null);
    else this.tray.popUpContextMenu(this.menu);
  }

  render(): void {
    this.template = buildTrayMenu({
      snapshot: this.snapshot,
      launchAtLogin: this.deps.prefs.get("launchAtLogin"),
      canTest: this.deps.canTest,
      platform: process.platform,
      keyHealth: this.keyHealth,
    });
    this.menu = Menu.buildFromTemplate(this.template.map((item) => this.toElectron(item)));
    this.menu.on("menu-will-show", () => this.deps.onOpen?.());
    this.tray.setContextMenu(this.menu);
    this.tray.setToolTip(this.tooltip());
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
        case "testDefault":
          return await this.testDefault();
        case "toggleLaunchAtLogin": {
          const enabled = !this.deps.prefs.get("launchAtLogin");
          await this.deps.setLaunchAtLogin(enabled);
          this.deps.prefs.set("launchAtLogin", enabled);
          return this.render();
        }
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
