/**
 * The routing editor on a Claude model on anthropic-messages, in real Chromium against `serve`
 * (issue 21 item 2): it says pi sends no routing for that API where the routing is edited, and its
 * one-click fix shows the diff of models.json in a dialog, then switches the model to
 * openai-completions, after which the editor shows the provider object pi now sends. Screenshots
 * at 420 and 1280 px, light and dark, of the warning and of the fix's diff.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { hasChromium } from "./browser";
import { overflowingElement } from "./overflow";
import { useServedWindow } from "./served-window";

const SHOTS = join(import.meta.dirname, "screenshots");
const CLAUDE = "openrouter-claude/anthropic/claude-sonnet-4";
type ModelsFile = { providers: Record<string, { models: { id: string; api?: string; baseUrl?: string; compat?: unknown }[] }> };

describe.skipIf(!hasChromium)("the routing editor on a model pi sends no routing for, in real Chromium", () => {
  const session = useServedWindow("claude-messages");
  let page: Page;
  const models = () => readFileSync(join(session.serve.dir, "models.json"), "utf8");
  const notice = () => page.getByRole("status", { name: "pi sends no routing for anthropic-messages" });
  /** Both schemes at the current size, once the colour transitions have run. */
  const shoot = async (name: string) => {
    await page.locator(".content").evaluate((el) => (el.scrollTop = 0));
    await page.screenshot({ path: join(SHOTS, `${name}-light.png`) });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `${name}-dark.png`) });
    await page.emulateMedia({ colorScheme: "light" });
    await page.waitForTimeout(300);
  };

  beforeAll(async () => {
    page = session.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("list", { name: "Models" }).waitFor();
  });

  it("says so above the editor, at every size without sticking out", async () => {
    await page.getByRole("button", { name: "Routing", exact: true }).click();
    await page.getByRole("combobox", { name: "Provider or model to route" }).fill(CLAUDE);
    await page.getByRole("button", { name: "Edit routing" }).click();
    await notice().waitFor();
    expect(await notice().textContent()).toContain("this model's routing is saved in models.json, but pi's requests carry no provider object, so OpenRouter picks the provider by its own defaults.");
    expect(await page.getByTestId("provider-object-none").textContent()).toMatch(/openai-completions/);
    await shoot("routing-unsent-1280");
    for (const [width, height] of [[720, 480], [420, 640]] as const) {
      await page.setViewportSize({ width, height });
      expect(await overflowingElement(page)).toBeNull();
      const button = await notice().getByRole("button").boundingBox();
      expect(button!.x + button!.width).toBeLessThanOrEqual(width);
    }
    await shoot("routing-unsent-420");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("switches the model to openai-completions in one click, after showing the diff, and pi then sends its routing", async () => {
    const before = models();
    await notice().getByRole("button", { name: `Switch to openai-completions, which pi routes (${CLAUDE}): preview the change` }).click();
    const dialog = page.getByRole("dialog", { name: new RegExp(`^Switch to openai-completions, which pi routes — ${CLAUDE}`) });
    await dialog.waitFor();
    expect(await dialog.locator(".diff-add").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('"api": "openai-completions"'), expect.stringContaining('"baseUrl": "https://openrouter.ai/api/v1"')]));
    expect(models()).toBe(before);
    await page.screenshot({ path: join(SHOTS, "routing-unsent-fix-1280-light.png") });
    await page.setViewportSize({ width: 420, height: 640 });
    expect(await overflowingElement(page)).toBeNull();
    await page.emulateMedia({ colorScheme: "dark" });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, "routing-unsent-fix-420-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 800 });

    await dialog.getByRole("button", { name: "Save the fix" }).click();
    await page.getByText(/^Switch to openai-completions, which pi routes: saved to .*models\.json/).waitFor();
    const text = models();
    expect(text).toContain("// OpenRouter's Claude through its Anthropic-compatible Messages API");
    expect((parse(text) as ModelsFile).providers["openrouter-claude"]!.models[0]).toMatchObject({ api: "openai-completions", baseUrl: "https://openrouter.ai/api/v1", compat: { openRouterRouting: { only: ["anthropic"], allow_fallbacks: false } } });
    await notice().waitFor({ state: "detached" });
    expect(JSON.parse((await page.getByTestId("provider-object").textContent())!)).toEqual({ only: ["anthropic"], allow_fallbacks: false });
  });
});
