/**
 * One e2e session: the fake OpenRouter, `serve` on a temp copy of a fixture agent dir pointed at
 * it, and a fresh context of the run's Chromium with a page open on the session URL. Registers its own
 * beforeAll/afterAll, so each describe block states only what it needs.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startFakeOpenRouter, type FakeOpenRouter, type FakeOptions } from "../fake-openrouter/server";
import { launchBrowser } from "./browser";
import { startServe, type ServeProcess } from "./serve-process";

export interface ServedWindow {
  serve: ServeProcess;
  fake: FakeOpenRouter;
  page: Page;
}

/**
 * `env`: more environment for serve (PI_SWITCHBOARD_PI for another pi than the repo's 0.73.1).
 * `fake`: what the fake OpenRouter answers from the start: serve may fetch the catalog or the key's
 * credits as soon as it starts, so a test that configured the fake after that raced with it.
 */
export function useServedWindow(fixture: string, options: { colorScheme?: "light" | "dark"; openRouterKey?: string; env?: NodeJS.ProcessEnv; fake?: Partial<FakeOptions> } = {}): ServedWindow {
  const session = {} as ServedWindow;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    session.fake = await startFakeOpenRouter(options.fake);
    session.serve = await startServe(fixture, { fakeOpenRouter: session.fake.baseUrl, openRouterKey: options.openRouterKey, env: options.env });
    browser = await launchBrowser(options.colorScheme ?? "light");
    session.page = await browser.context.newPage();
    await session.page.goto(session.serve.url);
  });
  afterAll(async () => {
    await browser?.close();
    await session.serve?.stop();
    await session.fake?.close();
  });
  return session;
}
