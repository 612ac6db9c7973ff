/**
 * The tray's line for the project picked in Projects: shown only when pi loads the project's
 * settings and they keep the default picked here from reaching it; it opens the Projects view.
 */
import { describe, expect, it } from "vitest";
import type { ProjectView } from "../../../src-main/core/common/index.js";
import { buildTrayMenu, projectItem } from "../../../src-main/electron/tray-menu.js";
import { model, snapshot } from "./snapshot-fixture.js";

const view = (over: Partial<ProjectView>): ProjectView =>
  ({
    dir: "/home/me/work/api-server",
    applies: true,
    default: { provider: "myproxy", id: "gamma", thinkingLevel: null, resolved: true, start: { ref: "myproxy/gamma", thinkingLevel: "off", via: "scope-default" } },
    defaultSwitch: { reaches: "no", message: "The project's .pi/settings.json sets defaultModel: pi started there uses myproxy/gamma, whichever model you make the default here." },
    ...over,
  }) as ProjectView;

describe("the tray's project line", () => {
  it("says what pi starts with in the project, under the model, and opens Projects", () => {
    const menu = buildTrayMenu({ snapshot: snapshot([model("openrouter/openai/gpt-5", { default: true })]), launchAtLogin: false, canTest: true, platform: "linux", project: view({}) });
    const line = menu.find((item) => item.label?.startsWith("In api-server"));
    expect(line).toEqual({ label: "In api-server, pi starts with myproxy/gamma", toolTip: expect.stringContaining("/home/me/work/api-server: The project's .pi/settings.json sets defaultModel"), action: { kind: "openWindow", view: "projects" } });
  });

  it("stays away when the default reaches the project, or pi does not load its settings", () => {
    expect(projectItem(view({ defaultSwitch: { reaches: "yes", message: "" } }))).toBeNull();
    expect(projectItem(view({ applies: false }))).toBeNull();
  });
});
