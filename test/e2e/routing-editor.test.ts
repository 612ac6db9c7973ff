/**
 * The routing editor in real Chromium against `serve` and the fake OpenRouter (issues 14 and 15):
 * providers picked from the model's endpoint table into only/order and saved to models.json in
 * the file's own layout; a typo caught as it is typed and fixed in one click; a save undone from
 * its backup, with the file back byte for byte. Screenshots at 420 and 1280 px, light and dark.
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
const KIMI = "openrouter-bedrock/moonshotai/kimi-k2";

type ModelsFile = { providers: Record<string, { models: { id: string; compat?: { openRouterRouting?: unknown } }[] }> };

describe.skipIf(!hasChromium)("the routing editor in real Chromium, against serve", () => {
  const session = useServedWindow("routed");
  let page: Page;
  const models = () => readFileSync(join(session.serve.dir, "models.json"), "utf8");
  /** The same state in the dark scheme, once the buttons' colour transitions have run. */
  const shootDark = async (name: string) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, name) });
    await page.emulateMedia({ colorScheme: "light" });
    await page.waitForTimeout(300);
  };
  const sent = async () => JSON.parse((await page.getByTestId("provider-object").textContent())!) as unknown;

  beforeAll(async () => {
    page = session.page;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("list", { name: "Models" }).waitFor();
  });

  it("opens on what already has routing, then picks providers from the endpoint table into only and order and saves them", async () => {
    await page.getByRole("button", { name: "Routing", exact: true }).click();
    const routed = page.getByRole("button", { name: /openrouter-bedrock \(every model of the provider\)/ });
    expect(await routed.textContent()).toContain("only amazon-bedrock · no fallbacks");
    await page.setViewportSize({ width: 420, height: 900 });
    expect(await overflowingElement(page)).toBeNull();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("combobox", { name: "Provider or model to route" }).fill(KIMI);
    await page.getByRole("button", { name: "Edit routing" }).click();
    await page.getByRole("region", { name: "Endpoint table" }).waitFor();
    expect(await page.getByRole("button", { name: "Review changes" }).isDisabled()).toBe(true);

    // Sort by price from the keyboard: the header says how the table is sorted.
    await page.getByRole("button", { name: "In $/M" }).focus();
    await page.keyboard.press("Enter");
    expect(await page.locator("th", { has: page.getByRole("button", { name: "In $/M" }) }).getAttribute("aria-sort")).toBe("ascending");
    expect(await page.locator(".table-scroll tbody tr code").first().textContent()).toBe("deepinfra/fp4");

    await page.getByRole("button", { name: "Only together/fp8" }).click();
    await page.getByRole("button", { name: "Only novita/fp8" }).click();
    await page.getByRole("button", { name: "Order novita/fp8" }).click();
    await page.getByRole("button", { name: "Order together/fp8" }).click();
    expect(await page.getByRole("button", { name: "Only novita/fp8" }).getAttribute("aria-pressed")).toBe("true");
    expect(await sent()).toEqual({ only: ["together/fp8", "novita/fp8"], allow_fallbacks: false, order: ["novita/fp8", "together/fp8"] });

    await page.getByRole("button", { name: "Review changes" }).click();
    await page.getByTestId("diff").waitFor();
    await page.getByRole("button", { name: "Save to models.json" }).click();
    await page.getByText(/^Saved to .*models\.json/).waitFor();

    const text = models();
    expect(text).toContain("// Llama for cheap runs; keep this comment.");
    const file = parse(text) as ModelsFile;
    expect(file.providers["openrouter-bedrock"]!.models.find((m) => m.id === "moonshotai/kimi-k2")!.compat).toEqual({ openRouterRouting: { only: ["together/fp8", "novita/fp8"], order: ["novita/fp8", "together/fp8"] } });
    // Laid out in the file's 2-space indentation, not minified onto the model's line.
    expect(text).toContain('        {\n          "id": "moonshotai/kimi-k2",\n          "name": "Kimi K2 (Bedrock)",\n          "compat": {\n            "openRouterRouting": {\n              "only": ["together/fp8", "novita/fp8"],\n');
  });

  it("catches the typo deepinfar as it is typed and fixes it in one click", async () => {
    await page.getByRole("combobox", { name: "Add a provider to ignore" }).fill("deepinfar");
    const check = page.getByText(/“deepinfar” is not a provider of moonshotai\/kimi-k2/);
    await check.waitFor();
    expect(await check.textContent()).toContain("Did you mean deepinfra?");
    await page.getByRole("button", { name: "Add deepinfra" }).click();
    expect(await page.getByRole("list", { name: "ignore providers" }).textContent()).toContain("deepinfra");
    expect(await check.count()).toBe(0);
    expect(await sent()).toMatchObject({ ignore: ["deepinfra"] });
  });

  it("saves, then undoes the last save after showing its diff: models.json is back byte for byte", async () => {
    const before = models();
    await page.getByRole("button", { name: "Review changes" }).click();
    await page.getByTestId("diff").waitFor();
    await page.getByRole("button", { name: "Save to models.json" }).click();
    await page.getByText(/^Saved to .*models\.json/).waitFor();
    expect(models()).toContain('"ignore": ["deepinfra"]');

    await page.getByRole("button", { name: "Undo last save" }).click();
    const dialog = page.getByRole("dialog", { name: "Undo last save?" });
    await dialog.waitFor();
    expect(await dialog.locator(".diff-remove").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('"ignore": ["deepinfra"]')]));
    await dialog.getByRole("button", { name: "Undo save" }).click();
    await page.getByText(/^Undone: models\.json is back as it was before the save/).waitFor();
    expect(models()).toBe(before);
    // The open editor follows the restored file.
    await page.waitForFunction(() => !document.querySelector("[data-testid='provider-object']")?.textContent?.includes("ignore"));
  });

  it("stays usable at 420 px: the table shows the columns that fit and nothing scrolls sideways (screenshots, light and dark)", async () => {
    await page.getByRole("button", { name: "Only groq" }).click();
    await page.getByRole("combobox", { name: "Add a provider to ignore" }).fill("deepinfar");
    await page.locator(".content").evaluate((el) => (el.scrollTop = 0));
    await page.screenshot({ path: join(SHOTS, "routing-editor-1280-light.png") });
    await shootDark("routing-editor-1280-dark.png");

    await page.setViewportSize({ width: 420, height: 900 });
    await page.getByRole("region", { name: "Endpoint table" }).waitFor();
    expect(await overflowingElement(page)).toBeNull();
    const table = page.getByRole("region", { name: "Endpoint table" });
    // Columns are chosen by width (the rest open in a row's details): the table never scrolls sideways.
    expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    // The row's actions come right after the provider, in sight without scrolling sideways.
    const pin = await page.getByRole("button", { name: "Pin to novita/fp8" }).boundingBox();
    expect(pin!.x + pin!.width).toBeLessThanOrEqual(420);
    await page.locator(".content").evaluate((el) => (el.scrollTop = 0));
    await page.screenshot({ path: join(SHOTS, "routing-editor-420-light.png") });

    await shootDark("routing-editor-420-dark.png");
    // The window's minimum size: one column, nothing sticking out.
    await page.setViewportSize({ width: 720, height: 480 });
    expect(await overflowingElement(page)).toBeNull();
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
