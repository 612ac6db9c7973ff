/**
 * The Preferences view in real Chromium against `serve`: reachable by the nav and Alt+8, it shows
 * the pi and agent dir serve runs on with how to change them, marks the tray-only preferences, keeps
 * a credit threshold, and fits a 420 px window without sideways scrolling. Screenshots at 420 and
 * 1280 px, light and dark.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { defaultTable } from "../fake-openrouter/table";
import { hasChromium } from "./browser";
import { overflowingElement } from "./overflow";
import { useServedWindow } from "./served-window";

const SHOTS = join(import.meta.dirname, "screenshots");

async function openPreferences(page: Page): Promise<void> {
  await page.getByRole("list", { name: "Models" }).waitFor();
  await page.keyboard.press("Alt+8");
  await page.getByRole("heading", { name: "Preferences", level: 2 }).waitFor();
  await page.getByTestId("pi-summary").filter({ hasText: /^pi 0\.73\.1 at / }).waitFor();
}

for (const colorScheme of ["light", "dark"] as const) {
  describe.skipIf(!hasChromium)(`Preferences in real Chromium, ${colorScheme}`, () => {
    const session = useServedWindow("routed", { colorScheme });

    it("shows what serve runs on, how to change it, and the tray-only preferences as such", async () => {
      const { page, serve } = session;
      await page.setViewportSize({ width: 1280, height: 800 });
      await openPreferences(page);
      expect(page.url()).toMatch(/#\/preferences$/);
      const agentDir = page.locator("section.card", { has: page.getByRole("heading", { name: "Agent dir" }) });
      expect(await agentDir.locator("code").textContent()).toBe(serve.dir);
      await agentDir.getByText(/restart it with --agent-dir DIR/).waitFor();
      await page.getByText(/restart it with PI_SWITCHBOARD_PI=/).waitFor();
      expect(await page.getByText("Only the tray app (npm start) has this; serve runs in a browser.").count()).toBeGreaterThanOrEqual(2);
      expect(await page.getByRole("checkbox", { name: "Launch at login" }).isDisabled()).toBe(true);
      await page.screenshot({ path: join(SHOTS, `preferences-1280-${colorScheme}.png`), fullPage: true });
    });

    it("keeps a low-credit threshold", async () => {
      const { page } = session;
      await page.getByLabel("Warn below $").fill("2.5");
      await page.locator("section.card", { has: page.getByRole("heading", { name: "Low-credit warning" }) }).getByRole("button", { name: "Save" }).click();
      await page.getByText("Warns below $2.5.").waitFor();
    });

    it("watches the pinned providers when turned on, and pins the next endpoint in one click, with undo", async () => {
      const { page, fake } = session;
      // The fixture scopes openrouter-bedrock's Claude Sonnet 4.5, pinned only to Amazon Bedrock, which falls to 70% uptime.
      const models = defaultTable();
      const sonnet = models.find((m) => m.id === "anthropic/claude-sonnet-4")!;
      models.push({ ...sonnet, id: "anthropic/claude-sonnet-4.5", name: "Anthropic: Claude Sonnet 4.5", endpoints: sonnet.endpoints.map((e) => (e.slug === "amazon-bedrock" ? { ...e, uptime: 70 } : e)) });
      fake.configure({ models });
      const card = page.locator("section.card", { has: page.getByRole("heading", { name: "Provider health watch" }) });
      const watch = card.getByRole("checkbox", { name: "Watch the providers your scoped models are pinned to" });
      // Off by default in serve: it should not poll OpenRouter unasked.
      expect(await watch.isChecked()).toBe(false);
      // The box follows the stored preference, so it ticks once the main side has applied it.
      await watch.click();
      await expect.poll(() => watch.isChecked(), { timeout: 10_000 }).toBe(true);
      await card.getByText("Last check").filter({ hasText: "1 pinned model degraded" }).waitFor({ timeout: 20_000 });
      await card.getByText(/Amazon Bedrock 70% uptime over 30 minutes \(below 95%\)/).waitFor();
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `health-watch-1280-${colorScheme}.png`), fullPage: true });
      await page.setViewportSize({ width: 420, height: 860 });
      expect(await overflowingElement(page)).toBeNull();
      await card.screenshot({ path: join(SHOTS, `health-watch-420-${colorScheme}.png`) });
      await page.setViewportSize({ width: 1280, height: 800 });

      await card.getByRole("button", { name: "Pin Anthropic (anthropic)" }).click();
      await card.getByText("openrouter-bedrock/anthropic/claude-sonnet-4.5 is pinned to anthropic now.").waitFor();
      await card.getByText("every pinned provider is healthy").waitFor({ timeout: 20_000 });
      await card.getByRole("button", { name: /Undo last save/ }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Undo save" }).click();
      await card.getByText(/Undone: models.json is back as it was before the save/).waitFor();
      await watch.click();
      await expect.poll(() => watch.isChecked(), { timeout: 10_000 }).toBe(false);
      fake.configure({ models: defaultTable() });
    });

    it("fits a 420 px window: the views wrap into a short band above the view, nothing sticks out", async () => {
      const { page } = session;
      await page.setViewportSize({ width: 420, height: 860 });
      await page.getByRole("heading", { name: "Preferences", level: 2 }).waitFor();
      expect(await overflowingElement(page)).toBeNull();
      const nav = await page.getByRole("navigation", { name: "Views" }).boundingBox();
      // Every view in sight at once (issue 21): at most two rows of views, none past the window's edge.
      expect(nav!.height).toBeLessThan(100);
      for (const box of await page.getByRole("navigation", { name: "Views" }).getByRole("button").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(420);
      await page.screenshot({ path: join(SHOTS, `preferences-420-${colorScheme}.png`), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });
    });
  });
}
