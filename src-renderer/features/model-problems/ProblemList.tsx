/**
 * A model's problems (ModelEntry.problems, computed in core/pi/model-problems.ts) where the user
 * acts on it: each sentence with its severity, what to do, and the fix the app can apply (the
 * caller previews its diff before it runs). Used by the Models row and Config health.
 */
import type { ModelEntry, ModelProblem } from "../../../src-main/core/common/index.js";
import { visibleText } from "../../../src-main/core/common/visible-text";

export const hasError = (m: Pick<ModelEntry, "problems">) => m.problems.some((p) => p.severity === "error");

/** The marker before a model's name: ✗ where pi fails on it, ⚠ where it works but not as written. */
export const problemMark = (m: Pick<ModelEntry, "problems">) => (hasError(m) ? "✗" : m.problems.length ? "⚠" : "");

export function ProblemList({ problems, modelRef, onFix, showHint = true }: { problems: ModelProblem[]; modelRef: string; onFix?: (problem: ModelProblem) => void; showHint?: boolean }) {
  if (problems.length === 0) return null;
  return (
    <ul className="model-problems" aria-label={`Problems of ${visibleText(modelRef)}`}>
      {problems.map((p, i) => (
        <li key={`${p.code}-${i}`} className={`model-problem problem-${p.severity}`}>
          <span className="model-problem-mark" aria-hidden="true">
            {p.severity === "error" ? "✗" : "⚠"}
          </span>
          <span className="visually-hidden">{p.severity === "error" ? "Error: " : "Warning: "}</span>
          <span className="model-problem-text">
            {visibleText(p.message)}
            {showHint && p.hint && !p.fix && <span className="muted"> {visibleText(p.hint)}</span>}
          </span>
          {p.fix && onFix && (
            <button type="button" className="small-button" onClick={() => onFix(p)} aria-label={`${p.fix.label} (${visibleText(modelRef)}): preview the change`}>
              {p.fix.label}…
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

const SHORT: Record<ModelProblem["code"], string> = {
  "key-is-variable-name": "key is a variable's name",
  "no-key": "no key",
  "pi-stops": "pi stops at start",
  "header-unset": "header variable unset",
  "routing-not-sent": "routing not sent",
  "key-leak": "key would leave OpenRouter",
  "unknown-slug": "unknown provider slug",
  "routing-not-honoured": "routing not honoured",
  "endpoint-degraded": "pinned provider degraded",
};

/** A tag for a tight spot (the switcher, the tray): the first problem in a few words, its sentence on hover. */
export function problemTag(m: Pick<ModelEntry, "problems">): { text: string; title: string; isError: boolean } | null {
  const first = m.problems[0];
  if (!first) return null;
  const more = m.problems.length > 1 ? ` +${m.problems.length - 1}` : "";
  return { text: `${first.severity === "error" ? "✗" : "⚠"} ${SHORT[first.code]}${more}`, title: m.problems.map((p) => visibleText(p.message)).join("\n"), isError: first.severity === "error" };
}
