import { describe, expect, it } from "vitest";
import { isTrustedSender, type IpcSender } from "../../../src-main/electron/ipc-sender.js";

const production = { webContentsId: 7, origin: "app://switchboard" };
const call = (over: Partial<IpcSender> = {}): IpcSender => ({ webContentsId: 7, frameUrl: "app://switchboard/index.html#/models", isMainFrame: true, ...over });

describe("IPC sender check", () => {
  it("accepts our window's main frame showing our renderer", () => {
    expect(isTrustedSender(call(), production)).toBe(true);
  });

  it("accepts the Vite dev server's page in development", () => {
    const dev = { webContentsId: 7, origin: "http://localhost:5173" };
    expect(isTrustedSender(call({ frameUrl: "http://localhost:5173/?x#/key" }), dev)).toBe(true);
    expect(isTrustedSender(call({ frameUrl: "http://localhost:5174/" }), dev)).toBe(false);
  });

  it.each([
    ["another webContents", call({ webContentsId: 8 })],
    ["a subframe", call({ isMainFrame: false })],
    ["a frame that is gone", call({ frameUrl: null })],
    ["a page that navigated elsewhere", call({ frameUrl: "https://openrouter.ai/" })],
    ["a file URL", call({ frameUrl: "file:///opt/app/out/renderer/index.html" })],
    ["another app:// host", call({ frameUrl: "app://evil/index.html" })],
    ["a page that is not a URL", call({ frameUrl: "about:blank" })],
  ])("refuses %s", (_why, sender) => expect(isTrustedSender(sender, production)).toBe(false));

  it("refuses everyone while there is no window", () => {
    expect(isTrustedSender(call(), { ...production, webContentsId: null })).toBe(false);
  });
});
