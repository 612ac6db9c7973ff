/**
 * Electron's transport for the API: one ipcMain handler that checks the sender, then hands the call
 * to ApiHost (which validates the input and runs the handler from its one table); ApiHost's events
 * go to our windows (the main window and the quick-switcher popover) with webContents.send. No behaviour of its own beyond the sender check
 * and showing the main process's native confirmation when command-guard.ts asks for one.
 */
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type WebContents } from "electron";
import type { ApiEndpoint } from "../core/api-handlers.js";
import type { ApiCaller } from "../core/command-guard.js";
import { allowsCommands, commandConfirmationBox } from "./command-confirmation.js";
import { EVENT_CHANNEL, INVOKE_CHANNEL } from "./ipc-channels.js";
import { isTrustedSender, type TrustedRenderer } from "./ipc-sender.js";

export interface IpcTarget {
  /** Our windows' webContents (the main window, the quick-switcher popover), null for one that is closed. */
  webContents(): (WebContents | null)[];
  /** The origin our renderer is served from. */
  origin: string;
}

/** The one caller that can ask before a `!command` write: the main process itself, in a native box on the sender's window. */
function askingCaller(sender: WebContents): ApiCaller {
  return {
    confirmCommands: async (commands) => {
      const window = BrowserWindow.fromWebContents(sender);
      const box = commandConfirmationBox(commands);
      const { response } = window ? await dialog.showMessageBox(window, box) : await dialog.showMessageBox(box);
      return allowsCommands(response);
    },
  };
}

function senderOf(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  return { webContentsId: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null };
}

/** Wires the API to IPC; returns the function that unwires it. */
export function wireIpc(api: ApiEndpoint, target: IpcTarget): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown) => {
    const sender = senderOf(event);
    const ours = target.webContents().map((c): TrustedRenderer => ({ webContentsId: c?.id ?? null, origin: target.origin }));
    if (!ours.some((trusted) => isTrustedSender(sender, trusted))) throw new Error("Refused: only the Pi Switchboard window may call its API.");
    if (typeof method !== "string") throw new Error("Refused: the method must be a name.");
    return api.invoke(method, input, askingCaller(event.sender));
  });
  const stopEvents = api.onEvent((name, payload) => {
    for (const contents of target.webContents()) if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    stopEvents();
  };
}
