import { describe, expect, it } from "vitest";
import { DEFAULT_SIZE, mainWindowOptions, pageUrlFor, restorableBounds } from "../../../src-main/electron/window-options.js";

describe("window options", () => {
  const options = mainWindowOptions({ preloadPath: "/app/out/preload/preload.cjs", bounds: null, devTools: false });

  it("isolates the renderer: context isolation, sandbox, no Node, web security on", () => {
    expect(options.webPreferences).toMatchObject({
      preload: "/app/out/preload/preload.cjs",
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
      disableBlinkFeatures: "Auxclick",
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty("enableBlinkFeatures");
    expect(options.webPreferences).not.toHaveProperty("additionalArguments");
  });

  it("stays hidden until the page is ready, at the default size without saved bounds", () => {
    expect(options.show).toBe(false);
    expect([options.width, options.height]).toEqual([DEFAULT_SIZE.width, DEFAULT_SIZE.height]);
    expect(options.x).toBeUndefined();
  });

  it("opens where the user left it", () => {
    const bounds = { x: 40, y: 50, width: 900, height: 700 };
    expect(mainWindowOptions({ preloadPath: "p", bounds, devTools: true })).toMatchObject({ ...bounds, webPreferences: { devTools: true, sandbox: true } });
  });
});

describe("restoring saved bounds", () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 900 };
  const external = { x: 1440, y: 0, width: 2560, height: 1440 };

  it("keeps bounds that are on a display", () => {
    const saved = { x: 1600, y: 100, width: 1000, height: 800 };
    expect(restorableBounds(saved, [laptop, external])).toEqual(saved);
  });

  it("drops bounds left on a monitor that is gone", () => {
    expect(restorableBounds({ x: 1600, y: 100, width: 1000, height: 800 }, [laptop])).toBeNull();
  });

  it("drops bounds that barely touch a display, or are too small, or are not numbers", () => {
    expect(restorableBounds({ x: 1400, y: 0, width: 1000, height: 800 }, [laptop])).toBeNull();
    expect(restorableBounds({ x: 10, y: 10, width: 200, height: 100 }, [laptop])).toBeNull();
    expect(restorableBounds({ x: Number.NaN, y: 0, width: 1000, height: 800 }, [laptop])).toBeNull();
    expect(restorableBounds(null, [laptop])).toBeNull();
  });
});

describe("page URL for a view", () => {
  it("puts the problem's view in the hash, the renderer's route", () => {
    expect(pageUrlFor("app://switchboard/index.html", "models-file")).toBe("app://switchboard/index.html#/models-file");
    expect(pageUrlFor("http://localhost:5173/", "key")).toBe("http://localhost:5173/#/key");
    expect(pageUrlFor("app://switchboard/index.html#/old", null)).toBe("app://switchboard/index.html");
  });
});
