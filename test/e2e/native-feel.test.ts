/**
 * Does the window feel native (issue 15, item 6)? The sweep of every view at each size is in
 * native-feel-<width>.test.ts (native-feel.ts); here, in real Chromium against `serve`: every Tab
 * stop draws a focus ring, reduced motion, the in-app Dialog (Tab stays inside, Escape closes,
 * focus returns to the opener), and screenshots of the frame, the dialog and Config health at 420
 * and 1280 px.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { hasChromium } from "./browser";
import { navLabels, openView, SCHEMES, SHOTS, useNativeFeelWindow } from "./native-feel";

describe.skipIf(!hasChromium)("the window feels native in real Chromium, against serve", () => {
  const feel = useNativeFeelWindow();
  const session = feel.session;
  let page: Page;
  let settingsBefore = "";
  let settingsChanged = "";
  beforeAll(() => {
    page = feel.page();
    settingsBefore = feel.settingsBefore();
    settingsChanged = feel.settingsChanged();
  });

  it("shows where the keyboard is: every Tab stop of every view draws a focus ring", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
    const labels = await navLabels(page);
    const unringed: string[] = [];
    for (let i = 0; i < labels.length; i++) {
      const view = await openView(page, i);
      // The views list comes first in Tab order; the view's own controls follow its last item.
      await page.locator("nav[aria-label='Views'] .nav-item").last().focus();
      for (let stop = 0; stop < 40; stop++) {
        await page.keyboard.press("Tab");
        const focus = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || /\d+px \d+px \d+px [1-9]/.test(style.boxShadow);
          return { ring, inNav: !!el.closest("nav[aria-label='Views']"), what: `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"` };
        });
        // Back in the views list (or out of the page): this view's stops are done.
        if (!focus || focus.inNav) break;
        if (!focus.ring) unringed.push(`${view}: ${focus.what}`);
      }
    }
    expect(unringed).toEqual([]);
  });

  it("respects reduced motion: nav items change instantly, and only then", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const navDuration = () => page.locator("nav[aria-label='Views'] .nav-item").first().evaluate((el) => getComputedStyle(el).transitionDuration);
    await page.emulateMedia({ reducedMotion: "no-preference" });
    expect(await navDuration()).not.toMatch(/^0s(, 0s)*$/);
    await page.emulateMedia({ reducedMotion: "reduce" });
    expect(await navDuration()).toMatch(/^0s(, 0s)*$/);
  });

  it("screenshots: the frame and Config health at 420 and 1280 px, light and dark", async () => {
    for (const width of [420, 1280]) {
      for (const colorScheme of SCHEMES) {
        await page.setViewportSize({ width, height: width === 420 ? 640 : 800 });
        await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
        await page.getByRole("button", { name: "Models", exact: true }).click();
        await page.locator("main h2").first().waitFor();
        await page.waitForTimeout(500);
        await page.screenshot({ path: join(SHOTS, `frame-${width}-${colorScheme}.png`) });
        await page.getByRole("button", { name: /^Config health/ }).click();
        await page.getByRole("heading", { name: "Backups" }).waitFor();
        // Tall enough to show the whole view (it scrolls inside the window, which a page screenshot would cut).
        const tall = await page.locator("main").evaluate((m) => m.scrollHeight + m.getBoundingClientRect().top);
        await page.setViewportSize({ width, height: Math.max(width === 420 ? 640 : 800, Math.ceil(tall)) });
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(SHOTS, `health-${width}-${colorScheme}.png`), fullPage: true });
      }
    }
  });

  it("confirms in the window's own Dialog: Tab stays inside, Escape closes, focus returns to the opener", async () => {
    await page.setViewportSize({ width: 720, height: 480 });
    await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
    let nativeDialogs = 0;
    page.on("dialog", (d) => {
      nativeDialogs++;
      void d.dismiss();
    });
    await page.getByRole("button", { name: /^Config health/ }).click();
    const opener = page.getByRole("button", { name: /^Restore settings\.json/ });
    await opener.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Restore settings.json?" });
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open && d.matches(":modal"))).toBe(true);
    const focused = () => page.evaluate(() => ({ inDialog: !!document.activeElement?.closest("dialog[open]"), text: document.activeElement?.textContent ?? "" }));
    expect(await focused()).toEqual({ inDialog: true, text: "Cancel" });
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Tab");
      const f = await focused();
      expect(f.inDialog).toBe(true);
      seen.push(f.text);
    }
    expect(seen).toEqual(["Restore settings.json", "Cancel", "Restore settings.json", "Cancel", "Restore settings.json"]);
    await page.keyboard.press("Shift+Tab");
    expect(await focused()).toEqual({ inDialog: true, text: "Cancel" });
    // The window behind is inert: nothing there takes focus while the dialog is up.
    const focusStaysInDialog = await page.evaluate(() => {
      document.querySelector<HTMLElement>(".nav-item")!.focus();
      return !!document.activeElement?.closest("dialog[open]");
    });
    expect(focusStaysInDialog).toBe(true);

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(readFileSync(join(session.serve.dir, "settings.json"), "utf8")).toBe(settingsChanged);

    for (const width of [420, 1280]) {
      for (const colorScheme of SCHEMES) {
        await page.setViewportSize({ width, height: width === 420 ? 640 : 800 });
        await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
        await opener.click();
        await dialog.waitFor();
        await page.screenshot({ path: join(SHOTS, `dialog-${width}-${colorScheme}.png`) });
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "detached" });
      }
    }
    // And the real thing: the confirm button restores the file.
    await opener.click();
    await dialog.getByRole("button", { name: "Restore settings.json" }).click();
    await page.getByText("settings.json restored.").waitFor();
    expect(readFileSync(join(session.serve.dir, "settings.json"), "utf8")).toBe(settingsBefore);
    expect(nativeDialogs).toBe(0);
  });
});
