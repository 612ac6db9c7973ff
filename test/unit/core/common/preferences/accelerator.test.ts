import { describe, expect, it } from "vitest";
import { acceleratorFromKeyPress, checkAccelerator, DEFAULT_SHORTCUT, displayAccelerator, storedShortcutProblem, type KeyPress } from "../../../../../src-main/core/common/preferences/accelerator";

const press = (code: string, mods: Partial<KeyPress> = {}, key = ""): KeyPress => ({ code, key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe("the default shortcut", () => {
  it.each(["darwin", "win32", "linux"] as const)("works as a global shortcut on %s", (platform) => {
    expect(checkAccelerator(DEFAULT_SHORTCUT, platform)).toEqual({ ok: true, value: { modifiers: ["CommandOrControl", "Alt"], key: "P", accelerator: DEFAULT_SHORTCUT } });
  });

  it("is not the old Alt+digit, which types a character on macOS", () => {
    const check = checkAccelerator("Alt+1", "darwin");
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(/On macOS, Option\+1 types a character.*add ⌘ or Control/);
    // Elsewhere Alt+1 is a fine accelerator.
    expect(checkAccelerator("Alt+1", "linux").ok).toBe(true);
  });
});

describe("checkAccelerator", () => {
  it("writes one spelling: aliases resolved, modifiers in a fixed order, keys named as Electron names them", () => {
    const check = checkAccelerator(" shift+cmdorctrl+option+k ", "linux");
    expect(check.ok && check.value.accelerator).toBe("CommandOrControl+Alt+Shift+K");
    expect(checkAccelerator("Ctrl+Alt+enter", "win32")).toMatchObject({ ok: true, value: { accelerator: "Control+Alt+Return" } });
    expect(checkAccelerator("Super+f12", "linux")).toMatchObject({ ok: true, value: { accelerator: "Super+F12" } });
    expect(checkAccelerator("F9", "darwin")).toMatchObject({ ok: true, value: { accelerator: "F9" } });
  });

  it.each([
    ["", /empty/],
    ["Ctrl+Alt", /only modifiers/],
    ["Ctrl++", /empty part.*Plus/],
    ["Ctrl+A+B", /one key.*A and B/],
    ["Ctrl+Hyper+P", /"Hyper" is not a key/],
    ["P", /take that key from every app/],
    ["Shift+P", /take that key from every app/],
  ])("refuses %j with the reason", (text, reason) => {
    const check = checkAccelerator(text, "linux");
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(reason);
  });

  it("allows Option with ⌘ or Control on macOS, and Option with a function key", () => {
    expect(checkAccelerator("Command+Alt+1", "darwin").ok).toBe(true);
    expect(checkAccelerator("Control+Option+Space", "darwin").ok).toBe(true);
    expect(checkAccelerator("Alt+F5", "darwin").ok).toBe(true);
    expect(checkAccelerator("Alt+Shift+Space", "darwin").ok).toBe(false);
  });
});

describe("acceleratorFromKeyPress (the recorder)", () => {
  it("takes the physical key, so macOS Option+1 (key ¡) records as digit 1", () => {
    expect(acceleratorFromKeyPress(press("Digit1", { metaKey: true, altKey: true }, "¡"), "darwin")).toEqual({ state: "done", accelerator: "CommandOrControl+Alt+1" });
  });

  it("saves ⌘ on macOS and Ctrl elsewhere as CommandOrControl; Control on macOS and the Windows key stay themselves", () => {
    expect(acceleratorFromKeyPress(press("KeyP", { metaKey: true, altKey: true }), "darwin")).toEqual({ state: "done", accelerator: "CommandOrControl+Alt+P" });
    expect(acceleratorFromKeyPress(press("KeyP", { ctrlKey: true, altKey: true }), "win32")).toEqual({ state: "done", accelerator: "CommandOrControl+Alt+P" });
    expect(acceleratorFromKeyPress(press("KeyP", { ctrlKey: true, shiftKey: true }), "darwin")).toEqual({ state: "done", accelerator: "Control+Shift+P" });
    expect(acceleratorFromKeyPress(press("KeyS", { metaKey: true, shiftKey: true }), "linux")).toEqual({ state: "done", accelerator: "Shift+Super+S" });
    expect(acceleratorFromKeyPress(press("ArrowUp", { ctrlKey: true, altKey: true }), "linux")).toEqual({ state: "done", accelerator: "CommandOrControl+Alt+Up" });
  });

  it("keeps listening while only modifiers are down, showing them", () => {
    expect(acceleratorFromKeyPress(press("AltLeft", { altKey: true }, "Alt"), "darwin")).toEqual({ state: "pending", display: "⌥…" });
    expect(acceleratorFromKeyPress(press("ControlLeft", { ctrlKey: true }, "Control"), "linux")).toEqual({ state: "pending", display: "Ctrl…" });
  });

  it("says why a press cannot be a global shortcut", () => {
    expect(acceleratorFromKeyPress(press("Digit2", { altKey: true }, "™"), "darwin")).toMatchObject({ state: "invalid", message: expect.stringMatching(/Option\+2 types a character/) });
    expect(acceleratorFromKeyPress(press("KeyQ"), "linux")).toMatchObject({ state: "invalid", message: expect.stringMatching(/every app/) });
    expect(acceleratorFromKeyPress(press("IntlRo", { ctrlKey: true }, "ろ"), "linux")).toMatchObject({ state: "invalid", message: expect.stringMatching(/cannot be part/) });
  });
});

describe("storedShortcutProblem (checked at start)", () => {
  it("names an old Option+digit shortcut on macOS as not working, with what to do", () => {
    expect(storedShortcutProblem("Alt+1", "darwin")).toBe("The shortcut Alt+1 cannot work here: On macOS, Option+1 types a character instead of reaching the app: add ⌘ or Control (e.g. ⌘⌥1). Record another one in Preferences.");
    expect(storedShortcutProblem("Alt+1", "linux")).toBeNull();
    expect(storedShortcutProblem(DEFAULT_SHORTCUT, "darwin")).toBeNull();
    expect(storedShortcutProblem("", "darwin")).toBeNull();
  });
});

describe("displayAccelerator", () => {
  it("reads as each system prints shortcuts", () => {
    expect(displayAccelerator(DEFAULT_SHORTCUT, "darwin")).toBe("⌥⌘P");
    expect(displayAccelerator(DEFAULT_SHORTCUT, "win32")).toBe("Ctrl+Alt+P");
    expect(displayAccelerator("Control+Alt+Shift+Command+K", "darwin")).toBe("⌃⌥⇧⌘K");
    expect(displayAccelerator("Shift+Super+S", "linux")).toBe("Shift+Super+S");
    expect(displayAccelerator("", "linux")).toBe("");
  });
});
