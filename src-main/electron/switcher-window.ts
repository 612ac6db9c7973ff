/**
 * The quick-switcher popover (macOS, Windows): a small frameless window by the tray icon, opened by
 * the tray click and the global shortcut, hidden again on Escape or when it loses focus. It loads
 * the same renderer as the main window at `#/switcher` (main.tsx renders only the switcher there),
 * with the same preload, security settings and locked navigation (security.ts covers every
 * webContents). Kept alive while hidden so it opens at once. Options and placement are pure
 * (switcher-options.ts); this file only creates, places, shows and hides.
 */
import { app, BrowserWindow, screen, type Rectangle, type WebContents } from "electron";
import { hasBounds, popoverBounds, switcherWindowOptions } from "./switcher-options.js";

export interface SwitcherWindowDeps {
  preloadPath: string;
  /** The renderer's entry page (app://switchboard/index.html or the Vite dev server). */
  pageUrl: string;
  devTools: boolean;
  /** The tray icon's bounds, to open beside it; null where there is no icon to point at. */
  anchor(): Rectangle | null;
}

/** A click on the tray icon first blurs (and so hides) an open popover: that same click must not reopen it. */
const REOPEN_GUARD_MS = 300;

export class SwitcherPopover {
  private window: BrowserWindow | null = null;
  private hiddenAt = 0;

  constructor(private readonly deps: SwitcherWindowDeps) {}

  webContents(): WebContents | null {
    return this.window && !this.window.isDestroyed() ? this.window.webContents : null;
  }

  /** The tray click: opens it, or closes it when it is open. */
  toggle(): void {
    if (this.window && !this.window.isDestroyed() && this.window.isVisible()) return this.hide();
    if (Date.now() - this.hiddenAt < REOPEN_GUARD_MS) return;
    this.show();
  }

  show(): void {
    const window = this.window && !this.window.isDestroyed() ? this.window : this.create();
    const anchor = this.deps.anchor();
    const display = hasBounds(anchor) ? screen.getDisplayMatching(anchor) : screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    window.setBounds(popoverBounds(anchor, display.workArea));
    // A menu-bar app is never the active app by itself: without this the popover cannot take the keyboard.
    if (process.platform === "darwin") app.focus({ steal: true });
    if (window.webContents.isLoading()) window.once("ready-to-show", () => this.reveal(window));
    else this.reveal(window);
  }

  hide(): void {
    if (!this.window || this.window.isDestroyed() || !this.window.isVisible()) return;
    this.hiddenAt = Date.now();
    this.window.hide();
  }

  private reveal(window: BrowserWindow): void {
    window.show();
    window.focus();
    window.webContents.focus();
  }

  private create(): BrowserWindow {
    const bounds = popoverBounds(null, screen.getPrimaryDisplay().workArea);
    const options = switcherWindowOptions({ preloadPath: this.deps.preloadPath, devTools: this.deps.devTools, bounds, platform: process.platform });
    // The security-critical preferences restated where the window is made, as window.ts does (they equal secureWebPreferences()).
    const window = new BrowserWindow({
      ...options,
      webPreferences: { ...options.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: "Auxclick" },
    });
    this.window = window;
    if (process.platform === "darwin") window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    // A popover goes away when the user looks elsewhere (not while DevTools has the focus).
    window.on("blur", () => {
      if (!window.webContents.isDevToolsOpened()) this.hide();
    });
    window.webContents.on("before-input-event", (event, input) => {
      if (input.type === "keyDown" && input.key === "Escape") {
        event.preventDefault();
        this.hide();
      }
    });
    window.on("closed", () => {
      if (this.window === window) this.window = null;
    });
    const url = new URL(this.deps.pageUrl);
    url.hash = "/switcher";
    void window.loadURL(url.toString());
    return window;
  }

  destroy(): void {
    if (this.window && !this.window.isDestroyed()) this.window.destroy();
    this.window = null;
  }
}
