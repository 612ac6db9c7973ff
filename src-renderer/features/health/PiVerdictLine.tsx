/**
 * pi's own verdict in one line ("pi 1.6.0 agrees" ✓, "pi 1.6.0 disagrees on 2 things" with the
 * list), for the Config health and Models headers. Where pi and the app differ, pi's answer is the
 * one pi acts on; for a pi newer than the app knows the line is a notice, since pi decides.
 * `besideVersion`: the line follows pi's version (the Models header), so "pi 1.6.0 agrees" and
 * "Checking with pi 1.6.0…" say only "agrees" and "checking" (the full note is the tooltip). Both
 * are as wide as each other, so the header keeps its height when the answer lands.
 */
import type { PiVerdict } from "../../../src-main/core/common/index.js";

const MARK: Record<PiVerdict["state"], string> = { agrees: "✓", disagrees: "✗", pending: "…", unavailable: "–", timeout: "!", error: "!" };
const BESIDE_VERSION: Partial<Record<PiVerdict["state"], string>> = { agrees: "agrees", pending: "checking" };

export function PiVerdictLine({ verdict, besideVersion = false }: { verdict: PiVerdict | undefined; besideVersion?: boolean }) {
  if (!verdict) return null;
  const tone = verdict.state === "agrees" ? "ok" : verdict.state === "disagrees" ? "bad" : verdict.state === "pending" || verdict.state === "unavailable" ? "muted" : "warn";
  const short = besideVersion ? BESIDE_VERSION[verdict.state] : undefined;
  const checked = verdict.checkedAt ? `checked ${new Date(verdict.checkedAt).toLocaleString()}` : undefined;
  const line = (
    <span className={`verdict-line verdict-${tone}`} role="status" aria-live="polite" title={short ? [verdict.note, checked].filter(Boolean).join(" · ") : checked}>
      <span aria-hidden="true">{MARK[verdict.state]} </span>
      {short ?? verdict.note}
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
