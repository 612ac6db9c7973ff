// @vitest-environment jsdom
/**
 * The Profiles view over the real API (createHost on a copy of the routed fixture): the tray's
 * route reviews a profile for every scoped model, a pin asks for its provider first, and the
 * user's own profiles are made from current routing, renamed and deleted (through the in-app dialog).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../../src-renderer/App";
import { renderView } from "./render-view";

afterEach(() => history.replaceState(null, "", "#"));

describe("the Profiles view", () => {
  it("opens from the tray's route on a review of that profile for every scoped model, and writes nothing until Save", async () => {
    history.replaceState(null, "", "#/profiles/apply/Fastest");
    const real = await renderView("routed", <App />);
    const before = readFileSync(join(real.dir, "models.json"), "utf8");
    const review = await screen.findByRole("region", { name: "Review: Fastest" });
    const targets = within(within(review).getByRole("list", { name: "Routing per target" })).getAllByRole("listitem");
    expect(targets.map((t) => t.textContent)).toEqual([expect.stringContaining("claude-sonnet-4.5"), expect.stringContaining("llama-3.3-70b-instruct")]);
    expect(targets[0]!.textContent).toContain("after sort: throughput");
    expect(location.hash).toBe("#/profiles");
    expect(readFileSync(join(real.dir, "models.json"), "utf8")).toBe(before);
    // Save, and the target list below says which profile each routing came from.
    await act(async () => fireEvent.click(within(review).getByRole("button", { name: "Save to models.json" })));
    const applied = await screen.findByRole("list", { name: "Where profiles are applied" });
    expect(within(applied).getAllByRole("listitem")).toHaveLength(2);
    expect(readFileSync(join(real.dir, "models.json"), "utf8")).toContain('"sort": "throughput"');
  });

  it("shows no drift after the user's own Undo last save; a hand edit of two targets drifts both, and Forget all forgets them without touching models.json", async () => {
    history.replaceState(null, "", "#/profiles/apply/Private");
    const real = await renderView("routed", <App />);
    const path = join(real.dir, "models.json");
    const save = async () => {
      const review = await screen.findByRole("region", { name: "Review: Private" });
      await act(async () => fireEvent.click(within(review).getByRole("button", { name: "Save to models.json" })));
      await screen.findByText(/Applied Private to 2 targets/);
    };
    await save();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Undo last save" })));
    const dialog = await screen.findByRole("dialog", { name: "Undo last save?" });
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Undo save" })));
    await screen.findByText(/^Undone: models.json is back as it was before the save./);
    // The undo was the user's own: nothing was edited by hand, so nothing says so.
    await screen.findByText("No profile applied yet");
    expect(screen.queryByText(/edited by hand since a profile was applied/)).toBeNull();
    expect(document.querySelector(".state-drifted")).toBeNull();

    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review changes" })));
    await save();
    const handEdited = readFileSync(path, "utf8").replaceAll('"zdr": true', '"zdr": false');
    writeFileSync(path, handEdited);
    await screen.findByText("2 targets were edited by hand since a profile was applied.");
    const applied = screen.getByRole("list", { name: "Where profiles are applied" });
    expect(within(applied).getAllByText("Edited by hand since Private was applied")).toHaveLength(2);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Forget all 2" })));
    await screen.findByText("No profile applied yet");
    expect(readFileSync(path, "utf8")).toBe(handEdited);
  });

  it("a pin from the tray asks for the provider (focused) instead of failing", async () => {
    history.replaceState(null, "", "#/profiles/apply/Pinned%20to%20provider");
    await renderView("routed", <App />);
    const slug = await screen.findByRole("textbox", { name: "Provider slug" });
    expect(document.activeElement).toBe(slug);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("region", { name: /^Review/ })).toBeNull();
  });

  it("pins one model to a provider after the slug is typed, and warns when the catalog says no endpoint of it has that slug", async () => {
    history.replaceState(null, "", "#/profiles/apply/Pinned%20to%20provider");
    await renderView("routed", <App />);
    fireEvent.change(await screen.findByRole("textbox", { name: "Provider slug" }), { target: { value: "novta" } });
    fireEvent.click(screen.getByRole("radio", { name: "One model" }));
    fireEvent.change(screen.getByRole("combobox", { name: "Model" }), { target: { value: "openrouter-bedrock/moonshotai/kimi-k2" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review changes" })));
    const review = await screen.findByRole("region", { name: "Review: Pinned to novta" });
    expect(within(review).getByRole("list", { name: "Routing per target" }).textContent).toContain("after only: [novta] · order: [novta] · allow_fallbacks: false");
    expect((await within(review).findByText(/did you mean "novita"/)).textContent).toMatch(/"novta" in only matches no provider of moonshotai\/kimi-k2/);
  });

  it("makes a profile of the user's from a provider's routing, renames it and deletes it after asking", async () => {
    history.replaceState(null, "", "#/profiles");
    await renderView("routed", <App />);
    fireEvent.change(await screen.findByRole("textbox", { name: "Name" }), { target: { value: "Bedrock, no fallbacks" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create profile" })));
    const mine = await screen.findByRole("radio", { name: /^Bedrock, no fallbacks/ });
    expect((mine as HTMLInputElement).checked).toBe(true);
    const panel = screen.getByRole("region", { name: "Apply Bedrock, no fallbacks" });
    expect(within(panel).getByText("Replaces the target's whole routing with this.")).toBeInstanceOf(HTMLElement);
    // A built-in's name is refused, with why.
    fireEvent.change(screen.getByRole("textbox", { name: "Name" }), { target: { value: "private" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create profile" })));
    expect((await screen.findByRole("alert")).textContent).toMatch(/built-in profile/);

    fireEvent.click(screen.getByRole("button", { name: "Rename" }));
    fireEvent.change(screen.getByRole("textbox", { name: "New name for Bedrock, no fallbacks" }), { target: { value: "Company Bedrock" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save name" })));
    await screen.findByRole("radio", { name: /^Company Bedrock/ });
    fireEvent.click(screen.getByRole("button", { name: "Delete Company Bedrock" }));
    await act(async () => fireEvent.click(await screen.findByRole("button", { name: "Delete profile" })));
    // Gone once the API answers: a fixed pause lost that race on a loaded machine.
    await waitFor(() => expect(screen.queryByRole("radio", { name: /^Company Bedrock/ })).toBeNull());
  });
});
