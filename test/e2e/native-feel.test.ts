/**
 * Does the window feel native (issue 15, item 6)? In real Chromium against `serve`, for every view
 * the nav offers (read from the DOM, so views added later are covered too), at 420x640, 720x480
 * and 1280x800, light and dark:
 *  - Deque's axe-core finds no contrast, naming or ARIA violation (label-content-name-mismatch
 *    included: an accessible name must contain the visible text, or voice control breaks);
 *  - nothing sticks out sideways: no page-wide horizontal scroll, and every visible control lies
 *    inside the viewport and inside any box that clips it (the endpoint table's own scroll box
 *    included: it chooses its columns by width);
 *  - every view of the navigation is in sight, none off the window's edge.
 * Then the in-app Dialog (Tab stays inside, Escape closes, focus returns to the opener), reduced
 * motion, and screenshots of the frame, the dialog and Config health at 420 and 1280 px.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { hasChromium } from "./browser";
import { useServedWindow } from "./served-window";

const SHOTS = join(import.meta.dirname, "screenshots");
const axeSource = (createRequire(import.meta.url)("axe-core") as { source: string }).source;

const SIZES = [
  { width: 420, height: 640 },
  { width: 720, height: 480 },
  { width: 1280, height: 800 },
] as const;
const SCHEMES = ["light", "dark"] as const;

/** axe-core rules that decide whether a voice-control, keyboard or low-vision user can use a view. */
const RULES = ["color-contrast", "label", "select-name", "button-name", "input-button-name", "link-name", "label-content-name-mismatch", "nested-interactive", "aria-*"];

interface ViewFailure {
  view: string;
  problems: string[];
}

async function navLabels(page: Page): Promise<string[]> {
  return page.locator("nav[aria-label='Views'] .nav-item").evaluateAll((items) => items.map((b) => (b.textContent ?? "").trim()));
}

async function openView(page: Page, index: number): Promise<string> {
  const item = page.locator("nav[aria-label='Views'] .nav-item").nth(index);
  await item.click();
  await page.waitForFunction((i) => document.querySelectorAll("nav[aria-label='Views'] .nav-item")[i]?.getAttribute("aria-current") === "page", index);
  // Views fetch on open (catalog, backups, key status, pi's verdict): let them settle.
  await page.locator("main .view, main section").first().waitFor();
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.waitForTimeout(600);
  return (await item.textContent())!.trim();
}

/** axe's verdict on the whole document, one line per failing node. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol: the window's CSP (script-src 'self') rightly refuses an inline script tag.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async (rules) => {
    type AxeResult = { id: string; impact: string | null; nodes: { target: unknown[]; failureSummary?: string; html: string }[] };
    const axe = (window as unknown as { axe: { getRules(): { ruleId: string }[]; run(ctx: unknown, opts: unknown): Promise<{ violations: AxeResult[] }> } }).axe;
    const ids = axe.getRules().map((r) => r.ruleId).filter((id) => rules.some((r) => (r.endsWith("*") ? id.startsWith(r.slice(0, -1)) : id === r)));
    const result = await axe.run(document, { runOnly: { type: "rule", values: ids }, rules: { "label-content-name-mismatch": { enabled: true } }, resultTypes: ["violations"] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${(n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 240)}`));
  }, RULES);
}

/**
 * What sticks out sideways. Source text (pre) scrolls by design: it counts as one box.
 */
async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const doc = document.documentElement;
    if (doc.scrollWidth > width) problems.push(`the page scrolls sideways: ${doc.scrollWidth}px content in a ${width}px window`);
    const describe = (el: Element) => {
      const name = el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 40) ?? "";
      return `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} "${name}"`;
    };
    const allowedScrollers = "pre";
    const interactive = document.querySelectorAll<HTMLElement>("button, a[href], input:not([type='hidden']), select, textarea, summary, [tabindex]:not([tabindex='-1'])");
    for (const el of interactive) {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || style.visibility === "hidden" || el.closest("[hidden], dialog:not([open])")) continue;
      const scroller = el.parentElement?.closest(allowedScrollers);
      const subject = scroller ?? el;
      const sbox = subject.getBoundingClientRect();
      if (sbox.left < -1 || sbox.right > width + 1) {
        problems.push(`${describe(subject)} spans ${Math.round(sbox.left)}–${Math.round(sbox.right)}px, outside the ${width}px window`);
        continue;
      }
      if (scroller) continue;
      // Inside the window, but cut off by a box that clips or scrolls it sideways?
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const overflowX = getComputedStyle(a).overflowX;
        if (overflowX === "visible") continue;
        const abox = a.getBoundingClientRect();
        if (box.left < abox.left - 1 || box.right > abox.right + 1) {
          problems.push(`${describe(el)} (${Math.round(box.left)}–${Math.round(box.right)}px) is cut off by ${describe(a).slice(0, 60)} (${Math.round(abox.left)}–${Math.round(abox.right)}px, overflow-x ${overflowX})`);
          break;
        }
      }
    }
    return [...new Set(problems)];
  });
}

/** One line per kind of problem: the same rule on every row of a list is one finding, with a count. */
function summarise(problems: string[]): string[] {
  const byKind = new Map<string, { first: string; count: number }>();
  for (const p of problems) {
    const kind = p.replace(/:nth-child\(\d+\)/g, "").replace(/"[^"]*"/g, '"…"').replace(/\d+–\d+px/g, "");
    const seen = byKind.get(kind);
    if (seen) seen.count++;
    else byKind.set(kind, { first: p.replace(/:nth-child\(\d+\)/g, ""), count: 1 });
  }
  return [...byKind.values()].map(({ first, count }) => (count > 1 ? `${first} (and ${count - 1} more like it)` : first));
}

describe.skipIf(!hasChromium)("the window feels native in real Chromium, against serve", () => {
  const session = useServedWindow("routed");
  let page: Page;

  let settingsBefore = "";
  let settingsChanged = "";

  beforeAll(async () => {
    page = session.page;
    // A backup to restore, as the app takes one before its first change of a session; the file
    // then differs from it, so Restore has something to do.
    const settings = join(session.serve.dir, "settings.json");
    settingsBefore = readFileSync(settings, "utf8");
    mkdirSync(join(session.serve.dir, "switchboard-backups"), { recursive: true, mode: 0o700 });
    writeFileSync(join(session.serve.dir, "switchboard-backups", "settings.json.2026-01-02T03-04-05-678Z-a1b2c3.bak"), settingsBefore, { mode: 0o600 });
    settingsChanged = settingsBefore.replace('"defaultModel": "anthropic/claude-sonnet-4.5"', '"defaultModel": "moonshotai/kimi-k2"');
    expect(settingsChanged).not.toBe(settingsBefore);
    writeFileSync(settings, settingsChanged);
    await page.locator("nav[aria-label='Views'] .nav-item").first().waitFor();
    await page.locator("main h2").first().waitFor();
  });

  for (const size of SIZES) {
    for (const colorScheme of SCHEMES) {
      it(`every view at ${size.width}x${size.height}, ${colorScheme}: axe finds nothing, nothing sticks out sideways`, async () => {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
        const labels = await navLabels(page);
        expect(labels.length).toBeGreaterThanOrEqual(7);
        const offEdge = await page.locator("nav[aria-label='Views'] .nav-item").evaluateAll((items) => items.filter((b) => b.getBoundingClientRect().right > innerWidth || b.getBoundingClientRect().bottom > innerHeight).map((b) => b.textContent));
        expect(offEdge, "views off the window's edge").toEqual([]);
        const failures: ViewFailure[] = [];
        for (let i = 0; i < labels.length; i++) {
          const view = await openView(page, i);
          const problems = [...summarise(await axeViolations(page)), ...summarise(await sidewaysOverflow(page))];
          if (problems.length) failures.push({ view, problems });
          // A view with tabs (Models: its list and the scope patterns) is checked on each of them.
          const tabs = page.locator("main [role='tab']");
          const tabCount = await tabs.count();
          for (let t = 1; t < tabCount; t++) {
            const tab = tabs.nth(t);
            const name = `${view} › ${(await tab.textContent())!.trim()}`;
            await tab.click();
            await page.waitForTimeout(400);
            const tabProblems = [...summarise(await axeViolations(page)), ...summarise(await sidewaysOverflow(page))];
            if (tabProblems.length) failures.push({ view: name, problems: tabProblems });
          }
          if (tabCount > 1) await tabs.first().click();
        }
        // The routing editor with a model picked: the largest form of the window.
        await page.getByRole("button", { name: "Models", exact: true }).click();
        await page.getByRole("button", { name: /^Edit routing/ }).first().click();
        await page.locator("main fieldset, main form").first().waitFor();
        await page.waitForTimeout(600);
        const editorProblems = [...summarise(await axeViolations(page)), ...summarise(await sidewaysOverflow(page))];
        if (editorProblems.length) failures.push({ view: "Routing (a model picked)", problems: editorProblems });
        const report = failures.map((f) => `${f.view}:\n  ${f.problems.join("\n  ")}`).join("\n");
        expect(report, `at ${size.width}x${size.height} ${colorScheme}`).toBe("");
      });
    }
  }

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
