/**
 * A project's .pi/settings.json over the agent dir's, by pi's deepMergeSettings (settings-manager.js,
 * pi 0.73.1 to 1.6.0); the conformance suite (test/conformance/project-conformance.test.ts) checks the
 * same merges against real pi.
 */
import { describe, expect, it } from "vitest";
import { mergeProjectSettings, projectSettingRows, switchReach } from "../../../../src-main/core/pi/project-settings.js";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import { checkSettingsText } from "../../../../src-main/core/pi/settings-file.js";
import { defaultSwitchReaches } from "../../../../src-main/core/common/project-reach.js";

const rules = rulesFor("1.6.0");
const layer = (value: Record<string, unknown>) => {
  const check = checkSettingsText(JSON.stringify(value), rules);
  return { settings: check.settings, raw: check.raw! };
};

describe("mergeProjectSettings", () => {
  const agent = layer({ defaultProvider: "openrouter", defaultModel: "a", defaultThinkingLevel: "low", enabledModels: ["openrouter/a", "openrouter/b"], modelThinkingLevels: { "openrouter/a": "high", "openrouter/b": "low" } });

  it("keeps the agent dir's values for keys the project does not set", () => {
    expect(mergeProjectSettings(agent, layer({ theme: "dark" }))).toEqual(agent.settings);
  });

  it("replaces a list whole and a value outright, and merges modelThinkingLevels key by key", () => {
    const merged = mergeProjectSettings(agent, layer({ defaultModel: "c", enabledModels: ["openrouter/c"], modelThinkingLevels: { "openrouter/b": "xhigh" } }));
    expect(merged).toMatchObject({ defaultProvider: "openrouter", defaultModel: "c", enabledModels: ["openrouter/c"], modelThinkingLevels: { "openrouter/a": "high", "openrouter/b": "xhigh" } });
  });

  it("an empty list or null in the project still wins (pi merges every defined value)", () => {
    const merged = mergeProjectSettings(agent, layer({ enabledModels: [], defaultModel: null, defaultThinkingLevel: null }));
    expect(merged.enabledModels).toEqual([]);
    expect(merged.defaultModel).toBeUndefined();
    expect(merged.rawDefaultThinkingLevel).toBeNull();
  });
});

describe("projectSettingRows and switchReach", () => {
  const agentRaw = { defaultProvider: "openrouter", defaultModel: "a", enabledModels: ["openrouter/a"] };

  it("marks what the project overrides, only when pi loads the project", () => {
    const project = { defaultModel: "c" };
    const rows = projectSettingRows(agentRaw, project, true);
    expect(rows.find((r) => r.key === "defaultModel")).toEqual({ key: "defaultModel", agentDir: "a", project: "c", merged: "c", overridden: true });
    expect(rows.find((r) => r.key === "defaultProvider")).toMatchObject({ merged: "openrouter", overridden: false });
    expect(projectSettingRows(agentRaw, project, false).find((r) => r.key === "defaultModel")).toMatchObject({ merged: "a", overridden: false });
  });

  it("a project default stops the tray's default switch; a project scope limits it to the project's models", () => {
    const file = "/p/.pi/settings.json";
    const own = switchReach(projectSettingRows(agentRaw, { defaultModel: "c" }, true), file, "openrouter/c");
    expect(own.defaultSwitch).toEqual({ reaches: "no", message: expect.stringContaining("sets defaultModel: pi started there uses openrouter/c") });
    expect(own.scopeSwitch.reaches).toBe("yes");
    const scoped = switchReach(projectSettingRows(agentRaw, { enabledModels: ["openrouter/b"], defaultThinkingLevel: "high" }, true), file, "openrouter/b");
    expect([scoped.defaultSwitch.reaches, scoped.scopeSwitch.reaches, scoped.thinkingSwitch.reaches]).toEqual(["scoped", "no", "no"]);
    const scope = { models: ["openrouter/b"] } as never;
    expect(defaultSwitchReaches({ defaultSwitch: scoped.defaultSwitch, scope }, "openrouter/b")).toBe(true);
    expect(defaultSwitchReaches({ defaultSwitch: scoped.defaultSwitch, scope }, "openrouter/a")).toBe(false);
    const ignored = switchReach(projectSettingRows(agentRaw, { defaultModel: "c" }, false), file, "openrouter/a");
    expect(ignored.defaultSwitch.reaches).toBe("yes");
  });
});
