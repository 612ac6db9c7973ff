/**
 * The credential in real Chromium: after the window opened, the user visits another server on
 * 127.0.0.1 (a dev server, a malicious package's server). Cookies ignore ports, so any cookie of
 * ours would go there; this proves nothing of ours arrives: no cookie, no ticket, no session, in
 * no header, URL or script-readable storage. And the printed link works once only.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium } from "./browser";
import { useServedWindow } from "./served-window";

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

/** Another local server: records every request, and its page reports what its scripts can read. */
async function startOtherServer(): Promise<{ origin: string; seen: Seen[]; close(): Promise<void>; server: Server }> {
  const seen: Seen[] = [];
  const page = `<!doctype html><title>other</title><img src="/pixel.png"><script>
    fetch("/probe", { credentials: "include" });
    const report = { cookie: document.cookie, session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage) };
    fetch("/report?" + new URLSearchParams(report), { credentials: "include" });
  </script>`;
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    res.writeHead(200, { "Content-Type": req.url === "/" ? "text/html" : "text/plain" });
    res.end(req.url === "/" ? page : "ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen, server, close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        // Chromium (closed after this hook) may still hold a connection open: close() alone would wait for it.
        server.closeAllConnections();
      }),
  };
}

describe.skipIf(!hasChromium)("serve's credential in Chromium", () => {
  const session = useServedWindow("routed");
  let other: Awaited<ReturnType<typeof startOtherServer>>;
  let secret: string;

  beforeAll(async () => {
    await session.page.getByRole("list", { name: "Models" }).waitFor();
    other = await startOtherServer();
    secret = (await session.page.evaluate(() => sessionStorage.getItem("switchboard.session")))!;
  });

  afterAll(async () => {
    await other?.close();
  });

  it("opened the window: the ticket left the address bar, the session lives only in this tab's storage, no cookie exists", async () => {
    const { page, serve } = session;
    expect(new URL(page.url()).hash).toBe("");
    expect(new URL(page.url()).search).toBe("");
    expect(secret).toMatch(/^[\w-]{40,}$/);
    expect(secret).not.toBe(serve.ticket);
    expect(await page.context().cookies()).toEqual([]);
    expect(await page.evaluate(() => document.cookie)).toBe("");
  });

  it("visiting another 127.0.0.1 port, from the window itself and in a new tab, sends it nothing of ours", async () => {
    const { page, serve } = session;
    // From the window, as a link the user follows would: navigation started by our page.
    await page.evaluate((url) => (location.href = url), `${other.origin}/`);
    await page.waitForURL(`${other.origin}/`);
    const fresh = await page.context().newPage();
    await fresh.goto(`${other.origin}/`);
    await expect.poll(() => other.seen.filter((s) => s.url.startsWith("/report")).length, { timeout: 10_000 }).toBe(2);
    expect(other.seen.length).toBeGreaterThanOrEqual(8);

    const ours = [secret, serve.ticket, "switchboard", `127.0.0.1:${serve.port}`];
    for (const request of other.seen) {
      expect(request.headers.cookie, `cookie sent with ${request.url}`).toBeUndefined();
      const everything = `${request.url}\n${JSON.stringify(request.headers)}`;
      for (const secretPart of ours) expect(everything, `${request.url} carries ${secretPart}`).not.toContain(secretPart);
    }
    for (const report of other.seen.filter((s) => s.url.startsWith("/report"))) {
      const read = new URLSearchParams(report.url.slice("/report?".length));
      expect(read.get("cookie")).toBe("");
      expect(read.get("session")).toBe("{}");
      expect(read.get("local")).toBe("{}");
    }
    await fresh.close();
  });

  it("coming back to the window in the same tab reconnects with the stored session", async () => {
    const { page, serve } = session;
    await page.goto(`${serve.origin}/`);
    await page.getByRole("list", { name: "Models" }).waitFor();
  });

  it("a second use of the printed link is refused and says why", async () => {
    const { page, serve } = session;
    const replay = await page.context().newPage();
    await replay.goto(serve.url);
    await replay.getByText(/already used/).waitFor();
    expect(await replay.getByRole("list", { name: "Models" }).count()).toBe(0);
    await replay.close();
  });
});
