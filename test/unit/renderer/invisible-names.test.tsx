// @vitest-environment jsdom
/**
 * Names from pi's files with a right-to-left override or a zero-width space in them show the
 * character as ⟨U+XXXX⟩ wherever the window shows the name — model rows and badges, the quick
 * switcher, the routing overview and editor, Providers, Config health — while a plain name next to
 * it shows unchanged. Real API over a real agent dir (models.json written by the test).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { screen, waitFor, within } from "@testing-library/react";
import type { ReactElement } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { ModelsView } from "../../../src-renderer/features/models/ModelsView";
import { ProvidersView } from "../../../src-renderer/features/providers/ProvidersView";
import { QuickSwitcher } from "../../../src-renderer/features/switcher/QuickSwitcher";
import { TargetOverview } from "../../../src-renderer/features/routing-editor/TargetOverview";
import { RoutingEditor } from "../../../src-renderer/features/routing-editor/RoutingEditor";
import { HealthView } from "../../../src-renderer/features/health/HealthView";
import { giveListsAWindowSize } from "./jsdom-layout";
import { renderView } from "./render-view";

const RLO = "\u202E";
const ZWSP = "\u200B";
// "GPT-5 (Safe)" written backwards after an RLO: a window that renders the raw name shows "GPT-5 (Safe)".
const SPOOF_NAME = `Evil${RLO})efaS( 5-TPG`;
const SPOOF_PROVIDER = `openrouter-${RLO}kcabkcab`;
const SPOOF_ID = `evil/model${ZWSP}x`;
const SPOOF_SLUG = `amazon${ZWSP}-bedrock`;

const models = {
  providers: {
    [SPOOF_PROVIDER]: {
      baseUrl: "https://openrouter.ai/api/v1",
      api: "openai-completions",
      apiKey: "OPENROUTER_API_KEY",
      compat: { openRouterRouting: { only: [SPOOF_SLUG] } },
      models: [{ id: SPOOF_ID, name: SPOOF_NAME }],
    },
    "openrouter-bedrock": {
      baseUrl: "https://openrouter.ai/api/v1",
      api: "openai-completions",
      apiKey: "OPENROUTER_API_KEY",
      compat: { openRouterRouting: { only: ["amazon-bedrock"] } },
      models: [{ id: "anthropic/claude-sonnet-4.5", name: "Claude Sonnet 4.5 (Bedrock)" }],
    },
  },
};

const shown = (s: string) => s.replaceAll(RLO, "⟨U+202E⟩").replaceAll(ZWSP, "⟨U+200B⟩");
const SPOOF_REF = `${SPOOF_PROVIDER}/${SPOOF_ID}`;
const PLAIN_REF = "openrouter-bedrock/anthropic/claude-sonnet-4.5";

/** Renders `view` over the routed fixture rewritten to hold the spoofed provider next to a plain one. */
async function renderWithSpoof(view: ReactElement, settings: object = { enabledModels: [SPOOF_REF, PLAIN_REF], defaultProvider: SPOOF_PROVIDER, defaultModel: SPOOF_ID }) {
  const real = await renderView("routed", view);
  writeFileSync(join(real.dir, "models.json"), JSON.stringify(models, null, 2));
  writeFileSync(join(real.dir, "settings.json"), JSON.stringify(settings, null, 2));
  await real.host.service.reload();
  return real;
}

/** No raw bidi or zero-width character anywhere in the rendered text or its titles; the failure lists where. */
function expectNoRawInvisibles() {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n.textContent ?? "");
  const titles = Array.from(document.querySelectorAll("[title]"), (e) => e.getAttribute("title") ?? "");
  expect([...texts, ...titles].filter((t) => /[\u202E\u200B]/.test(t))).toEqual([]);
}

/** The element once it is there (the views read files and re-render asynchronously). */
async function found<T extends Element>(query: () => T | null): Promise<T> {
  return waitFor(() => {
    const element = query();
    if (!element) throw new Error("not rendered yet");
    return element;
  });
}

let restoreLayout: (() => void) | null = null;
afterEach(() => {
  restoreLayout?.();
  restoreLayout = null;
});

describe("names with bidi and invisible characters", () => {
  it("Models: the row's name, ref and slug badge show markers; the plain row is unchanged", async () => {
    sessionStorage.clear();
    restoreLayout = giveListsAWindowSize();
    await renderWithSpoof(<ModelsView onEditRouting={() => {}} />);
    const row = await found(() => document.querySelector<HTMLElement>(`[data-row="${SPOOF_REF}"]`));
    expect(row.querySelector(".model-name")!.textContent).toContain(shown(SPOOF_NAME));
    expect(screen.getByRole("group", { name: "What pi starts with" }).textContent).toContain(`${shown(SPOOF_NAME)} ${shown(SPOOF_REF)}`);
    expect(row.querySelector(".model-ref")!.textContent).toBe(shown(SPOOF_REF));
    expect(within(row).getByText(shown(SPOOF_SLUG)).className).toMatch(/badge/);
    const plain = document.querySelector<HTMLElement>(`[data-row="${PLAIN_REF}"]`)!;
    expect(within(plain).getByText("Claude Sonnet 4.5 (Bedrock)")).toBeInstanceOf(HTMLElement);
    expect(plain.querySelector(".model-ref")!.textContent).toBe(PLAIN_REF);
    expect(within(plain).getByText("amazon-bedrock")).toBeInstanceOf(HTMLElement);
    expectNoRawInvisibles();
  });

  it("quick switcher: the default line and the options", async () => {
    restoreLayout = giveListsAWindowSize();
    await renderWithSpoof(<QuickSwitcher onClose={() => {}} />);
    expect((await screen.findAllByText(shown(SPOOF_NAME))).length).toBeGreaterThan(0);
    expect(screen.getAllByText(shown(SPOOF_REF)).length).toBeGreaterThan(0);
    expect(screen.getAllByText("Claude Sonnet 4.5 (Bedrock)").length).toBeGreaterThan(0);
    expectNoRawInvisibles();
  });

  it("routing: the overview's targets and slugs, and the editor's endpoints title", async () => {
    await renderWithSpoof(<TargetOverview onTarget={() => {}} />);
    expect(await screen.findByText(`${shown(SPOOF_PROVIDER)} (every model of the provider)`)).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(`only ${shown(SPOOF_SLUG)}`)).toBeInstanceOf(HTMLElement);
    expect(screen.getByText("openrouter-bedrock (every model of the provider)")).toBeInstanceOf(HTMLElement);
    expectNoRawInvisibles();
  });

  it("routing editor: the title names the model with markers", async () => {
    await renderWithSpoof(<RoutingEditor target={{ level: "model", provider: SPOOF_PROVIDER, id: SPOOF_ID }} onTarget={() => {}} />);
    expect(await screen.findByRole("heading", { name: `Endpoints of ${shown(SPOOF_ID)}` })).toBeInstanceOf(HTMLElement);
  });

  it("Providers: the provider heading and its model ids", async () => {
    await renderWithSpoof(<ProvidersView onEditRouting={() => {}} />);
    expect(await screen.findByRole("heading", { name: new RegExp(`^${shown(SPOOF_PROVIDER).replace(/[+()]/g, "\\$&")} OpenRouter`) })).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(shown(SPOOF_ID))).toBeInstanceOf(HTMLElement);
    expect(screen.getByRole("heading", { name: /^openrouter-bedrock OpenRouter/ })).toBeInstanceOf(HTMLElement);
  });

  it("Config health: the error's path, message and source line show markers, and the caret stays under its spot", async () => {
    const real = await renderView("routed", <HealthView />);
    // One line, so the caret's column counts the RLO before it.
    writeFileSync(join(real.dir, "models.json"), `{ "providers": { "${SPOOF_PROVIDER}": { "baseUrl": "https://openrouter.ai/api/v1", "api": "openai-completions", "apiKey": "K", "models": [{ "id": "x", "contextWindow": "big" }] } } }\n`);
    await real.host.service.reload();
    const path = `providers.${shown(SPOOF_PROVIDER)}.models.0.contextWindow`;
    const problem = (await screen.findByText(path)).closest("li")!;
    expect(problem.textContent).toContain(`${path}: must be number`);
    const target = await found(() => problem.querySelector<HTMLElement>(".excerpt-target"));
    const line = target.firstChild!.nextSibling!.textContent!;
    expect(line).toContain(`"${shown(SPOOF_PROVIDER)}"`);
    const caret = target.querySelector(".caret")!.textContent!;
    // pi's column points at the key; the RLO before it is shown as 8 characters, and the caret moves with it.
    expect(line.slice(caret.indexOf("^")).startsWith('"contextWindow": "big"')).toBe(true);
    expectNoRawInvisibles();
  });
});
