// @vitest-environment jsdom
/**
 * How the main window opens the quick switcher: Ctrl/⌘+K from any view (a search field included),
 * and #/quick-switch — what the global shortcut loads on Linux (src-main/electron/main.ts) — which
 * opens it over Models and gives the hash back to the view, so a reload does not reopen it.
 */
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../../src-renderer/App";
import { renderView } from "./render-view";

afterEach(() => history.replaceState(null, "", "#"));

describe("opening the quick switcher in the window", () => {
  it("Ctrl+K opens it, with the focus in its search; Escape closes it", async () => {
    await renderView("routed", <App />);
    await screen.findByRole("heading", { level: 2, name: "Models" });
    expect(screen.queryByRole("dialog", { name: "Quick switcher" })).toBeNull();
    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    const dialog = await screen.findByRole("dialog", { name: "Quick switcher" });
    const box = await screen.findByRole("combobox", { name: "Search models" });
    expect(dialog.contains(box)).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(box));
    fireEvent.keyDown(box, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Quick switcher" })).toBeNull());
  });

  it("⌘K works too, from inside a search field", async () => {
    await renderView("routed", <App />);
    const search = await screen.findByRole("searchbox", { name: "Search models" });
    search.focus();
    fireEvent.keyDown(search, { key: "K", metaKey: true });
    expect(await screen.findByRole("dialog", { name: "Quick switcher" })).toBeInstanceOf(HTMLElement);
  });

  it("#/quick-switch opens it over Models and puts the view back in the hash", async () => {
    history.replaceState(null, "", "#/quick-switch");
    await renderView("routed", <App />);
    expect(await screen.findByRole("dialog", { name: "Quick switcher" })).toBeInstanceOf(HTMLElement);
    expect(screen.getByRole("heading", { level: 2, name: "Models" })).toBeInstanceOf(HTMLHeadingElement);
    await waitFor(() => expect(location.hash).toBe("#/models"));
  });
});
