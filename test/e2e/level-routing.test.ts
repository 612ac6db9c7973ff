/**
 * Routing per thinking level in real Chromium, against serve with the user's pi 1.6.0 (which sends
 * samplingParamsByThinkingLevel's `provider`, 1.0.2) and the fake OpenRouter: the Models row shows
 * what pi sends at `high` under the model's own routing, and its "at high" opens the editor at high;
 * the routing editor opens that level from the model's, pins it to another provider and writes it
 * at samplingParamsByThinkingLevel.high.provider, keeping the level's temperature and the user's
 * comment; a test prompt at `high` sends that routing and is served by it. Screenshots at 420 and
 * 1280 px, light and dark.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { testPiByVersion } from "../conformance/pi-versions";
import { DEFAULT_KEY } from "../fake-openrouter/table";
import { hasChromium } from "./browser";
import { overflowingElement } from "./overflow";
import { useServedWindow } from "./served-window";

const SHOTS = join(import.meta.dirname, "screenshots");
const KIMI = "openrouter-fake/moonshotai/kimi-k2";
const NOVITA = { only: ["novita"], order: ["novita"], allow_fallbacks: false };
vi.setConfig({ testTimeout: 120_000, hookTimeout: 240_000 });

type Kimi = { compat?: unknown; samplingParamsByThinkingLevel?: Record<string, unknown> };

describe.skipIf(!hasChromium)("routing per thinking level in real Chromium, against serve and pi 1.6.0", () => {
  const session = useServedWindow("levels", { openRouterKey: DEFAULT_KEY, env: { PI_SWITCHBOARD_PI: testPiByVersion("1.6.0").piDir } });
  let page: Page;
  const text = () => readFileSync(join(session.serve.dir, "models.json"), "utf8");
  const kimi = () => (parse(text()) as { providers: Record<string, { models: (Kimi & { id: string })[] }> }).providers["openrouter-fake"]!.models[0]!;
  const row = () => page.locator(`[data-row="${KIMI}"]`);
  const sent = async () => JSON.parse((await page.getByTestId("provider-object").textContent())!) as unknown;

  async function shoot(name: string) {
    await page.mouse.move(0, 0);
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 420]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(300);
        expect(await overflowingElement(page), `${name} at ${width} px`).toBeNull();
        await page.screenshot({ path: join(SHOTS, `${name}-${width}-${colorScheme}.png`) });
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  beforeAll(async () => {
    page = session.page;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("list", { name: "Models" }).waitFor();
  });

  it("the Models row shows the routing pi sends at high under the model's own", async () => {
    await row().waitFor();
    expect(await row().locator(".model-badges > .badge").allTextContents()).toEqual(["deepinfra"]);
    const high = row().locator('.level-routing[data-levels="high"]');
    expect(await high.locator(".level-tag").textContent()).toBe("at high");
    expect(await high.locator(".badge").allTextContents()).toEqual(["groq", "order: groq", "no fallbacks"]);
    expect(await row().locator(".level-routing").count()).toBe(1);
    await shoot("level-routing-row");
  });

  it("the row's \"at high\" opens the routing editor at high, from the keyboard too", async () => {
    const atHigh = row().getByRole("button", { name: `at high: edit the routing of ${KIMI} at this thinking level` });
    await atHigh.focus();
    await page.keyboard.press("Enter");
    const picker = page.getByRole("combobox", { name: "Thinking level" });
    await picker.waitFor();
    expect(await picker.inputValue()).toBe("high");
    await vi.waitFor(async () => expect(await sent()).toEqual({ only: ["groq"], order: ["groq"], allow_fallbacks: false }), { timeout: 10_000 });
    await page.keyboard.press("Alt+1");
    await row().waitFor();
  });

  it("the routing editor opens high from the model's routing, pins it elsewhere and writes it at samplingParamsByThinkingLevel.high.provider", async () => {
    await row().getByRole("button", { name: `Edit routing of ${KIMI}` }).click();
    await page.getByTestId("other-levels").getByRole("button", { name: "at high" }).click();
    expect(await page.getByRole("combobox", { name: "Thinking level" }).inputValue()).toBe("high");
    // The level's object is sent whole: the model's `only: deepinfra` is not merged in.
    await vi.waitFor(async () => expect(await sent()).toEqual({ only: ["groq"], order: ["groq"], allow_fallbacks: false }), { timeout: 10_000 });
    await page.getByLabel("Provider slug to pin").fill("novita");
    await page.getByRole("button", { name: "Pin", exact: true }).click();
    expect(await sent()).toEqual(NOVITA);
    await page.getByRole("button", { name: "Review changes" }).click();
    await page.getByTestId("diff").waitFor();
    await shoot("level-routing-editor");
    await page.getByRole("button", { name: "Save to models.json" }).click();
    await page.getByText(/^Saved to .*models\.json/).waitFor();

    expect(text()).toContain("// cooler when it thinks hard");
    expect(kimi().samplingParamsByThinkingLevel).toEqual({ high: { temperature: 0.3, provider: NOVITA } });
    expect(kimi().compat).toEqual({ openRouterRouting: { only: ["deepinfra"] } });
    // "Every level" is the model's own routing again, untouched.
    await page.getByRole("combobox", { name: "Thinking level" }).selectOption("");
    await vi.waitFor(async () => expect(await sent()).toEqual({ only: ["deepinfra"] }), { timeout: 10_000 });
  });

  it("a test prompt at high sends high's routing, as pi --model REF:high does, and is served there", async () => {
    await page.keyboard.press("Alt+6");
    await page.getByRole("heading", { name: "Test prompt", level: 2 }).waitFor();
    await page.getByRole("checkbox", { name: KIMI }).check();
    await page.getByRole("combobox", { name: "Thinking level" }).selectOption("high");
    const before = session.fake.requests.length;
    await page.getByRole("button", { name: "Run on 1 model" }).click();
    const card = page.getByRole("article", { name: `Result for ${KIMI}:high` });
    await card.getByTestId("verified").waitFor({ timeout: 30_000 });
    expect(await card.getByTestId("sent-routing").textContent()).toBe(`thinking high · ${JSON.stringify(NOVITA)}`);
    expect(await card.getByTestId("verified-provider").textContent()).toBe("Novita");
    const body = session.fake.requests.slice(before).find((r) => r.path.endsWith("/chat/completions"))!.body as Record<string, unknown>;
    expect(body.provider).toEqual(NOVITA);
    expect(body.temperature).toBe(0.3);
    await shoot("level-routing-test-prompt");
  });
});
