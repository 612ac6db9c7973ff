/**
 * The Models header's credits fact: what the key pi uses has left on OpenRouter, as the tray and the
 * quick switcher say it (core credits-line.ts), marked below the Preferences threshold. The last
 * check answers first (no request when it is recent), then every `credits` event; "Check again"
 * asks OpenRouter now. A host without the credits check says so instead.
 */
import { useEffect, useState } from "react";
import type { CreditsInfo } from "../../../src-main/core/common/index.js";
import { creditsLine } from "../../../src-main/core/common/openrouter/credits-line";
import { isUnavailable, useSwitchboard } from "../../api/context";

const UNAVAILABLE = "unavailable here";

function useCredits(): { info: CreditsInfo | null; problem: string | null; refresh: () => void; busy: boolean } {
  const { api } = useSwitchboard();
  const [info, setInfo] = useState<CreditsInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ask = (refresh: boolean) => {
    setBusy(true);
    api.invoke("keyCredits", { refresh }).then(
      (result) => {
        setBusy(false);
        if (result.ok) {
          setInfo(result.value);
          setProblem(null);
        } else setProblem(result.error.message);
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(isUnavailable(error) ? UNAVAILABLE : (error as Error).message);
      },
    );
  };
  useEffect(() => {
    const off = api.on("credits", (next) => {
      setInfo(next);
      setProblem(null);
    });
    ask(false);
    return off;
    // Once per api: ask() only uses api.
  }, [api]);
  return { info, problem, refresh: () => ask(true), busy };
}

export function HeaderCredits() {
  const { api } = useSwitchboard();
  const credits = useCredits();
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
        ) : credits.problem ? (
          <span className="muted" title={credits.problem}>
            {credits.problem === UNAVAILABLE ? "not available here" : "could not check"}
          </span>
        ) : (
          <span className="muted">checking…</span>
        )}
        {credits.problem !== UNAVAILABLE && (
          <button type="button" className="link small" disabled={credits.busy} onClick={credits.refresh}>
            {credits.busy ? "Checking…" : "Check again"}
          </button>
        )}
      </dd>
    </div>
  );
}
