// @vitest-environment jsdom
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../../../src-renderer/App";
import { HealthView } from "../../../src-renderer/features/health/HealthView";
import type { RealApi } from "./real-api";
import { renderView } from "./render-view";

let real: RealApi;

async function open(fixture: string) {
  real = await renderView(fixture, <HealthView />);
  await screen.findByRole("heading", { name: "Config health" });
}

afterEach(() => vi.restoreAllMocks());

describe("an auth.json pi cannot read its logins from", () => {
  afterEach(() => history.replaceState(null, "", "#"));

  it("says so over the Models view instead of 'no OpenRouter key', and Config health shows the error without the file's text", async () => {
    real = await renderView("routed", <App />);
    await screen.findByRole("heading", { level: 2, name: "Models" });
    expect(screen.queryByText(/pi has no OpenRouter key/)).toBeNull();
    // pi 0.73.1 (the repo's) stops at start on a file that holds null; the key is still in the environment.
    writeFileSync(join(real.dir, "auth.json"), "null\n");
    const why = "auth.json holds null: pi 0.73.1 stops with an error at start, and no model is available.";
    const notice = await screen.findByText(why, { exact: false, selector: ".notice-body" });
    expect(screen.getByRole("group", { name: "What pi starts with" }).textContent).toContain("no model, for the reason above.");
    expect(screen.queryByText(/pi has no OpenRouter key/)).toBeNull();

    await act(async () => fireEvent.click(within(notice).getByRole("button", { name: "Open Config health" })));
    const card = (await screen.findByRole("heading", { level: 3, name: "auth.json" })).closest("section")!;
    expect(within(card).getByText("pi cannot read its logins from it. Its contents are keys and never shown here.")).toBeInstanceOf(HTMLElement);
    expect(within(card).getByText(why)).toBeInstanceOf(HTMLElement);
    expect(within(card).getByText(/line 1, column 1/)).toBeInstanceOf(HTMLElement);
    expect(within(card).queryByRole("figure")).toBeNull();
    // The notice stands over every view but the one that explains it.
    expect(screen.queryByText(why, { selector: ".notice-body", exact: false })).toBeNull();
  });
});

describe("Config health", () => {
  it("names the pi it reads, where, how it was found and the Node that runs it", async () => {
    await open("routed");
    const line = screen.getByText(/^pi 0\.73\.1 at /);
    expect(line.textContent).toMatch(/^pi 0\.73\.1 at \/.*\/node_modules\/@mariozechner\/pi-coding-agent \(Node \d+\.\d+\.\d+ at \/.*node\) · found by PI_SWITCHBOARD_PI$/);
  });

  it("shows a models.json error with its line and column and the spot in the source", async () => {
    await open("broken");
    const card = screen.getByRole("heading", { name: /models.json/ }).closest("section")!;
    expect(within(card).getByText("invalid")).toBeInstanceOf(HTMLElement);
    expect(within(card).getByRole("alert").textContent).toMatch(/drops every custom model/);
    expect(within(card).getByText(/line 8, column 36/)).toBeInstanceOf(HTMLElement);
    const excerpt = await within(card).findByLabelText("Source around line 8, column 36");
    const target = excerpt.querySelector(".excerpt-target")!;
    expect(target.textContent).toContain('{ "id": "qwen/qwen3-coder" "name": "Qwen3 Coder" }');
    // The caret sits under column 36 of line 8.
    const caretLine = target.querySelector(".caret")!.textContent!;
    expect(caretLine.indexOf("^")).toBe(35);
  });

  it("says a valid file is fine and lists backups, which restore the file as it was", async () => {
    await open("routed");
    const models = screen.getByRole("heading", { name: /models.json/ }).closest("section")!;
    expect(within(models).getByText("pi reads it without complaint.")).toBeInstanceOf(HTMLElement);
    expect(await screen.findByText(/No backups yet/)).toBeInstanceOf(HTMLElement);

    const original = readFileSync(join(real.dir, "settings.json"), "utf8");
    await act(async () => {
      const result = await real.api.invoke("execute", { type: "useModel", ref: "openrouter-bedrock/meta-llama/llama-3.3-70b-instruct" });
      expect(result.ok).toBe(true);
    });
    const restore = await screen.findByRole("button", { name: /Restore settings.json/ });
    // The in-app dialog asks first; Cancel changes nothing.
    await act(async () => fireEvent.click(restore));
    const dialog = screen.getByRole("dialog", { name: "Restore settings.json?" });
    expect(dialog.textContent).toMatch(/The current file is backed up first/);
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" })));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(readFileSync(join(real.dir, "settings.json"), "utf8")).not.toBe(original);

    await act(async () => fireEvent.click(restore));
    await act(async () => fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Restore settings.json" })));
    await screen.findByText("settings.json restored.");
    await waitFor(() => expect(readFileSync(join(real.dir, "settings.json"), "utf8")).toBe(original));
  });

  it("follows an external fix of the file", async () => {
    await open("broken");
    const fixed = readFileSync(join(real.dir, "models.json"), "utf8").replace('"qwen/qwen3-coder" "name"', '"qwen/qwen3-coder", "name"');
    writeFileSync(join(real.dir, "models.json"), fixed);
    const models = () => screen.getByRole("heading", { name: /models.json/ }).closest("section")!;
    await waitFor(() => expect(within(models()).getByText("valid")).toBeInstanceOf(HTMLElement), { timeout: 5000 });
  });
});
