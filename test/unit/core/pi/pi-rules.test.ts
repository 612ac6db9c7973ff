import { describe, expect, it } from "vitest";
import { NEWEST_KNOWN_PI, rulesFor } from "../../../../src-main/core/pi/pi-rules.js";

describe("rulesFor: one rule set per detected pi version", () => {
  it("keeps pi 0.73.1's behaviour for 0.73.1", () => {
    const rules = rulesFor("0.73.1");
    expect(rules).toMatchObject({ basis: "0.73.1", routingNeedsOpenRouterBaseUrl: true, configValues: "name-or-literal", keyOrder: "env-then-models", auth: "registry", samplingParams: false });
    expect(rules.thinkingLevels).not.toContain("max");
    expect(rules.assumes).toMatch(/^pi 0\.73\.1 rules: key order --api-key, auth\.json, env var, models\.json apiKey/);
  });

  it("switches each change on at the release where it landed", () => {
    expect(rulesFor("0.78.1").routingNeedsOpenRouterBaseUrl).toBe(true);
    expect(rulesFor("0.79.0").routingNeedsOpenRouterBaseUrl).toBe(false);
    expect(rulesFor("0.76.0").configValues).toBe("name-or-literal");
    expect(rulesFor("0.77.0").configValues).toBe("template-or-name");
    expect(rulesFor("0.79.4").configValues).toBe("template");
    // Published as 0.78.0 (0.77.0 never reached npm): hasConfiguredAuth asks isConfigValueConfigured.
    expect([rulesFor("0.76.0").unsetKeyVarMeansNoAuth, rulesFor("0.77.0").unsetKeyVarMeansNoAuth, rulesFor("0.79.4").unsetKeyVarMeansNoAuth]).toEqual([false, true, true]);
    expect(rulesFor("0.80.7")).toMatchObject({ auth: "registry", keyOrder: "env-then-models", errorsDisableOnlyTheirProvider: false, modelsChangeApplies: "model-picker" });
    expect(rulesFor("0.80.8")).toMatchObject({ auth: "runtime", keyOrder: "models-then-env", errorsDisableOnlyTheirProvider: true, modelsChangeApplies: "restart" });
    expect(rulesFor("0.82.0").modelsChangeApplies).toBe("restart-or-reselect");
    expect([rulesFor("0.84.2").modelsJsonBom, rulesFor("0.84.3").modelsJsonBom]).toEqual([false, true]);
    expect([rulesFor("1.1.0").storedOpenRouterListReplacesCatalog, rulesFor("1.2.0").storedOpenRouterListReplacesCatalog]).toEqual([false, true]);
    expect(rulesFor("0.83.0").samplingParams).toBe(false);
    expect(rulesFor("0.84.0").samplingParams).toBe(true);
    expect(rulesFor("1.0.1").samplingParamsByThinkingLevel).toBe(false);
    expect(rulesFor("1.0.2").samplingParamsByThinkingLevel).toBe(true);
    expect(rulesFor("0.80.6").thinkingLevels).toContain("max");
  });

  it("applies pi 1.6.0's rules to 1.6.0 and says so", () => {
    const rules = rulesFor("1.6.0");
    expect(rules).toMatchObject({ basis: "1.6.0", auth: "runtime", keyOrder: "models-then-env", errorsDisableOnlyTheirProvider: true });
    expect(rules.assumes).toMatch(/^pi 1\.6\.0 rules: key order --api-key, auth\.json, models\.json apiKey, env var; routing sent for every openai-completions model/);
  });

  it("says which rules it applies to a pi newer than it knows, and leans on pi's verdict", () => {
    const rules = rulesFor("2.1.0");
    expect(rules.basis).toBe(NEWEST_KNOWN_PI);
    expect(rules.version).toBe("2.1.0");
    expect(rules.assumes).toMatch(/^pi 2\.1\.0 is newer than 1\.6\.0, the newest release this app knows: applying 1\.6\.0 rules; pi's own verdict decides/);
  });

  it("assumes the newest rules, and says so, when pi is missing or its version unreadable", () => {
    expect(rulesFor(null).assumes).toMatch(/^pi not found: assuming pi 1\.6\.0 rules/);
    expect(rulesFor("banana").assumes).toMatch(/^pi version "banana" not understood/);
    expect(rulesFor("0.60.0").basis).toBe("0.73.1");
  });
});
