// @vitest-environment jsdom
/**
 * The scope editor over the real API on a copy of the "routed" agent dir: the live preview comes
 * from the core, edits and reorders change the draft only, and Save writes settings.json through
 * setScope after showing the diff, keeping the user's other keys.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { ScopeEditor } from "../../../src-renderer/features/scope-editor/ScopeEditor";
import type { RealApi } from "./real-api";
import { renderView } from "./render-view";

let real: RealApi;

beforeEach(async () => {
  real = await renderView("routed", <ScopeEditor />);
  await screen.findByText(/Exactly/);
});

const input = (n: number) => screen.getByRole("textbox", { name: `Pattern ${n}` }) as HTMLInputElement;
const values = () => screen.queryAllByRole("textbox", { name: /^Pattern \d+$/ }).map((i) => (i as HTMLInputElement).value);
const rowOf = (n: number) => input(n).closest("li")!;
const cycle = () => within(screen.getByRole("list", { name: "Ctrl+P order" })).getAllByRole("listitem").map((li) => li.textContent);
const settings = () => JSON.parse(readFileSync(join(real.dir, "settings.json"), "utf8")) as Record<string, unknown>;

describe("scope editor", () => {
  it("previews each pattern of settings.json and the Ctrl+P cycle, with pi's diagnostics", async () => {
    expect(values()).toEqual(["openrouter-bedrock/anthropic/claude-sonnet-4.5", "openrouter-bedrock/meta-llama/*", "nothing-matches-this"]);
    expect(within(rowOf(1)).getByText(/Exactly/).textContent).toContain("openrouter-bedrock/anthropic/claude-sonnet-4.5");
    expect(within(rowOf(2)).getByText(/Glob, 1 model/)).toBeInstanceOf(HTMLElement);
    expect(within(rowOf(3)).getByText("Matches no model")).toBeInstanceOf(HTMLElement);
    expect(cycle()).toEqual(["openrouter-bedrock/anthropic/claude-sonnet-4.5", "openrouter-bedrock/meta-llama/llama-3.3-70b-instruct"]);
    expect((screen.getByRole("button", { name: "Review changes" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("adds and edits a pattern with a live preview: a glob whose * does not cross /, then its fix", async () => {
    fireEvent.change(screen.getByRole("textbox", { name: "New pattern" }), { target: { value: "openrouter-bedrock/*" } });
    fireEvent.click(screen.getByRole("button", { name: "Add pattern" }));
    expect(values()[3]).toBe("openrouter-bedrock/*");
    await waitFor(() => expect(within(rowOf(4)).getByText(/"\*" does not cross "\/"/)).toBeInstanceOf(HTMLElement));
    fireEvent.change(input(4), { target: { value: "openrouter-bedrock/**:high" } });
    // The first two are scoped already: the globstar adds Kimi only, at :high.
    await waitFor(() => expect(within(rowOf(4)).getByText(/Glob, 1 model/).textContent).toContain("openrouter-bedrock/moonshotai/kimi-k2"));
    expect(cycle()).toEqual(["openrouter-bedrock/anthropic/claude-sonnet-4.5", "openrouter-bedrock/meta-llama/llama-3.3-70b-instruct", "openrouter-bedrock/moonshotai/kimi-k2 :high"]);
    fireEvent.change(input(4), { target: { value: "kimi" } });
    await waitFor(() => expect(within(rowOf(4)).getByText("Fuzzy pick")).toBeInstanceOf(HTMLElement));
  });

  it("names the real cause of a pattern that matches nothing, and its one-click fix replaces it and opens the diff", async () => {
    // Not the key: the routed dir's provider has one. The id is simply unknown.
    expect(within(rowOf(3)).getByText(/Matches no model/).parentElement!.textContent).toContain('No model pi knows is called "nothing-matches-this"');
    fireEvent.change(screen.getByRole("textbox", { name: "New pattern" }), { target: { value: "kimi-k2*:high" } });
    fireEvent.click(screen.getByRole("button", { name: "Add pattern" }));
    const fix = await within(rowOf(4)).findByRole("button", { name: "Use */kimi-k2*:high instead" });
    expect(rowOf(4).textContent).toMatch(/"\*" does not cross "\/"/);
    await act(async () => fireEvent.click(fix));
    expect(input(4).value).toBe("*/kimi-k2*:high");
    const diff = await screen.findByTestId("diff");
    expect(diff.textContent).toContain('"*/kimi-k2*:high"');
    expect(settings().enabledModels).not.toContain("*/kimi-k2*:high");
    await within(rowOf(4)).findByText(/^Glob, \d+ models/);
    expect(cycle()).toContain("openrouter-bedrock/moonshotai/kimi-k2 :high");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save to settings.json" })));
    await screen.findByText(/Saved to .*settings\.json/);
    expect(settings().enabledModels).toEqual(["openrouter-bedrock/anthropic/claude-sonnet-4.5", "openrouter-bedrock/meta-llama/*", "nothing-matches-this", "*/kimi-k2*:high"]);
  });

  it("reorders from the keyboard, keeping focus on the moved pattern, and by the Move buttons", async () => {
    input(1).focus();
    fireEvent.keyDown(input(1), { key: "ArrowDown", altKey: true });
    expect(values().slice(0, 2)).toEqual(["openrouter-bedrock/meta-llama/*", "openrouter-bedrock/anthropic/claude-sonnet-4.5"]);
    await waitFor(() => expect(document.activeElement).toBe(input(2)));
    await waitFor(() => expect(cycle()[0]).toBe("openrouter-bedrock/meta-llama/llama-3.3-70b-instruct"));
    fireEvent.click(screen.getByRole("button", { name: "Move up: pattern 3" }));
    expect(values()).toEqual(["openrouter-bedrock/meta-llama/*", "nothing-matches-this", "openrouter-bedrock/anthropic/claude-sonnet-4.5"]);
    expect((screen.getByRole("button", { name: "Move up: pattern 1" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Move down: pattern 3" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("reorders by dragging a pattern's handle onto another", () => {
    const handle = rowOf(3).querySelector(".drag-handle")!;
    fireEvent.dragStart(handle, { dataTransfer: { setData: () => undefined, effectAllowed: "" } });
    fireEvent.dragOver(rowOf(1));
    fireEvent.drop(rowOf(1));
    expect(values()).toEqual(["nothing-matches-this", "openrouter-bedrock/anthropic/claude-sonnet-4.5", "openrouter-bedrock/meta-llama/*"]);
  });

  it("saves after showing the settings.json diff: the new list, the other keys kept", async () => {
    fireEvent.click(screen.getByRole("button", { name: "Remove: pattern 3" }));
    fireEvent.change(screen.getByRole("textbox", { name: "New pattern" }), { target: { value: "openrouter/openai/gpt-4o-mini" } });
    fireEvent.submit(screen.getByRole("textbox", { name: "New pattern" }).closest("form")!);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review changes" })));
    const diff = await screen.findByTestId("diff");
    expect(diff.textContent).toContain("nothing-matches-this");
    expect(diff.textContent).toContain("openrouter/openai/gpt-4o-mini");
    expect(settings().enabledModels).toContain("nothing-matches-this");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save to settings.json" })));
    await screen.findByText(/Saved to .*settings\.json: Ctrl\+P cycles 3 models/);
    expect(settings()).toEqual({
      enabledModels: ["openrouter-bedrock/anthropic/claude-sonnet-4.5", "openrouter-bedrock/meta-llama/*", "openrouter/openai/gpt-4o-mini"],
      defaultProvider: "openrouter-bedrock",
      defaultModel: "anthropic/claude-sonnet-4.5",
      theme: "dark",
    });
    expect((screen.getByRole("button", { name: "Review changes" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("never overwrites an edit made on disk after the review: it says so and keeps the draft", async () => {
    fireEvent.click(screen.getByRole("button", { name: "Remove: pattern 1" }));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review changes" })));
    await screen.findByTestId("diff");
    const path = join(real.dir, "settings.json");
    const edited = readFileSync(path, "utf8").replace('"theme": "dark"', '"theme": "light"');
    writeFileSync(path, edited);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save to settings.json" })));
    expect((await screen.findByRole("alert")).textContent).toMatch(/changed on disk.*review it again/);
    expect(readFileSync(path, "utf8")).toBe(edited);
    expect(values()).toEqual(["openrouter-bedrock/meta-llama/*", "nothing-matches-this"]);
  });
});
