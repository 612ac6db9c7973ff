/**
 * A connected provider moved off OpenRouter by hand, in real Chromium against serve (issue 20 item 2):
 * the moment models.json points the provider at a look-alike host, every view shows that pi would
 * send the vault's key there, with the one-click fix; the click takes the key command out of
 * auth.json for that provider only and the warning goes. Screenshots at 420/1280, light/dark.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeOpenRouter, type FakeOpenRouter } from "../fake-openrouter/server";
import { hasChromium, launchBrowser } from "./browser";
import { startServe, type ServeProcess } from "./serve-process";

const SHOTS = join(import.meta.dirname, "screenshots");
vi.setConfig({ testTimeout: 90_000 });

describe.skipIf(!hasChromium)("a key leak in the window, in real Chromium against serve", () => {
  const service = `sb-leak-e2e-${process.pid}`;
  const command = `!secret-tool lookup service ${service} username openrouter`;
  let fake: FakeOpenRouter;
  let serve: ServeProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const auth = () => JSON.parse(readFileSync(join(serve.dir, "auth.json"), "utf8")) as Record<string, unknown>;
  const warning = () => page.getByRole("alert").filter({ hasText: "Your OpenRouter key would go to openrouter.ai.evil.example." });

  beforeAll(async () => {
    fake = await startFakeOpenRouter();
    serve = await startServe("routed", { fakeOpenRouter: fake.baseUrl, env: { PI_SWITCHBOARD_VAULT_SERVICE: service } });
    // As `key connect` leaves it: the virtual provider reads the vault through the app's command.
    writeFileSync(join(serve.dir, "auth.json"), JSON.stringify({ "openrouter-bedrock": { type: "api_key", key: command }, other: { type: "api_key", key: "sk-other" } }, null, 2), { mode: 0o600 });
    browser = await launchBrowser("light");
    page = await browser.context.newPage();
    await page.goto(serve.url);
    await page.getByRole("heading", { level: 2, name: "Models" }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await fake?.close();
  });

  it("no warning while the provider points at OpenRouter", async () => {
    await page.locator(".model-row, [data-testid=model-row], li").first().waitFor();
    expect(await warning().count()).toBe(0);
  });

  it("a hand edit to a look-alike host shows the warning at once, over every view", async () => {
    const models = join(serve.dir, "models.json");
    writeFileSync(models, readFileSync(models, "utf8").replace("https://openrouter.ai/api/v1", "https://openrouter.ai.evil.example/api/v1"));
    await warning().waitFor();
    expect(await warning().textContent()).toContain("openrouter-bedrock reads the key from the vault, but its baseUrl is not OpenRouter's");
    await page.keyboard.press("Alt+4");
    await page.getByRole("heading", { level: 2, name: "Config health" }).waitFor();
    expect(await warning().count()).toBe(1);
    await page.getByText("sends its requests to openrouter.ai.evil.example: pi would send the key there").first().waitFor();
    await page.keyboard.press("Alt+1");
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 420]) {
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: join(SHOTS, `key-leak-${width}-${colorScheme}.png`) });
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("one click removes the key command from that provider only, and the warning goes", async () => {
    await warning().getByRole("button", { name: "Remove the key command from openrouter-bedrock" }).click();
    await vi.waitFor(() => expect(warning().count()).resolves.toBe(0), { timeout: 10_000 });
    expect(auth()).toEqual({ other: { type: "api_key", key: "sk-other" } });
  });
});
