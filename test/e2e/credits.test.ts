/**
 * The key view's credits in real Chromium against serve, the real Secret Service and the fake
 * OpenRouter's GET /key and GET /credits: the environment's key is refused (401, what to do),
 * then the key stored in the vault and connected to pi is the one asked about; its balance,
 * limit and usage show, Refresh follows a change, and a threshold above the balance brings up
 * serve's low-balance notice. The key never reaches the page. Screenshots at 420/1280, light/dark.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_KEY, defaultKeys } from "../fake-openrouter/table";
import { hasChromium } from "./browser";
import { useServedWindow } from "./served-window";

const SHOTS = join(import.meta.dirname, "screenshots");
vi.setConfig({ testTimeout: 90_000 });

// The OS vault is real: npm test runs inside a D-Bus session with gnome-keyring (scripts/run-tests.mjs).
describe.skipIf(!hasChromium || !process.env.DBUS_SESSION_BUS_ADDRESS)("credits in the key view, in real Chromium against serve", () => {
  const session = useServedWindow("routed", { fake: { keys: [{ ...defaultKeys()[0]!, limit: 15, limitReset: "monthly", usage: 11.5, usageDaily: 0.42, usageWeekly: 3.1, credits: 20 }] } });
  let page: Page;
  const card = () => page.locator("section.credits-card");

  beforeAll(async () => {
    page = session.page;
    await page.getByRole("heading", { level: 2, name: "Models" }).waitFor();
    await page.keyboard.press("Alt+5");
    await page.getByRole("heading", { level: 2, name: "OpenRouter key" }).waitFor();
  });

  it("pi's key from the environment is refused by OpenRouter: the card says so and what to do", async () => {
    await card().getByRole("alert").filter({ hasText: "rejected the key (401)" }).waitFor();
    expect(await card().getByRole("alert").textContent()).toMatch(/https:\/\/openrouter\.ai\/settings\/keys.*Key asked about: pi's key for openrouter: env → \$OPENROUTER_API_KEY/);
  });

  it("the vault key, connected to pi, is asked about: balance, limit, usage and which key; the key never reaches the page", async () => {
    await page.getByLabel("OpenRouter API key").fill(DEFAULT_KEY);
    await page.getByRole("button", { name: "Store in vault" }).click();
    await page.getByText("Key stored in the OS vault.").waitFor();
    await page.locator("section.card", { has: page.getByRole("heading", { name: "Actions" }) }).getByRole("button", { name: "Connect pi", exact: true }).click();
    await page.getByText("pi now reads the key from the vault.").waitFor();
    await card().getByRole("button", { name: "Refresh credits" }).click();
    await page.getByTestId("credits-balance").getByText("$3.50").waitFor();
    const text = (await card().textContent())!;
    expect(text).toContain("$20.00 left of $31.50 bought ($11.50 used)");
    expect(text).toContain("$15.00, $3.50 left, resets every month (UTC)");
    expect(text).toContain("today $0.42, this week $3.10, this month $11.50");
    expect(text).toMatch(/Key asked.*pi's key for openrouter: auth\.json/);
    expect(text).toMatch(/Checked\s*just now/);
    expect(await page.content()).not.toContain(DEFAULT_KEY);
    const asked = session.fake.requests.filter((r) => r.path.endsWith("/credits"));
    expect(asked.at(-1)?.headers.authorization).toBe(`Bearer ${DEFAULT_KEY}`);
  });

  it("a warning threshold above the balance: the card warns, and serve's window shows the low-balance notice once", async () => {
    await page.getByLabel("Warn below (USD)").fill("5");
    await page.getByRole("button", { name: "Save warning" }).click();
    await card().getByText(/^Low balance: \$3\.50 left, below your \$5 warning/).waitFor();
    const notice = page.getByText("OpenRouter balance $3.50 is below your $5 threshold — add credits at https://openrouter.ai/settings/credits");
    await notice.waitFor();
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 420]) {
        await page.setViewportSize({ width, height: width === 420 ? 900 : 800 });
        // At 1280 px the card fits below the view's heading: show the view from its top, as a user opens it.
        if (width === 1280) await page.locator(".content").evaluate((el) => (el.scrollTop = 0));
        else await card().scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `key-credits-${width}-${colorScheme}.png`), fullPage: true });
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 800 });
    // Still below at the next check: no second notice after dismissing the first.
    await page.getByRole("button", { name: "Dismiss" }).first().click();
    await card().getByRole("button", { name: "Refresh credits" }).click();
    await card().getByRole("button", { name: "Refresh credits" }).waitFor();
    expect(await notice.count()).toBe(0);
    await page.getByRole("button", { name: "Forget key" }).click();
  });
});
