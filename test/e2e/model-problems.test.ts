/**
 * A model's problems where the user acts, in real Chromium against serve (issue 21 item 1), on the
 * "model-problems" agent dir with the repo's pi 0.73.1: the Models row marks the model whose key pi
 * sends as text and the one whose routing pi drops, with the sentence and the fix; the fix shows
 * its diff and saves; "Make default" on a model pi will fail on asks first; Config health lists
 * them all. No sideways scrolling; screenshots at 420 and 1280 px, light and dark.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseLenientJson } from "../../src-main/core/pi/pi-json";
import { hasChromium, launchBrowser } from "./browser";
import { overflowingElement } from "./overflow";
import { startServe, type ServeProcess } from "./serve-process";

const SHOTS = join(import.meta.dirname, "screenshots");
const DOLLAR = "openrouter-dollar/openai/gpt-4o";
const CLAUDE = "openrouter-claude/anthropic/claude-sonnet-4.5";
vi.setConfig({ testTimeout: 90_000 });

describe.skipIf(!hasChromium)("model problems in the window, in real Chromium against serve", () => {
  let serve: ServeProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const row = (ref: string) => page.locator(`[data-row="${ref}"]`);

  /** Both sizes and both schemes of what is on screen now, each checked for sideways scrolling. */
  async function shoot(name: string, inView?: Locator) {
    // No hover state in the pictures: the pointer leaves whatever it last clicked.
    await page.mouse.move(0, 0);
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 420]) {
        await page.setViewportSize({ width, height: width === 420 ? 640 : 800 });
        await inView?.scrollIntoViewIfNeeded();
        expect(await overflowingElement(page), `${name} at ${width} px`).toBeNull();
        await page.screenshot({ path: join(SHOTS, `${name}-${width}-${colorScheme}.png`) });
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  beforeAll(async () => {
    serve = await startServe("model-problems");
    browser = await launchBrowser("light");
    page = await browser.context.newPage();
    await page.goto(serve.url);
    await page.getByRole("heading", { level: 2, name: "Models" }).waitFor();
    await row(DOLLAR).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it("marks the rows with the sentence and the fix, where the user looks for the model", async () => {
    await expect(row(DOLLAR).getByRole("img", { name: "pi will fail on this model" }).textContent()).resolves.toBe("✗");
    await expect(row(DOLLAR).getByRole("list", { name: `Problems of ${DOLLAR}` }).textContent()).resolves.toContain('is the text "$OPENROUTER_API_KEY": pi 0.73.1 reads a variable only by its bare name');
    await expect(row(CLAUDE).getByRole("list", { name: `Problems of ${CLAUDE}` }).textContent()).resolves.toContain("pi sends no routing for the anthropic-messages API");
    await row(CLAUDE).getByRole("button", { name: /^Switch to openai-completions, which pi routes/ }).waitFor();
    await shoot("model-problems-row", row(DOLLAR));
  });

  it('"Make default" on a model pi will fail on asks first, naming why', async () => {
    await row(DOLLAR).getByRole("button", { name: `Make default: ${DOLLAR}` }).click();
    const dialog = page.getByRole("dialog", { name: `pi will fail on ${DOLLAR}` });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/Every request fails with 401\. Switch anyway\?/);
    await shoot("model-problems-confirm");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    const settings = JSON.parse(readFileSync(join(serve.dir, "settings.json"), "utf8")) as { defaultProvider: string };
    expect(settings.defaultProvider).toBe("openrouter-ok");
  });

  it("the Claude fix shows its diff, then saves; the row's warning goes", async () => {
    await row(CLAUDE).getByRole("button", { name: /^Switch to openai-completions, which pi routes/ }).click();
    const dialog = page.getByRole("dialog", { name: `Switch to openai-completions, which pi routes — ${CLAUDE}` });
    await dialog.waitFor();
    await expect(dialog.getByTestId("diff").textContent()).resolves.toMatch(/\+\s*"api": "openai-completions"/);
    await shoot("model-problems-fix");
    await dialog.getByRole("button", { name: "Save the fix" }).click();
    await vi.waitFor(() => expect(row(CLAUDE).getByRole("list", { name: `Problems of ${CLAUDE}` }).count()).resolves.toBe(0), { timeout: 10_000 });
    const saved = parseLenientJson(readFileSync(join(serve.dir, "models.json"), "utf8"));
    expect(saved.ok && (saved.value as { providers: Record<string, { models: unknown[] }> }).providers["openrouter-claude"]!.models).toEqual([{ id: "anthropic/claude-sonnet-4.5", name: "Claude Sonnet 4.5 on Bedrock", api: "openai-completions" }]);
  });

  it("Config health lists every model problem in words and the rules in sentences", async () => {
    await page.keyboard.press("Alt+4");
    const card = page.getByRole("region", { name: /^Models pi will fail on/ });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(DOLLAR);
    await page.getByText("Checked against pi 0.73.1's rules.").waitFor();
    await shoot("model-problems-health");
  });
});
