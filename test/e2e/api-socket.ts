/** A WebSocket client of `serve`'s API (the `ws` package), presenting a session as the page does. */
import WebSocket from "ws";
import { SERVE_PROTOCOL, SERVE_SESSION_PROTOCOL_PREFIX } from "../../src-main/core/common/index.js";
import type { ServeProcess } from "./serve-process";

export type Opened = { ws: WebSocket } | { status: number; body: string };

export function openApiSocket(serve: ServeProcess, options: { session?: string | null; protocols?: string[]; headers?: Record<string, string>; path?: string } = {}): Promise<Opened> {
  const protocols = options.protocols ?? (options.session ? [SERVE_PROTOCOL, `${SERVE_SESSION_PROTOCOL_PREFIX}${options.session}`] : []);
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}${options.path ?? "/ws"}`, protocols, { headers: { origin: serve.origin, ...options.headers } });
    ws.once("open", () => resolve({ ws }));
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
      res.on("error", () => resolve({ status: res.statusCode!, body }));
    });
    ws.once("error", () => {});
  });
}

let nextId = 1;
export function call(ws: WebSocket, method: string, input: unknown, timeoutMs = 10_000): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${method} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (d: WebSocket.RawData) => {
      const m = JSON.parse(String(d)) as { id?: number; ok: boolean };
      if (m.id !== id) return;
      clearTimeout(timer);
      ws.off("message", onMessage);
      resolve(m);
    };
    ws.on("message", onMessage);
    ws.send(JSON.stringify({ id, method, input }));
  });
}

/** Proves serve still answers: a fresh socket, a snapshot, closed again. */
export async function stillAnswers(serve: ServeProcess, session: string): Promise<boolean> {
  const opened = await openApiSocket(serve, { session });
  if (!("ws" in opened)) return false;
  try {
    const answer = await call(opened.ws, "getSnapshot", null);
    return answer.ok && typeof (answer.value as { revision?: unknown }).revision === "number";
  } finally {
    opened.ws.close();
  }
}
