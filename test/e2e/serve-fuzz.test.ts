/**
 * Fuzzing the real `serve` process from raw loopback sockets, bounded in count and time and
 * seeded (the seed is printed on failure): random and malformed WebSocket frames, random HTTP
 * bytes, connections reset mid-frame, half-open sockets that never finish a request, a client that
 * never reads, more sockets than serve allows. After each kind, the process must be alive and a
 * fresh, well-behaved client must still get an answer; half-open sockets must be reaped.
 */
import { readFileSync } from "node:fs";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, openApiSocket, stillAnswers } from "./api-socket";
import { exchangeRaw, frame, openRaw, rawWebSocket } from "./raw-socket";
import { seededRandom } from "../seeded-random";
import { exchangeTicket, startServe, type ServeProcess } from "./serve-process";

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

let serve: ServeProcess;
let session: string;
const random = seededRandom(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)]!;
const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));

const METHODS = ["getSnapshot", "execute", "previewCommand", "readFileText", "restoreBackup", "keySet", "testStart", "__proto__", "constructor", "nope"];

function randomPayload(): Buffer {
  switch (int(6)) {
    case 0:
      return bytes(int(300));
    case 1:
      return Buffer.from(JSON.stringify({ id: int(1e6), method: pick(METHODS), input: { type: pick(["setScope", "setRouting", "x"]), patterns: [bytes(20).toString("latin1")] } }));
    case 2:
      return Buffer.from(`{"id":${int(100)},"method":"${pick(METHODS)}","input":${"[".repeat(int(5000))}`);
    case 3:
      return Buffer.from([0xed, 0xa0, 0x80, 0xc0, 0xaf, ...bytes(int(20))]); // surrogate half, overlong
    case 4:
      return Buffer.from(JSON.stringify({ id: "x", method: 1 }));
    default:
      return Buffer.from(JSON.stringify({ id: int(1e6), method: "getSnapshot", input: null }));
  }
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"))!;
  return Number(line.split(/\s+/)[1]) / 1024;
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  serve = await startServe("routed");
  const first = await exchangeTicket(serve);
  if (!first.session) throw new Error(`ticket exchange failed: ${first.status}`);
  session = first.session;
});

afterAll(async () => {
  await serve?.stop();
});

async function expectServing(what: string): Promise<void> {
  expect(serve.child.exitCode, `serve exited after ${what} (FUZZ_SEED=${SEED})`).toBeNull();
  expect(await stillAnswers(serve, session), `serve stopped answering after ${what} (FUZZ_SEED=${SEED})`).toBe(true);
}

describe(`serve under fuzzing (FUZZ_SEED=${SEED})`, () => {
  it("random and malformed frames on authenticated sockets, many reset mid-frame", async () => {
    for (let round = 0; round < 6; round++) {
      await Promise.all(
        Array.from({ length: 25 }, async () => {
          const { socket } = await rawWebSocket(serve.port, session);
          for (let i = 0, n = 1 + int(4); i < n; i++) {
            const payload = randomPayload();
            const opcode = pick([0, 1, 1, 1, 2, 8, 9, 10, 3, 7, 11, 15]);
            const claimedLength = random() < 0.1 ? pick([payload.length + 5, 2 ** 20 + 1, 2 ** 40, 125]) : undefined;
            const bytesOut = frame(opcode, payload, { fin: random() < 0.8, masked: random() < 0.9, claimedLength });
            socket.write(random() < 0.2 ? bytesOut.subarray(0, int(bytesOut.length)) : bytesOut);
          }
          await settle(int(30));
          if (random() < 0.5) socket.resetAndDestroy();
          else socket.end();
        }),
      );
      await expectServing(`frame round ${round}`);
    }
  }, 60_000);

  it("random bytes and mangled HTTP, with and without the upgrade, reset or not", async () => {
    const starts = ["GET / HTTP/1.1\r\n", "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n", "POST /session HTTP/1.1\r\n", "\x16\x03\x01\x02\x00", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", ""];
    await Promise.all(
      Array.from({ length: 120 }, async () => {
        const head = `${pick(starts)}Host: 127.0.0.1:${serve.port}\r\n${random() < 0.3 ? `X-Big: ${"a".repeat(20_000 + int(20_000))}\r\n` : ""}`;
        const tail = random() < 0.5 ? bytes(int(400)) : Buffer.from(`Content-Length: ${pick(["-1", "99999999999", "abc", "5"])}\r\n\r\n%zz`);
        if (random() < 0.5) {
          const socket = await openRaw(serve.port);
          socket.on("error", () => {});
          socket.write(Buffer.concat([Buffer.from(head, "latin1"), tail]));
          setImmediate(() => socket.resetAndDestroy());
        } else await exchangeRaw(serve.port, Buffer.concat([Buffer.from(head, "latin1"), tail]), 300);
      }),
    );
    await expectServing("HTTP junk");
  }, 60_000);

  it("half-open sockets (partial headers, then silence) do not block others and are closed by serve", async () => {
    const halfOpen: Socket[] = [];
    const closed: Promise<void>[] = [];
    for (let i = 0; i < 60; i++) {
      const socket = await openRaw(serve.port);
      socket.on("error", () => {});
      // Read (and drop) what arrives, or the end serve sends would never be seen.
      socket.resume();
      closed.push(new Promise((r) => socket.once("close", () => r())));
      if (i % 3 === 1) socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\n`);
      if (i % 3 === 2) socket.write(`POST /session HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\nOrigin: ${serve.origin}\r\nContent-Length: 500\r\n\r\n{"tic`);
      halfOpen.push(socket);
    }
    await expectServing("60 half-open sockets");
    const started = Date.now();
    // headersTimeout 10 s and requestTimeout 15 s, checked every 2 s: all must be gone well within 25 s.
    await Promise.race([Promise.all(closed), settle(25_000)]);
    const stillOpen = halfOpen.filter((s) => !s.destroyed && !s.readableEnded).length;
    expect(stillOpen, `half-open sockets left after ${Date.now() - started} ms`).toBe(0);
    halfOpen.forEach((s) => s.destroy());
  }, 40_000);

  it("a client that never reads its answers is cut off before serve's memory grows with it", async () => {
    const before = rssMb(serve.child.pid!);
    const { socket } = await rawWebSocket(serve.port, session);
    // How big one answer is here (the snapshot's size depends on the pi found), and how long serve
    // takes to give it on this machine now, read once.
    const asked = performance.now();
    const answerBytes = await new Promise<number>((resolve) => {
      let got = 0;
      const onData = (d: Buffer) => {
        got += d.length;
        if (d.at(-1) !== 0x7d) return;
        socket.off("data", onData);
        resolve(got);
      };
      socket.on("data", onData);
      socket.write(frame(1, Buffer.from(JSON.stringify({ id: 0, method: "getSnapshot", input: null }))));
    });
    const answerMs = performance.now() - asked;
    socket.pause();
    const closed = new Promise<void>((r) => socket.once("close", () => r()));
    const request = frame(1, Buffer.from(JSON.stringify({ id: 1, method: "getSnapshot", input: null })));
    // Waves of requests below the in-flight limit: 64 MB of answers it never reads, far more than
    // the kernel's buffers and serve's 8 MiB allowance. Each wave waits about as long as serve
    // takes to answer it (8 answers, as timed above; 20 s for all waves at most): on a loaded
    // machine faster waves pass the in-flight limit, and its short refusals never fill the allowance.
    const waves = Math.ceil((64 * 2 ** 20) / answerBytes / 8);
    const pause = Math.max(2, Math.min(8 * answerMs, 20_000 / waves));
    for (let wave = 0; wave < waves && !socket.destroyed; wave++) {
      for (let i = 0; i < 8; i++) socket.write(request);
      await settle(pause);
    }
    // Meanwhile a well-behaved client is served.
    await expectServing("a reader that stopped reading");
    await settle(3_000);
    // serve terminated it; a paused socket sees the end only once it reads: read and drop.
    let received = 0;
    socket.on("data", (d: Buffer) => (received += d.length));
    socket.resume();
    await Promise.race([closed, settle(15_000)]);
    expect(socket.destroyed || socket.readableEnded, `serve kept a client that reads nothing (it got ${received} bytes once it read)`).toBe(true);
    expect(rssMb(serve.child.pid!) - before).toBeLessThan(250);
    await expectServing("the slow reader");
  }, 60_000);

  it("more sockets than serve allows are refused (503) while the open ones keep working", async () => {
    const opened = await Promise.all(Array.from({ length: 40 }, () => openApiSocket(serve, { session })));
    const sockets = opened.flatMap((o) => ("ws" in o ? [o.ws] : []));
    const refused = opened.filter((o) => "status" in o && o.status === 503).length;
    expect(sockets.length).toBeLessThanOrEqual(32);
    expect(refused).toBe(40 - sockets.length);
    expect(await call(sockets[0]!, "getSnapshot", null)).toMatchObject({ ok: true });
    sockets.forEach((ws) => ws.close());
    await settle(300);
    await expectServing("socket exhaustion");
  }, 30_000);
});
