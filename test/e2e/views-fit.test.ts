/**
 * Views that fit and the facts people choose by (issue 21 items 5 and 6), in real Chromium against
 * `serve` and the fake OpenRouter:
 *  - at 420x640 every view of the navigation is in sight at once, none off the edge;
 *  - the endpoint table keeps Tools and Status in sight at 1280 px, fits without sideways
 *    scrolling at 720 and 420 px, and opens what it left out in a row's details;
 *  - the Models rows and the quick switcher show price, context and the pinned provider; at
 *    720x480 the Models list shows whole rows inside the window;
 *  - the switcher pins the highlighted model to a provider after the models.json diff.
 * Screenshots of the switcher and the endpoint table at 420 and 1280 px, light and dark.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { hasChromium } from "./browser";
import { useServedWindow } from "./served-window";

const SHOTS = join(import.meta.dirname, "screenshots");
const KIMI = "openrouter-bedrock/moonshotai/kimi-k2";
const SCHEMES = ["light", "dark"] as const;

type ModelsFile = { providers: Record<string, { models: { id: string; compat?: { openRouterRouting?: unknown } }[] }> };

async function openRoutingFor(page: Page, ref: string) {
  await page.getByRole("button", { name: "Routing", exact: true }).click();
  const all = page.getByRole("button", { name: "All routing" });
  if (await all.count()) await all.click();
  await page.getByRole("combobox", { name: "Provider or model to route" }).fill(ref);
  await page.getByRole("button", { name: "Edit routing" }).click();
  await page.getByRole("region", { name: "Endpoint table" }).waitFor();
  await page.waitForTimeout(300);
}

/** The endpoint table's header labels and whether anything in it is cut off or scrolls sideways. */
async function tableState(page: Page) {
  return page.getByRole("region", { name: "Endpoint table" }).evaluate((region) => ({
    headers: [...region.querySelectorAll("thead th")].map((th) => th.textContent!.trim()),
    scrollsSideways: region.scrollWidth > region.clientWidth + 1,
    outsideWindow: region.getBoundingClientRect().right > document.documentElement.clientWidth + 1,
  }));
}

describe.skipIf(!hasChromium)("views that fit, and the facts people choose by, in real Chromium", () => {
  const session = useServedWindow("routed");
  let page: Page;
  const models = () => parse(readFileSync(join(session.serve.dir, "models.json"), "utf8")) as ModelsFile;

  beforeAll(async () => {
    page = session.page;
    await page.getByRole("list", { name: "Models" }).waitFor();
  });

  it("shows every view of the navigation at 420x640, none off the edge, and each opens", async () => {
    await page.setViewportSize({ width: 420, height: 640 });
    const items = page.locator("nav[aria-label='Views'] .nav-item");
    const boxes = await items.evaluateAll((els) => els.map((el) => ({ text: el.textContent!.trim(), ...el.getBoundingClientRect().toJSON() }) as { text: string; left: number; right: number; top: number; bottom: number }));
    expect(boxes.length).toBeGreaterThanOrEqual(8);
    for (const b of boxes) {
      expect(b.left, b.text).toBeGreaterThanOrEqual(0);
      expect(b.right, b.text).toBeLessThanOrEqual(420);
    }
    // Two rows at most: the content keeps the window's height.
    expect(Math.max(...boxes.map((b) => b.bottom))).toBeLessThan(100);
    expect(await page.locator("nav[aria-label='Views']").evaluate((n) => n.scrollWidth <= n.clientWidth)).toBe(true);
    await items.last().click();
    expect(await items.last().getAttribute("aria-current")).toBe("page");
    await items.first().click();
  });

  it("keeps Tools and Status in the endpoint table at 1280 px, fits it at 720 and 420 px, and opens the rest in a row's details", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openRoutingFor(page, KIMI);
    const wide = await tableState(page);
    expect(wide.headers).toEqual(expect.arrayContaining(["Tools", "Status", "In $/M", "Out $/M"]));
    expect(wide).toMatchObject({ scrollsSideways: false, outsideWindow: false });
    for (const width of [720, 420]) {
      await page.setViewportSize({ width, height: width === 420 ? 640 : 480 });
      await page.waitForTimeout(300);
      const narrow = await tableState(page);
      expect(narrow, `at ${width} px`).toMatchObject({ scrollsSideways: false, outsideWindow: false });
      expect(narrow.headers, `at ${width} px`).toContain("In $/M");
      expect(narrow.headers.length, `at ${width} px`).toBeLessThan(wide.headers.length);
    }
    // At 420 px what the table left out (Tools among it) is one click away, for the row clicked.
    const details = page.getByRole("button", { name: "Details of groq" });
    expect(await details.getAttribute("aria-expanded")).toBe("false");
    await details.click();
    expect(await details.getAttribute("aria-expanded")).toBe("true");
    const row = page.locator("tr.details-row");
    expect(await row.count()).toBe(1);
    const text = await row.textContent();
    expect(text).toContain("Accepts tool calls (pi's agent needs them)no");
    expect(text).toContain("OpenRouter's endpoint status");
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      await page.getByRole("region", { name: "Endpoint table" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `endpoint-table-420-${colorScheme}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      await page.screenshot({ path: join(SHOTS, `endpoint-table-1280-${colorScheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: "light" });
  });

  it("shows price, context and the pinned provider on the Models rows, and whole rows inside a 720x480 window", async () => {
    await page.setViewportSize({ width: 720, height: 480 });
    await page.getByRole("button", { name: "Models", exact: true }).click();
    const facts = page.getByTestId("model-facts");
    await facts.first().waitFor();
    expect(await facts.first().textContent()).toMatch(/ · 128K context · pinned to amazon-bedrock$/);
    const fit = await page.getByRole("list", { name: "Models" }).evaluate((list) => {
      const box = list.getBoundingClientRect();
      const rows = [...list.querySelectorAll(".model-slot")].map((r) => r.getBoundingClientRect());
      const content = list.closest("main")!;
      return { listBottom: box.bottom, window: innerHeight, pageScrolls: content.scrollHeight > content.clientHeight, wholeRows: rows.filter((r) => r.top >= box.top - 1 && r.bottom <= box.bottom + 1).length };
    });
    expect(fit.listBottom).toBeLessThanOrEqual(fit.window);
    // Only the list scrolls: the header and the scope warning above it stay put.
    expect(fit.pageScrolls).toBe(false);
    expect(fit.wholeRows).toBeGreaterThanOrEqual(1);
    // Full names: nothing of a model's name or ref is cut with an ellipsis at 1280 px.
    await page.setViewportSize({ width: 1280, height: 800 });
    const cut = await page.locator(".model-row .model-title, .model-row .model-ref").evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
    expect(cut).toEqual([]);
  });

  it("pins the highlighted model to a provider from the quick switcher, after the diff, and shows the pin on the option", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.keyboard.press("Control+k");
    const dialog = page.getByRole("dialog", { name: "Quick switcher" });
    await dialog.getByRole("combobox", { name: "Search models" }).fill("kimi bedrock");
    const option = dialog.getByRole("listbox", { name: "Models" }).getByRole("option").first();
    expect(await option.textContent()).toContain("Kimi K2 (Bedrock)");
    expect(await option.getByTestId("switcher-facts").textContent()).toContain("128K context · pinned to amazon-bedrock");
    const provider = dialog.getByRole("combobox", { name: "Provider" });
    await expect.poll(() => provider.locator("option").count(), { timeout: 10_000 }).toBeGreaterThan(2);
    expect(await provider.locator("option").allTextContents()).toContain("DeepInfra · $0.5 in / $2 out · fp4");
    for (const colorScheme of SCHEMES) {
      for (const size of [{ width: 1280, height: 800 }, { width: 420, height: 640 }]) {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
        await page.waitForTimeout(200);
        await page.screenshot({ path: join(SHOTS, `switcher-facts-${size.width}-${colorScheme}.png`) });
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 800 });
    const before = readFileSync(join(session.serve.dir, "models.json"), "utf8");
    await provider.selectOption("deepinfra/fp4");
    const confirm = page.getByRole("dialog", { name: "Pin Kimi K2 (Bedrock) to deepinfra/fp4?" });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('"deepinfra/fp4"');
    // Nothing is written before the user says so.
    expect(readFileSync(join(session.serve.dir, "models.json"), "utf8")).toBe(before);
    await confirm.getByRole("button", { name: "Pin to deepinfra/fp4" }).click();
    // vitest polls for 1 s by default: the save, the watcher and the next snapshot can take longer on a busy machine.
    await expect.poll(() => models().providers["openrouter-bedrock"]!.models.find((m) => m.id === "moonshotai/kimi-k2")?.compat?.openRouterRouting, { timeout: 10_000 }).toEqual({ only: ["deepinfra/fp4"], order: ["deepinfra/fp4"], allow_fallbacks: false });
    await expect.poll(() => option.getByTestId("switcher-facts").textContent(), { timeout: 10_000 }).toContain("pinned to deepinfra/fp4");
    // The saved command's answer can come after the snapshot event that updated the option.
    await expect.poll(() => dialog.getByRole("status").textContent(), { timeout: 10_000 }).toContain("pinned to deepinfra/fp4");
    // The provider's routing of the other models stays.
    expect(readFileSync(join(session.serve.dir, "models.json"), "utf8")).toContain('"openRouterRouting": { "only": ["amazon-bedrock"], "allow_fallbacks": false }');
    await page.keyboard.press("Escape");
  });
});
