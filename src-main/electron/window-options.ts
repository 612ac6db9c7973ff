/**
 * How the Switchboard window is made, as pure data: the BrowserWindow options (with every
 * security-relevant webPreference spelled out rather than left to Electron's defaults, which have
 * changed between versions) and where the window goes given the saved bounds and today's
 * displays. window.ts only passes these to Electron; the unit tests assert them.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from "electron";
import type { ProblemView } from "./tray-menu.js";

export const DEFAULT_SIZE = { width: 1100, height: 760 };
const MIN_SIZE = { width: 720, height: 480 };
/** How much of the saved window must still be on a display for us to put it back there. */
const MIN_VISIBLE = 100;

export interface WindowOptionsInput {
  preloadPath: string;
  bounds: Rectangle | null;
  /** Allow DevTools (development builds only). */
  devTools: boolean;
}

export function secureWebPreferences(preloadPath: string, devTools: boolean): NonNullable<BrowserWindowConstructorOptions["webPreferences"]> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Middle-click (auxclick) can open links in new windows; window.open is denied too, but no path should exist.
    disableBlinkFeatures: "Auxclick",
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...(input.bounds ?? DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: "Pi Switchboard",
    // Shown on ready-to-show, so the user never sees an empty frame.
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(input.preloadPath, input.devTools),
  };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** The saved bounds when enough of them is on a display today (a monitor may have gone), else null: Electron centres the default size. */
export function restorableBounds(saved: Rectangle | null, workAreas: Rectangle[]): Rectangle | null {
  if (!saved || ![saved.x, saved.y, saved.width, saved.height].every(Number.isFinite)) return null;
  if (saved.width < MIN_SIZE.width || saved.height < MIN_SIZE.height) return null;
  const visible = workAreas.some((area) => {
    const o = overlap(saved, area);
    return o.width >= MIN_VISIBLE && o.height >= MIN_VISIBLE;
  });
  return visible ? saved : null;
}

/** The view travels in the hash, the renderer's route, so a problem line opens on the problem. */
export function pageUrlFor(pageUrl: string, view: ProblemView | null): string {
  const url = new URL(pageUrl);
  url.hash = view ? `/${view}` : "";
  return url.toString();
}
