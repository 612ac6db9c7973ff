import { describe, expect, it } from "vitest";
import { POPOVER_SIZE, popoverBounds, switcherWindowOptions } from "../../../src-main/electron/switcher-options.js";
import { secureWebPreferences } from "../../../src-main/electron/window-options.js";

/** A 1440x900 display; the work area leaves out the bar where it is. */
const display = { x: 0, y: 0, width: 1440, height: 900 };
const within = (b: { x: number; y: number; width: number; height: number }, area: typeof display) =>
  b.x >= area.x && b.y >= area.y && b.x + b.width <= area.x + area.width && b.y + b.height <= area.y + area.height;

describe("quick-switcher popover placement", () => {
  it("macOS: below the menu-bar icon, centred on it", () => {
    const workArea = { x: 0, y: 25, width: 1440, height: 875 };
    const icon = { x: 1000, y: 0, width: 24, height: 24 };
    const b = popoverBounds(icon, workArea);
    expect(b.width).toBe(POPOVER_SIZE.width);
    expect(b.height).toBe(POPOVER_SIZE.height);
    expect(b.x).toBe(1012 - 210);
    // Just under the bar: the icon's bottom and the work area's top, whichever is lower, plus a gap.
    expect(b.y).toBe(25 + 6);
  });

  it("keeps inside the screen when the icon sits at its edge", () => {
    const workArea = { x: 0, y: 25, width: 1440, height: 875 };
    const b = popoverBounds({ x: 1420, y: 0, width: 20, height: 24 }, workArea);
    expect(b.x + b.width).toBe(1440 - 6);
    expect(within(b, workArea)).toBe(true);
  });

  it("Windows: above a bottom taskbar's icon", () => {
    const workArea = { x: 0, y: 0, width: 1440, height: 860 };
    const b = popoverBounds({ x: 1300, y: 868, width: 24, height: 24 }, workArea);
    expect(b.y + b.height).toBe(860 - 6);
    expect(within(b, workArea)).toBe(true);
  });

  it("beside a taskbar on the left or the right", () => {
    const left = popoverBounds({ x: 8, y: 800, width: 24, height: 24 }, { x: 48, y: 0, width: 1392, height: 900 });
    expect(left.x).toBe(48 + 6);
    const right = popoverBounds({ x: 1400, y: 800, width: 24, height: 24 }, { x: 0, y: 0, width: 1392, height: 900 });
    expect(right.x + right.width).toBe(1392 - 6);
    // Near the bottom: pushed up so it stays on screen.
    expect(right.y + right.height).toBeLessThanOrEqual(900 - 6);
  });

  it("without an icon to point at (zero bounds, or none), opens where Spotlight does", () => {
    for (const anchor of [null, { x: 0, y: 0, width: 0, height: 0 }]) {
      const b = popoverBounds(anchor, display);
      expect(b.x).toBe((1440 - 420) / 2);
      expect(b.y).toBe(180);
    }
  });

  it("shrinks to a small screen rather than run off it", () => {
    const small = { x: 0, y: 0, width: 400, height: 420 };
    const b = popoverBounds({ x: 380, y: 0, width: 20, height: 20 }, small);
    expect(b.width).toBe(388);
    expect(within(b, small)).toBe(true);
  });
});

describe("quick-switcher window options", () => {
  const bounds = { x: 10, y: 30, width: 420, height: 480 };
  it("has the main window's security settings, exactly", () => {
    const options = switcherWindowOptions({ preloadPath: "/app/out/preload/preload.cjs", devTools: false, bounds, platform: "win32" });
    expect(options.webPreferences).toEqual(secureWebPreferences("/app/out/preload/preload.cjs", false));
  });

  it("is a frameless panel out of the taskbar, above other windows, shown once ready", () => {
    const options = switcherWindowOptions({ preloadPath: "/p.cjs", devTools: false, bounds, platform: "darwin" });
    expect(options).toMatchObject({ ...bounds, frame: false, show: false, skipTaskbar: true, alwaysOnTop: true, resizable: false, type: "panel" });
    expect(switcherWindowOptions({ preloadPath: "/p.cjs", devTools: false, bounds, platform: "win32" })).not.toHaveProperty("type");
  });
});
