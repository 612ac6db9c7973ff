/**
 * The Spend view in real Chromium against serve, over session files real pi 1.6.0 wrote against
 * the fake OpenRouter (test/sessions/real-pi-sessions.ts): the totals are the test's own sums over
 * the files, the table splits by model and project, and "Verified by OpenRouter" shows who served
 * each answer (OpenAI, Groq) and what OpenRouter charged, from the fake's generation records. A
 * line appended to a session file while the view is open (one of pi's own answers again) shows
 * without a reload. Screenshots at 420/1280, light and dark.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testPiByVersion } from "../conformance/pi-versions";
import { startFakeOpenRouter, type FakeOpenRouter } from "../fake-openrouter/server";
import { DEFAULT_KEY } from "../fake-openrouter/table";
import { recordRealSessions, sessionFiles, sumSessionFiles, type RecordedSessions } from "../sessions/real-pi-sessions";
import { hasChromium, launchBrowser } from "./browser";
import { startServe, type ServeProcess } from "./serve-process";

const SHOTS = join(import.meta.dirname, "screenshots");
vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 });

const dollars = (usd: number) => (usd === 0 ? "$0.00" : Math.abs(usd) < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`);

describe.skipIf(!hasChromium)("the Spend view in real Chromium against serve, over sessions real pi wrote", () => {
  const pi = testPiByVersion("1.6.0");
  let fake: FakeOpenRouter;
  let root: string;
  let recorded: RecordedSessions;
  let serve: ServeProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const verified = () => page.locator("section.spend-verified");

  beforeAll(async () => {
    fake = await startFakeOpenRouter();
    root = mkdtempSync(join(tmpdir(), "spend-e2e-"));
    recorded = await recordRealSessions(pi, fake, root);
    serve = await startServe(recorded.agentDir, { fakeOpenRouter: fake.baseUrl, openRouterKey: DEFAULT_KEY, env: { PI_SWITCHBOARD_PI: pi.piDir } });
    browser = await launchBrowser("light");
    page = await browser.context.newPage();
    await page.goto(serve.url);
    await page.getByRole("heading", { level: 2, name: "Models" }).waitFor();
    await page.getByRole("button", { name: "Spend" }).click();
    await page.getByRole("heading", { level: 2, name: "Spend" }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await fake?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("shows the totals of the files pi wrote, by model and by project", async () => {
    const sums = sumSessionFiles(sessionFiles(recorded.agentDir));
    await page.locator(".spend-total-cost").waitFor();
    expect(await page.locator(".spend-total-cost").textContent()).toBe(dollars(sums.cost));
    expect(await page.locator(".spend-totals").textContent()).toContain(`Requests${sums.requests}`);
    const table = page.getByRole("table", { name: "Spend by model" });
    const labels = await table.locator("tbody td.spend-row-label").allTextContents();
    expect(labels.sort()).toEqual(["openrouter-groq/moonshotai/kimi-k2", "openrouter-stale-key/openai/gpt-4o-mini", "openrouter/openai/gpt-4o-mini"]);
    await page.getByRole("radiogroup", { name: "Group by" }).getByText("Project").click();
    await page.getByRole("table", { name: "Spend by project" }).waitFor();
    expect((await page.getByRole("table", { name: "Spend by project" }).locator("tbody td.spend-row-label").allTextContents()).sort()).toEqual([recorded.projects.a, recorded.projects.b]);
    await page.getByRole("radiogroup", { name: "Group by" }).getByText("Model").click();
  });

  it("Verified by OpenRouter: served-by and real cost for each OpenRouter answer, from the fake's generation records", async () => {
    await verified().getByText(/3 of 3 OpenRouter answers verified/).waitFor({ timeout: 60_000 });
    const text = (await verified().textContent())!;
    expect(text).toMatch(/OpenRouter charged \$0\.\d+/);
    const share = await verified().getByLabel("Share per upstream provider").textContent();
    expect(share).toMatch(/OpenAI67%/);
    expect(share).toMatch(/Groq33%/);
    const rows = verified().getByRole("table", { name: "Verified answers by model" }).locator("tbody tr");
    expect(await rows.filter({ hasText: "openrouter-groq/moonshotai/kimi-k2" }).textContent()).toMatch(/Groq \(1\)1\/1/);
    expect(await rows.filter({ hasText: "openrouter/openai/gpt-4o-mini" }).textContent()).toMatch(/OpenAI \(2\)2\/2/);
    expect(await page.content()).not.toContain(DEFAULT_KEY);
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 420]) {
        await page.setViewportSize({ width, height: width === 420 ? 900 : 800 });
        await page.locator(".content").evaluate((el) => (el.scrollTop = 0));
        await page.screenshot({ path: join(SHOTS, `spend-${width}-${colorScheme}.png`), fullPage: true });
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("follows the session files: an answer appended while the view is open is counted without a reload", async () => {
    const sums = sumSessionFiles(sessionFiles(recorded.agentDir));
    // serve reads its own copy of the agent dir: append there, as pi would, a line pi wrote.
    const copy = sessionFiles(serve.dir).find((f) => readFileSync(f, "utf8").includes('"role":"assistant"'))!;
    const answer = readFileSync(copy, "utf8").split("\n").find((l) => l.includes('"role":"assistant"'))!;
    const cost = (JSON.parse(answer) as { message: { usage: { cost: { total: number } } } }).message.usage.cost.total;
    appendFileSync(copy, `${answer}\n`);
    await expect.poll(() => page.locator(".spend-totals").textContent(), { timeout: 30_000 }).toContain(`Requests${sums.requests + 1}`);
    expect(await page.locator(".spend-total-cost").textContent()).toBe(dollars(sums.cost + cost));
  });
});
