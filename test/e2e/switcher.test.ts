/**
 * The quick switcher in real Chromium against `serve`, by keyboard only: Ctrl+K opens it over the
 * window, typing part of a name then Enter makes that model pi's default in settings.json on disk,
 * ←/→ change the thinking level that Enter writes, Ctrl+D stars a model that then comes first, and
 * the previous default heads the recents. Also the popover's own page (#/switcher, what the tray
 * shows on macOS and Windows) at its 420x480 size. Screenshots at 420 and 1280 px, light and dark.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_KEY } from "../fake-openrouter/table";
import { hasChromium } from "./browser";
import { useServedWindow } from "./served-window";

const SHOTS = join(import.meta.dirname, "screenshots");
const LLAMA = "openrouter-bedrock/meta-llama/llama-3.3-70b-instruct";
const KIMI = "openrouter-bedrock/moonshotai/kimi-k2";

const settingsOf = (dir: string) => JSON.parse(readFileSync(join(dir, "settings.json"), "utf8")) as Record<string, unknown>;

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function openSwitcher(page: Page) {
  await page.keyboard.press("Control+k");
  const dialog = page.getByRole("dialog", { name: "Quick switcher" });
  await dialog.waitFor();
  const box = dialog.getByRole("combobox", { name: "Search models" });
  await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
  return { dialog, box, list: dialog.getByRole("listbox", { name: "Models" }) };
}

/** The highlighted option's text (the combobox's aria-activedescendant). */
async function activeText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const box = document.querySelector("[role=combobox][aria-activedescendant]");
    return document.getElementById(box?.getAttribute("aria-activedescendant") ?? "")?.textContent ?? "";
  });
}

/** Something sticking out of the viewport sideways, if anything does. */
async function overflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    for (const el of Array.from(document.querySelectorAll("dialog *, .switcher-page *"))) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1) return `${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(box.right)}px`;
    }
    return null;
  });
}

for (const colorScheme of ["light", "dark"] as const) {
  describe.skipIf(!hasChromium)(`quick switcher in real Chromium, ${colorScheme}`, () => {
    const session = useServedWindow("routed", { colorScheme, openRouterKey: DEFAULT_KEY });
    let page: Page;

    beforeAll(async () => {
      page = session.page;
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByRole("list", { name: "Models" }).waitFor();
    });

    // The keyboard flow once (light); both schemes get the screenshots.
    if (colorScheme === "light") {
      it("Ctrl+K, part of a name, Enter: settings.json has the new default, and the switcher says to restart pi", async () => {
        const { dialog, box } = await openSwitcher(page);
        await box.pressSequentially("llama 3.3 bedr");
        await expect.poll(() => activeText(page)).toContain(LLAMA);
        await page.keyboard.press("Enter");
        await until(() => settingsOf(session.serve.dir).defaultModel === "meta-llama/llama-3.3-70b-instruct", "settings.json defaultModel");
        expect(settingsOf(session.serve.dir).defaultProvider).toBe("openrouter-bedrock");
        // Keys the app does not own survive.
        expect(settingsOf(session.serve.dir).theme).toBe("dark");
        await dialog.getByRole("status").filter({ hasText: /New pi sessions start with it; restart a running pi/ }).waitFor();
        await expect.poll(() => dialog.locator(".switcher-current strong").textContent()).toBe("Llama 3.3 70B (Bedrock)");
      });

      it("←/→ change the thinking level (pi 0.73.1's levels) that Enter writes with the model", async () => {
        const dialog = page.getByRole("dialog", { name: "Quick switcher" });
        const box = dialog.getByRole("combobox", { name: "Search models" });
        const level = dialog.getByRole("combobox", { name: "Thinking" });
        await box.pressSequentially("openrouter/anthropic/claude-sonnet-4.5");
        await expect.poll(() => activeText(page)).toContain("openrouter/anthropic/claude-sonnet-4.5");
        expect(await level.inputValue()).toBe("medium");
        expect(await level.locator("option").allTextContents()).toEqual(["off", "minimal", "low", "medium", "high", "xhigh"]);
        await page.keyboard.press("ArrowRight");
        expect(await level.inputValue()).toBe("high");
        await page.keyboard.press("ArrowLeft");
        await page.keyboard.press("ArrowLeft");
        expect(await level.inputValue()).toBe("low");
        await page.keyboard.press("ArrowRight");
        await page.keyboard.press("ArrowRight");
        await page.keyboard.press("Enter");
        await until(() => settingsOf(session.serve.dir).defaultThinkingLevel === "high", "settings.json defaultThinkingLevel");
        expect(settingsOf(session.serve.dir)).toMatchObject({ defaultProvider: "openrouter", defaultModel: "anthropic/claude-sonnet-4.5" });
      });

      it("recents show the previous default first; a starred model comes first the next time", async () => {
        const dialog = page.getByRole("dialog", { name: "Quick switcher" });
        const recent = dialog.getByRole("group", { name: "Recent" });
        await expect.poll(() => recent.getByRole("option").first().textContent()).toContain(LLAMA);
        // The previous default is the first option: one Enter switches back.
        expect(await activeText(page)).toContain(LLAMA);

        const box = dialog.getByRole("combobox", { name: "Search models" });
        await box.pressSequentially("kimi bedrock");
        await expect.poll(() => activeText(page)).toContain(KIMI);
        await page.keyboard.press("Control+d");
        await dialog.getByRole("status").filter({ hasText: /is a favourite/ }).waitFor();
        // Escape clears the search, a second Escape closes; focus returns to the window.
        await page.keyboard.press("Escape");
        expect(await box.inputValue()).toBe("");
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "detached" });

        const { list } = await openSwitcher(page);
        const favourites = list.getByRole("group", { name: "Favourites" });
        expect(await favourites.getByRole("option").first().textContent()).toContain(KIMI);
        expect(await activeText(page)).toContain(KIMI);
        expect(await list.getByRole("option").first().textContent()).toContain(KIMI);
        await page.keyboard.press("Escape");
      });
    }

    it("fits 1280 and 420 px windows without sideways overflow (screenshots)", async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      const { list } = await openSwitcher(page);
      await list.getByRole("option").first().waitFor();
      // The credits of the key (the fake OpenRouter's account) are on top.
      await page.getByTestId("switcher-credits").filter({ hasText: /left/ }).waitFor();
      expect(await overflow(page)).toBeNull();
      await page.screenshot({ path: join(SHOTS, `switcher-1280-${colorScheme}.png`) });
      await page.setViewportSize({ width: 420, height: 720 });
      await page.getByRole("combobox", { name: "Search models" }).pressSequentially("claude");
      await expect.poll(() => page.getByRole("group", { name: "All models" }).getByRole("option").count()).toBeGreaterThan(3);
      expect(await overflow(page)).toBeNull();
      await page.screenshot({ path: join(SHOTS, `switcher-420-${colorScheme}.png`) });
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    it("Preferences show the menu-bar title as the tray app's (macOS) preference", async () => {
      await page.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "Preferences" }).click();
      const card = page.locator("section.card", { has: page.getByRole("heading", { name: "Menu-bar title" }) });
      const box = card.getByRole("checkbox", { name: "Show the default model next to the menu-bar icon" });
      expect(await box.isDisabled()).toBe(true);
      await card.getByText("Only the tray app (npm start) has this; serve runs in a browser.").waitFor();
    });

    it("renders the tray popover's page (#/switcher) alone at 420x480", async () => {
      await page.setViewportSize({ width: 420, height: 480 });
      await page.evaluate(() => {
        location.hash = "#/switcher";
        location.reload();
      });
      const box = page.getByRole("combobox", { name: "Search models" });
      await box.waitFor();
      expect(await page.getByRole("navigation", { name: "Views" }).count()).toBe(0);
      await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await overflow(page)).toBeNull();
      const listBox = await page.getByRole("listbox", { name: "Models" }).boundingBox();
      expect(listBox!.y + listBox!.height).toBeLessThanOrEqual(480);
      await page.screenshot({ path: join(SHOTS, `switcher-popover-${colorScheme}.png`) });
    });
  });
}
