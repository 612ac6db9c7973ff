// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ModelsView } from "../../../src-renderer/features/models/ModelsView";
import type { RoutingTarget } from "../../../src-main/core/contract";
import { giveListsAWindowSize } from "./jsdom-layout";
import type { RealApi } from "./real-api";
import { renderView } from "./render-view";

let real: RealApi;
let edited: RoutingTarget[];
let restoreLayout: () => void;

beforeEach(async () => {
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

  it("filters by search words and by the scoped filter", async () => {
    fireEvent.change(screen.getByRole("searchbox", { name: "Search models" }), { target: { value: "llama (bedrock)" } });
    await waitFor(() => expect(rows().map((r) => r.dataset.row)).toEqual(["openrouter-bedrock/meta-llama/llama-3.3-70b-instruct"]));
    fireEvent.change(screen.getByRole("searchbox", { name: "Search models" }), { target: { value: "" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Filter models" }), { target: { value: "scoped" } });
    await waitFor(() => expect(rows()).toHaveLength(2));
  });

  it("adds a model to the scope in settings.json, keeping the user's patterns and other keys", async () => {
    fireEvent.change(screen.getByRole("searchbox", { name: "Search models" }), { target: { value: "openrouter/openai/gpt-4o-mini" } });
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
  });

  it("makes a model the default and opens the routing editor on the right target", async () => {
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Make openrouter-bedrock/meta-llama/llama-3.3-70b-instruct the default" })));
    await screen.findByText(/pi now starts with openrouter-bedrock\/meta-llama/);
    const settings = JSON.parse(readFileSync(join(real.dir, "settings.json"), "utf8")) as { defaultModel: string };
    expect(settings.defaultModel).toBe("meta-llama/llama-3.3-70b-instruct");
    fireEvent.click(screen.getByRole("button", { name: "Edit routing of openrouter-bedrock/anthropic/claude-sonnet-4.5" }));
    expect(edited).toEqual([{ level: "model", provider: "openrouter-bedrock", id: "anthropic/claude-sonnet-4.5" }]);
  });
});
