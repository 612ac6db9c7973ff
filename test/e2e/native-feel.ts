/**
 * The checks of "does the window feel native" (issue 15, item 6), shared by native-feel*.test.ts:
 * in real Chromium against `serve`, for every view the nav offers (read from the DOM, so views
 * added later are covered too), at 420x640, 720x480 and 1280x800, light and dark:
 *  - Deque's axe-core finds no contrast, naming or ARIA violation (label-content-name-mismatch
 *    included: an accessible name must contain the visible text, or voice control breaks);
 *  - nothing sticks out sideways: no page-wide horizontal scroll, and every visible control lies
 *    inside the viewport and inside any box that clips it (the endpoint table's own scroll box
 *    included: it chooses its columns by width);
 *  - every view of the navigation is in sight, none off the window's edge.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { hasChromium } from "./browser";
import { useServedWindow, type ServedWindow } from "./served-window";

export const SHOTS = join(import.meta.dirname, "screenshots");
const axeSource = (createRequire(import.meta.url)("axe-core") as { source: string }).source;

export const SIZES = [
  { width: 420, height: 640 },
  { width: 720, height: 480 },
  { width: 1280, height: 800 },
] as const;
export const SCHEMES = ["light", "dark"] as const;

/** axe-core rules that decide whether a voice-control, keyboard or low-vision user can use a view. */
const RULES = ["color-contrast", "label", "select-name", "button-name", "input-button-name", "link-name", "label-content-name-mismatch", "nested-interactive", "aria-*"];

interface ViewFailure {
  view: string;
  problems: string[];
}

export async function navLabels(page: Page): Promise<string[]> {
  return page.locator("nav[aria-label='Views'] .nav-item").evaluateAll((items) => items.map((b) => (b.textContent ?? "").trim()));
}

export async function openView(page: Page, index: number): Promise<string> {
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
export async function axeViolations(page: Page): Promise<string[]> {
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
export async function sidewaysOverflow(page: Page): Promise<string[]> {
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
export function summarise(problems: string[]): string[] {
  const byKind = new Map<string, { first: string; count: number }>();
  for (const p of problems) {
    const kind = p.replace(/:nth-child\(\d+\)/g, "").replace(/"[^"]*"/g, '"…"').replace(/\d+–\d+px/g, "");
    const seen = byKind.get(kind);
    if (seen) seen.count++;
    else byKind.set(kind, { first: p.replace(/:nth-child\(\d+\)/g, ""), count: 1 });
  }
  return [...byKind.values()].map(({ first, count }) => (count > 1 ? `${first} (and ${count - 1} more like it)` : first));
}

export interface NativeFeelWindow {
  session: ServedWindow;
  page: () => Page;
  /** settings.json as the fixture has it (what the backup holds) and as the test changed it. */
  settingsBefore: () => string;
  settingsChanged: () => string;
}

/**
 * The window these checks look at: serve on the "routed" fixture with a backup to restore (as the
 * app takes one before its first change of a session) and settings.json changed since, so Config
 * health's Restore has something to do. Registers its own hooks, as useServedWindow does.
 */
export function useNativeFeelWindow(): NativeFeelWindow {
  const session = useServedWindow("routed");
  let settingsBefore = "";
  let settingsChanged = "";
  beforeAll(async () => {
    const settings = join(session.serve.dir, "settings.json");
    settingsBefore = readFileSync(settings, "utf8");
    mkdirSync(join(session.serve.dir, "switchboard-backups"), { recursive: true, mode: 0o700 });
    writeFileSync(join(session.serve.dir, "switchboard-backups", "settings.json.2026-01-02T03-04-05-678Z-a1b2c3.bak"), settingsBefore, { mode: 0o600 });
    settingsChanged = settingsBefore.replace('"defaultModel": "anthropic/claude-sonnet-4.5"', '"defaultModel": "moonshotai/kimi-k2"');
    expect(settingsChanged).not.toBe(settingsBefore);
    writeFileSync(settings, settingsChanged);
    await session.page.locator("nav[aria-label='Views'] .nav-item").first().waitFor();
    await session.page.locator("main h2").first().waitFor();
  });
  return { session, page: () => session.page, settingsBefore: () => settingsBefore, settingsChanged: () => settingsChanged };
}

/**
 * Every view of the navigation (and each tab of a view, and the routing editor with a model
 * picked) at one window size, light and dark: axe finds nothing, nothing sticks out sideways.
 * One size per test file, so the sizes run side by side (each sweep takes 20-30 s, mostly waiting
 * for views to settle).
 */
export function everyViewAt(size: (typeof SIZES)[number]): void {
  describe.skipIf(!hasChromium)(`every view at ${size.width}x${size.height} in real Chromium, against serve`, () => {
    const feel = useNativeFeelWindow();
    for (const colorScheme of SCHEMES) {
      it(`every view at ${size.width}x${size.height}, ${colorScheme}: axe finds nothing, nothing sticks out sideways`, async () => {
        const page = feel.page();
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
  });
}
