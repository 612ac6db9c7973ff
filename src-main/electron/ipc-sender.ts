/**
 * Who may call the API over IPC: only the main frame of our own window, showing our own renderer.
 * A pure predicate so it is unit-tested; ipc.ts feeds it each call's sender before ApiHost runs.
 */

export interface IpcSender {
  /** webContents.id of the caller. */
  webContentsId: number;
  /** event.senderFrame?.url; null when the frame is gone (navigated or destroyed). */
  frameUrl: string | null;
  /** The call comes from the top frame, not an iframe. */
  isMainFrame: boolean;
}

export interface TrustedRenderer {
  /** webContents.id of our window, or null while there is no window. */
  webContentsId: number | null;
  /** Where our renderer lives: the app:// origin in production, the Vite dev server in development. */
  origin: string;
}

export function isTrustedSender(sender: IpcSender, trusted: TrustedRenderer): boolean {
  if (trusted.webContentsId === null || sender.webContentsId !== trusted.webContentsId) return false;
  if (!sender.isMainFrame || !sender.frameUrl) return false;
  let url: URL;
  try {
    url = new URL(sender.frameUrl);
  } catch {
    return false;
  }
  // URL#origin is "null" for non-special schemes such as app:, so compare protocol and host.
  let expected: URL;
  try {
    expected = new URL(trusted.origin);
  } catch {
    return false;
  }
  return url.protocol === expected.protocol && url.host === expected.host;
}
