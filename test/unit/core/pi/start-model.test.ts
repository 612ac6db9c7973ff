/**
 * The model and thinking level a new pi session starts with, per pi version. Every expectation here
 * was read from real pi 0.73.1, 0.87.1 and 1.6.0 (`pi --mode rpc`, get_state, on a copy of the dir).
 */
import { describe, expect, it } from "vitest";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import { EMPTY_SETTINGS, type PiSettings } from "../../../../src-main/core/pi/settings-file.js";
import { clampThinkingLevel, modelSwitchLevel, readDefaultModelPerProvider, startModel, type StartCandidate } from "../../../../src-main/core/pi/start-model.js";

const PI_073 = rulesFor("0.73.1");
const PI_087 = rulesFor("0.87.1");
const PI_160 = rulesFor("1.6.0");

const m = (id: string, reasoning: boolean, thinkingLevelMap?: Record<string, string | null>, provider = "myproxy"): StartCandidate => ({ provider, id, name: id, reasoning, thinkingLevelMap });
const think = m("think", true);
const plain = m("plain", false);
const xh = m("xh", true, { xhigh: "xhigh", max: "max" });
const nooff = m("nooff", true, { off: null });
const m1 = m("m1", true, undefined, "nokey");
const all = [think, plain, xh, nooff, m1];

function start(settings: Partial<PiSettings>, rules = PI_160, options: { scoped?: [StartCandidate, string?][]; available?: StartCandidate[]; table?: Record<string, string> } = {}) {
  const available = options.available ?? all.filter((x) => x.provider === "myproxy");
  return startModel({
    settings: { ...EMPTY_SETTINGS, rawDefaultThinkingLevel: settings.defaultThinkingLevel, ...settings },
    scoped: (options.scoped ?? []).map(([model, level]) => ({ model, thinkingLevel: level as never })),
    all,
    available,
    isAvailable: (p) => available.some((x) => x.provider === p),
    defaultModelPerProvider: options.table ?? {},
    rules,
  });
}

describe("startModel: which model", () => {
  it("takes the saved default when the scope is empty", () => {
    expect(start({ defaultProvider: "myproxy", defaultModel: "xh" })).toEqual({ ref: "myproxy/xh", thinkingLevel: "medium", via: "default" });
  });

  it("0.80.4: skips a saved default whose provider has no key (0.73.1 starts with it anyway)", () => {
    expect(start({ defaultProvider: "nokey", defaultModel: "m1" }, PI_073)).toMatchObject({ ref: "nokey/m1", via: "default" });
    expect(start({ defaultProvider: "nokey", defaultModel: "m1" }, PI_087)).toMatchObject({ ref: "myproxy/think", via: "first-available" });
  });

  it("falls back to pi's default model of the first provider in its table that has a key, then the first available", () => {
    expect(start({}, PI_160, { table: { other: "x", myproxy: "plain" } })).toMatchObject({ ref: "myproxy/plain", via: "provider-default" });
    expect(start({ defaultProvider: "myproxy", defaultModel: "gone" })).toMatchObject({ ref: "myproxy/think", via: "first-available" });
    expect(start({}, PI_160, { available: [] })).toBeNull();
  });

  it("starts on the saved default when it is in scope, else on the first scoped model, with the pattern's level", () => {
    const scoped: [StartCandidate, string?][] = [[plain], [think, "minimal"]];
    expect(start({ defaultProvider: "myproxy", defaultModel: "think" }, PI_073, { scoped })).toEqual({ ref: "myproxy/think", thinkingLevel: "minimal", via: "scope-default" });
    expect(start({ defaultProvider: "myproxy", defaultModel: "xh", defaultThinkingLevel: "low" }, PI_073, { scoped })).toEqual({ ref: "myproxy/plain", thinkingLevel: "off", via: "scope-first" });
  });
});

describe("startModel: which thinking level", () => {
  it("clamps to what the model supports: non-reasoning → off, max down to high where the model has no xhigh/max", () => {
    expect(start({ defaultProvider: "myproxy", defaultModel: "plain", defaultThinkingLevel: "high" })?.thinkingLevel).toBe("off");
    expect(start({ defaultProvider: "myproxy", defaultModel: "think", defaultThinkingLevel: "max" }, PI_087)?.thinkingLevel).toBe("high");
    expect(start({ defaultProvider: "myproxy", defaultModel: "xh", defaultThinkingLevel: "max" }, PI_087)?.thinkingLevel).toBe("max");
  });

  it("before 0.80.6 max is no level: like any unknown value it becomes the model's lowest level", () => {
    expect(start({ defaultProvider: "myproxy", defaultModel: "xh", rawDefaultThinkingLevel: "max" }, PI_073)?.thinkingLevel).toBe("off");
    expect(start({ defaultProvider: "myproxy", defaultModel: "think", rawDefaultThinkingLevel: "extreme" }, PI_160)?.thinkingLevel).toBe("off");
    expect(start({ defaultProvider: "myproxy", defaultModel: "nooff", rawDefaultThinkingLevel: "extreme" }, PI_160)?.thinkingLevel).toBe("minimal");
  });

  it("0.84.3: modelThinkingLevels wins over defaultThinkingLevel, at start and in scope; 0.73.1 ignores it", () => {
    const settings = { defaultProvider: "myproxy", defaultModel: "think", defaultThinkingLevel: "high" as const, modelThinkingLevels: { "myproxy/think": "low" } };
    expect(start(settings, PI_087)?.thinkingLevel).toBe("low");
    expect(start(settings, PI_073)?.thinkingLevel).toBe("high");
    expect(start({ defaultThinkingLevel: "high", modelThinkingLevels: { "myproxy/think": "low" } }, PI_160, { scoped: [[think]] })?.thinkingLevel).toBe("low");
    // The scope's own :level wins over both.
    expect(start(settings, PI_160, { scoped: [[think, "minimal"]] })?.thinkingLevel).toBe("minimal");
    // An unknown per-model value is still taken, then clamped to the lowest level.
    expect(start({ defaultProvider: "myproxy", defaultModel: "think", modelThinkingLevels: { "myproxy/think": "turbo" } }, PI_160)?.thinkingLevel).toBe("off");
  });

  it("says which level pi asks for when switching to a model", () => {
    const settings = { ...EMPTY_SETTINGS, modelThinkingLevels: { "myproxy/think": "low", "myproxy/xh": "turbo" } };
    expect(modelSwitchLevel(settings, think, PI_160)).toBe("low");
    expect(modelSwitchLevel(settings, xh, PI_160)).toBeNull();
    expect(modelSwitchLevel(settings, think, PI_073)).toBeNull();
  });
});

describe("clampThinkingLevel (pi-ai)", () => {
  it("goes up to the nearest supported level first, then down", () => {
    expect(clampThinkingLevel(nooff, "off", PI_160.thinkingLevels)).toBe("minimal");
    expect(clampThinkingLevel(think, "xhigh", PI_160.thinkingLevels)).toBe("high");
    expect(clampThinkingLevel(xh, "xhigh", PI_073.thinkingLevels)).toBe("xhigh");
  });
});

describe("readDefaultModelPerProvider", () => {
  it("reads pi's own table from its model-resolver.js, in pi's order", () => {
    const table = readDefaultModelPerProvider("node_modules/@mariozechner/pi-coding-agent");
    expect(Object.keys(table).slice(0, 3)).toEqual(["amazon-bedrock", "anthropic", "openai"]);
    expect(table.openrouter).toBe("moonshotai/kimi-k2.6");
    expect(readDefaultModelPerProvider("/nonexistent")).toEqual({});
  });
});
