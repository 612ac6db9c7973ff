/**
 * The Models view and the scope editor in real Chromium against `serve` (issue 15 items 3 and 5):
 * the view opens on the scoped models with what pi starts with on the first screen; "Make default"
 * is off, with its reason, where pi has no key; the scope editor adds, edits, reorders (keyboard),
 * removes and saves enabledModels with a live preview and pi's diagnostics, and settings.json keeps
 * its other keys and layout. Rows and the search box stay on-screen at 420x640 and 720x480.
 * Screenshots at 420 and 1280 px, light and dark.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEFAULT_KEY } from "../fake-openrouter/table";
import { hasChromium } from "./browser";
import { FIXTURES } from "./serve-process";
import { useServedWindow } from "./served-window";

const SHOTS = join(import.meta.dirname, "screenshots");
const SONNET = "openrouter-bedrock/anthropic/claude-sonnet-4.5";
const LLAMA = "openrouter-bedrock/meta-llama/llama-3.3-70b-instruct";

/** Row controls and the search box that stick out of the viewport sideways, or a search box too narrow to use. */
async function offscreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`page is ${document.documentElement.scrollWidth}px wide`);
    const search = document.querySelector<HTMLInputElement>("input[type=search]");
    if (search) {
      const box = search.getBoundingClientRect();
      if (box.width < 160) out.push(`search box is ${Math.round(box.width)}px wide`);
      if (box.left < 0 || box.right > width) out.push("search box sticks out");
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("[data-row] button, [data-row] input, .scope-pattern button, .scope-pattern input, .segmented label, [role=tab]"))) {
      const box = el.getBoundingClientRect();
      if (box.left < 0 || box.right > width + 0.5) out.push(`${el.textContent || el.getAttribute("aria-label")} spans ${Math.round(box.left)}–${Math.round(box.right)}px of ${width}`);
    }
    return out;
  });
}

/** The first row's controls, scrolled into view, lie wholly inside the viewport. */
async function firstRowInView(page: Page): Promise<void> {
  const row = page.locator("[data-row]").first();
  await row.scrollIntoViewIfNeeded();
  const viewport = page.viewportSize()!;
  for (const control of await row.locator("button, input").all()) {
    const box = (await control.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  }
}

describe.skipIf(!hasChromium)("the Models view and the scope editor in real Chromium, light", () => {
  const session = useServedWindow("routed", { openRouterKey: DEFAULT_KEY });

  it("opens on the scoped models, with the default model, thinking level, key, pi and its verdict first", async () => {
    const { page } = session;
    await page.getByRole("list", { name: "Models" }).waitFor();
    expect(await page.getByRole("radio", { name: /^Scoped/ }).isChecked()).toBe(true);
    expect(await page.locator("[data-row]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-row")))).toEqual([SONNET, LLAMA]);
    const header = page.getByLabel("What pi starts with");
    await header.getByText("Claude Sonnet 4.5 (Bedrock)").waitFor();
    await header.getByText(SONNET, { exact: true }).waitFor();
    expect(await header.getByRole("combobox", { name: "Thinking level" }).inputValue()).toBe("");
    await header.getByText("models.json → OPENROUTER_API_KEY (environment)", { exact: true }).waitFor();
    await header.getByText("0.73.1", { exact: true }).waitFor();
    // The key's credits, from the fake OpenRouter's GET /key and /credits.
    await header.getByText(/^\$\d+(\.\d+)? left/).waitFor();
    await header.getByTitle(/^pi 0\.73\.1 agrees · checked /).waitFor({ timeout: 30_000 });
    // Everything above sits on the first screen.
    expect((await header.boundingBox())!.y + (await header.boundingBox())!.height).toBeLessThan(800);
    await page.screenshot({ path: join(SHOTS, "models-1280-light.png") });
  }, 90_000);

  it("disables Make default with the reason where pi has no key, and names buttons by their text", async () => {
    const { page } = session;
    await page.getByRole("radio", { name: /^All/ }).check();
    await page.getByRole("searchbox", { name: "Search models" }).fill("anthropic/claude");
    const row = page.locator("[data-row^='anthropic/']").first();
    await row.waitFor();
    const ref = (await row.getAttribute("data-row"))!;
    const button = row.getByRole("button", { name: `Make default: ${ref}` });
    expect(await button.isDisabled()).toBe(true);
    expect(await button.getAttribute("title")).toMatch(/pi has no key for anthropic/);
    const reason = await button.evaluate((b) => document.getElementById(b.getAttribute("aria-describedby")!)!.textContent);
    expect(reason).toMatch(/pi has no key for anthropic.*Add a key/);
    // Accessible names contain the visible text.
    const names = await page.locator("[data-row] button").evaluateAll((buttons) => buttons.map((b) => [b.textContent!.trim(), b.getAttribute("aria-label") ?? b.textContent!.trim()]));
    for (const [text, name] of names as [string, string][]) expect(name.toLowerCase()).toContain(text.toLowerCase());
    // The user's own, keyed models rank before pi's built-ins in a search.
    await page.getByRole("searchbox", { name: "Search models" }).fill("sonnet");
    await page.waitForFunction((first) => document.querySelector("[data-row]")?.getAttribute("data-row") === first, SONNET);
    await page.getByRole("searchbox", { name: "Search models" }).fill("");
    await page.getByRole("radio", { name: /^Scoped/ }).check();
  });

  // Saving asks pi about the new settings.json: on a loaded machine that alone can take most of 30 s.
  it("edits the scope: add, edit, reorder by keyboard, remove, live preview and diagnostics, then saves settings.json", async () => {
    const { page, serve } = session;
    // A retry starts where the first try did: the fixture's settings.json (the first try may have
    // saved), and a reloaded page (no draft of the first try's edits).
    const fixtureSettings = readFileSync(join(FIXTURES, "routed", "settings.json"));
    if (!readFileSync(join(serve.dir, "settings.json")).equals(fixtureSettings)) writeFileSync(join(serve.dir, "settings.json"), fixtureSettings);
    await page.reload();
    await page.getByRole("tab", { name: "Scope patterns (3)" }).click();
    const pattern = (n: number) => page.getByRole("textbox", { name: `Pattern ${n}`, exact: true });
    const row = (n: number) => page.locator(".scope-pattern").nth(n - 1);
    await expect.poll(() => pattern(1).inputValue()).toBe(SONNET);
    await row(1).getByText(/Exactly/).waitFor();
    await row(3).getByText("Matches no model").waitFor();

    await page.getByRole("textbox", { name: "New pattern" }).fill("openrouter-bedrock/*");
    await page.getByRole("button", { name: "Add pattern" }).click();
    await row(4).getByText(/"\*" does not cross "\/"/).waitFor();
    await pattern(4).fill("openrouter-bedrock/**:high");
    await row(4).getByText(/Glob, 1 model/).waitFor();
    const cycle = page.getByRole("list", { name: "Ctrl+P order" });
    await cycle.getByText("openrouter-bedrock/moonshotai/kimi-k2").waitFor();

    await pattern(1).focus();
    await page.keyboard.press("Alt+ArrowDown");
    expect(await pattern(1).inputValue()).toBe("openrouter-bedrock/meta-llama/*");
    expect(await pattern(2).inputValue()).toBe(SONNET);
    expect(await pattern(2).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.waitForFunction((first) => document.querySelector("[aria-label='Ctrl+P order'] li code")?.textContent === first, LLAMA);

    await page.getByRole("button", { name: "Remove: pattern 3" }).click();
    expect(await page.getByRole("textbox", { name: /^Pattern \d+$/ }).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
      "openrouter-bedrock/meta-llama/*",
      SONNET,
      "openrouter-bedrock/**:high",
    ]);
    await page.screenshot({ path: join(SHOTS, "scope-editor-1280-light.png"), fullPage: true });

    await page.getByRole("button", { name: "Review changes" }).click();
    await page.getByTestId("diff").waitFor();
    await page.getByRole("button", { name: "Save to settings.json" }).click();
    await page.getByText(/Saved to .*: Ctrl\+P cycles 3 models/).waitFor();

    const text = readFileSync(join(serve.dir, "settings.json"), "utf8");
    expect(JSON.parse(text)).toEqual({
      enabledModels: ["openrouter-bedrock/meta-llama/*", SONNET, "openrouter-bedrock/**:high"],
      defaultProvider: "openrouter-bedrock",
      defaultModel: "anthropic/claude-sonnet-4.5",
      theme: "dark",
    });
    // Only enabledModels changed: the other lines are the user's, byte for byte.
    expect(text).toContain('  "defaultProvider": "openrouter-bedrock",\n  "defaultModel": "anthropic/claude-sonnet-4.5",\n  "theme": "dark"\n}');
    await page.getByRole("tab", { name: "Scope patterns (3)" }).waitFor();
  }, 60_000);

  it("keeps every row control and the search box on-screen at 420x640 and 720x480", async () => {
    const { page } = session;
    await page.getByRole("tab", { name: "Models", exact: true }).click();
    await page.getByRole("radio", { name: /^All/ }).check();
    for (const [width, height] of [[420, 640], [720, 480]] as const) {
      await page.setViewportSize({ width, height });
      await page.locator("[data-row]").first().waitFor();
      expect(await offscreen(page)).toEqual([]);
      await firstRowInView(page);
      await page.locator(".content").evaluate((el) => (el.scrollTop = 0));
    }
    await page.setViewportSize({ width: 420, height: 640 });
    await page.getByRole("radio", { name: /^Scoped/ }).check();
    await page.screenshot({ path: join(SHOTS, "models-420-light.png"), fullPage: true });
    await page.getByRole("tab", { name: /^Scope patterns/ }).click();
    await page.getByRole("list", { name: "Ctrl+P order" }).waitFor();
    expect(await offscreen(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "scope-editor-420-light.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describe.skipIf(!hasChromium)("the Models view and the scope editor in real Chromium, dark", () => {
  const session = useServedWindow("routed", { colorScheme: "dark", openRouterKey: DEFAULT_KEY });

  it("looks right at 1280 and 420 px (screenshots), nothing off-screen", async () => {
    const { page } = session;
    await page.getByRole("list", { name: "Models" }).waitFor();
    await page.getByLabel("What pi starts with").getByTitle(/^pi 0\.73\.1 agrees · checked /).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, "models-1280-dark.png") });
    await page.getByRole("tab", { name: /^Scope patterns/ }).click();
    await page.getByRole("list", { name: "Ctrl+P order" }).waitFor();
    await page.screenshot({ path: join(SHOTS, "scope-editor-1280-dark.png"), fullPage: true });
    await page.setViewportSize({ width: 420, height: 640 });
    expect(await offscreen(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "scope-editor-420-dark.png"), fullPage: true });
    await page.getByRole("tab", { name: "Models", exact: true }).click();
    await page.locator("[data-row]").first().waitFor();
    expect(await offscreen(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "models-420-dark.png"), fullPage: true });
  });
});
