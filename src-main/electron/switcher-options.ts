/**
 * How the quick-switcher popover is made and where it goes, as pure data: the BrowserWindow
 * options (frameless, above other windows, the main window's security settings) and its place next to the tray icon on the side away
 * from the bar (below a macOS menu bar or a top taskbar, above a bottom taskbar, beside a side
 * one), kept inside the display's work area; without an icon to point at (the global shortcut on
 * a system that reports no tray bounds) in the upper middle of the display, like Spotlight.
 * switcher-window.ts only passes the result to Electron; the unit tests assert it.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from "electron";
import { secureWebPreferences } from "./window-options.js";

export const POPOVER_SIZE = { width: 420, height: 480 };
/** Between the bar and the popover, and between the popover and the screen edge. */
const GAP = 6;

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}

/** An icon that is really there: Electron reports zero bounds where the system does not say (some Linux trays). */
export function hasBounds(rect: Rectangle | null): rect is Rectangle {
  return rect !== null && rect.width > 0 && rect.height > 0;
}

/** The popover's bounds. `anchor`: the tray icon's bounds, or null; `workArea`: its display without the menu bar, Dock or taskbar. */
export function popoverBounds(anchor: Rectangle | null, workArea: Rectangle, size = POPOVER_SIZE): Rectangle {
  const width = Math.min(size.width, workArea.width - 2 * GAP);
  const height = Math.min(size.height, workArea.height - 2 * GAP);
  const minX = workArea.x + GAP;
  const maxX = workArea.x + workArea.width - width - GAP;
  const minY = workArea.y + GAP;
  const maxY = workArea.y + workArea.height - height - GAP;
  if (!hasBounds(anchor)) {
    // Spotlight's spot: centred, a fifth of the way down.
    return { x: Math.round(workArea.x + (workArea.width - width) / 2), y: Math.round(workArea.y + workArea.height / 5), width, height };
  }
  const centreX = anchor.x + anchor.width / 2;
  const centreY = anchor.y + anchor.height / 2;
  const workBottom = workArea.y + workArea.height;
  const workRight = workArea.x + workArea.width;
  let x: number;
  let y: number;
  if (anchor.y >= workBottom - 1) {
    // Taskbar at the bottom (Windows' usual): above the icon.
    x = centreX - width / 2;
    y = anchor.y - height - GAP;
  } else if (anchor.x >= workRight - 1) {
    // Taskbar on the right: to the icon's left.
    x = anchor.x - width - GAP;
    y = centreY - height / 2;
  } else if (anchor.x + anchor.width <= workArea.x + 1) {
    // Taskbar on the left: to the icon's right.
    x = anchor.x + anchor.width + GAP;
    y = centreY - height / 2;
  } else {
    // macOS menu bar, or a taskbar at the top: below the icon.
    x = centreX - width / 2;
    y = anchor.y + anchor.height + GAP;
  }
  return { x: Math.round(clamp(x, minX, maxX)), y: Math.round(clamp(y, minY, maxY)), width, height };
}

/** A compact, frameless panel that floats above other apps and stays out of the taskbar; shown once its page is ready. */
export function switcherWindowOptions(input: { preloadPath: string; devTools: boolean; bounds: Rectangle; platform: NodeJS.Platform }): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    title: "Pi Switchboard — quick switcher",
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    // macOS: a panel over full-screen apps too, like the menu-bar extras people compare it with.
    ...(input.platform === "darwin" ? { type: "panel" } : {}),
    webPreferences: secureWebPreferences(input.preloadPath, input.devTools),
  };
}
