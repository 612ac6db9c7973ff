import { describe, expect, it } from "vitest";
import { buildTrayMenu, CHUNK_SIZE, INLINE_LIMIT, trayProblems, trayTooltip, type TrayMenuItem } from "../../../src-main/electron/tray-menu.js";
import { model, pin, snapshot } from "./snapshot-fixture.js";
import type { Snapshot } from "../../../src-main/core/common/index.js";

const build = (snap: Snapshot | null, over: { launchAtLogin?: boolean; canTest?: boolean; platform?: NodeJS.Platform } = {}) =>
  buildTrayMenu({ snapshot: snap, launchAtLogin: over.launchAtLogin ?? false, canTest: over.canTest ?? true, platform: over.platform ?? "darwin" });

/** Every item, depth first. */
function flatten(items: TrayMenuItem[]): TrayMenuItem[] {
  return items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
}
const modelItems = (items: TrayMenuItem[]) => flatten(items).filter((i) => i.action?.kind === "useModel");
const refs = (items: TrayMenuItem[]) => modelItems(items).map((i) => (i.action?.kind === "useModel" ? i.action.ref : ""));
const byLabel = (items: TrayMenuItem[], start: string) => flatten(items).find((i) => i.label?.startsWith(start));

describe("tray menu: models", () => {
  const models = [
    model("openrouter/anthropic/claude-sonnet-4", { default: true }),
    model("openrouter-bedrock/anthropic/claude-opus-4", { badges: [pin("amazon-bedrock")] }),
    model("openrouter/openai/gpt-5"),
    model("openrouter/google/gemini-2.5-pro", { scoped: false }),
  ];

  it("lists the scoped models in pi's cycle order, grouped by provider in order of first appearance", () => {
    const cycle = ["openrouter/openai/gpt-5", "openrouter-bedrock/anthropic/claude-opus-4", "openrouter/anthropic/claude-sonnet-4"];
    const menu = build(snapshot(models, cycle));
    expect(refs(menu)).toEqual(["openrouter/openai/gpt-5", "openrouter/anthropic/claude-sonnet-4", "openrouter-bedrock/anthropic/claude-opus-4"]);
    const headers = menu.filter((i) => i.enabled === false).map((i) => i.label);
    expect(headers).toEqual(["openrouter", "openrouter-bedrock"]);
  });

  it("leaves models outside the scope out", () => {
    expect(refs(build(snapshot(models, ["openrouter/openai/gpt-5"])))).not.toContain("openrouter/google/gemini-2.5-pro");
  });

  it("offers every available model when the scope is unset, as pi cycles them all", () => {
    const list = [...models, model("anthropic/claude-haiku", { available: false })];
    expect(refs(build(snapshot(list, null)))).toEqual([
      "openrouter/anthropic/claude-sonnet-4",
      "openrouter/openai/gpt-5",
      "openrouter/google/gemini-2.5-pro",
      "openrouter-bedrock/anthropic/claude-opus-4",
    ]);
  });

  it("checks the default and nothing else", () => {
    const checked = modelItems(build(snapshot(models))).filter((i) => i.checked);
    expect(checked).toHaveLength(1);
    expect(checked[0]?.action).toEqual({ kind: "useModel", ref: "openrouter/anthropic/claude-sonnet-4" });
    expect(checked[0]?.type).toBe("radio");
  });

  it("keeps the default one click away when it is outside the scope", () => {
    const menu = build(snapshot(models, ["openrouter/openai/gpt-5"]));
    expect(refs(menu)).toEqual(["openrouter/anthropic/claude-sonnet-4", "openrouter/openai/gpt-5"]);
    expect(modelItems(menu)[0]?.checked).toBe(true);
  });

  it("puts the routing badges, the scope's thinking level and a missing key in the label", () => {
    const list = [
      model("openrouter-bedrock/anthropic/claude-opus-4", { name: "Claude Opus 4", badges: [pin("amazon-bedrock"), { kind: "fallbacks", label: "no fallbacks", title: "" }], thinkingLevel: "high" }),
      model("groq/llama", { available: false }),
    ];
    const labels = modelItems(build(snapshot(list))).map((i) => i.label);
    expect(labels).toEqual(["Claude Opus 4  [amazon-bedrock · no fallbacks · thinking high]", "llama  [no key]"]);
  });

  it("escapes '&' on Windows and Linux, where it marks a mnemonic", () => {
    const list = [model("openrouter/a&b", { default: true })];
    expect(modelItems(build(snapshot(list), { platform: "win32" }))[0]?.label).toBe("a&&b");
    expect(modelItems(build(snapshot(list), { platform: "darwin" }))[0]?.label).toBe("a&b");
  });

  it("writes out bidi and invisible characters in names, slugs and the default line; plain names stay as they are", () => {
    const spoof = model("openrouter-evil/gpt\u202Eai.nepo", { name: "GPT\u202E4o-mini", badges: [pin("open\u200Bai")], default: true });
    const plain = model("openrouter/anthropic/claude-sonnet-4.5", { name: "Claude Sonnet 4.5" });
    for (const platform of ["darwin", "linux"] as const) {
      const labels = flatten(build(snapshot([spoof, plain]), { platform })).map((i) => i.label ?? "");
      expect(labels).toContain("GPT⟨U+202E⟩4o-mini  [open⟨U+200B⟩ai]");
      expect(labels.find((l) => l.startsWith("Default: "))?.split(" · ")[0]).toBe("Default: GPT⟨U+202E⟩4o-mini");
      expect(labels).toContain("Claude Sonnet 4.5");
      expect(labels.some((l) => /[\u202E\u200B]/.test(l))).toBe(false);
    }
  });

  it("says so when nothing is scoped", () => {
    const menu = build(snapshot([model("openrouter/x")], ["openrouter/none"]));
    expect(byLabel(menu, "No scoped model")?.enabled).toBe(false);
  });
});

describe("tray menu: many models", () => {
  it("gives each provider a submenu above the inline limit", () => {
    const list = Array.from({ length: INLINE_LIMIT + 1 }, (_, i) => model(`${i % 2 ? "openrouter" : "openrouter-fp8"}/m${i}`, { default: i === 3 }));
    const menu = build(snapshot(list));
    const subs = menu.filter((i) => i.type === "submenu" && i.submenu?.some((s) => s.action?.kind === "useModel"));
    expect(subs.map((s) => s.label)).toEqual(["openrouter-fp8 (11)", "openrouter (10) ✓"]);
    expect(refs(menu)).toHaveLength(INLINE_LIMIT + 1);
  });

  it("keeps 1000 scoped models usable: every one reachable, no menu longer than the chunk size", () => {
    const providers = ["openrouter", "openrouter-bedrock", "openrouter-novita-fp8", "openrouter-groq"];
    const list = Array.from({ length: 1000 }, (_, i) => model(`${providers[i % 4]}/vendor/model-${String(i).padStart(4, "0")}`, { default: i === 997 }));
    const cycle = list.map((m) => `${m.provider}/${m.id}`).reverse();
    const menu = build(snapshot(list, cycle));

    const all = refs(menu);
    expect(all).toHaveLength(1000);
    expect(new Set(all).size).toBe(1000);
    // Within a provider, cycle order survives the chunking.
    const bedrock = all.filter((r) => r.startsWith("openrouter-bedrock/"));
    expect(bedrock).toEqual(cycle.filter((r) => r.startsWith("openrouter-bedrock/")));

    const longest = Math.max(...flatten(menu).map((i) => i.submenu?.length ?? 0));
    expect(longest).toBeLessThanOrEqual(CHUNK_SIZE);
    expect(menu.length).toBeLessThan(20);

    const groq = menu.find((i) => i.label?.startsWith("openrouter-groq"));
    expect(groq?.label).toBe("openrouter-groq (250)");
    expect(groq?.submenu?.[0]?.label).toMatch(/^1–25: vendor\/model-0999 … vendor\/model-0903$/);
    const marked = flatten(menu).filter((i) => i.type === "submenu" && i.label?.endsWith("✓"));
    expect(marked.map((i) => i.label?.split(" ")[0])).toEqual(["openrouter-bedrock", "1–25:"]);
  });
});

describe("tray menu: thinking level and fixed items", () => {
  const models = [model("openrouter/a", { default: true })];

  it("offers every thinking level with the default's checked; a click sets it", () => {
    const snap = snapshot(models);
    snap.default.thinkingLevel = "high";
    const sub = byLabel(build(snap), "Thinking level");
    expect(sub?.label).toBe("Thinking level: high");
    expect(sub?.submenu?.map((i) => i.label)).toEqual(["off", "minimal", "low", "medium", "high", "xhigh"]);
    expect(sub?.submenu?.filter((i) => i.checked).map((i) => i.action)).toEqual([{ kind: "setThinkingLevel", level: "high" }]);
  });

  it("offers the levels the detected pi accepts: max from pi 0.80.6", () => {
    const snap = snapshot(models);
    snap.pi.thinkingLevels = ["off", "minimal", "low", "medium", "high", "xhigh", "max"];
    expect(byLabel(build(snap), "Thinking level")?.submenu?.map((i) => i.label).at(-1)).toBe("max");
  });

  it("says pi's default applies when settings.json sets no level", () => {
    const sub = byLabel(build(snapshot(models)), "Thinking level");
    expect(sub?.label).toBe("Thinking level: pi's default");
    expect(sub?.submenu?.some((i) => i.checked)).toBe(false);
  });

  it("ends with open, test, launch at login, preferences and quit", () => {
    const menu = build(snapshot(models), { launchAtLogin: true });
    const tail = menu.slice(-7).map((i) => [i.label, i.action?.kind, i.checked]);
    expect(tail).toEqual([
      [undefined, undefined, undefined],
      ["Open Switchboard…", "openWindow", undefined],
      ["Test the default model", "testDefault", undefined],
      [undefined, undefined, undefined],
      ["Launch at login", "toggleLaunchAtLogin", true],
      ["Preferences…", "openWindow", undefined],
      ["Quit Pi Switchboard", "quit", undefined],
    ]);
    expect(byLabel(menu, "Preferences")?.action).toEqual({ kind: "openWindow", view: "preferences" });
  });

  it("disables the test without a test feature or without a default", () => {
    expect(byLabel(build(snapshot(models), { canTest: false }), "Test the default")?.enabled).toBe(false);
    expect(byLabel(build(snapshot([model("openrouter/a")])), "Test the default")?.enabled).toBe(false);
    expect(byLabel(build(snapshot(models)), "Test the default")?.enabled).toBe(true);
  });

  it("shows a starting line before the first snapshot, and still lets the user quit", () => {
    const menu = build(null);
    expect(menu[0]).toEqual({ label: "Reading pi's files…", enabled: false });
    expect(menu.at(-1)?.action).toEqual({ kind: "quit" });
    expect(trayTooltip(null)).toMatch(/reading/);
  });
});

describe("tray menu: status lines", () => {
  const ok = () => snapshot([model("openrouter/a", { default: true })]);

  it("shows none when all is well", () => {
    expect(trayProblems(ok())).toEqual([]);
    expect(build(ok())[0]?.label).toMatch(/^Default: /);
  });

  it("reports an invalid models.json (custom models dropped) and opens the window on it", () => {
    const snap = ok();
    snap.modelsFile.valid = false;
    const first = build(snap)[0];
    expect(first?.label).toBe("⚠ models.json is invalid — pi drops all custom models");
    expect(first?.action).toEqual({ kind: "openWindow", view: "models-file" });
  });

  it("reports pi not found, with how to install it", () => {
    const snap = ok();
    const problem = "pi not found — npm install -g @earendil-works/pi-coding-agent (Node ≥ 22.19)";
    snap.pi = { ...snap.pi, found: false, version: null, path: null, node: null, problem, summary: `${problem}, or set PI_SWITCHBOARD_PI` };
    expect(trayProblems(snap)).toEqual([{ label: problem, view: "health" }]);
    expect(build(snap).find((i) => i.label === "pi not found")).toMatchObject({ toolTip: snap.pi.summary, action: { kind: "openWindow", view: "health" } });
  });

  it("reports a Node that cannot run the pi it found", () => {
    const snap = ok();
    snap.pi = { ...snap.pi, version: "1.6.0", engines: ">=22.19.0", node: { path: "/usr/bin/node", version: "20.20.2", satisfiesEngines: false }, problem: "pi 1.6.0 needs Node >=22.19.0; Node 20.20.2 would run it" };
    expect(trayProblems(snap)).toEqual([{ label: "pi 1.6.0 needs Node >=22.19.0; Node 20.20.2 would run it", view: "health" }]);
  });

  it("names the pi it reads and its Node, with the paths in the tooltip", () => {
    const snap = ok();
    const line = build(snap).find((i) => i.label?.startsWith("pi "));
    expect(line).toEqual({ label: "pi 0.73.1 · Node 20.20.2", toolTip: snap.pi.summary, action: { kind: "openWindow", view: "health" } });
  });

  it("reports a missing key for the default's provider", () => {
    const snap = snapshot([model("openrouter/a", { default: true, available: false })]);
    expect(trayProblems(snap)).toEqual([{ label: "No key for openrouter (the default's provider)", view: "key" }]);
  });

  it("reports an auth.json pi cannot read its logins from, with pi's consequence as the tooltip, instead of a missing key", () => {
    const snap = snapshot([model("openrouter/a", { default: true, available: false })]);
    const message = "auth.json is not valid JSON: pi 1.6.0 has no model available, and stops with an error at start when settings.json scopes models (enabledModels).";
    snap.authFile = { ...snap.authFile, exists: true, valid: false, errors: [{ message, line: 3, column: 1 }] };
    expect(trayProblems(snap)).toEqual([{ label: "auth.json: pi cannot read its logins", toolTip: message, view: "health" }]);
    expect(build(snap)[0]).toMatchObject({ label: "⚠ auth.json: pi cannot read its logins", toolTip: message, action: { kind: "openWindow", view: "health" } });
  });

  it("reports a settings.json pi reads but stops on at start, with its error as the tooltip", () => {
    const snap = ok();
    const message = "enabledModels item 1 is null, not a pattern: pi 1.6.0 stops with an error at start (resolving the scope throws on it).";
    snap.noModel = message;
    snap.settingsFile = { ...snap.settingsFile, errors: [{ message, line: 1, column: 20, path: "enabledModels.0" }] };
    expect(trayProblems(snap)).toEqual([{ label: "pi stops at start on settings.json", toolTip: message, view: "settings-file" }]);
  });

  it("says both when auth.json does not parse and settings.json stops pi (pi 0.73.1: the one costs keys, the other the start)", () => {
    const snap = ok();
    const authMessage = "auth.json is not valid JSON; pi ignores every credential in it.";
    const settingsMessage = "enabledModels item 2 is a number, not a pattern: pi 0.73.1 stops with an error at start (resolving the scope throws on it).";
    snap.authFile = { ...snap.authFile, exists: true, valid: false, errors: [{ message: authMessage, line: 1, column: 58 }] };
    snap.settingsFile = { ...snap.settingsFile, errors: [{ message: settingsMessage, line: 1, column: 124, path: "enabledModels.1" }] };
    snap.noModel = settingsMessage;
    expect(trayProblems(snap).map((p) => [p.label, p.toolTip])).toEqual([
      ["auth.json: pi cannot read its logins", authMessage],
      ["pi stops at start on settings.json", settingsMessage],
    ]);
  });

  it("reports scope patterns that match nothing, an unparseable settings.json and an unknown default", () => {
    const snap = ok();
    snap.scope.unmatched = ["openrouter-bedrock/*", "gtp-5"];
    snap.settingsFile.valid = false;
    snap.default = { provider: "openrouter", id: "gone", thinkingLevel: null, resolved: false, start: null };
    expect(trayProblems(snap).map((p) => [p.label, p.view])).toEqual([
      ["settings.json does not parse", "settings-file"],
      ["Default openrouter/gone is not a model pi has", "health"],
      ["2 scope patterns match no model", "scope"],
    ]);
  });

  it("does not call a missing models.json invalid", () => {
    const snap = ok();
    snap.modelsFile = { ...snap.modelsFile, exists: false, valid: false };
    expect(trayProblems(snap)).toEqual([]);
  });
});

describe("tray tooltip", () => {
  it("names the current default and its thinking level", () => {
    const snap = snapshot([model("openrouter/anthropic/claude-sonnet-4", { default: true })]);
    expect(trayTooltip(snap)).toBe("Pi Switchboard — openrouter/anthropic/claude-sonnet-4");
    snap.default.thinkingLevel = "low";
    expect(trayTooltip(snap)).toBe("Pi Switchboard — openrouter/anthropic/claude-sonnet-4 (thinking low)");
  });

  it("says when there is no default", () => {
    expect(trayTooltip(snapshot([model("openrouter/a")]))).toBe("Pi Switchboard — no default model");
  });
});

describe("tray menu: a key about to leave OpenRouter", () => {
  it("comes first, names the host and the provider, and its click removes that provider's key command", () => {
    const snap = snapshot([model("openrouter-x/a")], null, { keyLeaks: [{ provider: "openrouter-x", host: "openrouter.ai.evil.example" }] });
    const first = build(snap)[0]!;
    expect(first.label).toBe("⚠ Key would go to openrouter.ai.evil.example (openrouter-x) — remove key command");
    expect(first.action).toEqual({ kind: "removeKeyCommand", provider: "openrouter-x" });
  });

  it("is absent when no provider leaks", () => {
    expect(flatten(build(snapshot([model("openrouter-x/a")]))).some((i) => i.action?.kind === "removeKeyCommand")).toBe(false);
  });
});
