import { describe, expect, it } from "vitest";
import type { AppliedProfile, ProfilesState } from "../../../src-main/core/common/index.js";
import { BUILT_IN_PROFILES } from "../../../src-main/core/common/profiles/profile-rules.js";
import { buildTrayMenu, type TrayMenuItem } from "../../../src-main/electron/tray-menu.js";
import { model, snapshot } from "./snapshot-fixture.js";

const models = [model("openrouter/openai/gpt-5", { origin: "built-in", default: true }), model("openrouter-bedrock/anthropic/claude-opus-4"), model("groq/llama", { openRouter: false, baseUrl: "https://api.groq.com" })];
const applied = (ref: string, profile: string, state: AppliedProfile["state"] = "applied", provider?: string): AppliedProfile => {
  const [p, ...id] = ref.split("/");
  const level = p === "openrouter" ? "override" : "model";
  return { target: { level, provider: p!, id: id.join("/") }, profile, ...(provider ? { provider } : {}), routing: { sort: "price" }, appliedAt: "2026-01-01T00:00:00Z", state, current: { sort: "price" } };
};
const state = (list: AppliedProfile[]): ProfilesState => ({ profiles: [...BUILT_IN_PROFILES, { name: "Mine", description: "Your profile", builtIn: false, mode: "replace", routing: { order: ["x"] } }], applied: list });

const build = (profiles: ProfilesState | null, platform: NodeJS.Platform = "darwin", snap = snapshot(models)) => buildTrayMenu({ snapshot: snap, launchAtLogin: false, canTest: true, platform, profiles });
const submenuOf = (items: TrayMenuItem[]) => items.find((i) => i.label?.startsWith("Routing profile"));

describe("tray menu: routing profiles", () => {
  it("offers every profile (the user's too) for the scoped models, each opening its review in the window", () => {
    const menu = submenuOf(build(state([])))!;
    expect(menu.label).toBe("Routing profile: none");
    const items = menu.submenu!.filter((i) => i.type === "radio");
    expect(items.map((i) => i.label)).toEqual(["Cheapest", "Fastest", "Lowest latency", "Private", "Pinned to provider…", "Mine"]);
    expect(items.find((i) => i.label === "Private")!.action).toEqual({ kind: "openWindow", view: "profiles/apply/Private" });
    expect(menu.submenu!.at(-1)).toMatchObject({ label: "Manage profiles…", action: { kind: "openWindow", view: "profiles" } });
  });

  it("checks the profile every scoped OpenRouter target carries (the non-OpenRouter model aside)", () => {
    const menu = submenuOf(build(state([applied("openrouter/openai/gpt-5", "Private"), applied("openrouter-bedrock/anthropic/claude-opus-4", "Private")])))!;
    expect(menu.label).toBe("Routing profile: Private");
    expect(menu.submenu!.filter((i) => i.checked).map((i) => i.label)).toEqual(["Private"]);
  });

  it("says mixed, pinned or edited by hand, and checks nothing then", () => {
    const mixed = submenuOf(build(state([applied("openrouter/openai/gpt-5", "Private"), applied("openrouter-bedrock/anthropic/claude-opus-4", "Cheapest")])))!;
    expect(mixed.label).toBe("Routing profile: mixed");
    expect(mixed.submenu!.some((i) => i.checked)).toBe(false);
    const partly = submenuOf(build(state([applied("openrouter/openai/gpt-5", "Private")])))!;
    expect(partly.label).toBe("Routing profile: mixed");
    const pinned = submenuOf(build(state(["openrouter/openai/gpt-5", "openrouter-bedrock/anthropic/claude-opus-4"].map((r) => applied(r, "Pinned to provider", "applied", "novita")))))!;
    expect(pinned.label).toBe("Routing profile: Pinned to novita");
    const drifted = submenuOf(build(state([applied("openrouter/openai/gpt-5", "Private", "drifted"), applied("openrouter-bedrock/anthropic/claude-opus-4", "Private")])))!;
    expect(drifted.label).toBe("Routing profile: edited by hand");
    expect(drifted.submenu!.some((i) => i.checked)).toBe(false);
  });

  it("counts a profile written once at a provider's level for every scoped model of that provider", () => {
    const atProvider: AppliedProfile = { target: { level: "provider", provider: "openrouter-bedrock" }, profile: "Private", routing: { zdr: true }, appliedAt: "2026-01-01T00:00:00Z", state: "applied", current: { zdr: true } };
    const menu = submenuOf(build(state([applied("openrouter/openai/gpt-5", "Private"), atProvider])))!;
    expect(menu.label).toBe("Routing profile: Private");
    expect(submenuOf(build(state([applied("openrouter/openai/gpt-5", "Private"), { ...atProvider, state: "drifted" }])))!.label).toBe("Routing profile: edited by hand");
  });

  it("is absent while profiles are unknown or nothing in scope takes OpenRouter routing", () => {
    expect(submenuOf(build(null))).toBeUndefined();
    expect(submenuOf(build(state([]), "darwin", snapshot(models, ["groq/llama"])))).toBeUndefined();
  });

  it("escapes & in a profile's name on Windows and Linux, and keeps the route exact", () => {
    const withAmp: ProfilesState = { profiles: [{ name: "Fast & cheap", description: "", builtIn: false, mode: "merge", routing: { sort: "price" } }], applied: [] };
    const item = submenuOf(build(withAmp, "linux"))!.submenu!.find((i) => i.type === "radio")!;
    expect(item.label).toBe("Fast && cheap");
    expect(item.action).toEqual({ kind: "openWindow", view: "profiles/apply/Fast & cheap" });
  });
});
