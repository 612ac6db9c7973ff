// @vitest-environment jsdom
/**
 * The routing editor on a model pi sends no routing for (a Claude model on anthropic-messages,
 * over the real API on a copy of the claude-messages fixture): it says so where the routing is
 * edited, and its one-click fix shows the diff of models.json, then switches the model to
 * openai-completions, after which pi sends the routing it already had.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RoutingEditor } from "../../../src-renderer/features/routing-editor/RoutingEditor";
import type { RoutingTarget } from "../../../src-main/core/common/index.js";
import { renderView } from "./render-view";

const CLAUDE: RoutingTarget = { level: "model", provider: "openrouter-claude", id: "anthropic/claude-sonnet-4" };
type ModelsFile = { providers: Record<string, { models: { id: string; api?: string; baseUrl?: string; compat?: unknown }[] }> };

describe("Routing editor on a model pi sends no routing for", () => {
  it("says pi sends no routing for anthropic-messages, and switches the model to openai-completions after showing the diff", async () => {
    const real = await renderView("claude-messages", <RoutingEditor target={CLAUDE} onTarget={() => {}} />);
    const modelsText = () => readFileSync(join(real.dir, "models.json"), "utf8");
    const before = modelsText();
    const notice = await screen.findByRole("status", { name: "pi sends no routing for anthropic-messages" });
    expect(notice.textContent).toContain("this model's routing is saved in models.json, but pi's requests carry no provider object");
    expect(screen.getByTestId("provider-object-none").textContent).toMatch(/openai-completions/);

    await act(async () => fireEvent.click(within(notice).getByRole("button", { name: "Switch to openai-completions, which pi routes (openrouter-claude/anthropic/claude-sonnet-4): preview the change" })));
    const dialog = await screen.findByRole("dialog", { name: /^Switch to openai-completions, which pi routes — openrouter-claude\/anthropic\/claude-sonnet-4/ });
    const added = [...within(dialog).getByTestId("diff").querySelectorAll(".diff-add")].map((l) => l.textContent).join("\n");
    expect(added).toContain('"api": "openai-completions"');
    expect(added).toContain('"baseUrl": "https://openrouter.ai/api/v1"');
    // Nothing is written before the user saves.
    expect(modelsText()).toBe(before);

    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Save the fix" })));
    await screen.findByText(/^Switch to openai-completions, which pi routes: saved to .*models\.json/);
    const text = modelsText();
    expect(text).toContain("// OpenRouter's Claude through its Anthropic-compatible Messages API");
    const claude = (parse(text) as ModelsFile).providers["openrouter-claude"]!.models[0]!;
    expect(claude).toMatchObject({ id: "anthropic/claude-sonnet-4", api: "openai-completions", baseUrl: "https://openrouter.ai/api/v1", compat: { openRouterRouting: { only: ["anthropic"], allow_fallbacks: false } } });
    // Now pi sends the routing the model already had, and the warning is gone.
    await waitFor(() => expect(screen.queryByRole("status", { name: "pi sends no routing for anthropic-messages" })).toBeNull());
    expect(JSON.parse(screen.getByTestId("provider-object").textContent!)).toEqual({ only: ["anthropic"], allow_fallbacks: false });
  });

  it("says nothing on a model pi routes", async () => {
    await renderView("routed", <RoutingEditor target={{ level: "model", provider: "openrouter-bedrock", id: "moonshotai/kimi-k2" }} onTarget={() => {}} />);
    await screen.findByRole("heading", { name: "What pi will send" });
    expect(screen.queryByText(/pi sends no routing for/)).toBeNull();
  });
});
