/**
 * One headless Chromium for the whole test run, started on the first ask: every e2e file used to
 * launch its own (about 2 s of CPU each, twenty-odd launches per run). Each file gets a context
 * of its own in it (launchBrowser, browser.ts): its own cookies, storage and colour scheme, as a
 * fresh profile gave it.
 *
 * - the default export is a vitest globalSetup (vitest.config.ts): in vitest's main process it
 *   serves a loopback endpoint whose GET /ws launches the browser server once and answers its
 *   WebSocket address; the teardown closes it. A run without e2e files starts no browser.
 * - `sharedChromium`, for the test files: that address.
 */
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type BrowserServer } from "playwright-core";
import { inject } from "vitest";
import type { TestProject } from "vitest/node";
import { CHROMIUM } from "./serve-process";

declare module "vitest" {
  export interface ProvidedContext {
    /** The shared Chromium's endpoint, `http://127.0.0.1:<port>`. */
    sharedChromium: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let launched: Promise<BrowserServer> | undefined;
  const launch = () =>
    (launched ??= chromium.launchServer({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        // Headless Chromium still gives every window a hidden omnibox popup, a WebUI page in a
        // renderer of its own: 32 renderers and about 48 s of CPU per test run, for a popup no test
        // opens. (Playwright merges this list with its own --disable-features.)
        "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
      ],
    }));
  const server = createServer((req, res) => {
    req.on("error", () => res.destroy());
    if (req.method !== "GET" || req.url !== "/ws") {
      res.writeHead(404).end();
      return;
    }
    launch().then(
      (browser) => res.writeHead(200, { "content-type": "text/plain" }).end(browser.wsEndpoint()),
      (error: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("sharedChromium", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return async () => {
    await new Promise((resolve) => server.close(resolve));
    if (launched) await (await launched).close();
  };
}

/** The shared browser server's WebSocket address (launched now if no file asked yet). */
export function sharedChromium(): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL("/ws", inject("sharedChromium")), (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`shared Chromium: ${res.statusCode} ${text}`))));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}
