/**
 * Routing profiles in real Chromium against serve: apply Private to every scoped OpenRouter model
 * with the diff reviewed first, check models.json on disk (and that real pi accepts it and sends
 * the merged routing), see drift after a hand edit, then undo the apply from the window (no drift
 * after the user's own undo), and forget every drifted target at once.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyEdits, modify, parse } from "jsonc-parser";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { hasChromium } from "./browser";
import { useServedWindow } from "./served-window";
import { REPO, type ServeProcess } from "./serve-process";

const SHOTS = join(import.meta.dirname, "screenshots");
const SONNET = "openrouter-bedrock/anthropic/claude-sonnet-4.5";
const LLAMA = "openrouter-bedrock/meta-llama/llama-3.3-70b-instruct";
const PRIVATE = { zdr: true, data_collection: "deny" };

function piLoads(dir: string): { error: string | null; models: { provider: string; id: string; sent: unknown }[] } {
  return JSON.parse(execFileSync(process.execPath, [join(import.meta.dirname, "pi-load.mjs"), dir], { cwd: REPO, encoding: "utf8" })) as never;
}

type Models = { providers: Record<string, { compat?: { openRouterRouting?: unknown }; models: { id: string; compat?: { openRouterRouting?: unknown } }[] }> };
const readModels = (dir: string) => readFileSync(join(dir, "models.json"), "utf8");
const modelRouting = (text: string, id: string) => (parse(text, [], { allowTrailingComma: true }) as Models).providers["openrouter-bedrock"]!.models.find((m) => m.id === id)?.compat?.openRouterRouting;

async function openProfiles(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Profiles", exact: true }).click();
  await page.getByRole("heading", { name: "Routing profiles" }).waitFor();
}

async function reviewPrivate(page: Page): Promise<void> {
  await page.getByRole("radio", { name: /^Private/ }).check();
  await expect.poll(() => page.getByRole("radio", { name: "Every OpenRouter model in pi's scope (2)" }).isChecked()).toBe(true);
  await page.getByRole("button", { name: "Review changes" }).click();
  await page.getByTestId("diff").waitFor();
}

/** The drift cards with Forget all, at a width: nothing to scroll sideways, the card in view. */
async function driftShot(page: Page, width: number, height: number, name: string): Promise<void> {
  await page.setViewportSize({ width, height });
  expect(await page.locator(".content").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await page.locator(".applied-card").evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(SHOTS, name) });
}

/** Both scoped targets' data_collection set back to allow in an editor. */
function handEditBoth(dir: string): string {
  let text = readModels(dir);
  for (const index of [0, 1]) text = applyEdits(text, modify(text, ["providers", "openrouter-bedrock", "models", index, "compat", "openRouterRouting", "data_collection"], "allow", {}));
  writeFileSync(join(dir, "models.json"), text);
  return text;
}

/** At 420 px the view is one column that must not scroll sideways; the shot shows the review. */
async function narrowShot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 420, height: 860 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
  expect(await page.locator(".content").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await page.getByRole("heading", { name: /^Apply / }).scrollIntoViewIfNeeded();
  await page.locator(".apply-panel").evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(SHOTS, name) });
}

describe.skipIf(!hasChromium)("routing profiles in real Chromium, against serve", () => {
  const session = useServedWindow("routed");
  let serve: ServeProcess;
  let page: Page;
  let original: string;
  /** models.json right after the apply. */
  let applied: string;

  beforeAll(async () => {
    ({ serve, page } = session);
    original = readModels(serve.dir);
    await openProfiles(page);
  });

  it("reviews Private for every scoped model: per target before and after, and the diff of models.json", async () => {
    await reviewPrivate(page);
    const review = page.getByRole("region", { name: "Review: Private" });
    const targets = review.getByRole("list", { name: "Routing per target" }).getByRole("listitem");
    expect(await targets.count()).toBe(2);
    expect(await targets.nth(0).textContent()).toContain(SONNET);
    expect(await targets.nth(1).textContent()).toContain("after zdr: true · data_collection: deny");
    // What pi will send: the provider's pin under the model's new keys.
    expect(await targets.nth(1).textContent()).toContain("pi sends only: [amazon-bedrock] · allow_fallbacks: false · zdr: true · data_collection: deny");
    // Nothing is written by a review.
    expect(readModels(serve.dir)).toBe(original);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(SHOTS, "profiles-1280-light.png"), fullPage: true });
    await narrowShot(page, "profiles-420-light.png");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("saves it in one write: both models get Private, the provider's pin and every comment stay, real pi sends the merge", async () => {
    await page.getByRole("button", { name: "Save to models.json" }).click();
    await page.getByText("Applied Private to 2 targets").waitFor();
    const text = readModels(serve.dir);
    expect(modelRouting(text, "anthropic/claude-sonnet-4.5")).toEqual(PRIVATE);
    expect(modelRouting(text, "meta-llama/llama-3.3-70b-instruct")).toEqual(PRIVATE);
    expect(text).toContain("// Llama for cheap runs; keep this comment.");
    expect(text).toContain('"compat": { "openRouterRouting": { "only": ["amazon-bedrock"], "allow_fallbacks": false } }');
    const pi = piLoads(serve.dir);
    expect(pi.error).toBeNull();
    expect(pi.models.find((m) => `${m.provider}/${m.id}` === LLAMA)!.sent).toEqual({ only: ["amazon-bedrock"], allow_fallbacks: false, ...PRIVATE });
    const applied = page.getByRole("list", { name: "Where profiles are applied" }).getByRole("listitem");
    expect(await applied.count()).toBe(2);
    expect(await applied.nth(1).textContent()).toContain("Private");
  });

  it("shows drift after a hand edit of one target, with Re-apply and Forget", async () => {
    applied = readModels(serve.dir);
    const edits = modify(applied, ["providers", "openrouter-bedrock", "models", 1, "compat", "openRouterRouting", "data_collection"], "allow", {});
    writeFileSync(join(serve.dir, "models.json"), applyEdits(applied, edits));
    await page.getByText("Edited by hand since Private was applied").waitFor({ timeout: 10_000 });
    const drifted = page.locator(".applied-item.state-drifted");
    expect(await drifted.count()).toBe(1);
    expect(await drifted.textContent()).toContain("meta-llama/llama-3.3-70b-instruct");
    expect(await drifted.textContent()).toContain("models.json has zdr: true · data_collection: allow");
    expect(await drifted.getByRole("button", { name: "Re-apply Private" }).isEnabled()).toBe(true);
    expect(await drifted.getByRole("button", { name: /^Forget/ }).isVisible()).toBe(true);
  });

  it("will not undo over the hand edit: it says why, and models.json keeps the edit", async () => {
    const edited = readModels(serve.dir);
    await page.getByRole("button", { name: "Undo last save" }).click();
    await page.getByText(/models\.json changed since that save/).waitFor();
    expect(readModels(serve.dir)).toBe(edited);
  });

  it("undoes the apply once the hand edit is taken back: the diff first, then models.json is the file from before", async () => {
    // The user takes the hand edit back in their editor: the drift goes, and the undo is possible again.
    writeFileSync(join(serve.dir, "models.json"), applied);
    await expect.poll(() => page.locator(".applied-item.state-drifted").count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole("button", { name: "Undo last save" }).click();
    const dialog = page.getByRole("dialog", { name: "Undo last save?" });
    await dialog.getByTestId("diff").waitFor();
    await dialog.getByRole("button", { name: "Undo save" }).click();
    await page.getByText("Undone: models.json is back as it was before the save.").waitFor();
    expect(readModels(serve.dir)).toBe(original);
    // The undo was the user's own: the app forgets what it had applied, and no drift card cries wolf.
    await page.getByText("No profile applied yet").waitFor({ timeout: 10_000 });
    expect(await page.locator(".applied-item.state-drifted").count()).toBe(0);
  });

  it("after a hand edit of both targets, Forget all forgets them at once and leaves models.json as edited", async () => {
    await page.getByRole("button", { name: "Review changes" }).click();
    await page.getByRole("button", { name: "Save to models.json" }).click();
    await page.getByText("Applied Private to 2 targets").waitFor();
    const edited = handEditBoth(serve.dir);
    await page.getByText("2 targets were edited by hand since a profile was applied.").waitFor({ timeout: 10_000 });
    await driftShot(page, 1280, 800, "profiles-drift-1280-light.png");
    await driftShot(page, 420, 640, "profiles-drift-420-light.png");
    await page.getByRole("button", { name: "Forget all 2" }).click();
    await page.getByText("No profile applied yet").waitFor();
    expect(readModels(serve.dir)).toBe(edited);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describe.skipIf(!hasChromium)("routing profiles in real Chromium, dark", () => {
  const session = useServedWindow("routed", { colorScheme: "dark" });

  it("works by keyboard, and reviews Private at 1280, 720 x 480 and 420 px without sideways scrolling", async () => {
    const { page } = session;
    await page.getByRole("list", { name: "Models" }).waitFor();
    await openProfiles(page);
    // By keyboard: the profiles are one radio group (arrows move the choice), Review is a Tab away.
    await page.getByRole("radio", { name: /^Cheapest/ }).focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowDown");
    await page.getByRole("heading", { name: "Apply Fastest" }).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe("Fastest");
    await page.getByRole("button", { name: "Review changes" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("region", { name: "Review: Fastest" }).waitFor();
    // The window's smallest size (720 x 480): one column, nothing to scroll sideways.
    await page.setViewportSize({ width: 720, height: 480 });
    expect(await page.locator(".content").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await reviewPrivate(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator(".content").evaluate((el) => (el.scrollTop = 0));
    await page.screenshot({ path: join(SHOTS, "profiles-1280-dark.png"), fullPage: true });
    await narrowShot(page, "profiles-420-dark.png");
    // Drift in the dark theme: save, edit both targets by hand, and the cards offer Forget all.
    await page.getByRole("button", { name: "Save to models.json" }).click();
    await page.getByText("Applied Private to 2 targets").waitFor();
    handEditBoth(session.serve.dir);
    await page.getByText("2 targets were edited by hand since a profile was applied.").waitFor({ timeout: 10_000 });
    await driftShot(page, 1280, 800, "profiles-drift-1280-dark.png");
    await driftShot(page, 420, 640, "profiles-drift-420-dark.png");
  }, 120_000);
});
