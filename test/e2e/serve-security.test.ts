/**
 * `serve` attacked from raw sockets as a hostile local process would: the credential (one-time
 * ticket, session in the handshake only), Host/Origin checks, and bad traffic that must cost only
 * its own connection (refused upgrades reset, bad escapes, oversized and malformed frames).
 * Each attack ends by proving the real serve process is alive and still answers.
 */
import { request } from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_API_INPUT_BYTES, SERVE_PROTOCOL } from "../../src-main/core/common/index.js";
import { call, openApiSocket, stillAnswers } from "./api-socket";
import { exchangeRaw, frame, openRaw, rawWebSocket, serverClose, upgradeRequest } from "./raw-socket";
import { exchangeTicket, startServeSession, type ServeProcess } from "./serve-process";

let serve: ServeProcess;
let session: string;

beforeAll(async () => {
  ({ serve, session } = await startServeSession("routed"));
});

afterAll(async () => {
  await serve?.stop();
});

/** A raw GET, so the test controls the Host and Origin headers a browser or an attacker sends. */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: serve.port, path, headers: { host: `127.0.0.1:${serve.port}`, ...headers } }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const alive = () => expect(serve.child.exitCode, "serve exited").toBeNull();

describe("serve: the credential", () => {
  it("prints a 127.0.0.1 URL whose one-time ticket is in the fragment, and listens on loopback only", async () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#ticket=[\w-]{40,}$/);
    expect(new URL(serve.url).search).toBe("");
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal)
      .map((i) => i!.address);
    for (const address of [...others, "::1"]) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = connect({ host: address, port: serve.port });
        s.once("connect", () => (s.destroy(), resolve(false)));
        s.once("error", () => resolve(true));
      });
      expect(refused, `reachable on ${address}`).toBe(true);
    }
  });

  it("serves the public page with a strict CSP and sets no cookie, whatever the URL carries", async () => {
    for (const path of ["/", `/?token=${serve.ticket}`, `/?ticket=${serve.ticket}`]) {
      const page = await get(path);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<div id="root">');
      expect(page.headers["set-cookie"]).toBeUndefined();
      const csp = String(page.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe");
      expect(page.headers["cross-origin-resource-policy"]).toBe("same-origin");
    }
  });

  it("trades the ticket once, only from its own Origin, and refuses it afterwards", async () => {
    // The beforeAll exchange used it: a replay (a copy of the URL from `ps` or history) is refused.
    const again = await exchangeTicket(serve);
    expect(again.status).toBe(403);
    expect(again.session).toBeNull();
    expect(again.body).toMatch(/already used/);
    const foreign = await fetch(`${serve.origin}/session`, { method: "POST", headers: { origin: "http://127.0.0.1:1", "content-type": "application/json" }, body: JSON.stringify({ ticket: serve.ticket }) });
    expect(foreign.status).toBe(403);
    const noOrigin = await exchangeRaw(serve.port, `POST /session HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect(noOrigin.text).toMatch(/^HTTP\/1\.1 403/);
    const huge = await fetch(`${serve.origin}/session`, { method: "POST", headers: { origin: serve.origin }, body: "x".repeat(100_000) }).catch(() => ({ status: 413 }));
    expect(huge.status).toBe(413);
    alive();
  });

  it("takes the session only in the WebSocket handshake, never the ticket, a cookie or the URL", async () => {
    expect(await openApiSocket(serve)).toMatchObject({ status: 401 });
    expect(await openApiSocket(serve, { session: serve.ticket })).toMatchObject({ status: 403 });
    expect(await openApiSocket(serve, { session: `${session.slice(1)}x` })).toMatchObject({ status: 403 });
    expect(await openApiSocket(serve, { headers: { cookie: `switchboard_${serve.port}=${session}` } })).toMatchObject({ status: 401 });
    expect(await openApiSocket(serve, { path: `/ws?token=${session}` })).toMatchObject({ status: 401 });
    expect(await openApiSocket(serve, { path: `/ws?ticket=${serve.ticket}` })).toMatchObject({ status: 401 });
    // The session protocol alone, without the app's protocol, is not a handshake the page makes.
    expect(await openApiSocket(serve, { protocols: [`switchboard.session.${session}`] })).toMatchObject({ status: 401 });
    const opened = await openApiSocket(serve, { session });
    if (!("ws" in opened)) throw new Error(`socket refused: ${opened.status} ${opened.body}`);
    // The server answers with the plain protocol: the secret is never echoed.
    expect(opened.ws.protocol).toBe(SERVE_PROTOCOL);
    opened.ws.close();
  });

  it("refuses a foreign Origin, a missing Origin and a rebinding Host even with the right session", async () => {
    expect(await openApiSocket(serve, { session, headers: { origin: "http://evil.example" } })).toMatchObject({ status: 403 });
    expect(await openApiSocket(serve, { session, headers: { origin: "http://127.0.0.1:1" } })).toMatchObject({ status: 403 });
    expect(await openApiSocket(serve, { session, headers: { host: `attacker.example:${serve.port}` } })).toMatchObject({ status: 403 });
    const noOrigin = await exchangeRaw(serve.port, upgradeRequest(serve.port, { session, origin: null }));
    expect(noOrigin.text).toMatch(/^HTTP\/1\.1 403/);
    expect((await get("/", { origin: "http://evil.example" })).status).toBe(403);
    expect((await get("/", { host: `evil.example:${serve.port}` })).status).toBe(403);
    expect((await get("/", { host: `localhost:${serve.port}` })).status).toBe(200);
  });

  it("tells a page whether its session still holds, without accepting it anywhere else", async () => {
    const probe = (value?: string) => fetch(`${serve.origin}/session`, { headers: value ? { "x-switchboard-session": value } : {} });
    expect((await probe(session)).status).toBe(200);
    expect((await probe("nope")).status).toBe(403);
    expect((await probe()).status).toBe(401);
  });

  it("speaks the API contract over the authenticated socket", async () => {
    const opened = await openApiSocket(serve, { session });
    if (!("ws" in opened)) throw new Error(`socket refused: ${opened.status}`);
    const snap = (await call(opened.ws, "getSnapshot", null)) as { ok: boolean; value: { scope: { models: string[] } } };
    expect(snap.ok).toBe(true);
    expect(snap.value.scope.models[0]).toBe("openrouter-bedrock/anthropic/claude-sonnet-4.5");
    expect(await call(opened.ws, "readFileText", { file: "auth.json" })).toMatchObject({ ok: false, error: { message: "Invalid input for readFileText." } });
    opened.ws.close();
  });
});

describe("serve: bad traffic costs only its own connection", () => {
  it("survives refused upgrades whose clients reset the connection at once (no token needed)", async () => {
    for (let i = 0; i < 40; i++) {
      const socket = await openRaw(serve.port);
      socket.on("error", () => {});
      socket.write(upgradeRequest(serve.port, { session: i % 2 ? null : "wrong", origin: i % 3 ? "http://evil.example" : undefined }));
      if (i % 2) socket.resetAndDestroy();
      else setImmediate(() => socket.resetAndDestroy());
    }
    await new Promise((r) => setTimeout(r, 300));
    alive();
    expect(await stillAnswers(serve, session)).toBe(true);
  });

  it("answers bad % escapes and junk request lines with 400, not a crash", async () => {
    for (const path of ["/%E0%A4%A", "/%zz", "/%", "/assets/%C0%AF..%C0%AF", "/%00", "/..%2f..%2fetc%2fpasswd"]) {
      const res = await get(path);
      expect([200, 400], path).toContain(res.status);
      if (res.status === 200) expect(res.body).toContain('<div id="root">');
    }
    expect((await get("/%E0%A4%A")).status).toBe(400);
    const junk = await exchangeRaw(serve.port, "GARBAGE \x00\x01\x02 HTTP/9.9\r\n\r\n");
    expect(junk.text).toMatch(/^HTTP\/1\.1 400/);
    alive();
    expect(await stillAnswers(serve, session)).toBe(true);
  });

  it("closes a socket that sends a frame over the cap (1009), invalid UTF-8 (1007) or binary (1003), and only that one", async () => {
    const bystander = await openApiSocket(serve, { session });
    if (!("ws" in bystander)) throw new Error("bystander refused");

    const oversized = await rawWebSocket(serve.port, session);
    const closedOversized = serverClose(oversized.socket);
    // Only the header is sent: serve must judge the claimed length, not wait for 2 GB.
    oversized.socket.write(frame(1, Buffer.alloc(0), { claimedLength: 2 ** 31 }).subarray(0, 14));
    expect(await closedOversized).toBe(1009);

    const badUtf8 = await rawWebSocket(serve.port, session);
    const closedUtf8 = serverClose(badUtf8.socket);
    badUtf8.socket.write(frame(1, Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0xfe, 0x7d])));
    expect(await closedUtf8).toBe(1007);

    const binary = await rawWebSocket(serve.port, session);
    const closedBinary = serverClose(binary.socket);
    binary.socket.write(frame(2, Buffer.from('{"id":1,"method":"getSnapshot"}')));
    expect(await closedBinary).toBe(1003);

    const unmasked = await rawWebSocket(serve.port, session);
    const closedUnmasked = serverClose(unmasked.socket);
    unmasked.socket.write(frame(1, Buffer.from("{}"), { masked: false }));
    expect(await closedUnmasked).toBe(1002);

    // A real, fully sent message just over the cap, from a well-behaved client library.
    const big = await openApiSocket(serve, { session });
    if (!("ws" in big)) throw new Error("big refused");
    const bigClosed = new Promise<number>((r) => big.ws.once("close", (code) => r(code)));
    big.ws.send("x".repeat(4 * MAX_API_INPUT_BYTES + 1));
    expect(await bigClosed).toBe(1009);

    expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);
    expect(await call(bystander.ws, "getSnapshot", null)).toMatchObject({ ok: true });
    bystander.ws.close();
    alive();
  });

  it("keeps every input the API accepts below the frame cap: the largest valid scope travels, a larger input is refused with words", async () => {
    const opened = await openApiSocket(serve, { session });
    if (!("ws" in opened)) throw new Error("refused");
    // The old limits (5,000 patterns × 400 characters) made a message over the cap that killed serve.
    const largest = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(4, "0")}${"x".repeat(196)}`);
    const message = JSON.stringify({ id: 1, method: "execute", input: { type: "setScope", patterns: largest } });
    expect(Buffer.byteLength(message)).toBeLessThan(MAX_API_INPUT_BYTES);
    const accepted = await call(opened.ws, "execute", { type: "setScope", patterns: largest });
    expect(accepted).toMatchObject({ ok: true, value: { ok: true } });
    const tooMany = await call(opened.ws, "execute", { type: "setScope", patterns: [...largest, "one-more"] });
    expect(tooMany).toMatchObject({ ok: true, value: { ok: false, error: { code: "invalid-input" } } });
    const tooLarge = await call(opened.ws, "execute", { type: "setRouting", target: { level: "provider", provider: "openrouter" }, routing: { only: ["a"], extra: "y".repeat(MAX_API_INPUT_BYTES) } });
    expect(tooLarge).toMatchObject({ ok: false, error: { message: expect.stringMatching(/too large/i) } });
    expect(opened.ws.readyState).toBe(opened.ws.OPEN);
    opened.ws.close();
  });
});
