// @vitest-environment jsdom
// The views' confirmations go through the in-app Dialog (ui/Dialog.tsx), never window.confirm().
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProvidersView } from "../../../src-renderer/features/providers/ProvidersView";
import { renderView } from "./render-view";

afterEach(() => vi.restoreAllMocks());

describe("Remove provider", () => {
  it("asks in the window: Cancel keeps the provider, Remove provider removes it", async () => {
    const nativeConfirm = vi.spyOn(window, "confirm");
    const real = await renderView("routed", <ProvidersView onEditRouting={() => {}} />);
    const providers = () => Object.keys((parse(readFileSync(join(real.dir, "models.json"), "utf8")) as { providers: object }).providers);
    expect(providers()).toContain("openrouter-bedrock");

    const remove = await screen.findByRole("button", { name: "Remove openrouter-bedrock" });
    await act(async () => fireEvent.click(remove));
    const dialog = screen.getByRole("dialog", { name: "Remove provider openrouter-bedrock?" });
    expect(dialog.textContent).toMatch(/leave models\.json/);
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
    await act(async () => fireEvent.keyDown(dialog, { key: "Escape" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(providers()).toContain("openrouter-bedrock");

    await act(async () => fireEvent.click(remove));
    await act(async () => fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Remove provider" })));
    await screen.findByText(/^Removed openrouter-bedrock\./);
    expect(providers()).not.toContain("openrouter-bedrock");
    expect(nativeConfirm).not.toHaveBeenCalled();
  });
});
