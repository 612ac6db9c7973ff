// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ModelsView } from "../../../src-renderer/features/models/ModelsView";
import type { RoutingTarget } from "../../../src-main/core/common/index.js";
import { giveListsAWindowSize } from "./jsdom-layout";
import type { RealApi } from "./real-api";
import { renderView } from "./render-view";

let real: RealApi;
let edited: RoutingTarget[];
let restoreLayout: () => void;

beforeEach(async () => {
  // The filter is remembered for the window session: each test starts as a new window does.
  sessionStorage.clear();
  restoreLayout = giveListsAWindowSize();
  edited = [];
  real = await renderView("routed", <ModelsView onEditRouting={(t) => edited.push(t)} />);
  await screen.findByRole("list", { name: "Models" });
});

afterEach(() => restoreLayout());

const rows = () => Array.from(document.querySelectorAll<HTMLElement>("[data-row]"));

describe("Models view", () => {
  it("lists the scoped models first, in pi's cycle order, with their routing badges and the default marker", () => {
    const refs = rows().map((r) => r.dataset.row);
    expect(refs.slice(0, 2)).toEqual(["openrouter-bedrock/anthropic/claude-sonnet-4.5", "openrouter-bedrock/meta-llama/llama-3.3-70b-instruct"]);
    const first = rows()[0]!;
    const pin = within(first).getByText("amazon-bedrock");
    expect(pin.getAttribute("title")).toMatch(/Only amazon-bedrock may serve/);
    expect(within(first).getByText("no fallbacks")).toBeInstanceOf(HTMLElement);
    expect(within(first).getByLabelText("default")).toBeInstanceOf(HTMLElement);
    expect(within(first).getByText(/key: models.json/)).toBeInstanceOf(HTMLElement);
  });

  it("says which pattern pulled a model in and shows the patterns that match nothing", () => {
    expect(within(rows()[1]!).getByText(/via “openrouter-bedrock\/meta-llama\/\*”/)).toBeInstanceOf(HTMLElement);
    expect(within(screen.getByRole("list", { name: "Pattern diagnostics" })).getByText("nothing-matches-this")).toBeInstanceOf(HTMLElement);
  });

  it("opens on the scoped models, remembers the filter for the session, and searches by words", async () => {
    expect((screen.getByRole("radio", { name: /^Scoped/ }) as HTMLInputElement).checked).toBe(true);
    expect(rows()).toHaveLength(2);
    fireEvent.change(screen.getByRole("searchbox", { name: "Search models" }), { target: { value: "llama (bedrock)" } });
    await waitFor(() => expect(rows().map((r) => r.dataset.row)).toEqual(["openrouter-bedrock/meta-llama/llama-3.3-70b-instruct"]));
    fireEvent.change(screen.getByRole("searchbox", { name: "Search models" }), { target: { value: "" } });
    fireEvent.click(screen.getByRole("radio", { name: /^All/ }));
    await waitFor(() => expect(rows().length).toBeGreaterThan(2));
    expect(sessionStorage.getItem("pi-switchboard.models.filter")).toBe("all");
  });

  it("ranks the user's own and keyed models first in a search of all models", async () => {
    fireEvent.click(screen.getByRole("radio", { name: /^All/ }));
    fireEvent.change(screen.getByRole("searchbox", { name: "Search models" }), { target: { value: "kimi" } });
    await waitFor(() => expect(rows().length).toBeGreaterThan(1));
    expect(rows()[0]!.dataset.row).toBe("openrouter-bedrock/moonshotai/kimi-k2");
  });

  it("shows what pi starts with: the default model, its thinking level, the key and pi's version", async () => {
    const header = screen.getByLabelText("What pi starts with");
    expect(within(header).getByText("Claude Sonnet 4.5 (Bedrock)")).toBeInstanceOf(HTMLElement);
    expect(within(header).getByText("openrouter-bedrock/anthropic/claude-sonnet-4.5")).toBeInstanceOf(HTMLElement);
    expect(within(header).getByText("models.json → OPENROUTER_API_KEY (environment)")).toBeInstanceOf(HTMLElement);
    expect(within(header).getByText(/^\d+\.\d+\.\d+$/)).toBeInstanceOf(HTMLElement);
    const level = within(header).getByRole("combobox", { name: "Thinking level" });
    await act(async () => fireEvent.change(level, { target: { value: "high" } }));
    await screen.findByText(/New pi sessions think at “high”/);
    expect(JSON.parse(readFileSync(join(real.dir, "settings.json"), "utf8")).defaultThinkingLevel).toBe("high");
    expect(within(header).getByText("Restart pi to apply")).toBeInstanceOf(HTMLElement);
  });

  it("disables Make default, with the reason, where pi has no key", async () => {
    fireEvent.click(screen.getByRole("radio", { name: /^All/ }));
    // No ANTHROPIC_API_KEY here: pi has no key for Anthropic's own models.
    fireEvent.change(screen.getByRole("searchbox", { name: "Search models" }), { target: { value: "anthropic/claude" } });
    const row = await waitFor(() => {
      const found = rows().find((r) => r.dataset.row!.startsWith("anthropic/"));
      expect(found).toBeDefined();
      return found!;
    });
    expect(within(row).getByText("no key")).toBeInstanceOf(HTMLElement);
    const button = within(row).getByRole("button", { name: `Make default: ${row.dataset.row}` }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.title).toMatch(/pi has no key for anthropic/);
    expect(document.getElementById(button.getAttribute("aria-describedby")!)!.textContent).toMatch(/pi has no key for anthropic.*Add a key/);
  });

  it("adds a model to the scope in settings.json, keeping the user's patterns and other keys", async () => {
    fireEvent.change(screen.getByRole("searchbox", { name: "Search models" }), { target: { value: "openrouter/openai/gpt-4o-mini" } });
    // The scoped filter holds it not: one click searches all models.
    fireEvent.click(await screen.findByRole("button", { name: "Search all models" }));
    const box = await screen.findByRole("checkbox", { name: "Scoped: openrouter/openai/gpt-4o-mini" });
    await act(async () => fireEvent.click(box));
    await screen.findByText("openrouter/openai/gpt-4o-mini joined the scope.");
    const settings = JSON.parse(readFileSync(join(real.dir, "settings.json"), "utf8")) as { enabledModels: string[]; theme: string };
    expect(settings.enabledModels).toEqual(["openrouter-bedrock/anthropic/claude-sonnet-4.5", "openrouter-bedrock/meta-llama/*", "nothing-matches-this", "openrouter/openai/gpt-4o-mini"]);
    expect(settings.theme).toBe("dark");
  });

  it("shows the service's error when a glob pulled the model in, and leaves the file alone", async () => {
    const before = readFileSync(join(real.dir, "settings.json"), "utf8");
    await act(async () => fireEvent.click(screen.getByRole("checkbox", { name: "Scoped: openrouter-bedrock/meta-llama/llama-3.3-70b-instruct" })));
    expect((await screen.findByRole("alert")).textContent).toMatch(/through the pattern "openrouter-bedrock\/meta-llama\/\*"/);
    expect(readFileSync(join(real.dir, "settings.json"), "utf8")).toBe(before);
    // …and offers to open that pattern in the scope editor.
    fireEvent.click(screen.getByRole("button", { name: "Edit “openrouter-bedrock/meta-llama/*” in the scope editor" }));
    const input = await screen.findByRole("textbox", { name: "Pattern 2" });
    expect((input as HTMLInputElement).value).toBe("openrouter-bedrock/meta-llama/*");
    await waitFor(() => expect(document.activeElement).toBe(input));
  });

  it("makes a model the default and opens the routing editor on the right target", async () => {
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Make default: openrouter-bedrock/meta-llama/llama-3.3-70b-instruct" })));
    await screen.findByText(/pi now starts with openrouter-bedrock\/meta-llama/);
    const settings = JSON.parse(readFileSync(join(real.dir, "settings.json"), "utf8")) as { defaultModel: string };
    expect(settings.defaultModel).toBe("meta-llama/llama-3.3-70b-instruct");
    fireEvent.click(screen.getByRole("button", { name: "Edit routing of openrouter-bedrock/anthropic/claude-sonnet-4.5" }));
    expect(edited).toEqual([{ level: "model", provider: "openrouter-bedrock", id: "anthropic/claude-sonnet-4.5" }]);
  });
});
