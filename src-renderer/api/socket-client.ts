/**
 * The SwitchboardApi over `serve`'s WebSocket: the same contract as Electron's preload bridge.
 * Requests are {id, method, input}; answers {id, ok, value | error}; events {event, payload}.
 * Each socket presents the session secret in its own handshake (serve-session.ts); there is no
 * cookie. A dropped connection rejects what is in flight and reconnects with back-off, telling
 * listeners so the UI can show it and re-sync; a session serve no longer knows stops the retries.
 * A request larger than the API takes is refused here, with the API's words, before it is sent.
 */
import { MAX_API_INPUT_BYTES, SERVE_PROTOCOL, SERVE_SESSION_PROTOCOL_PREFIX, type ApiEvent, type ApiEvents, type ApiMethod, type ApiMethods, type SwitchboardApi } from "../../src-main/core/common/index.js";
import type { SessionResult } from "./serve-session";

/** `{refused}`: serve will not take this page's session; the text says what to do. */
export type ConnectionState = "connecting" | "open" | "closed" | { refused: string };

export interface SocketCredentials {
  session(): Promise<SessionResult>;
  /** Asked after a socket closed before opening: why serve refuses the session, or null. */
  refusal(session: string): Promise<string | null>;
}

export interface SocketApi extends SwitchboardApi {
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export function createSocketApi(url: string, credentials: SocketCredentials): SocketApi {
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

  const sessionReady = credentials.session();
  let session: string | null = null;

  async function open(): Promise<void> {
    const result = await sessionReady;
    if (!result.ok) return refuse(result.reason);
    session = result.session;
    const ws = new WebSocket(url, [SERVE_PROTOCOL, `${SERVE_SESSION_PROTOCOL_PREFIX}${session}`]);
    let opened = false;
    socket = ws;
    ws.onopen = () => {
      opened = true;
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
    ws.onclose = async () => {
      socket = null;
      pending.forEach((p) => p.reject(new Error("Lost the connection to `serve`. Is it still running?")));
      pending.clear();
      if (closed) return;
      if (!opened && session) {
        const reason = await credentials.refusal(session);
        if (reason) return refuse(reason);
      }
      setState("closed");
      setTimeout(() => void open(), retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  }

  function refuse(reason: string): void {
    closed = true;
    queue.splice(0);
    setState({ refused: reason });
  }
  void open();

  return {
    invoke<M extends ApiMethod>(method: M, input: ApiMethods[M]["input"]): Promise<ApiMethods[M]["output"]> {
      const id = nextId++;
      const message = JSON.stringify({ id, method, input });
      return new Promise((resolve, reject) => {
        // The API would refuse it anyway; sent, it could exceed serve's frame cap and drop the connection.
        if (new TextEncoder().encode(JSON.stringify(input ?? null)).length > MAX_API_INPUT_BYTES) {
          return reject(new Error(`Input too large for ${method}: the limit is ${MAX_API_INPUT_BYTES / 1024} KiB.`));
        }
        if (typeof state === "object") return reject(new Error(state.refused));
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
