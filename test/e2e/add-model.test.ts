/**
 * Adding an OpenRouter model in real Chromium against serve and the fake OpenRouter's catalog:
 * search, pick a model, a variant and an endpoint, review the models.json diff (and pi's verdict),
 * save; then models.json on disk has the model's name, reasoning, input, context, max tokens, cost
 * and the endpoint's routing, and real pi (0.73.1, pi-load.mjs) loads it and would send that routing.
 * Screenshots at 420 and 1280 px, light and dark.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { defaultTable } from "../fake-openrouter/table";
import { hasChromium } from "./browser";
import { useServedWindow } from "./served-window";
import { REPO } from "./serve-process";

const SHOTS = join(import.meta.dirname, "screenshots");
// pi is asked for its verdict on the change, on a 2-core machine shared with other suites.
vi.setConfig({ testTimeout: 120_000 });

function piLoads(dir: string): { error: string | null; models: { provider: string; id: string; sent: unknown }[] } {
  return JSON.parse(execFileSync(process.execPath, [join(import.meta.dirname, "pi-load.mjs"), dir], { cwd: REPO, encoding: "utf8" })) as never;
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1280, 420]) {
      await page.setViewportSize({ width, height: width === 420 ? 900 : 800 });
      await page.screenshot({ path: join(SHOTS, `${name}-${width}-${colorScheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(!hasChromium)("adding an OpenRouter model, in real Chromium against serve", () => {
  // A catalog with an image model (claude) and a :free entry, as OpenRouter lists them.
  const table = defaultTable();
  const kimi = table.find((m) => m.id === "moonshotai/kimi-k2")!;
  const session = useServedWindow("routed", {
    fake: {
      models: [
        ...table.map((m) => (m.id === "anthropic/claude-sonnet-4" ? { ...m, inputModalities: ["text", "image"] } : m)),
        { ...kimi, id: "moonshotai/kimi-k2:free", name: "MoonshotAI: Kimi K2 (free)", contextLength: 32768, endpoints: [{ ...kimi.endpoints[2]!, pricing: { prompt: 0, completion: 0 }, contextLength: 32768, maxOutput: 4096 }] },
      ],
    },
  });
  let page: Page;

  beforeAll(async () => {
    page = session.page;
    await page.getByRole("heading", { level: 2, name: "Models" }).waitFor();
    await page.keyboard.press("Alt+3");
    await page.getByRole("heading", { level: 2, name: "Providers and models" }).waitFor();
  });

  it("searches the catalog, picks model + variant + endpoint, shows the diff, saves; pi loads it with the pinned routing", async () => {
    await page.getByRole("button", { name: "Add OpenRouter model…" }).click();
    const search = page.getByRole("searchbox", { name: "Search OpenRouter models" });
    await search.fill("kimi");
    await page.getByText("2 of 4 models").waitFor();
    await page.getByRole("radio", { name: /^MoonshotAI: Kimi K2 moonshotai\/kimi-k2 / }).check();

    // A preset slug is checked as it is typed.
    await page.getByRole("radio", { name: /^@preset/ }).check();
    await page.getByRole("textbox", { name: "Preset slug" }).fill("My Coder");
    await page.getByText(/is not a preset slug/).waitFor();
    await page.getByRole("radio", { name: /^:nitro/ }).check();
    expect(await page.getByRole("radio", { name: /^:free/ }).isEnabled()).toBe(true);

    await page.getByRole("radio", { name: /^Novita novita\/fp8/ }).check();
    expect(await page.getByRole("textbox", { name: "Name of the new provider" }).inputValue()).toBe("openrouter-novita");
    const fields = page.getByTestId("add-model-fields");
    await fields.getByText("openrouter-novita/moonshotai/kimi-k2:nitro").waitFor();
    expect(await fields.textContent()).toContain('{"only":["novita/fp8"],"order":["novita/fp8"]}');

    await page.getByRole("button", { name: "Review changes" }).click();
    await page.getByTestId("diff").waitFor();
    expect(await page.getByTestId("diff").textContent()).toContain('"openrouter-novita"');
    await page.getByText("pi 0.73.1 accepts this change").waitFor({ timeout: 30_000 });
    await shoot(page, "add-model");
    await page.getByRole("button", { name: "Save to models.json" }).click();
    await page.getByText(/^Saved openrouter-novita\/moonshotai\/kimi-k2:nitro to /).waitFor();

    const text = readFileSync(join(session.serve.dir, "models.json"), "utf8");
    expect(text).toContain("// Llama for cheap runs; keep this comment.");
    const file = parse(text) as { providers: Record<string, Record<string, unknown>> };
    expect(file.providers["openrouter-novita"]).toEqual({
      baseUrl: "https://openrouter.ai/api/v1",
      api: "openai-completions",
      apiKey: "OPENROUTER_API_KEY",
      models: [
        {
          id: "moonshotai/kimi-k2:nitro",
          name: "MoonshotAI: Kimi K2 (nitro, via Novita)",
          reasoning: true,
          input: ["text"],
          contextWindow: 131072,
          maxTokens: 16384,
          cost: { input: 0.57, output: 2.3, cacheRead: 0, cacheWrite: 0 },
          compat: { openRouterRouting: { only: ["novita/fp8"], order: ["novita/fp8"] } },
        },
      ],
    });
    const pi = piLoads(session.serve.dir);
    expect(pi.error).toBeNull();
    expect(pi.models.find((m) => m.provider === "openrouter-novita" && m.id === "moonshotai/kimi-k2:nitro")?.sent).toEqual({ only: ["novita/fp8"], order: ["novita/fp8"] });
    // The window's own list has it too.
    await page.getByRole("list", { name: "Models of openrouter-novita" }).getByText("moonshotai/kimi-k2:nitro").waitFor();

    // Right after adding, one click puts it in pi's Ctrl+P scope, after the patterns already there.
    await page.getByRole("button", { name: "Add openrouter-novita/moonshotai/kimi-k2:nitro to scope" }).click();
    await page.getByText("openrouter-novita/moonshotai/kimi-k2:nitro joined the scope: pi's Ctrl+P cycles it.").waitFor();
    const settings = JSON.parse(readFileSync(join(session.serve.dir, "settings.json"), "utf8")) as { enabledModels: string[] };
    expect(settings.enabledModels).toEqual(["openrouter-bedrock/anthropic/claude-sonnet-4.5", "openrouter-bedrock/meta-llama/*", "nothing-matches-this", "openrouter-novita/moonshotai/kimi-k2:nitro"]);
    expect(await page.getByRole("button", { name: /to scope$/ }).count()).toBe(0);
  });

  it("the :free entry into an existing provider, images where the catalog lists them: its own prices and limits", async () => {
    const search = page.getByRole("searchbox", { name: "Search OpenRouter models" });
    await search.fill("kimi k2");
    await page.getByRole("radio", { name: /^MoonshotAI: Kimi K2 moonshotai\/kimi-k2 / }).check();
    await page.getByRole("radio", { name: /^:free/ }).check();
    await page.getByRole("combobox", { name: "Virtual provider" }).selectOption("openrouter-bedrock");
    await page.getByTestId("add-model-fields").getByText("openrouter-bedrock/moonshotai/kimi-k2:free").waitFor();
    await page.getByRole("button", { name: "Review changes" }).click();
    await page.getByTestId("diff").waitFor();
    await page.getByRole("button", { name: "Save to models.json" }).click();
    await page.getByText(/^Saved openrouter-bedrock\/moonshotai\/kimi-k2:free/).waitFor();

    await search.fill("claude");
    await page.getByRole("radio", { name: /^Anthropic: Claude Sonnet 4 / }).check();
    await page.getByTestId("add-model-fields").getByText("text, image").waitFor();
    await page.getByRole("button", { name: "Review changes" }).click();
    await page.getByTestId("diff").waitFor();
    await page.getByRole("button", { name: "Save to models.json" }).click();
    await page.getByText(/^Saved openrouter-bedrock\/anthropic\/claude-sonnet-4 /).waitFor();

    const file = parse(readFileSync(join(session.serve.dir, "models.json"), "utf8")) as { providers: Record<string, { models: Record<string, unknown>[] }> };
    const models = file.providers["openrouter-bedrock"]!.models;
    expect(models.find((m) => m.id === "moonshotai/kimi-k2:free")).toEqual({ id: "moonshotai/kimi-k2:free", name: "MoonshotAI: Kimi K2 (free)", reasoning: false, input: ["text"], contextWindow: 32768, maxTokens: 4096, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 } });
    expect(models.find((m) => m.id === "anthropic/claude-sonnet-4")).toMatchObject({ input: ["text", "image"], reasoning: true, contextWindow: 1000000, maxTokens: 64000, cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } });
    const pi = piLoads(session.serve.dir);
    expect(pi.error).toBeNull();
    // The provider's routing still applies to what was added there.
    expect(pi.models.find((m) => m.provider === "openrouter-bedrock" && m.id === "moonshotai/kimi-k2:free")?.sent).toEqual({ only: ["amazon-bedrock"], allow_fallbacks: false });
  });
});
