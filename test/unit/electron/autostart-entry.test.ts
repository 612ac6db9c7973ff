import { describe, expect, it } from "vitest";
import { autostartDesktopEntry, quoteExecArg } from "../../../src-main/electron/autostart-entry.js";

describe("Linux autostart entry", () => {
  it("starts the app itself, with no terminal", () => {
    const entry = autostartDesktopEntry("/opt/Pi Switchboard/pi-switchboard");
    expect(entry.split("\n")).toEqual(expect.arrayContaining(["[Desktop Entry]", "Type=Application", 'Exec="/opt/Pi Switchboard/pi-switchboard"', "Terminal=false"]));
  });

  it("quotes what the Desktop Entry spec reserves, so a path cannot inject arguments", () => {
    expect(quoteExecArg("/home/u/Apps/Pi-Switchboard.AppImage")).toBe("/home/u/Apps/Pi-Switchboard.AppImage");
    expect(quoteExecArg('/a b/"x"$HOME`id`\\')).toBe('"/a b/\\"x\\"\\$HOME\\`id\\`\\\\"');
    expect(autostartDesktopEntry("/apps/100%/app")).toContain('Exec="/apps/100%%/app"');
  });
});
