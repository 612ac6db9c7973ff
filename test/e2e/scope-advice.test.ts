/**
 * Scope advice in real Chromium against `serve` (issue 21 item 3): with patterns a user really
 * writes in settings.json (a bare glob whose "*" stops at "/", a misspelt provider, an unknown id),
 * the Models view's notice and the scope editor name each real cause instead of blaming the key,
 * and each one-click fix shows the settings.json diff and writes the corrected pattern. Nothing
 * sticks out at 420 px. Screenshots at 420 and 1280 px, light and dark.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEFAULT_KEY } from "../fake-openrouter/table";
import { hasChromium } from "./browser";
import { overflowingElement } from "./overflow";
import { useServedWindow, type ServedWindow } from "./served-window";

const SHOTS = join(import.meta.dirname, "screenshots");
const SONNET = "openrouter-bedrock/anthropic/claude-sonnet-4.5";
const PATTERNS = [SONNET, "qwen3-coder*", "openrouter-bedrok/meta-llama/*", "nothing-matches-this"];

/** settings.json as the user left it: the served dir is watched, so the window follows. */
async function writePatterns(session: ServedWindow): Promise<void> {
  const path = join(session.serve.dir, "settings.json");
  const settings = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  writeFileSync(path, `${JSON.stringify({ ...settings, enabledModels: PATTERNS }, null, 2)}\n`);
  await session.page.getByRole("list", { name: "Pattern diagnostics" }).getByText("qwen3-coder*", { exact: true }).waitFor();
}

const notice = (page: Page) => page.getByRole("list", { name: "Pattern diagnostics" });
const item = (page: Page, pattern: string) => notice(page).locator("li", { has: page.getByText(pattern, { exact: true }) });

describe.skipIf(!hasChromium)("scope advice in real Chromium, light", () => {
  const session = useServedWindow("routed", { openRouterKey: DEFAULT_KEY });

  it("names each unmatched pattern's cause in the Models view, and its fix saves the corrected pattern after the diff", async () => {
    const { page, serve } = session;
    await page.getByRole("list", { name: "Models" }).waitFor();
    await writePatterns(session);
    expect(await item(page, "qwen3-coder*").textContent()).toMatch(/"\*" does not cross "\/".*"\*\/qwen3-coder\*" scopes \d+ models/);
    expect(await item(page, "openrouter-bedrok/meta-llama/*").textContent()).toContain('pi knows no provider "openrouter-bedrok": did you mean openrouter-bedrock?');
    expect(await item(page, "nothing-matches-this").textContent()).toContain('No model pi knows is called "nothing-matches-this"');
    expect(await notice(page).textContent()).not.toMatch(/has a key/);
    await page.screenshot({ path: join(SHOTS, "scope-advice-notice-1280-light.png") });

    await page.getByRole("button", { name: "Use */qwen3-coder* instead of qwen3-coder*" }).click();
    const dialog = page.getByRole("dialog", { name: "Replace “qwen3-coder*” with “*/qwen3-coder*”" });
    await dialog.getByTestId("diff").waitFor();
    await page.screenshot({ path: join(SHOTS, "scope-advice-fix-1280-light.png") });
    await dialog.getByRole("button", { name: "Save to settings.json" }).click();
    await page.getByText(/“\*\/qwen3-coder\*” replaces “qwen3-coder\*”, and Ctrl\+P cycles \d+ models/).waitFor();
    expect((JSON.parse(readFileSync(join(serve.dir, "settings.json"), "utf8")) as { enabledModels: string[] }).enabledModels).toEqual([SONNET, "*/qwen3-coder*", "openrouter-bedrok/meta-llama/*", "nothing-matches-this"]);
    await item(page, "qwen3-coder*").waitFor({ state: "detached" });
  }, 90_000);

  it("shows the cause on the scope editor's row, and its fix swaps the pattern in and opens the diff", async () => {
    const { page, serve } = session;
    await page.getByRole("tab", { name: /^Scope patterns/ }).click();
    const row = page.locator(".scope-pattern").nth(2);
    await row.getByText(/did you mean openrouter-bedrock\?/).waitFor();
    await page.screenshot({ path: join(SHOTS, "scope-advice-editor-1280-light.png"), fullPage: true });
    await row.getByRole("button", { name: "Use openrouter-bedrock/meta-llama/* instead" }).click();
    expect(await page.getByRole("textbox", { name: "Pattern 3", exact: true }).inputValue()).toBe("openrouter-bedrock/meta-llama/*");
    await page.getByTestId("diff").waitFor();
    await row.getByText(/Glob, 1 model/).waitFor();
    await page.getByRole("button", { name: "Save to settings.json" }).click();
    await page.getByText(/Saved to .*settings\.json: Ctrl\+P cycles \d+ models/).waitFor();
    expect((JSON.parse(readFileSync(join(serve.dir, "settings.json"), "utf8")) as { enabledModels: string[] }).enabledModels[2]).toBe("openrouter-bedrock/meta-llama/*");
  }, 60_000);

  it("fits 420 px: the notice, its fix dialog and the scope editor's advice, nothing sticking out", async () => {
    const { page } = session;
    await page.getByRole("tab", { name: "Models", exact: true }).click();
    await writePatterns(session);
    await page.setViewportSize({ width: 420, height: 640 });
    await notice(page).scrollIntoViewIfNeeded();
    expect(await overflowingElement(page)).toBeNull();
    await page.screenshot({ path: join(SHOTS, "scope-advice-notice-420-light.png") });
    await page.getByRole("button", { name: "Use */qwen3-coder* instead of qwen3-coder*" }).click();
    await page.getByRole("dialog").getByTestId("diff").waitFor();
    await page.screenshot({ path: join(SHOTS, "scope-advice-fix-420-light.png") });
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("tab", { name: /^Scope patterns/ }).click();
    await page.locator(".scope-pattern").nth(1).getByRole("button", { name: "Use */qwen3-coder* instead" }).waitFor();
    expect(await overflowingElement(page)).toBeNull();
    await page.screenshot({ path: join(SHOTS, "scope-advice-editor-420-light.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 60_000);
});

describe.skipIf(!hasChromium)("scope advice in real Chromium, dark", () => {
  const session = useServedWindow("routed", { colorScheme: "dark", openRouterKey: DEFAULT_KEY });

  it("looks right at 1280 and 420 px (screenshots), nothing off-screen", async () => {
    const { page } = session;
    await page.getByRole("list", { name: "Models" }).waitFor();
    await writePatterns(session);
    await page.screenshot({ path: join(SHOTS, "scope-advice-notice-1280-dark.png") });
    await page.getByRole("button", { name: "Use */qwen3-coder* instead of qwen3-coder*" }).click();
    await page.getByRole("dialog").getByTestId("diff").waitFor();
    await page.screenshot({ path: join(SHOTS, "scope-advice-fix-1280-dark.png") });
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("tab", { name: /^Scope patterns/ }).click();
    await page.locator(".scope-pattern").nth(2).getByText(/did you mean openrouter-bedrock\?/).waitFor();
    await page.screenshot({ path: join(SHOTS, "scope-advice-editor-1280-dark.png"), fullPage: true });
    await page.setViewportSize({ width: 420, height: 640 });
    expect(await overflowingElement(page)).toBeNull();
    await page.screenshot({ path: join(SHOTS, "scope-advice-editor-420-dark.png"), fullPage: true });
    await page.getByRole("tab", { name: "Models", exact: true }).click();
    await notice(page).scrollIntoViewIfNeeded();
    expect(await overflowingElement(page)).toBeNull();
    await page.screenshot({ path: join(SHOTS, "scope-advice-notice-420-dark.png") });
    await page.getByRole("button", { name: "Use */qwen3-coder* instead of qwen3-coder*" }).click();
    await page.getByRole("dialog").getByTestId("diff").waitFor();
    await page.screenshot({ path: join(SHOTS, "scope-advice-fix-420-dark.png") });
  }, 90_000);
});
