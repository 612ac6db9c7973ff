// @vitest-environment jsdom
/**
 * A model's problems where the user acts, over the real API on a copy of the "model-problems"
 * agent dir (pi 0.73.1: a key written "$OPENROUTER_API_KEY" is sent as that text; routing on
 * anthropic-messages is not sent): the Models row says it and applies the fix after its diff,
 * "Make default" and the quick switcher ask before switching to a model pi will fail on (warnings
 * do not ask), the tray's #/switch/<ref> asks the same, and Config health lists every problem in
 * words with the rules in sentences.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { servePreferences } from "../../../src-main/core/preferences/app-preferences";
import { HealthView } from "../../../src-renderer/features/health/HealthView";
import { ModelsView } from "../../../src-renderer/features/models/ModelsView";
import { QuickSwitcher } from "../../../src-renderer/features/switcher/QuickSwitcher";
import { giveListsAWindowSize } from "./jsdom-layout";
import type { RealApi } from "./real-api";
import { renderView } from "./render-view";

const DOLLAR = "openrouter-dollar/openai/gpt-4o";
const CLAUDE = "openrouter-claude/anthropic/claude-sonnet-4.5";
const file = (real: RealApi, name: string) => readFileSync(join(real.dir, name), "utf8");
const settings = (real: RealApi) => JSON.parse(file(real, "settings.json")) as { defaultProvider?: string; defaultModel?: string };
const row = (ref: string) => document.querySelector<HTMLElement>(`[data-row="${ref}"]`)!;

let restoreLayout: () => void;
beforeEach(() => {
  sessionStorage.clear();
  restoreLayout = giveListsAWindowSize();
});
afterEach(() => {
  restoreLayout();
  history.replaceState(null, "", "#/");
});

describe("the Models row", () => {
  let real: RealApi;
  beforeEach(async () => {
    real = await renderView("model-problems", <ModelsView onEditRouting={() => undefined} />);
    await screen.findByRole("list", { name: "Models" });
  });

  it("marks a model pi will fail on and says why; a clean model has no marker", () => {
    const problems = within(row(DOLLAR)).getByRole("list", { name: `Problems of ${DOLLAR}` });
    expect(problems.textContent).toContain('The models.json key for openrouter-dollar is the text "$OPENROUTER_API_KEY": pi 0.73.1 reads a variable only by its bare name');
    expect(within(row(DOLLAR)).getByRole("img", { name: "pi will fail on this model" }).textContent).toBe("✗");
    expect(within(row(CLAUDE)).getByRole("img", { name: "pi does not do what the files say" }).textContent).toBe("⚠");
    expect(within(row("openrouter-ok/deepseek/deepseek-chat")).queryByRole("list", { name: /^Problems of/ })).toBeNull();
  });

  it("applies the fix only after showing its diff, and the problem is gone", async () => {
    const before = file(real, "models.json");
    fireEvent.click(within(row(DOLLAR)).getByRole("button", { name: `Write "OPENROUTER_API_KEY" as the key (${DOLLAR}): preview the change` }));
    const dialog = await screen.findByRole("dialog", { name: `Write "OPENROUTER_API_KEY" as the key — ${DOLLAR}` });
    expect(within(dialog).getByTestId("diff").textContent).toMatch(/−\s*"apiKey": "\$OPENROUTER_API_KEY",[\s\S]*\+\s*"apiKey": "OPENROUTER_API_KEY",/);
    expect(file(real, "models.json")).toBe(before);
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Save the fix" })));
    await waitFor(() => expect(file(real, "models.json")).toContain('"apiKey": "OPENROUTER_API_KEY"'));
    // The user's comments survive the fix.
    expect(file(real, "models.json")).toContain("// Routing on the anthropic-messages API: pi sends none.");
    await waitFor(() => expect(within(row(DOLLAR)).queryByRole("list", { name: /^Problems of/ })).toBeNull());
  });

  it('"Make default" on a model pi will fail on asks first: Cancel writes nothing, "Switch anyway" switches', async () => {
    const button = within(row(DOLLAR)).getByRole("button", { name: `Make default: ${DOLLAR}` });
    fireEvent.click(button);
    let dialog = await screen.findByRole("dialog", { name: `pi will fail on ${DOLLAR}` });
    expect(dialog.textContent).toMatch(/sends? that text as the key\. Every request fails with 401\. Switch anyway\?/);
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" })));
    expect(settings(real).defaultProvider).toBe("openrouter-ok");
    fireEvent.click(within(row(DOLLAR)).getByRole("button", { name: `Make default: ${DOLLAR}` }));
    dialog = await screen.findByRole("dialog", { name: `pi will fail on ${DOLLAR}` });
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Switch anyway" })));
    await waitFor(() => expect(settings(real)).toMatchObject({ defaultProvider: "openrouter-dollar", defaultModel: "openai/gpt-4o" }));
  });

  it('a warning does not ask: "Make default" on the Claude model switches at once', async () => {
    fireEvent.click(within(row(CLAUDE)).getByRole("button", { name: `Make default: ${CLAUDE}` }));
    await waitFor(() => expect(settings(real)).toMatchObject({ defaultProvider: "openrouter-claude" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});

it("the tray's #/switch/<ref> asks before switching to a model pi will fail on", async () => {
  history.replaceState(null, "", `#/switch/${encodeURIComponent(DOLLAR)}`);
  const real = await renderView("model-problems", <ModelsView onEditRouting={() => undefined} />);
  const dialog = await screen.findByRole("dialog", { name: `pi will fail on ${DOLLAR}` });
  expect(location.hash).toBe("#/models");
  await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Switch anyway" })));
  await waitFor(() => expect(settings(real)).toMatchObject({ defaultProvider: "openrouter-dollar" }));
});

describe("the quick switcher", () => {
  let real: RealApi;
  beforeEach(async () => {
    real = await renderView("model-problems", <QuickSwitcher />, { features: (dir) => ({ preferences: servePreferences({ agentDir: dir, defaultAgentDir: dir, env: {} }) }) });
    await screen.findByRole("listbox", { name: "Models" });
  });

  it("tags the models with problems and asks before Enter switches to one pi will fail on", async () => {
    const option = (ref: string) => within(screen.getByRole("listbox", { name: "Models" })).getAllByRole("option").find((o) => o.textContent?.includes(ref))!;
    expect(within(option(DOLLAR)).getByText("✗ key is a variable's name").getAttribute("title")).toMatch(/^The models\.json key for openrouter-dollar/);
    expect(within(option(CLAUDE)).getByText("⚠ routing not sent")).toBeInstanceOf(HTMLElement);
    const box = screen.getByRole("combobox", { name: "Search models" });
    fireEvent.change(box, { target: { value: "dollar" } });
    fireEvent.keyDown(box, { key: "Enter" });
    const dialog = await screen.findByRole("dialog", { name: `pi will fail on ${DOLLAR}` });
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" })));
    expect(settings(real).defaultProvider).toBe("openrouter-ok");
  });
});

describe("Config health", () => {
  beforeEach(async () => {
    await renderView("model-problems", <HealthView />);
    await screen.findByRole("heading", { name: /Models pi will fail on/ });
  });

  it("lists every model problem in words, with the models it is about", () => {
    const card = screen.getByRole("heading", { name: /Models pi will fail on/ }).closest("section")!;
    const items = within(card).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toMatch(/^pi fails · openrouter-dollar\/openai\/gpt-4o.*sends? that text as the key/);
    expect(items[1]!.textContent).toMatch(/^Not as written · openrouter-claude\/anthropic\/claude-sonnet-4\.5pi sends no routing for the anthropic-messages API/);
    expect(within(items[1]!).getByRole("button", { name: "Switch to openai-completions, which pi routes…" })).toBeInstanceOf(HTMLElement);
  });

  it("says which pi's rules apply in sentences, not as an internal summary", () => {
    expect(screen.getByText("Checked against pi 0.73.1's rules.")).toBeInstanceOf(HTMLElement);
    expect(document.body.textContent).toContain("pi takes a provider's key from, first to last: the --api-key option, auth.json, the provider's environment variable, the provider's apiKey in models.json.");
    expect(document.body.textContent).not.toContain("key order");
  });
});
