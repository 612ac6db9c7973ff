/**
 * Where profiles were applied, and whether models.json still says what they wrote. pi's file is
 * the truth: a target edited by hand since (or the provider routing a model inherits) shows
 * "Edited by hand since Cheapest was applied" with Re-apply (reviewed like any apply) and Forget
 * (the app stops remembering; the file is untouched); "Forget all" does that for every drifted
 * target listed. The app's own saves and undos never show here as edits.
 */
import type { AppliedProfile } from "../../../src-main/core/common/index.js";
import { EmptyState } from "../../ui/Notice";
import { sameRouting } from "../../../src-main/core/common/profiles/routing-at";
import { targetLabel } from "../routing-editor/routing-draft";
import { appliedStateText, describeRouting, isInheritedDrift, profileLabel } from "./profile-view-model";

interface Props {
  applied: AppliedProfile[];
  /** Whether the profile still exists (a deleted one cannot be re-applied). */
  canReapply(a: AppliedProfile): boolean;
  onReapply(a: AppliedProfile): void;
  onForget(a: AppliedProfile): void;
  /** Forget every drifted target listed here. */
  onForgetAll(drifted: AppliedProfile[]): void;
  labelledBy: string;
}

export function AppliedList({ applied, canReapply, onReapply, onForget, onForgetAll, labelledBy }: Props) {
  if (!applied.length) {
    return <EmptyState title="No profile applied yet">Apply a profile above; each target it writes shows here, and so does a hand edit of it later.</EmptyState>;
  }
  const drifted = applied.filter((a) => a.state === "drifted");
  return (
    <>
      {drifted.length > 0 && (
        <div className="drift-summary">
          <p role="status">{drifted.length === 1 ? "1 target was" : `${drifted.length} targets were`} edited by hand since a profile was applied.</p>
          {drifted.length > 1 && (
            <button type="button" className="ghost" onClick={() => onForgetAll(drifted)} title="The app stops remembering these profiles; models.json is not touched.">
              Forget all {drifted.length}
            </button>
          )}
        </div>
      )}
      <ul className="applied-list" aria-labelledby={labelledBy}>
        {applied.map((a) => {
          const name = profileLabel(a.profile, a.provider);
          return (
            <li key={JSON.stringify(a.target)} className={`applied-item state-${a.state}`}>
              <div className="applied-target"><code>{targetLabel(a.target)}</code></div>
              <div className="applied-state">
                <span className={a.state === "applied" ? "profile-ok" : "profile-drifted"}>{appliedStateText(a)}</span>
                <span className="muted small"> · {new Date(a.appliedAt).toLocaleString()}</span>
              </div>
              {a.state === "drifted" && !isInheritedDrift(a) && !sameRouting(a.routing, a.current) && (
                <div className="applied-detail small">
                  <div><span className="muted">{name} wrote</span> <code>{describeRouting(a.routing)}</code></div>
                  <div><span className="muted">models.json has</span> <code>{describeRouting(a.current)}</code></div>
                </div>
              )}
              {a.levels && (
                <div className="plan-routing" data-testid="level-drift">
                  <span className="muted">at thinking levels, pi now sends</span> <code>{levelDriftText(a.levels.now)}</code>
                </div>
              )}
              {isInheritedDrift(a) && a.merged && (
                <div className="applied-detail small">
                  <div><span className="muted">pi sent</span> <code>{describeRouting(a.merged.applied)}</code></div>
                  <div><span className="muted">pi sends now</span> <code>{describeRouting(a.merged.now)}</code></div>
                </div>
              )}
              <div className="actions">
                {a.state === "drifted" && (
                  <button type="button" onClick={() => onReapply(a)} disabled={!canReapply(a)} title={canReapply(a) ? undefined : "That profile was deleted"}>
                    Re-apply {name}
                  </button>
                )}
                <button type="button" className="ghost" onClick={() => onForget(a)} aria-label={`Forget ${targetLabel(a.target)}`}>Forget</button>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** What each thinking level with routing of its own sends now ("high: only groq"), or that none has any left. */
function levelDriftText(now: NonNullable<AppliedProfile["levels"]>["now"]): string {
  const entries = Object.entries(now);
  return entries.length ? entries.map(([level, routing]) => `${level}: ${describeRouting(routing ?? null)}`).join("; ") : "the model's routing at every level";
}
