/**
 * Raw TCP clients for attacking `serve` the way a hostile local process would: hand-written
 * HTTP requests and WebSocket handshakes, hand-built (masked) frames, resets, half-open sockets.
 * Loopback only.
 */
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import { SERVE_PROTOCOL, SERVE_SESSION_PROTOCOL_PREFIX } from "../../src-main/core/common/index.js";

export function openRaw(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Sends raw bytes and collects what comes back until the server closes or `ms` pass. */
export async function exchangeRaw(port: number, bytes: string | Buffer, ms = 2000): Promise<{ text: string; closedByServer: boolean }> {
  const socket = await openRaw(port);
  return new Promise((resolve) => {
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closedByServer: false });
    }, ms);
    socket.on("data", (d) => (text += d.toString("latin1")));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ text, closedByServer: true });
    });
    socket.write(bytes);
  });
}

export function upgradeRequest(port: number, options: { session?: string | null; origin?: string | null; path?: string; protocols?: string[] } = {}): string {
  const origin = options.origin === undefined ? `http://127.0.0.1:${port}` : options.origin;
  const protocols = options.protocols ?? (options.session ? [SERVE_PROTOCOL, `${SERVE_SESSION_PROTOCOL_PREFIX}${options.session}`] : []);
  return [
    `GET ${options.path ?? "/ws"} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
    "Sec-WebSocket-Version: 13",
    ...(origin ? [`Origin: ${origin}`] : []),
    ...(protocols.length ? [`Sec-WebSocket-Protocol: ${protocols.join(", ")}`] : []),
    "",
    "",
  ].join("\r\n");
}

/** A WebSocket opened by hand: the socket right after the server's 101, and what the 101 said. */
export async function rawWebSocket(port: number, session: string): Promise<{ socket: Socket; response: string }> {
  const socket = await openRaw(port);
  socket.on("error", () => {});
  const response = await new Promise<string>((resolve, reject) => {
    let head = "";
    const onData = (d: Buffer) => {
      head += d.toString("latin1");
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      socket.off("data", onData);
      if (!head.startsWith("HTTP/1.1 101")) reject(new Error(`handshake refused: ${head.split("\r\n")[0]}`));
      else resolve(head.slice(0, end));
    };
    socket.on("data", onData);
    socket.write(upgradeRequest(port, { session }));
  });
  return { socket, response };
}

/** A client frame: masked as RFC 6455 requires, with the length the header claims overridable. */
export function frame(opcode: number, payload: Buffer, options: { fin?: boolean; claimedLength?: number; masked?: boolean } = {}): Buffer {
  const length = options.claimedLength ?? payload.length;
  const masked = options.masked ?? true;
  const head: number[] = [(options.fin === false ? 0 : 0x80) | opcode];
  const maskBit = masked ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) {
    head.push(maskBit | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(BigInt(length));
  }
  if (!masked) return Buffer.concat([Buffer.from(head), ext, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from(head), ext, mask, body]);
}

/** Resolves with the close code the server sent (0 when it just dropped the socket), or "open" after `ms`. */
export function serverClose(socket: Socket, ms = 3000): Promise<number | "open"> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => resolve("open"), ms);
    socket.on("data", (d: Buffer) => {
      buffer = Buffer.concat([buffer, d]);
      // A server frame is unmasked; a close frame is opcode 8 with the code in its first two bytes.
      for (let i = 0; i + 1 < buffer.length; ) {
        const op = buffer[i]! & 0x0f;
        let len = buffer[i + 1]! & 0x7f;
        let at = i + 2;
        if (len === 126) {
          len = buffer.readUInt16BE(at);
          at += 2;
        } else if (len === 127) {
          len = Number(buffer.readBigUInt64BE(at));
          at += 8;
        }
        if (at + len > buffer.length) break;
        if (op === 8) {
          clearTimeout(timer);
          return resolve(len >= 2 ? buffer.readUInt16BE(at) : 0);
        }
        i = at + len;
      }
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(0);
    });
  });
}
