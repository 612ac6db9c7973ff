/**
 * Drift: pi's files are the truth, the app only remembers which profile wrote a target's routing.
 * When models.json's routing at that target is no longer what the profile wrote (a hand edit, an
 * edit in the routing editor, a restored backup), the record is "drifted" and the window says so,
 * with Re-apply and Forget. Pure: records and the parsed file in, states out.
 */
import type { AppliedProfile, RoutingObject, RoutingTarget } from "../contract.js";
import { sameRouting, writtenRoutingAt } from "./routing-at.js";

/** What the app stores per target (profile-store.ts); the state is computed, never stored. */
export interface AppliedRecord {
  target: RoutingTarget;
  profile: string;
  provider?: string;
  routing: RoutingObject | null;
  appliedAt: string;
}

/** Each record with whether models.json (parsed; null when absent or unparseable) still holds what the profile wrote. */
export function detectDrift(records: readonly AppliedRecord[], modelsFile: unknown): AppliedProfile[] {
  return records.map((record) => {
    const current = writtenRoutingAt(modelsFile, record.target);
    return { ...record, state: sameRouting(current, record.routing) ? "applied" : "drifted", current };
  });
}
