/**
 * `serve`: the window in the user's browser, for machines without a tray (and how the UI is
 * tested without Electron). Loopback only, and guarded like a local admin page must be against
 * other web pages: a random session token (URL once, then an HttpOnly SameSite=Strict cookie),
 * an exact Host check (DNS rebinding), an exact Origin check (cross-site requests and
 * WebSockets), and a strict CSP. The API is ApiHost's, unchanged, over one WebSocket:
 * request {id, method, input} → response {id, ok, value | error}; events {event, payload}.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { ApiInputError, type ApiHost } from "../core/api-handlers.js";

export interface ServeOptions {
  api: ApiHost;
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};
const MAX_MESSAGE_BYTES = 1_000_000;

function csp(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ws://127.0.0.1:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function sameSecret(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startServe(options: ServeOptions): Promise<RunningServer> {
  const token = randomBytes(24).toString("base64url");
  let port = options.port ?? 0;
  // Cookies ignore ports: a per-port name keeps two serve sessions on one machine apart.
  const cookieName = () => `switchboard_${port}`;

  /** null when the request may proceed; else the status and reason to refuse it with. */
  function refusal(req: IncomingMessage): [number, string] | null {
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!hosts.includes(req.headers.host ?? "")) return [403, "Host not allowed: serve answers only to 127.0.0.1 and localhost."];
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) return [403, "Cross-origin requests are refused."];
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const given = url.searchParams.get("token") ?? cookieValue(req.headers.cookie, cookieName());
    if (!given) return [401, "Open the URL that `serve` printed: it carries the session token."];
    if (!sameSecret(given, token)) return [403, "Wrong session token. Open the URL that `serve` printed."];
    return null;
  }

  function sendText(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
    res.end(`${text}\n`);
  }

  function serveFile(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.searchParams.has("token")) {
      // Trade the token in the URL for a cookie and drop it from the address bar and history.
      res.writeHead(303, {
        Location: "/",
        "Set-Cookie": `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        "Cache-Control": "no-store",
      });
      res.end();
      return;
    }
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, "");
    let file = join(options.rendererDir, relative || "index.html");
    if (!file.startsWith(options.rendererDir + sep) || !existsSync(file) || statSync(file).isDirectory()) file = join(options.rendererDir, "index.html");
    res.writeHead(200, {
      "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Security-Policy": csp(port),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cache-Control": "no-store",
    });
    createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    const refused = refusal(req);
    if (refused) return sendText(res, refused[0], refused[1]);
    if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "Only GET; the API is on the WebSocket.");
    serveFile(req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refused = refusal(req) ?? (req.headers.origin === undefined ? ([403, "A WebSocket without an Origin is refused."] as [number, string]) : null);
    if (refused || new URL(req.url ?? "/", "http://x").pathname !== "/ws") {
      const [status, reason] = refused ?? [404, "Not found"];
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : status === 403 ? "Forbidden" : "Not Found"}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws));
  });

  function connect(ws: WebSocket): void {
    const unsubscribe = options.api.onEvent((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
    });
    ws.on("close", unsubscribe);
    ws.on("message", async (data) => {
      let id: unknown = null;
      try {
        const message = JSON.parse(String(data)) as { id?: unknown; method?: unknown; input?: unknown };
        id = message.id;
        if (typeof message.id !== "number" || typeof message.method !== "string") throw new ApiInputError("A request needs a numeric id and a method.");
        const value = await options.api.invoke(message.method, message.input ?? null);
        ws.send(JSON.stringify({ id, ok: true, value }));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        ws.send(JSON.stringify({ id, ok: false, error: { message, invalidInput: error instanceof ApiInputError } }));
      }
    });
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      wss.clients.forEach((c) => c.terminate());
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
