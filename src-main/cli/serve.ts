/**
 * `serve`: the window in the user's browser, for machines without a tray (and how the UI is
 * tested without Electron). Loopback only, and guarded like a local admin page must be against
 * other web pages and other local processes: an exact Host check (DNS rebinding), an exact Origin
 * check (cross-site requests and WebSockets), a strict CSP, and a credential no other server on
 * 127.0.0.1 can receive (serve-session.ts: a one-time ticket in the URL fragment, traded once for
 * a session secret that each WebSocket presents in its own handshake, ended after a spell without
 * activity). The page's files are the app's public bundle and hold nothing secret; everything else
 * is on the authenticated WebSocket.
 *
 * Bad traffic costs only its own connection: every socket and stream has an error handler,
 * malformed frames (over the cap, invalid UTF-8, binary) close that socket, slow readers are cut
 * off before their backlog grows, and half-open or idle connections time out.
 *
 * The API is ApiHost's, unchanged, over one WebSocket:
 * request {id, method, input} → response {id, ok, value | error}; events {event, payload}.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { ApiInputError, type ApiHost } from "../core/api-handlers.js";
import { MAX_API_INPUT_BYTES, SERVE_PROTOCOL } from "../core/common/index.js";
import { ServeSessions } from "./serve-session.js";

export interface ServeOptions {
  api: ApiHost;
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** How long a session may go without a request before it ends (serve-session.ts's default otherwise). */
  sessionIdleMs?: number;
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT/#ticket=…`: the ticket is good for one exchange. */
  url: string;
  port: number;
  /** Settles when the page has traded the printed ticket: nothing needs the link any more. */
  ticketExchanged: Promise<void>;
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

/** Above every input the API takes (MAX_API_INPUT_BYTES), so a valid request is never cut off. */
export const MAX_FRAME_BYTES = 4 * MAX_API_INPUT_BYTES;
/** A reader this far behind (events it does not read) is cut off instead of growing our memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Requests one connection may have running at once; more are answered with an error. */
const MAX_IN_FLIGHT = 16;
const MAX_SOCKETS = 32;
const MAX_EXCHANGE_BODY = 1024;
const HEARTBEAT_MS = 20_000;
/** WebSocket close code for "your session ended"; the page then asks /session why. */
const SESSION_ENDED_CODE = 4401;

function csp(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 413: "Payload Too Large", 503: "Service Unavailable" };

/** Writes a refusal on a raw (upgrade) socket; the socket already has its error handler. */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${reason}\n`);
  // A peer that never reads the refusal does not keep the socket.
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** The request target's path, or null when it is not a URL path at all. */
function pathnameOf(req: IncomingMessage): string | null {
  try {
    return new URL(req.url ?? "/", "http://x").pathname;
  } catch {
    return null;
  }
}

/** The path's segments decoded, or null when an escape is malformed (`%zz`, `%E0%A4`) or names a NUL. */
function decodePath(pathname: string): string | null {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes("\0") ? null : decoded;
  } catch {
    return null;
  }
}

export async function startServe(options: ServeOptions): Promise<RunningServer> {
  // An idle session's open sockets are closed when it ends, not when the page next speaks: a
  // window left open must not keep receiving events (state, key status) past the limit.
  const sessions = new ServeSessions({
    idleMs: options.sessionIdleMs,
    onExpired: () => {
      for (const [ws, session] of socketSessions) if (!sessions.isLive(session)) ws.close(SESSION_ENDED_CODE, "Session ended.");
    },
  });
  let markExchanged!: () => void;
  const ticketExchanged = new Promise<void>((resolve) => (markExchanged = resolve));
  /** Each open socket's session, so a session that ends closes its windows' sockets at once. */
  const socketSessions = new Map<WebSocket, string>();
  let port = options.port ?? 0;
  const hosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];

  /** Host and Origin: null when the request may proceed; else the status and reason to refuse it with. */
  function foreign(req: IncomingMessage, originRequired: boolean): [number, string] | null {
    if (!hosts().includes(req.headers.host ?? "")) return [403, "Host not allowed: serve answers only to 127.0.0.1 and localhost."];
    const origin = req.headers.origin;
    if (origin === undefined) return originRequired ? [403, "A request without an Origin is refused here."] : null;
    if (!hosts().some((h) => origin === `http://${h}`)) return [403, "Cross-origin requests are refused."];
    return null;
  }

  function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", ...headers });
    res.end(`${text}\n`);
  }

  /** POST /session {ticket}: the one exchange of the printed ticket for a session secret. */
  function exchange(req: IncomingMessage, res: ServerResponse): void {
    let body = "";
    let tooLarge = false;
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > MAX_EXCHANGE_BODY && !tooLarge) {
        tooLarge = true;
        sendText(res, 413, "Too large.", { Connection: "close" });
        req.destroy();
      }
    });
    req.on("end", () => {
      if (tooLarge) return;
      let ticket: unknown;
      try {
        ticket = (JSON.parse(body) as { ticket?: unknown } | null)?.ticket;
      } catch {
        ticket = undefined;
      }
      const traded = sessions.exchange(ticket);
      if (!traded.ok) return sendText(res, traded.status, traded.reason);
      markExchanged();
      res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
      res.end(JSON.stringify({ session: traded.session }));
    });
  }

  function serveFile(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    const decoded = decodePath(pathname);
    if (decoded === null) return sendText(res, 400, "Malformed path.");
    const relative = normalize(decoded).replace(/^([/\\])+/, "");
    let file = join(options.rendererDir, relative || "index.html");
    try {
      if (!file.startsWith(options.rendererDir + sep) || !existsSync(file) || statSync(file).isDirectory()) file = join(options.rendererDir, "index.html");
    } catch {
      file = join(options.rendererDir, "index.html");
    }
    res.writeHead(200, {
      "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Security-Policy": csp(port),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cross-Origin-Opener-Policy": "same-origin",
      // Other origins (another 127.0.0.1 port) may not embed our files either.
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "no-store",
    });
    if (req.method === "HEAD") return void res.end();
    const stream = createReadStream(file);
    stream.on("error", () => res.destroy());
    stream.pipe(res);
  }

  const server = createServer({ headersTimeout: 10_000, requestTimeout: 15_000, connectionsCheckingInterval: 2_000, maxHeaderSize: 16 * 1024 }, (req, res) => {
    req.on("error", () => res.destroy());
    res.on("error", () => req.destroy());
    const isExchange = req.method === "POST";
    const refused = foreign(req, isExchange);
    if (refused) return sendText(res, refused[0], refused[1]);
    const pathname = pathnameOf(req);
    if (pathname === null) return sendText(res, 400, "Malformed request target.");
    if (pathname === "/session") {
      if (req.method === "POST") return exchange(req, res);
      if (req.method === "GET") {
        const checked = sessions.check(typeof req.headers["x-switchboard-session"] === "string" ? req.headers["x-switchboard-session"] : null);
        return checked.ok ? sendText(res, 200, "ok") : sendText(res, checked.status, checked.reason);
      }
    }
    if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "Only GET; the API is on the WebSocket.");
    serveFile(req, res, pathname);
  });
  server.keepAliveTimeout = 5_000;
  // A socket silent this long is dropped, whatever state its request is in (a half-open
  // connection that never sends a byte is not covered by the header timeout). ws clears this
  // timeout on the sockets it upgrades; they have their own heartbeat.
  server.timeout = 12_000;
  server.maxConnections = 256;
  // A malformed request, or a client that resets mid-request, ends its own connection only.
  server.on("clientError", (_error, socket: Duplex) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    socket.destroy();
  });
  server.on("connection", (socket: Socket) => socket.on("error", () => socket.destroy()));

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // The client offers the plain protocol and its session; we answer with the plain one only.
    handleProtocols: () => SERVE_PROTOCOL,
  });
  wss.on("error", () => {});

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const refused = foreign(req, true);
    if (refused) return refuseUpgrade(socket, refused[0], refused[1]);
    const pathname = pathnameOf(req);
    if (pathname === null) return refuseUpgrade(socket, 400, "Malformed request target.");
    if (pathname !== "/ws") return refuseUpgrade(socket, 404, "Not found");
    const offered = ServeSessions.fromProtocols(req.headers["sec-websocket-protocol"]);
    const checked = offered.offersProtocol ? sessions.check(offered.session) : ({ ok: false, status: 401, reason: `Offer the ${SERVE_PROTOCOL} protocol and a session.` } as const);
    if (!checked.ok) return refuseUpgrade(socket, checked.status, checked.reason);
    if (wss.clients.size >= MAX_SOCKETS) return refuseUpgrade(socket, 503, "Too many open windows.");
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws, offered.session!));
  });

  function connect(ws: WebSocket, session: string): void {
    let alive = true;
    let inFlight = 0;
    // A frame over the cap, invalid UTF-8 or a reset: ws closes this socket; without a listener it would throw.
    ws.on("error", () => ws.terminate());
    ws.on("pong", () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, HEARTBEAT_MS);

    const send = (message: unknown) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return ws.terminate();
      ws.send(JSON.stringify(message), () => {});
    };
    socketSessions.set(ws, session);
    const unsubscribe = options.api.onEvent((event, payload) => send({ event, payload }));
    ws.on("close", () => {
      clearInterval(heartbeat);
      socketSessions.delete(ws);
      unsubscribe();
    });
    ws.on("message", async (data, isBinary) => {
      if (isBinary) return ws.close(1003, "Text frames only.");
      // Every message is activity; one that arrives after the session ended is not answered.
      if (!sessions.check(session).ok) return ws.close(SESSION_ENDED_CODE, "Session ended.");
      let id: unknown = null;
      inFlight++;
      try {
        if (inFlight > MAX_IN_FLIGHT) throw new ApiInputError(`More than ${MAX_IN_FLIGHT} requests at once on one connection; wait for answers.`);
        const message = JSON.parse(String(data)) as { id?: unknown; method?: unknown; input?: unknown } | null;
        id = message?.id ?? null;
        if (!message || typeof message.id !== "number" || typeof message.method !== "string") throw new ApiInputError("A request needs a numeric id and a method.");
        const value = await options.api.invoke(message.method, message.input ?? null);
        send({ id, ok: true, value });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        send({ id: typeof id === "number" ? id : null, ok: false, error: { message, invalidInput: error instanceof ApiInputError || error instanceof SyntaxError } });
      } finally {
        inFlight--;
      }
    });
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolveListen());
  });
  server.on("error", () => {});
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#ticket=${sessions.firstTicket}`,
    port,
    ticketExchanged,
    async close() {
      sessions.close();
      wss.clients.forEach((c) => c.terminate());
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
