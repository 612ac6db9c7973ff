import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { cliArgv } from "../cli-under-test";
import { DEFAULT_KEY } from "../fake-openrouter/table";
import { hasChromium } from "./browser";
import { useServedWindow } from "./served-window";
import { REPO, type ServeProcess } from "./serve-process";

const SHOTS = join(import.meta.dirname, "screenshots");
const LLAMA = "openrouter-bedrock/meta-llama/llama-3.3-70b-instruct";

/** What real pi makes of the agent dir: its load error and the provider object per model. */
function piLoads(dir: string): { error: string | null; models: { provider: string; id: string; sent: unknown }[] } {
  return JSON.parse(execFileSync(process.execPath, [join(import.meta.dirname, "pi-load.mjs"), dir], { cwd: REPO, encoding: "utf8" })) as never;
}

describe.skipIf(!hasChromium)("the window in real Chromium, against serve", () => {
  const session = useServedWindow("routed");
  let serve: ServeProcess;
  let page: Page;

  beforeAll(async () => {
    ({ serve, page } = session);
    await page.getByRole("list", { name: "Models" }).waitFor();
  });

  it("loads through the ticket URL, then drops the ticket from the address bar", () => {
    expect(new URL(page.url()).search).toBe("");
    expect(new URL(page.url()).hash).toBe("");
  });

  it("shows the scoped models first with their provider badges", async () => {
    const rows = page.locator("[data-row]");
    expect(await rows.nth(0).getAttribute("data-row")).toBe("openrouter-bedrock/anthropic/claude-sonnet-4.5");
    expect(await rows.nth(1).getAttribute("data-row")).toBe(LLAMA);
    const badge = rows.nth(0).locator(".badge-pin");
    expect(await badge.textContent()).toBe("amazon-bedrock");
    expect(await badge.getAttribute("title")).toMatch(/Only amazon-bedrock may serve/);
    // pi's own verdict arrives after the snapshot, from the real pi the window reads.
    await page.getByLabel("What pi starts with").getByTitle(/^pi 0\.73\.1 agrees · checked /).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, "models.png") });
  });

  it("virtualises the list: hundreds of models, a few dozen rows in the DOM, scrolling renders the rest", async () => {
    // The view opens on the scoped models; All is one click away (and stays picked for the session).
    await page.getByRole("radio", { name: /^All/ }).check();
    const total = Number((await page.locator(".count").textContent())!.split(" of ")[1]);
    expect(total).toBeGreaterThan(100);
    const inDom = await page.locator("[data-row]").count();
    expect(inDom).toBeLessThan(60);
    await page.locator(".model-list").evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForFunction(() => document.querySelectorAll("[data-row]").length > 0 && !document.querySelector("[data-row='openrouter-bedrock/anthropic/claude-sonnet-4.5']"));
    await page.locator(".model-list").evaluate((el) => (el.scrollTop = 0));
  });

  it("edits routing in the editor: models.json changes as expected, comments stay, real pi accepts it", async () => {
    await page.getByRole("button", { name: `Edit routing of ${LLAMA}` }).click();
    await page.getByRole("heading", { name: "What pi will send" }).waitFor();
    await page.getByRole("combobox", { name: "Provider slug to pin" }).fill("novita/fp8");
    await page.getByRole("button", { name: "Pin", exact: true }).click();
    await page.getByRole("checkbox", { name: "fp8" }).check();
    expect(JSON.parse((await page.getByTestId("provider-object").textContent())!)).toEqual({ only: ["novita/fp8"], allow_fallbacks: false, order: ["novita/fp8"], quantizations: ["fp8"] });
    await page.getByRole("button", { name: "Review changes" }).click();
    await page.getByTestId("diff").waitFor();
    // pi itself judges the proposed text on a temporary copy before anything is written.
    await page.getByText("pi 0.73.1 accepts this change").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, "routing-editor.png"), fullPage: true });
    await page.getByRole("button", { name: "Save to models.json" }).click();
    await page.getByText(/Saved to/).waitFor();

    const text = readFileSync(join(serve.dir, "models.json"), "utf8");
    expect(text).toContain("// Virtual provider: everything via Amazon Bedrock, no fallbacks.");
    expect(text).toContain("// Llama for cheap runs; keep this comment.");
    const file = parse(text) as { providers: Record<string, { compat: unknown; models: { id: string; compat?: { openRouterRouting?: unknown } }[] }> };
    const provider = file.providers["openrouter-bedrock"]!;
    expect(provider.compat).toEqual({ openRouterRouting: { only: ["amazon-bedrock"], allow_fallbacks: false } });
    expect(provider.models.find((m) => m.id === "meta-llama/llama-3.3-70b-instruct")!.compat).toEqual({ openRouterRouting: { only: ["novita/fp8"], order: ["novita/fp8"], allow_fallbacks: false, quantizations: ["fp8"] } });

    const pi = piLoads(serve.dir);
    expect(pi.error).toBeNull();
    expect(pi.models.find((m) => `${m.provider}/${m.id}` === LLAMA)!.sent).toEqual({ only: ["novita/fp8"], allow_fallbacks: false, order: ["novita/fp8"], quantizations: ["fp8"] });
    expect(pi.models.find((m) => m.id === "anthropic/claude-sonnet-4.5" && m.provider === "openrouter-bedrock")!.sent).toEqual({ only: ["amazon-bedrock"], allow_fallbacks: false });
    const check = JSON.parse(execFileSync(...cliArgv(["check", "--json", "--agent-dir", serve.dir]), { cwd: REPO, encoding: "utf8" })) as { valid: boolean };
    expect(check.valid).toBe(true);
  });

  it("follows an external edit of models.json in the open window", async () => {
    await page.getByRole("button", { name: "Models", exact: true }).click();
    await page.getByRole("list", { name: "Models" }).waitFor();
    const path = join(serve.dir, "models.json");
    writeFileSync(path, readFileSync(path, "utf8").replace('{ "id": "anthropic/claude-sonnet-4.5", "name": "Claude Sonnet 4.5 (Bedrock)" },', '{ "id": "anthropic/claude-sonnet-4.5", "name": "Claude Sonnet 4.5 (Bedrock)" },\n        { "id": "qwen/qwen3-coder", "name": "Qwen3 Coder (added in an editor)" },'));
    await page.getByRole("searchbox", { name: "Search models" }).fill("added in an editor");
    await page.locator("[data-row='openrouter-bedrock/qwen/qwen3-coder']").waitFor({ timeout: 5000 });
    await page.getByRole("searchbox", { name: "Search models" }).fill("");
  });

  it("is usable from the keyboard with a visible focus ring", async () => {
    await page.keyboard.press("Alt+3");
    await page.getByRole("heading", { name: "Providers and models" }).waitFor();
    await page.keyboard.press("Alt+1");
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Search models");
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
  });

  it("shows the catalog's endpoints for a model in the routing editor", async () => {
    await page.keyboard.press("Alt+1");
    // Unscoped models come after the scope; the virtual list only holds what is on screen, so search.
    await page.getByRole("searchbox", { name: "Search models" }).fill("kimi (bedrock)");
    await page.getByRole("button", { name: "Edit routing of openrouter-bedrock/moonshotai/kimi-k2" }).click();
    await page.getByRole("button", { name: "Pin to novita/fp8" }).click();
    expect(JSON.parse((await page.getByTestId("provider-object").textContent())!)).toEqual({ only: ["novita/fp8"], allow_fallbacks: false, order: ["novita/fp8"] });
    await page.locator(".content").evaluate((el) => (el.scrollTop = 0));
    await page.screenshot({ path: join(SHOTS, "routing-catalog.png") });
  });

  it("renders the other views (screenshots)", async () => {
    for (const [key, name, heading] of [["Alt+3", "providers", "Providers and models"], ["Alt+4", "health", "Config health"], ["Alt+5", "key", "OpenRouter key"]] as const) {
      await page.keyboard.press(key);
      await page.getByRole("heading", { name: heading, exact: true }).waitFor();
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    }
  });
});

describe.skipIf(!hasChromium)("a broken models.json in real Chromium, dark theme", () => {
  const session = useServedWindow("broken", { colorScheme: "dark" });

  it("shows the error's line, column and spot in Config health, and follows the OS dark theme", async () => {
    const { page } = session;
    await page.getByRole("button", { name: "Open Config health" }).click();
    await page.getByText("line 8, column 36").waitFor();
    await page.locator(".excerpt-target").waitFor();
    expect(await page.locator(".excerpt-target").textContent()).toContain('"qwen/qwen3-coder" "name"');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(23, 25, 29)");
    await page.screenshot({ path: join(SHOTS, "health-broken-dark.png"), fullPage: true });
  });
});

describe.skipIf(!hasChromium)("test prompts in real Chromium, against serve and the fake OpenRouter", () => {
  const session = useServedWindow("testprompt", { openRouterKey: DEFAULT_KEY });

  it("runs one prompt on two models side by side and shows who served each, with timing, tokens, cost and the routing check", async () => {
    const { page } = session;
    await page.getByRole("list", { name: "Models" }).waitFor();
    await page.keyboard.press("Alt+6");
    await page.getByRole("checkbox", { name: "openrouter-fake/moonshotai/kimi-k2" }).check();
    await page.getByRole("checkbox", { name: "openrouter-fake/anthropic/claude-sonnet-4" }).check();
    await page.getByRole("button", { name: "Run on 2 models" }).click();
    const kimi = page.getByRole("article", { name: "Result for openrouter-fake/moonshotai/kimi-k2" });
    const claude = page.getByRole("article", { name: "Result for openrouter-fake/anthropic/claude-sonnet-4" });
    await kimi.getByTestId("served-by").waitFor();
    await claude.getByTestId("served-by").waitFor();
    expect(await kimi.getByTestId("served-by").textContent()).toBe("Groq");
    expect(await claude.getByTestId("served-by").textContent()).toBe("Amazon Bedrock");
    expect(await kimi.textContent()).toContain("Hello from Groq");
    expect(await kimi.textContent()).toMatch(/Routing honoured/);
    expect(await kimi.textContent()).toMatch(/\$0\.\d+/);
    // What reached OpenRouter is what pi would send: the routing of each model.
    const sentRouting = session.fake.requests.filter((r) => r.path.endsWith("/chat/completions")).map((r) => (r.body as { provider?: unknown }).provider);
    expect(sentRouting).toContainEqual({ only: ["groq"], order: ["groq"], allow_fallbacks: false });
    await page.screenshot({ path: join(SHOTS, "test-prompt.png"), fullPage: true });
  });
});

// The OS vault is real: npm test runs inside a D-Bus session with gnome-keyring (scripts/run-tests.mjs).
describe.skipIf(!hasChromium || !process.env.DBUS_SESSION_BUS_ADDRESS)("the key view in real Chromium, with the real Secret Service", () => {
  const session = useServedWindow("routed");

  it("stores the key from the input straight into the vault, clears the field and shows only its last four characters", async () => {
    const { page } = session;
    // The shortcut works once the app has its first snapshot; a key pressed before that is lost.
    await page.getByRole("heading", { level: 2, name: "Models" }).waitFor();
    await page.keyboard.press("Alt+5");
    await page.getByRole("heading", { level: 2, name: "OpenRouter key" }).waitFor();
    const input = page.getByLabel("OpenRouter API key");
    await input.fill(DEFAULT_KEY);
    await page.getByRole("button", { name: "Store in vault" }).click();
    await page.getByText("Key stored in the OS vault.").waitFor();
    expect(await input.inputValue()).toBe("");
    await page.getByText(`ending in …${DEFAULT_KEY.slice(-4)}`).waitFor();
    await page.getByRole("button", { name: "Check with OpenRouter" }).click();
    await page.getByText("OpenRouter accepted the key.").waitFor();
    expect(await page.content()).not.toContain(DEFAULT_KEY);
    await page.screenshot({ path: join(SHOTS, "key-stored.png"), fullPage: true });
  });
});
