/**
 * Which transport the window uses: Electron's preload exposes exactly SwitchboardApi as
 * `window.switchboard`; anywhere else the page came from `serve` and talks over its WebSocket.
 */
import type { SwitchboardApi } from "../../src-main/core/common/index.js";
import { obtainServeSession, sessionRefusal } from "./serve-session";
import { createSocketApi, type ConnectionState } from "./socket-client";

declare global {
  interface Window {
    switchboard?: SwitchboardApi;
  }
}

export interface HostApi {
  api: SwitchboardApi;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

export function connectToHost(): HostApi {
  if (window.switchboard) {
    return { api: window.switchboard, onConnection: (l) => (l("open"), () => {}) };
  }
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const socket = createSocketApi(`${scheme}//${location.host}/ws`, { session: obtainServeSession, refusal: sessionRefusal });
  return { api: socket, onConnection: socket.onConnection };
}
