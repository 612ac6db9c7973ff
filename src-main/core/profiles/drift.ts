/**
 * Drift: pi's files are the truth, the app only remembers which profile wrote a target's routing.
 * When models.json's routing at that target, or what a model there inherits from its provider
 * (a virtual provider's `only`, say), is no longer what the app left there, the record is
 * "drifted" and the window says so, with Re-apply and Forget. Only someone else's edit drifts:
 * the app's own writes (a routing save, a profile, "Undo last save", a restored backup) move the
 * baseline with them (rebaseAfterOwnWrite). Pure: records and the parsed file in, states out.
 */
import type { AppliedProfile, RoutingObject, RoutingProfile, RoutingTarget, ThinkingLevel } from "../common/index.js";
import { applyProfile } from "../common/profiles/profile-rules.js";
import { mergedRoutingAt, mergeRouting, sameLevelRouting, sameRouting, writtenLevelRoutingAt, writtenRoutingAt } from "../common/profiles/routing-at.js";

/** What the app stores per target (profile-store.ts); the state is computed, never stored. */
export interface AppliedRecord {
  target: RoutingTarget;
  profile: string;
  provider?: string;
  /** The routing written at the target when the app last wrote it. */
  routing: RoutingObject | null;
  /** A model or override target: the routing pi merged for the model then (its provider's under its own). Absent in records from before it was kept. */
  merged?: RoutingObject | null;
  /**
   * A model or override target: the thinking levels that had routing of their own there
   * (samplingParamsByThinkingLevel, pi 1.0.2), which pi sends at those levels instead of the
   * profile's. Absent in records from before it was kept.
   */
  levels?: Partial<Record<ThinkingLevel, RoutingObject>>;
  appliedAt: string;
}

const inherits = (target: RoutingTarget) => target.level !== "provider";

/** Each record with whether models.json (parsed; null when absent or unparseable) still holds what the app left there. */
export function detectDrift(records: readonly AppliedRecord[], modelsFile: unknown): AppliedProfile[] {
  return records.map(({ merged, levels, ...record }) => {
    const current = writtenRoutingAt(modelsFile, record.target);
    let drifted = !sameRouting(current, record.routing);
    const applied: AppliedProfile = { ...record, state: "applied", current };
    if (levels !== undefined && inherits(record.target)) {
      // A level given routing of its own by hand no longer sends the profile's at that level.
      const now = writtenLevelRoutingAt(modelsFile, record.target);
      if (!sameLevelRouting(now, levels)) {
        applied.levels = { applied: levels, now };
        drifted = true;
      }
    }
    if (merged !== undefined && inherits(record.target)) {
      const now = mergedRoutingAt(modelsFile, record.target);
      applied.merged = { applied: merged, now };
      drifted ||= !sameRouting(now, merged);
    }
    if (drifted) applied.state = "drifted";
    return applied;
  });
}

/** A record as the app leaves it in `file`: its routing there and, for a model, what pi merges for it. */
export function recordAt(record: Omit<AppliedRecord, "routing" | "merged">, file: unknown): AppliedRecord {
  const routing = writtenRoutingAt(file, record.target);
  return { ...record, routing, ...(inherits(record.target) ? { merged: mergedRoutingAt(file, record.target), levels: writtenLevelRoutingAt(file, record.target) } : {}) };
}

/** Whether the routing at a target still says what the profile sets (a merge profile's keys, or a replace profile's whole object). */
export function profileHolds(profile: RoutingProfile | undefined, provider: string | undefined, routing: RoutingObject | null): boolean {
  if (!profile || !routing) return false;
  try {
    return sameRouting(applyProfile(routing, profile, provider), routing);
  } catch {
    // A pin whose provider was not recorded cannot be checked.
    return false;
  }
}

/**
 * The records after one of the app's own writes of models.json (parsed before and after). A record
 * whose routing the write did not touch is kept as it is, drift and all: a hand edit elsewhere is
 * still news. One the write touched takes the new routing as its baseline while its profile still
 * holds there (a routing save that kept the profile's keys); otherwise the app itself replaced the
 * profile, and the record goes (no alarm: the user did it). When only what the model inherits
 * changed, the baseline merges the provider's new routing over the record's own baseline, so a
 * hand edit of the model's routing stays visible.
 */
export function rebaseAfterOwnWrite(records: readonly AppliedRecord[], before: unknown, after: unknown, profiles: readonly RoutingProfile[]): AppliedRecord[] {
  const out: AppliedRecord[] = [];
  for (const record of records) {
    const writtenChanged = !sameRouting(writtenRoutingAt(before, record.target), writtenRoutingAt(after, record.target));
    const inheritedChanged = inherits(record.target) && !sameRouting(writtenRoutingAt(before, { level: "provider", provider: record.target.provider }), writtenRoutingAt(after, { level: "provider", provider: record.target.provider }));
    // The app's own save of a level's routing (the routing editor at a thinking level) moves that baseline only.
    const levelsAfter = writtenLevelRoutingAt(after, record.target);
    const levelsChanged = record.levels !== undefined && inherits(record.target) && !sameLevelRouting(writtenLevelRoutingAt(before, record.target), levelsAfter);
    if (!writtenChanged && !inheritedChanged) {
      out.push(levelsChanged ? { ...record, levels: levelsAfter } : record);
      continue;
    }
    const routing = writtenChanged ? writtenRoutingAt(after, record.target) : record.routing;
    if (!profileHolds(profiles.find((p) => p.name === record.profile), record.provider, routing)) continue;
    const next: AppliedRecord = { ...record, routing };
    if (inherits(record.target)) next.merged = mergeRouting(writtenRoutingAt(after, { level: "provider", provider: record.target.provider }), routing);
    if (levelsChanged) next.levels = levelsAfter;
    out.push(next);
  }
  return out;
}
