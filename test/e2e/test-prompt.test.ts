/**
 * The Test prompt view in real Chromium against `serve` and the fake OpenRouter: a prompt's answer
 * with OpenRouter's own record marked verified, Pin this provider through the diff into models.json
 * on disk, a side-by-side run over providers of one model with its comparison table, and a cancel
 * that stops the run in flight and the queued providers before they are sent. Screenshots at 420
 * and 1280 px, light and dark.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_KEY } from "../fake-openrouter/table";
import { hasChromium } from "./browser";
import { overflowingElement } from "./overflow";
import { useServedWindow } from "./served-window";

const SHOTS = join(import.meta.dirname, "screenshots");
const KIMI = "openrouter-fake/moonshotai/kimi-k2";

describe.skipIf(!hasChromium)("the Test prompt view in real Chromium, against serve and the fake OpenRouter", () => {
  const session = useServedWindow("testpin", { openRouterKey: DEFAULT_KEY });
  let page: Page;
  const completions = () => session.fake.requests.filter((r) => r.path.endsWith("/chat/completions")).length;
  const kimiRouting = () => {
    const file = parse(readFileSync(join(session.serve.dir, "models.json"), "utf8")) as { providers: Record<string, { models: { id: string; compat?: { openRouterRouting?: unknown } }[] }> };
    return file.providers["openrouter-fake"]!.models.find((m) => m.id === "moonshotai/kimi-k2")!.compat?.openRouterRouting;
  };

  async function compareProviders(names: RegExp[]) {
    await page.getByRole("radio", { name: "Providers of one model" }).check();
    await page.getByRole("combobox", { name: "Model to compare providers of" }).selectOption(KIMI);
    for (const name of names) await page.getByRole("checkbox", { name }).check();
    await page.getByRole("button", { name: `Run on ${names.length} providers` }).click();
  }

  beforeAll(async () => {
    page = session.page;
    await page.getByRole("list", { name: "Models" }).waitFor();
    await page.keyboard.press("Alt+6");
    await page.getByRole("heading", { name: "Test prompt", level: 2 }).waitFor();
  });

  it("runs a prompt, shows OpenRouter's verified record, and pins the provider that served through the diff into models.json", async () => {
    await page.getByRole("checkbox", { name: KIMI }).check();
    await page.getByRole("button", { name: "Run on 1 model" }).click();
    const card = page.getByRole("article", { name: `Result for ${KIMI}` });
    const verified = card.getByRole("region", { name: "Verified by OpenRouter" });
    await verified.waitFor();
    expect(await verified.getByTestId("verified-provider").textContent()).toBe("DeepInfra");
    expect(await verified.getByTestId("verified-cost").textContent()).toMatch(/^\$0\.0000\d\d$/);
    expect(await verified.getByTestId("verified-tokens").textContent()).toMatch(/^\d+ prompt · 5 completion · 0 cached · 0 reasoning$/);
    // The record came from OpenRouter's GET /generation, not only the stream.
    expect(session.fake.requests.some((r) => r.path.includes("/generation?id=gen-"))).toBe(true);

    await card.getByRole("button", { name: "Pin this provider" }).click();
    const panel = page.getByRole("region", { name: `Pin ${KIMI} to DeepInfra` });
    await panel.getByTestId("pin-slug").filter({ hasText: "deepinfra/fp4" }).waitFor();
    // Keyboard users land in the panel the button opened.
    expect(await page.evaluate(() => document.activeElement?.classList.contains("pin-panel"))).toBe(true);
    await panel.getByTestId("diff").waitFor();
    const added = await panel.locator(".diff-add").allTextContents();
    expect(added.join("\n")).toContain('"only": ["deepinfra/fp4"]');
    expect(added.join("\n")).toContain('"allow_fallbacks": false');
    expect(await panel.getByRole("checkbox", { name: /No fallbacks/ }).isChecked()).toBe(true);
    expect(kimiRouting()).toBeUndefined();
    await panel.getByRole("button", { name: "Save to models.json" }).click();
    await panel.getByText(/Pinned openrouter-fake\/moonshotai\/kimi-k2 to deepinfra\/fp4/).waitFor();
    expect(kimiRouting()).toEqual({ only: ["deepinfra/fp4"], order: ["deepinfra/fp4"], allow_fallbacks: false });
    await panel.getByRole("button", { name: "Close" }).click();
    await page.getByRole("checkbox", { name: KIMI }).uncheck();
  });

  it("runs one prompt over three providers of one model side by side and compares TTFT, tokens/s and cost", async () => {
    // A first token that takes a moment, as from a real provider: latency and generation time are not 0 ms.
    session.fake.configure({ firstTokenDelayMs: 120 });
    await compareProviders([/^Groq groq/, /^Together together\/fp8/, /^Novita novita\/fp8/]);
    const run = page.getByRole("region", { name: /^Run: / }).first();
    await run.getByTestId("run-progress").filter({ hasText: "3 of 3 done" }).waitFor();
    const table = run.getByRole("table", { name: "Comparison" });
    const rows = table.getByRole("row");
    expect(await rows.count()).toBe(4);
    expect(await table.locator("th[scope=row] code").allTextContents()).toEqual(["groq", "together/fp8", "novita/fp8"]);
    // Each metric marks one best, or every column that reads the same as a tie (timings can tie on a busy machine).
    for (let column = 0; column < 3; column++) {
      const marks = await rows.locator(`td:nth-of-type(${column + 1})`).evaluateAll((cells) => cells.map((c) => c.className));
      const best = marks.filter((m) => m === "best").length;
      const tie = marks.filter((m) => m === "tie").length;
      expect(best === 1 ? tie : tie >= 2 ? best : -1, `column ${column}: ${marks.join(",")}`).toBe(0);
    }
    // Novita is the cheapest of the three (0.57 / 2.3 per M against 1 / 3).
    expect(await rows.nth(3).locator("td").nth(2).getAttribute("class")).toBe("best");
    for (const [provider, name] of [["groq", "Groq"], ["together/fp8", "Together"], ["novita/fp8", "Novita"]] as const) {
      const card = run.getByRole("article", { name: `Result for ${KIMI} via ${provider}` });
      expect(await card.getByTestId("verified-provider").textContent()).toBe(name);
      expect(await card.getByTestId("routing-verdict").textContent()).toMatch(/^✓ Routing honoured \(per OpenRouter's record\)/);
      expect(await card.textContent()).toContain(`Hello from ${name}`);
    }
    const sent = session.fake.requests.filter((r) => r.path.endsWith("/chat/completions")).map((r) => (r.body as { provider?: unknown }).provider);
    expect(sent).toContainEqual({ only: ["novita/fp8"], order: ["novita/fp8"], allow_fallbacks: false });

    // Screenshots of the comparison with a pin proposal open, at 1280 and 420 px, light and dark.
    await run.getByRole("article", { name: `Result for ${KIMI} via novita/fp8` }).getByRole("button", { name: "Pin this provider" }).click();
    const pin = page.getByRole("region", { name: `Pin ${KIMI} to Novita` });
    await pin.getByTestId("diff").waitFor();
    // pi's own verdict on the proposed models.json (pi on a copy) comes in under the diff.
    await pin.locator(".verdict-line").waitFor({ timeout: 30_000 });
    // The view scrolls inside the window: a tall window shows the setup, the table, the answers and the pin at once.
    for (const [width, height] of [[1280, 1500], [420, 3000]] as const) {
      await page.setViewportSize({ width, height });
      await page.locator(".content").evaluate((el) => el.scrollTo(0, 0));
      if (width === 420) expect(await overflowingElement(page)).toBeNull();
      for (const colorScheme of ["light", "dark"] as const) {
        // Reduced motion: no colour transition half-way through when the scheme flips.
        await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
        await page.screenshot({ path: join(SHOTS, `test-prompt-${width}-${colorScheme}.png`), fullPage: true });
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    // A small window (720 x 480) fits too.
    await page.setViewportSize({ width: 720, height: 480 });
    expect(await overflowingElement(page)).toBeNull();
    await page.setViewportSize({ width: 1280, height: 800 });
    session.fake.configure({ firstTokenDelayMs: 0 });
  });

  it("cancels a side-by-side run: the ones in flight and the queued one say cancelled, and the queued one is never sent", async () => {
    session.fake.configure({ firstTokenDelayMs: 60_000 });
    try {
      const before = completions();
      await page.getByRole("checkbox", { name: /^DeepInfra deepinfra\/fp4/ }).check();
      await page.getByRole("button", { name: "Run on 4 providers" }).click();
      const run = page.getByRole("region", { name: /^Run: / }).first();
      // Three at once: the fourth waits its turn. (On a loaded machine the three can take more than expect.poll's default second to arrive.)
      await expect.poll(completions, { timeout: 15_000 }).toBe(before + 3);
      const fourth = run.getByRole("article", { name: `Result for ${KIMI} via deepinfra/fp4` });
      expect(await fourth.getByTestId("column-status").textContent()).toMatch(/^Queued/);
      await run.getByRole("button", { name: "Cancel" }).click();
      await run.getByTestId("run-progress").filter({ hasText: "4 of 4 done" }).waitFor();
      expect(await run.getByTestId("column-status").allTextContents()).toEqual(["Cancelled", "Cancelled", "Cancelled", "Cancelled"]);
      expect(await run.getByRole("table", { name: "Comparison" }).getByTestId("row-status").allTextContents()).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"]);
      expect(await run.getByRole("button", { name: "Cancel" }).count()).toBe(0);
      expect(completions()).toBe(before + 3);
    } finally {
      session.fake.configure({ firstTokenDelayMs: 0 });
    }
  });
});
