/**
 * serve's sessions end: after a spell without activity (a tiny `--session-idle` here, so the test
 * waits seconds, not hours) and with the process (sessions live in memory; a restarted serve on the
 * same port refuses the old one). Both against the real serve, from a WebSocket client and in
 * real Chromium, where the window says why and what to do.
 */
import { spawn } from "node:child_process";
import type WebSocket from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { cliArgv } from "../cli-under-test";
import { call, openApiSocket } from "./api-socket";
import { hasChromium, launchBrowser } from "./browser";
import { REPO, exchangeTicket, startServe, type ServeProcess } from "./serve-process";

const running: ServeProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function serveWith(args: string[]): Promise<ServeProcess> {
  const serve = await startServe("routed", { args });
  running.push(serve);
  return serve;
}

async function sessionOf(serve: ServeProcess): Promise<string> {
  const traded = await exchangeTicket(serve);
  if (!traded.session) throw new Error(`ticket exchange failed: ${traded.status} ${traded.body}`);
  return traded.session;
}

const probe = async (serve: ServeProcess, session: string) => {
  const res = await fetch(`${serve.origin}/session`, { headers: { "x-switchboard-session": session } });
  return { status: res.status, body: await res.text() };
};

const closedWith = (ws: WebSocket) => new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("serve: a session ends after --session-idle without activity", () => {
  it("stays alive while used, then closes its socket and refuses it with the reason", async () => {
    const serve = await serveWith(["--session-idle", "2s"]);
    const session = await sessionOf(serve);
    const opened = await openApiSocket(serve, { session });
    if (!("ws" in opened)) throw new Error(`socket refused: ${opened.status} ${opened.body}`);
    const closed = closedWith(opened.ws);
    // 3.5 s of requests every 0.5 s: longer than the limit, so only activity keeps it.
    const started = Date.now();
    let lastSent = started;
    while (Date.now() - started < 3500) {
      lastSent = Date.now();
      expect(await call(opened.ws, "getSnapshot", null)).toMatchObject({ ok: true });
      await sleep(500);
    }
    // Then silence: serve closes the socket by itself (not when the page next speaks), the limit
    // after the last request (serve saw it after it was sent) and without waiting for a poll.
    expect(await closed).toBe(4401);
    const closedAfter = Date.now() - lastSent;
    expect(closedAfter).toBeGreaterThanOrEqual(1990);
    expect(closedAfter).toBeLessThan(3500);
    const refused = await probe(serve, session);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatch(/This session ended after 2 s without activity \(serve's --session-idle\)\. Restart `serve` and open the new link it prints\./);
    expect(await openApiSocket(serve, { session })).toMatchObject({ status: 403, body: expect.stringMatching(/without activity/) });
    expect(serve.child.exitCode).toBeNull();
  });

  it("takes the limit from PI_SWITCHBOARD_SESSION_IDLE, and refuses a limit that is no time", async () => {
    const fromEnv = await startServe("routed", { env: { PI_SWITCHBOARD_SESSION_IDLE: "1s" } });
    running.push(fromEnv);
    await expect.poll(() => fromEnv.stderr()).toContain("its session ends after 1 s without activity");
    const session = await sessionOf(fromEnv);
    await expect.poll(async () => (await probe(fromEnv, session)).body, { timeout: 5000, interval: 1500 }).toMatch(/ended after 1 s without activity/);

    const bad = spawn(...cliArgv(["serve", "--no-open", "--session-idle", "0"]), { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    bad.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let stdout = "";
    bad.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => bad.once("exit", resolve));
    expect(code).not.toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toContain('--session-idle must be a time from 1s to 30d, like 30m, 12h or 90s (a bare number is minutes), not "0".');
  });

  it.skipIf(!hasChromium)("the window says its session ended and what to do", async () => {
    const serve = await serveWith(["--session-idle", "3s"]);
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(serve.url);
      await page.getByRole("list", { name: "Models" }).waitFor();
      await page.getByText(/No session with `serve`: This session ended after 3 s without activity/).waitFor({ timeout: 15_000 });
    } finally {
      await browser.close();
    }
  });
});

describe("serve: sessions end with the process", () => {
  it("a restarted serve on the same port refuses the old session, from a client and in the window", async () => {
    const first = await serveWith([]);
    const browser = hasChromium ? await launchBrowser() : null;
    try {
      const page = browser ? await browser.context.newPage() : null;
      let session: string;
      if (page) {
        // The window trades the ticket; a client then presents the window's own session.
        await page.goto(first.url);
        await page.getByRole("list", { name: "Models" }).waitFor();
        session = (await page.evaluate(() => sessionStorage.getItem("switchboard.session")))!;
      } else session = await sessionOf(first);
      expect((await probe(first, session)).status).toBe(200);
      await first.stop();
      const second = await serveWith(["--port", String(first.port)]);
      expect(second.origin).toBe(first.origin);
      const refused = await probe(second, session);
      expect(refused).toEqual({ status: 403, body: "Unknown session: `serve` was restarted. Open the new link it printed.\n" });
      expect(await openApiSocket(second, { session })).toMatchObject({ status: 403 });
      // The window reconnects on its own, is refused, and says why.
      if (page) await page.getByText("No session with `serve`: Unknown session: `serve` was restarted. Open the new link it printed.").waitFor({ timeout: 20_000 });
      // The new serve's own link still works.
      expect((await exchangeTicket(second)).status).toBe(200);
    } finally {
      await browser?.close();
    }
  });
});
