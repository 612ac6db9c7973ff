/**
 * The native question the main process asks before a write introduces a `!command` into pi's files
 * (command-guard.ts decides when): a message box on the window that sent the write, drawn by the OS,
 * which the page can neither draw, skip nor answer. Pure, so it is unit-tested; ipc.ts shows it.
 * Each command is shown as visibleText renders it, so a bidi override cannot disguise what pi will run.
 */
import type { MessageBoxOptions } from "electron";
import { visibleText } from "../core/common/visible-text.js";

const CANCEL = 0;
const WRITE = 1;

export function commandConfirmationBox(commands: string[]): MessageBoxOptions {
  const one = commands.length === 1;
  return {
    type: "warning",
    title: "Pi Switchboard",
    message: one ? "pi will run this command" : `pi will run these ${commands.length} commands`,
    detail: [
      ...commands.map((c) => visibleText(c)),
      "",
      "Whenever pi needs this value it runs the text after ! in your shell, with your rights. Write it only if you wrote it or trust it.",
    ].join("\n"),
    buttons: ["Cancel", "Write and let pi run it"],
    defaultId: CANCEL,
    cancelId: CANCEL,
    noLink: true,
  };
}

/** The message box's answer: only the write button, never Escape or closing the box. */
export const allowsCommands = (response: number): boolean => response === WRITE;
