/**
 * pi's own verdict in one line ("pi 1.6.0 agrees" ✓, "pi 1.6.0 disagrees on 2 things" with the
 * list), for the Config health and Models headers. Where pi and the app differ, pi's answer is the
 * one pi acts on; for a pi newer than the app knows the line is a notice, since pi decides.
 */
import type { PiVerdict } from "../../../src-main/core/common/index.js";

const MARK: Record<PiVerdict["state"], string> = { agrees: "✓", disagrees: "✗", pending: "…", unavailable: "–", timeout: "!", error: "!" };

export function PiVerdictLine({ verdict }: { verdict: PiVerdict | undefined }) {
  if (!verdict) return null;
  const tone = verdict.state === "agrees" ? "ok" : verdict.state === "disagrees" ? "bad" : verdict.state === "pending" || verdict.state === "unavailable" ? "muted" : "warn";
  const line = (
    <span className={`verdict-line verdict-${tone}`} role="status" aria-live="polite" title={verdict.checkedAt ? `checked ${new Date(verdict.checkedAt).toLocaleString()}` : undefined}>
      <span aria-hidden="true">{MARK[verdict.state]} </span>
      {verdict.note}
    </span>
  );
  const body =
    verdict.differences.length === 0 ? (
      line
    ) : (
      <details className="verdict-details">
        <summary>{line}</summary>
        <ul>
          {verdict.differences.map((d, i) => (
            <li key={i}>
              <strong>{d.field}</strong>
              {d.ref && <code> {d.ref}</code>}: pi {d.pi} · the app: {d.app}
            </li>
          ))}
          {verdict.moreDifferences > 0 && <li>… and {verdict.moreDifferences} more</li>}
        </ul>
      </details>
    );
  return <div className={`verdict${verdict.leanOnPi ? " verdict-prominent" : ""}`}>{body}</div>;
}
