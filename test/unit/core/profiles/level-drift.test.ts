/**
 * Drift at a thinking level: a profile applied to a model whose level then gets routing of its own
 * by hand (samplingParamsByThinkingLevel.<level>.provider, which pi 1.0.2 sends at that level in
 * place of the profile's) is drifted, saying which level sends what; the app's own save of a
 * level's routing moves the baseline instead. A profile's plan names the levels it does not reach.
 */
import { describe, expect, it } from "vitest";
import type { ModelEntry, RoutingProfile, RoutingTarget } from "../../../../src-main/core/common/index.js";
import { detectDrift, rebaseAfterOwnWrite, recordAt } from "../../../../src-main/core/profiles/drift.js";
import { levelsKept } from "../../../../src-main/core/profiles/profile-writes.js";

const target: RoutingTarget = { level: "model", provider: "openrouter-levels", id: "moonshotai/kimi-k2" };
const PRIVATE: RoutingProfile = { name: "Private", description: "", builtIn: true, mode: "merge", routing: { data_collection: "deny", zdr: true } };
const file = (levels?: Record<string, unknown>) => ({
  providers: {
    "openrouter-levels": {
      models: [{ id: "moonshotai/kimi-k2", compat: { openRouterRouting: { data_collection: "deny", zdr: true } }, ...(levels ? { samplingParamsByThinkingLevel: levels } : {}) }],
    },
  },
});

describe("drift at a thinking level", () => {
  const record = recordAt({ target, profile: "Private", appliedAt: "2026-12-06T00:00:00.000Z" }, file({ low: { temperature: 0.2 } }));

  it("records the levels with routing of their own when the profile is applied (none here)", () => {
    expect(record.levels).toEqual({});
    expect(detectDrift([record], file({ low: { temperature: 0.2 } }))[0]!.state).toBe("applied");
  });

  it("a hand edit that gives high its own provider drifts the record, naming what high sends now", () => {
    const [applied] = detectDrift([record], file({ low: { temperature: 0.2 }, high: { provider: { only: ["groq"] } } }));
    expect(applied!.state).toBe("drifted");
    expect(applied!.levels).toEqual({ applied: {}, now: { high: { only: ["groq"] } } });
    // The model's own routing is untouched: only the level says why.
    expect(applied!.current).toEqual({ data_collection: "deny", zdr: true });
  });

  it("the app's own save of a level's routing moves the baseline: no drift", () => {
    const after = file({ low: { temperature: 0.2 }, high: { provider: { only: ["novita"] } } });
    const [rebased] = rebaseAfterOwnWrite([record], file({ low: { temperature: 0.2 } }), after, [PRIVATE]);
    expect(rebased!.levels).toEqual({ high: { only: ["novita"] } });
    expect(detectDrift([rebased!], after)[0]!.state).toBe("applied");
  });

  it("a record from before levels were kept is not called drifted for them", () => {
    const { levels: _levels, ...old } = record;
    expect(detectDrift([old], file({ high: { provider: { only: ["groq"] } } }))[0]!.state).toBe("applied");
  });
});

describe("a profile's plan and per-level routing", () => {
  it("names the levels of a reached model that keep routing of their own, and only those models", () => {
    const kimi = { provider: "openrouter-levels", id: "moonshotai/kimi-k2", origin: "custom" } as ModelEntry;
    const other = { provider: "openrouter-levels", id: "other", origin: "custom" } as ModelEntry;
    const withLevels = file({ low: { temperature: 0.2 }, high: { provider: { only: ["groq"] } }, max: { provider: {} } });
    const change = { target, models: ["openrouter-levels/moonshotai/kimi-k2"], before: null, after: { zdr: true } };
    expect(levelsKept({ file: withLevels, models: [kimi, other] }, [change])).toEqual([{ ref: "openrouter-levels/moonshotai/kimi-k2", levels: ["high", "max"] }]);
    expect(levelsKept({ file: file({ low: { temperature: 0.2 } }), models: [kimi] }, [change])).toEqual([]);
  });
});
