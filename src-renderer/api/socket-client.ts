/**
 * The SwitchboardApi over `serve`'s WebSocket: the same contract as Electron's preload bridge.
 * Requests are {id, method, input}; answers {id, ok, value | error}; events {event, payload}.
 * The session cookie set by serve authenticates the socket. A dropped connection rejects what is
 * in flight and reconnects with back-off, telling listeners so the UI can show it and re-sync.
 */
import type { ApiEvent, ApiEvents, ApiMethod, ApiMethods, SwitchboardApi } from "../../src-main/core/contract";

export type ConnectionState = "connecting" | "open" | "closed";

export interface SocketApi extends SwitchboardApi {
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export function createSocketApi(url: string): SocketApi {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;
  let closed = false;
  let state: ConnectionState = "connecting";
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();

  const setState = (next: ConnectionState) => {
    state = next;
    connectionListeners.forEach((l) => l(next));
  };

  function open(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      setState("open");
      queue.splice(0).forEach((m) => ws.send(m));
    };
    ws.onmessage = (e) => {
      const message = JSON.parse(String(e.data)) as { id?: number; ok?: boolean; value?: unknown; error?: { message: string }; event?: string; payload?: unknown };
      if (typeof message.event === "string") {
        eventListeners.get(message.event)?.forEach((l) => l(message.payload));
        return;
      }
      const waiting = typeof message.id === "number" ? pending.get(message.id) : undefined;
      if (!waiting) return;
      pending.delete(message.id!);
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(new Error(message.error?.message ?? "The request failed."));
    };
    ws.onclose = () => {
      socket = null;
      pending.forEach((p) => p.reject(new Error("Lost the connection to `serve`. Is it still running?")));
      pending.clear();
      if (closed) return;
      setState("closed");
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  }
  open();

  return {
    invoke<M extends ApiMethod>(method: M, input: ApiMethods[M]["input"]): Promise<ApiMethods[M]["output"]> {
      const id = nextId++;
      const message = JSON.stringify({ id, method, input });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        if (socket && socket.readyState === WebSocket.OPEN) socket.send(message);
        else if (state === "closed") {
          pending.delete(id);
          reject(new Error("Not connected to `serve`; reconnecting…"));
        } else queue.push(message);
      });
    },
    on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      const set = eventListeners.get(event) ?? new Set();
      eventListeners.set(event, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}
