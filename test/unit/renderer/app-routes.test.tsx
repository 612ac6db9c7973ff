// @vitest-environment jsdom
/**
 * The tray's status lines open the window at #/<problem> (src-main/electron/tray-menu.ts): the
 * window must land on the view that shows that problem.
 */
import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../../src-renderer/App";
import { renderView } from "./render-view";

afterEach(() => history.replaceState(null, "", "#"));

describe("opening the window on a problem", () => {
  it.each([
    ["#/models-file", "Config health"],
    ["#/settings-file", "Config health"],
    ["#/health", "Config health"],
    ["#/key", "OpenRouter key"],
    ["#/scope", "Models"],
    ["#/preferences", "Preferences"],
    ["#/no-such-view", "Models"],
  ])("%s shows %s", async (hash, heading) => {
    history.replaceState(null, "", hash);
    await renderView("routed", <App />);
    expect(await screen.findByRole("heading", { level: 2, name: heading })).toBeInstanceOf(HTMLHeadingElement);
  });
});
