/**
 * The preload bridge: exposes exactly the SwitchboardApi contract (invoke, on) as
 * window.switchboard and nothing else — no ipcRenderer, no Node. Runs sandboxed, so it is bundled
 * as one CommonJS file (electron.vite.config.ts).
 */
import { contextBridge, ipcRenderer } from "electron";
import type { ApiEvent, ApiEvents, SwitchboardApi } from "../core/common/index.js";
import { EVENT_CHANNEL, INVOKE_CHANNEL } from "./ipc-channels.js";

type AnyListener = (payload: ApiEvents[ApiEvent]) => void;
const listeners = new Map<ApiEvent, Set<AnyListener>>();

// One IPC listener for all events, so the renderer can never stack up ipcRenderer listeners.
ipcRenderer.on(EVENT_CHANNEL, (_event, name: ApiEvent, payload: ApiEvents[ApiEvent]) => {
  listeners.get(name)?.forEach((listener) => listener(payload));
});

const api: SwitchboardApi = {
  invoke: (method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
  on(event, listener) {
    const set = listeners.get(event) ?? new Set<AnyListener>();
    listeners.set(event, set);
    set.add(listener as AnyListener);
    return () => {
      set.delete(listener as AnyListener);
    };
  },
};

contextBridge.exposeInMainWorld("switchboard", api);
