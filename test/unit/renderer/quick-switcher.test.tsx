// @vitest-environment jsdom
/**
 * The quick switcher by keyboard, over the real API on a copy of the "routed" agent dir (serve's
 * preferences, so favourites and recents are real): type to filter then Enter, ↓ Enter, ←/→ for
 * the thinking level, Ctrl+D to star, the combobox/listbox wiring, and what it says after a switch.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { servePreferences } from "../../../src-main/core/preferences/app-preferences";
import { QuickSwitcher } from "../../../src-renderer/features/switcher/QuickSwitcher";
import type { RealApi } from "./real-api";
import { renderView } from "./render-view";

const SONNET = "openrouter-bedrock/anthropic/claude-sonnet-4.5";
const LLAMA = "openrouter-bedrock/meta-llama/llama-3.3-70b-instruct";
const KIMI = "openrouter-bedrock/moonshotai/kimi-k2";

let real: RealApi;
let closed: number;

beforeEach(async () => {
  closed = 0;
  real = await renderView("routed", <QuickSwitcher onClose={() => closed++} />, {
    features: (dir) => ({ preferences: servePreferences({ agentDir: dir, defaultAgentDir: dir, env: {} }) }),
  });
  await screen.findByRole("listbox", { name: "Models" });
});

const box = () => screen.getByRole("combobox", { name: "Search models" });
const options = () => within(screen.getByRole("listbox", { name: "Models" })).queryAllByRole("option");
const active = () => document.getElementById(box().getAttribute("aria-activedescendant") ?? "");
const settings = () => JSON.parse(readFileSync(join(real.dir, "settings.json"), "utf8")) as Record<string, unknown>;
const key = (k: string, init: Record<string, unknown> = {}) => fireEvent.keyDown(box(), { key: k, ...init });
const type = (text: string) => fireEvent.change(box(), { target: { value: text } });

describe("quick switcher", () => {
  it("is a combobox over a listbox: focus stays in the search, the highlighted option is its active descendant", () => {
    expect(document.activeElement).toBe(box());
    expect(box().getAttribute("aria-controls")).toBe(screen.getByRole("listbox").id);
    expect(box().getAttribute("aria-expanded")).toBe("true");
    expect(active()?.getAttribute("role")).toBe("option");
    expect(active()?.getAttribute("aria-selected")).toBe("true");
    // The option's name is its visible text.
    expect(active()?.textContent).toContain("Claude Sonnet 4.5 (Bedrock)");
  });

  it("shows the default, the key pi uses for it, and its scoped models in Ctrl+P order", () => {
    expect(screen.getByText("Claude Sonnet 4.5 (Bedrock)", { selector: "strong" })).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(/^Key: /).textContent).toMatch(/OPENROUTER_API_KEY/);
    expect(options().map((o) => o.textContent)).toEqual([expect.stringContaining(SONNET), expect.stringContaining(LLAMA)]);
  });

  it("switches in two keystrokes after typing: filter, Enter writes settings.json and says to restart pi", async () => {
    type("kimi bedrock");
    // The user's own (routed, keyed) model ranks first among pi's other Kimis.
    await waitFor(() => expect(active()?.textContent).toContain(KIMI));
    expect(options()[1]?.textContent).toContain("no key");
    expect(screen.getByText("All models")).toBeInstanceOf(HTMLElement);
    key("Enter");
    await waitFor(() => expect(settings().defaultModel).toBe("moonshotai/kimi-k2"));
    expect(settings().theme).toBe("dark");
    // Outside the scope: saved, but pi starts with the first scoped model, and the switcher says so.
    await screen.findByText(/outside the scope/);
  });

  it("↓ Enter makes the next model the default; the previous one is then first among the recents", async () => {
    key("ArrowDown");
    expect(active()?.textContent).toContain(LLAMA);
    key("Enter");
    await waitFor(() => expect(settings().defaultModel).toBe("meta-llama/llama-3.3-70b-instruct"));
    await screen.findByText(/New pi sessions start with it; restart a running pi/);
    // Back with one Enter: the previous default heads the list.
    type("sonnet");
    type("");
    await waitFor(() => expect(screen.queryByText("Recent")).toBeNull());
    key("Enter");
    await waitFor(() => expect(settings().defaultModel).toBe("anthropic/claude-sonnet-4.5"));
    await waitFor(() => expect(screen.getByText("Recent")).toBeInstanceOf(HTMLElement));
    expect(active()?.textContent).toContain(LLAMA);
  });

  it("←/→ change the thinking level among the levels pi 0.73.1 accepts, and Enter writes it", async () => {
    const level = () => (screen.getByRole("combobox", { name: "Thinking" }) as HTMLSelectElement).value;
    // The default (a custom model without `reasoning`) has only "off": ←/→ leave it.
    key("ArrowRight");
    expect(level()).toBe("off");
    // A built-in reasoning model: pi's levels, starting from pi's default (medium) since settings.json names none.
    type("openrouter/anthropic/claude-sonnet-4.5");
    await waitFor(() => expect(active()?.textContent).toContain("openrouter/anthropic/claude-sonnet-4.5"));
    expect(level()).toBe("medium");
    for (let i = 0; i < 3; i++) key("ArrowLeft");
    expect(level()).toBe("off");
    expect(Array.from((screen.getByRole("combobox", { name: "Thinking" }) as HTMLSelectElement).options).map((o) => o.value)).not.toContain("max");
    key("ArrowRight");
    key("ArrowRight");
    expect(level()).toBe("low");
    key("ArrowLeft");
    expect(level()).toBe("minimal");
    for (let i = 0; i < 10; i++) key("ArrowRight");
    expect(level()).toBe("xhigh");
    // Shift+← is text selection, not the level.
    key("ArrowLeft", { shiftKey: true });
    expect(level()).toBe("xhigh");
    key("Enter");
    await waitFor(() => expect(settings().defaultThinkingLevel).toBe("xhigh"));
    expect(settings().defaultModel).toBe("anthropic/claude-sonnet-4.5");
    expect(settings().defaultProvider).toBe("openrouter");
  });

  it("Ctrl+D stars the highlighted model: favourites come first while the search is empty", async () => {
    type("kimi bedrock");
    await waitFor(() => expect(active()?.textContent).toContain(KIMI));
    key("d", { ctrlKey: true });
    await screen.findByText(/is a favourite/);
    type("");
    await waitFor(() => expect(screen.getByText("Favourites")).toBeInstanceOf(HTMLElement));
    expect(options()[0]?.textContent).toContain(KIMI);
    expect(active()?.textContent).toContain(KIMI);
    const stored = (await real.api.invoke("getPreferences", null)).values.favouriteModels;
    expect(stored).toEqual([KIMI]);
    key("d", { ctrlKey: true });
    await waitFor(() => expect(screen.queryByText("Favourites")).toBeNull());
  });

  it("Escape clears the search first, then closes", async () => {
    type("llama");
    key("Escape");
    expect((box() as HTMLInputElement).value).toBe("");
    expect(closed).toBe(0);
    key("Escape");
    expect(closed).toBe(1);
  });

  it("says when nothing matches", async () => {
    type("no such model anywhere");
    await screen.findByText(/No model matches/);
    expect(box().getAttribute("aria-activedescendant")).toBeNull();
    key("Enter");
    expect(settings().defaultModel).toBe("anthropic/claude-sonnet-4.5");
  });
});
