/**
 * The Models header's credits fact: what the key pi uses has left on OpenRouter, as the tray and the
 * quick switcher say it (core credits-line.ts), marked below the Preferences threshold. The last
 * check answers first (no request when it is recent), then every `credits` event; "Check again"
 * asks OpenRouter now. A host without the credits check says so instead.
 */
import { useEffect, useState } from "react";
import { creditsLine } from "../../../src-main/core/common/openrouter/credits-line";
import { useSwitchboard } from "../../api/context";
import { useCredits } from "../key/use-credits";

export function HeaderCredits() {
  const { api } = useSwitchboard();
  const credits = useCredits();
  const problem = credits.result && !credits.result.ok ? credits.result.error.message : null;
  const [threshold, setThreshold] = useState<number | null>(null);
  useEffect(() => {
    api.invoke("getPreferences", null).then(
      (state) => setThreshold(state.values.lowCreditThreshold),
      () => setThreshold(null),
    );
  }, [api]);
  const line = credits.info ? creditsLine(credits.info, threshold) : null;
  return (
    <div>
      <dt>Credits</dt>
      <dd className="header-credits">
        {line ? (
          <span className={line.low ? "verdict-warn" : undefined} title={line.detail}>
            {line.text}
          </span>
        ) : credits.unavailable ? (
          <span className="muted">not available here</span>
        ) : problem ? (
          <span className="muted" title={problem}>
            could not check
          </span>
        ) : (
          <span className="muted">checking…</span>
        )}
        {!credits.unavailable && (
          <button type="button" className="link small" disabled={credits.checking} onClick={() => void credits.refresh()}>
            {credits.checking ? "Checking…" : "Check again"}
          </button>
        )}
      </dd>
    </div>
  );
}
