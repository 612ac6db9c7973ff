/**
 * Projects in real Chromium against serve, with the user's pi 1.6.0 (project trust): the folders pi
 * has sessions for are offered in a searchable, keyboard-driven picker; the chosen one shows the
 * merged view pi uses there (the start model, the scope, each setting with the project's overrides
 * marked), pi's trust decision, and a warning when the tray's default switch will not reach it (in
 * the quick switcher too, right after a switch). The
 * pick is remembered (a preference); the project's files are never written. Screenshots at 420 and
 * 1280 px, light and dark.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sessionFolderName } from "../../src-main/core/pi/session-projects";
import { testPiByVersion } from "../conformance/pi-versions";
import { hasChromium, launchBrowser } from "./browser";
import { overflowingElement } from "./overflow";
import { startServe, type ServeProcess } from "./serve-process";

const SHOTS = join(import.meta.dirname, "screenshots");
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

describe.skipIf(!hasChromium)("projects in the window, in real Chromium against serve", () => {
  let serve: ServeProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const work = realpathSync(mkdtempSync(join(tmpdir(), "switchboard-e2e-projects-")));
  const api = join(work, "api-server");
  const notes = join(work, "notes");
  const sandbox = join(work, "sandbox");
  const apiSettings = JSON.stringify({ defaultModel: "gamma", enabledModels: ["myproxy/gamma", "myproxy/beta:high"] }, null, 2);

  /** A session file as pi writes it: the header line names the folder pi ran in (docs/session-format.md). */
  function session(cwd: string, id: string, minutesAgo: number) {
    const dir = join(serve.dir, "sessions", sessionFolderName(cwd));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `2026-12-01T10-00-00-000Z_${id}.jsonl`);
    writeFileSync(file, `${JSON.stringify({ type: "session", version: 3, id, timestamp: "2026-12-01T10:00:00.000Z", cwd })}\n`);
    const when = Date.now() / 1000 - minutesAgo * 60;
    utimesSync(file, when, when);
  }

  async function shoot(name: string) {
    await page.mouse.move(0, 0);
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 420]) {
        await page.setViewportSize({ width, height: width === 420 ? 900 : 800 });
        expect(await overflowingElement(page), `${name} at ${width} px`).toBeNull();
        await page.screenshot({ path: join(SHOTS, `${name}-${width}-${colorScheme}.png`), fullPage: true });
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  beforeAll(async () => {
    serve = await startServe("projects", { env: { PI_SWITCHBOARD_PI: testPiByVersion("1.6.0").piDir } });
    for (const dir of [join(api, ".pi"), notes, join(sandbox, ".pi")]) mkdirSync(dir, { recursive: true });
    writeFileSync(join(api, ".pi", "settings.json"), apiSettings);
    writeFileSync(join(sandbox, ".pi", "settings.json"), JSON.stringify({ defaultThinkingLevel: "high" }));
    // Listed most recent first: api-server, notes, sandbox.
    session(api, "a1", 1);
    session(api, "a2", 90);
    session(notes, "n1", 5);
    session(sandbox, "s1", 60);
    writeFileSync(join(serve.dir, "trust.json"), JSON.stringify({ [api]: true }));
    browser = await launchBrowser("light");
    page = await browser.context.newPage();
    await page.goto(serve.url);
    await page.getByRole("heading", { level: 2, name: "Models" }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it("offers the folders pi has sessions for; the keyboard searches and picks one", async () => {
    await page.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "Projects" }).click();
    await page.getByRole("heading", { level: 2, name: "Projects" }).waitFor();
    const list = page.getByRole("listbox", { name: "Project folder" });
    await vi.waitFor(async () => expect(await list.getByRole("option").count()).toBe(3), { timeout: 10_000 });
    await expect(page.getByRole("status").filter({ hasText: "folders pi has sessions for" }).textContent()).resolves.toBe("3 folders pi has sessions for, 2 with their own settings");
    await page.getByRole("searchbox", { name: "Search projects" }).fill("api");
    await vi.waitFor(async () => expect(await list.getByRole("option").allTextContents()).toEqual([`api-server · .pi/settings.json · 2 sessions — ${api}`]), { timeout: 10_000 });
    // Enter takes the first match; then ↓ from the search into the list and on to the next folder.
    await page.keyboard.press("Enter");
    await page.getByLabel(`pi in ${api}`).waitFor({ timeout: 10_000 });
    await page.getByRole("searchbox", { name: "Search projects" }).fill("");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.getByLabel(`pi in ${notes}`).waitFor({ timeout: 10_000 });
    await page.keyboard.press("ArrowUp");
    await page.getByLabel(`pi in ${api}`).waitFor({ timeout: 10_000 });
  });

  it("shows what pi uses there, marks what the project overrides, and warns that the tray's default does not reach it", async () => {
    const details = page.getByLabel(`pi in ${api}`);
    await vi.waitFor(async () => expect(await details.locator(".project-start").textContent()).toContain("myproxy/gamma at thinking level off"), { timeout: 10_000 });
    await expect(details.locator(".project-scope li").allTextContents()).resolves.toEqual(["myproxy/gamma", "myproxy/beta :high"]);
    await expect(details.getByText(/^Trusted\./).count()).resolves.toBe(1);
    await expect(details.getByText("The project's .pi/settings.json sets defaultModel: pi started there uses myproxy/gamma, whichever model you make the default here.").count()).resolves.toBe(1);
    const overridden = await details.locator("tr.overridden th").allTextContents();
    expect(overridden).toEqual(["defaultModelproject", "enabledModelsproject"]);
    const level = details.locator("tr", { has: page.locator("code", { hasText: /^defaultThinkingLevel$/ }) });
    await expect(level.locator("td").allTextContents()).resolves.toEqual(["low", "not set", "low"]);
    await shoot("projects-trusted");
  });

  it("the quick switcher says when the default it just saved does not reach the picked project", async () => {
    await page.keyboard.press("Control+k");
    const dialog = page.getByRole("dialog", { name: "Quick switcher" });
    await dialog.waitFor();
    await dialog.getByRole("combobox", { name: "Search models" }).pressSequentially("myproxy/beta");
    await page.keyboard.press("Enter");
    await dialog.getByRole("status").filter({ hasText: `In ${api}, pi still starts with myproxy/gamma: the project's .pi/settings.json sets its own default.` }).waitFor({ timeout: 30_000 });
    expect(JSON.parse(readFileSync(join(serve.dir, "settings.json"), "utf8")).defaultModel).toBe("beta");
    await shoot("projects-switcher");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
  });

  it("remembers the pick when the view is opened again, and says pi asks about a folder it has no decision for", async () => {
    // The view forgets everything when left; coming back, the host's preference brings the folder back.
    const nav = page.getByRole("navigation", { name: "Views" });
    await nav.getByRole("button", { name: "Models" }).click();
    await page.getByRole("heading", { level: 2, name: "Models" }).waitFor();
    await nav.getByRole("button", { name: "Projects" }).click();
    await page.getByLabel(`pi in ${api}`).locator(".project-start").waitFor({ timeout: 30_000 });
    await page.getByRole("listbox", { name: "Project folder" }).selectOption(sandbox);
    const details = page.getByLabel(`pi in ${sandbox}`);
    await details.getByText(/^pi asks\./).waitFor({ timeout: 10_000 });
    await expect(details.getByText("sets defaultThinkingLevel", { exact: false }).count()).resolves.toBe(1);
    await shoot("projects-ask");
    await page.getByRole("listbox", { name: "Project folder" }).selectOption(notes);
    await page.getByLabel(`pi in ${notes}`).getByText("No .pi/settings.json in this folder", { exact: false }).waitFor({ timeout: 10_000 });
  });

  it("never writes the project's files", () => {
    expect(readFileSync(join(api, ".pi", "settings.json"), "utf8")).toBe(apiSettings);
    expect(readdirSync(join(api, ".pi"))).toEqual(["settings.json"]);
    expect(readdirSync(notes)).toEqual([]);
  });
});
