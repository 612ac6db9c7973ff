/**
 * The Switchboard window, opened on demand from the tray and destroyed on close (the app stays in
 * the tray and the memory is given back). One window at most; bounds are remembered in prefs.
 * Options come from window-options.ts; this file only creates, shows and remembers.
 */
import { app, BrowserWindow, screen, type WebContents } from "electron";
import type { PrefsStore } from "./prefs.js";
import type { ProblemView } from "./tray-menu.js";
import { mainWindowOptions, pageUrlFor, restorableBounds } from "./window-options.js";

export interface WindowDeps {
  prefs: PrefsStore;
  preloadPath: string;
  /** The renderer's entry page (app://switchboard/ or the Vite dev server). */
  pageUrl: string;
  devTools: boolean;
}

export class SwitchboardWindow {
  private window: BrowserWindow | null = null;

  constructor(private readonly deps: WindowDeps) {}

  webContents(): WebContents | null {
    return this.window && !this.window.isDestroyed() ? this.window.webContents : null;
  }

  show(view: ProblemView | null = null): void {
    // A menu-bar app (no Dock icon) is never the active app by itself; without this the window opens behind others.
    if (process.platform === "darwin") app.focus({ steal: true });
    if (this.window && !this.window.isDestroyed()) {
      if (view) void this.window.loadURL(pageUrlFor(this.deps.pageUrl, view));
      if (this.window.isMinimized()) this.window.restore();
      this.window.show();
      this.window.focus();
      return;
    }
    const workAreas = screen.getAllDisplays().map((d) => d.workArea);
    const bounds = restorableBounds(this.deps.prefs.get("windowBounds"), workAreas);
    const options = mainWindowOptions({ preloadPath: this.deps.preloadPath, bounds, devTools: this.deps.devTools });
    // The security-critical preferences are restated where the window is made, so a reader (and
    // the Electronegativity scan, which reads one file at a time) sees them without following
    // window-options.ts; they equal secureWebPreferences(), which the unit tests pin down.
    const window = new BrowserWindow({
      ...options,
      webPreferences: { ...options.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: "Auxclick" },
    });
    this.window = window;
    window.once("ready-to-show", () => window.show());
    window.on("close", () => this.deps.prefs.set("windowBounds", window.getNormalBounds()));
    window.on("closed", () => {
      if (this.window === window) this.window = null;
    });
    void window.loadURL(pageUrlFor(this.deps.pageUrl, view));
  }

  close(): void {
    if (this.window && !this.window.isDestroyed()) this.window.close();
  }
}
