import { request } from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startServe, type ServeProcess } from "./serve-process";

let serve: ServeProcess;

beforeAll(async () => {
  serve = await startServe("routed");
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

function openSocket(headers: Record<string, string>, path = "/ws"): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}${path}`, { headers });
    ws.once("open", () => resolve({ ws }));
    ws.once("unexpected-response", (_req, res) => resolve({ status: res.statusCode! }));
    ws.once("error", () => {});
  });
}

const cookie = () => `switchboard_${serve.port}=${serve.token}`;

describe("serve", () => {
  it("prints a 127.0.0.1 URL with a session token and listens on loopback only", async () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
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

  it("trades the token for an HttpOnly SameSite=Strict cookie and serves the page with a strict CSP", async () => {
    const first = await get(`/?token=${serve.token}`);
    expect(first.status).toBe(303);
    expect(String(first.headers["set-cookie"])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await get("/", { cookie: cookie() });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe");
  });

  it("refuses a missing token (401) and a wrong one (403)", async () => {
    expect((await get("/")).status).toBe(401);
    expect((await get("/assets/x.js")).status).toBe(401);
    expect((await get("/?token=wrong")).status).toBe(403);
    expect((await get("/", { cookie: `switchboard_${serve.port}=${serve.token.slice(1)}x` })).status).toBe(403);
  });

  it("refuses a foreign Origin and a rebinding Host even with the right token", async () => {
    expect((await get("/", { cookie: cookie(), origin: "http://evil.example" })).status).toBe(403);
    expect((await get("/", { cookie: cookie(), host: `evil.example:${serve.port}` })).status).toBe(403);
    expect((await get("/", { cookie: cookie(), host: `localhost:${serve.port}` })).status).toBe(200);
  });

  it("guards the WebSocket the same way, then speaks the API contract over it", async () => {
    const origin = serve.origin;
    expect(await openSocket({ origin })).toEqual({ status: 401 });
    expect(await openSocket({ origin, cookie: `switchboard_${serve.port}=nope` })).toEqual({ status: 403 });
    expect(await openSocket({ origin: "http://evil.example", cookie: cookie() })).toEqual({ status: 403 });
    expect(await openSocket({ cookie: cookie() })).toEqual({ status: 403 });
    expect(await openSocket({ origin, cookie: cookie(), host: `attacker.example:${serve.port}` })).toEqual({ status: 403 });

    const opened = await openSocket({ origin, cookie: cookie() });
    if (!("ws" in opened)) throw new Error(`socket refused: ${opened.status}`);
    const ws = opened.ws;
    const answer = (id: number) => new Promise<Record<string, unknown>>((resolve) => ws.on("message", (d) => {
      const m = JSON.parse(String(d)) as Record<string, unknown>;
      if (m.id === id) resolve(m);
    }));
    const snapshotAnswer = answer(1);
    ws.send(JSON.stringify({ id: 1, method: "getSnapshot", input: null }));
    const snap = (await snapshotAnswer) as { ok: boolean; value: { scope: { models: string[] } } };
    expect(snap.ok).toBe(true);
    expect(snap.value.scope.models[0]).toBe("openrouter-bedrock/anthropic/claude-sonnet-4.5");
    const badAnswer = answer(2);
    ws.send(JSON.stringify({ id: 2, method: "readFileText", input: { file: "auth.json" } }));
    expect(await badAnswer).toMatchObject({ ok: false, error: { message: "Invalid input for readFileText." } });
    ws.close();
  });
});
