/**
 * Where profiles were applied, and whether models.json still says what they wrote. pi's file is
 * the truth: a target edited by hand since shows "Edited by hand since Cheapest was applied" with
 * Re-apply (reviewed like any apply) and Forget (the app stops remembering; the file is untouched).
 */
import type { AppliedProfile } from "../../../src-main/core/contract";
import { EmptyState } from "../../ui/Notice";
import { targetLabel } from "../routing-editor/routing-draft";
import { appliedStateText, describeRouting, profileLabel } from "./profile-view-model";

interface Props {
  applied: AppliedProfile[];
  /** Whether the profile still exists (a deleted one cannot be re-applied). */
  canReapply(a: AppliedProfile): boolean;
  onReapply(a: AppliedProfile): void;
  onForget(a: AppliedProfile): void;
  labelledBy: string;
}

export function AppliedList({ applied, canReapply, onReapply, onForget, labelledBy }: Props) {
  if (!applied.length) {
    return <EmptyState title="No profile applied yet">Apply a profile above; each target it writes shows here, and so does a hand edit of it later.</EmptyState>;
  }
  const drifted = applied.filter((a) => a.state === "drifted").length;
  return (
    <>
      {drifted > 0 && <p className="drift-summary" role="status">{drifted === 1 ? "1 target was" : `${drifted} targets were`} edited by hand since a profile was applied.</p>}
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
              {a.state === "drifted" && (
                <div className="applied-detail small">
                  <div><span className="muted">{name} wrote</span> <code>{describeRouting(a.routing)}</code></div>
                  <div><span className="muted">models.json has</span> <code>{describeRouting(a.current)}</code></div>
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
