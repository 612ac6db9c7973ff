// @vitest-environment jsdom
/**
 * The Models view's "Scope patterns to check" notice over the real API on a copy of the "routed"
 * agent dir: each pattern that matches nothing shows its real cause from the core's scope advice,
 * and the one-click fix replaces it in settings.json after the diff, keeping the other keys.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { ScopeDiagnostics } from "../../../src-renderer/features/models/ScopeDiagnostics";
import type { RealApi } from "./real-api";
import { renderView } from "./render-view";

let real: RealApi;
const settingsPath = () => join(real.dir, "settings.json");
const settings = () => JSON.parse(readFileSync(settingsPath(), "utf8")) as Record<string, unknown>;

beforeEach(async () => {
  real = await renderView("routed", <ScopeDiagnostics />);
  await screen.findByRole("list", { name: "Pattern diagnostics" });
  // What a user writes: a glob whose "*" stops at the "/" in the virtual provider's ids.
  const text = readFileSync(settingsPath(), "utf8").replace('"openrouter-bedrock/meta-llama/*"', '"openrouter-bedrock/*"');
  writeFileSync(settingsPath(), text);
  await screen.findByText("openrouter-bedrock/*");
});

const item = (pattern: string) => within(screen.getByRole("list", { name: "Pattern diagnostics" })).getByText(pattern).closest("li")!;

describe("Scope patterns to check", () => {
  it("names the real cause of each unmatched pattern, never the key when a key is there", () => {
    expect(item("openrouter-bedrock/*").textContent).toMatch(/matches no model: "\*" does not cross "\/".*"openrouter-bedrock\/\*\*" scopes 3 models/);
    expect(item("nothing-matches-this").textContent).toContain('No model pi knows is called "nothing-matches-this"');
    expect(item("nothing-matches-this").textContent).not.toMatch(/key/);
    // An unknown id with nothing close has no fix to offer.
    expect(within(item("nothing-matches-this")).queryByRole("button", { name: /^Use / })).toBeNull();
  });

  it("replaces the pattern with its fix after showing the settings.json diff", async () => {
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Use openrouter-bedrock/** instead of openrouter-bedrock/*" })));
    const dialog = await screen.findByRole("dialog", { name: "Replace “openrouter-bedrock/*” with “openrouter-bedrock/**”" });
    const diff = within(dialog).getByTestId("diff").textContent!;
    expect(diff).toContain('"openrouter-bedrock/*"');
    expect(diff).toContain('"openrouter-bedrock/**"');
    // Nothing is written before the user saves.
    expect(settings().enabledModels).toContain("openrouter-bedrock/*");
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Save to settings.json" })));
    expect((await screen.findByText(/“openrouter-bedrock\/\*\*” replaces “openrouter-bedrock\/\*”, and Ctrl\+P cycles 3 models/)).textContent).toContain("settings.json");
    expect(settings()).toEqual({
      enabledModels: ["openrouter-bedrock/anthropic/claude-sonnet-4.5", "openrouter-bedrock/**", "nothing-matches-this"],
      defaultProvider: "openrouter-bedrock",
      defaultModel: "anthropic/claude-sonnet-4.5",
      theme: "dark",
    });
    expect(screen.queryByText("openrouter-bedrock/*")).toBeNull();
  });

  it("writes nothing when settings.json changed on disk after the diff was shown", async () => {
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Use openrouter-bedrock/** instead of openrouter-bedrock/*" })));
    const dialog = await screen.findByRole("dialog");
    const edited = readFileSync(settingsPath(), "utf8").replace('"theme": "dark"', '"theme": "light"');
    writeFileSync(settingsPath(), edited);
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Save to settings.json" })));
    expect((await screen.findByText(/changed on disk since the diff was shown/)).textContent).toContain("Nothing was written");
    expect(readFileSync(settingsPath(), "utf8")).toBe(edited);
  });
});
