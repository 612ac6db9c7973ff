/** Real Chromium (Debian's), headless, driven by playwright-core: a fresh context of the run's shared browser (shared-chromium.ts). */
import { existsSync } from "node:fs";
import { chromium, type BrowserContext } from "playwright-core";
import { CHROMIUM } from "./serve-process";
import { sharedChromium } from "./shared-chromium";

export const hasChromium = existsSync(CHROMIUM);

export async function launchBrowser(colorScheme: "light" | "dark" = "light"): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const browser = await chromium.connect(await sharedChromium());
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 800 } });
  return {
    context,
    async close() {
      await context.close();
      // Disconnects this file only: the browser is the run's (shared-chromium.ts closes it).
      await browser.close();
    },
  };
}
