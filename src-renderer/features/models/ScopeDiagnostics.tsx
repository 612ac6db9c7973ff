/**
 * enabledModels patterns that match nothing, each with its real cause from the core's scope advice
 * (a `*` that does not cross `/`, a wrong provider prefix, an unknown id, a provider without a key)
 * and, where pi would scope something with it, a one-click fix (settings.json diff first); the
 * other pi-specific hints; and a way into the scope editor for each.
 */
import { useState } from "react";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { useSwitchboard } from "../../api/context";
import { Notice } from "../../ui/Notice";
import { useScopeFix, type ScopeFixOutcome } from "../scope-editor/use-scope-fix";

export function ScopeDiagnostics({ onEdit }: { onEdit?: (pattern: string) => void }) {
  const { snapshot } = useSwitchboard();
  // Kept here, not in the list: after the last fix the list is gone but its outcome must still show.
  const [outcome, setOutcome] = useState<ScopeFixOutcome | null>(null);
  const [applyFix, fixDialog] = useScopeFix(setOutcome);
  if (!snapshot) return null;
  const { unmatched, hints, advice } = snapshot.scope;
  const done = outcome && (
    <Notice tone={outcome.tone} onDismiss={() => setOutcome(null)}>
      {outcome.text}
    </Notice>
  );
  if (unmatched.length === 0 && hints.length === 0) return done || null;
  const edit = (p: string) =>
    onEdit && (
      <>
        {" "}
        <button type="button" className="link" onClick={() => onEdit(p)} aria-label={`Edit pattern ${p}`}>
          Edit pattern
        </button>
      </>
    );
  const causeOf = (p: string) => advice.find((a) => a.pattern === p)?.message ?? hints.find((h) => h.pattern === p)?.message;
  const fixOf = (p: string) => {
    const found = advice.find((a) => a.pattern === p && a.fix !== undefined);
    return (
      found && (
        <>
          {" "}
          <button type="button" className="small-button" onClick={() => void applyFix(found)} aria-label={`Use ${visibleText(found.fix!)} instead of ${visibleText(p)}`}>
            Use <code>{visibleText(found.fix!)}</code>
          </button>
        </>
      )
    );
  };
  return (
    <>
      {done}
      {fixDialog}
      <Notice tone="warning">
        <strong>Scope patterns to check in settings.json</strong>
        <ul className="diagnostics" aria-label="Pattern diagnostics">
          {[...new Set(unmatched)].map((p) => (
            <li key={`u-${p}`}>
              <code>{visibleText(p)}</code> matches no model{causeOf(p) ? `: ${visibleText(causeOf(p)!)}` : "."}
              {fixOf(p)}
              {edit(p)}
            </li>
          ))}
          {hints
            .filter((h) => !unmatched.includes(h.pattern))
            .map((h) => (
              <li key={`h-${h.pattern}`}>
                <code>{visibleText(h.pattern)}</code>: {visibleText(h.message)}
                {edit(h.pattern)}
              </li>
            ))}
        </ul>
      </Notice>
    </>
  );
}
