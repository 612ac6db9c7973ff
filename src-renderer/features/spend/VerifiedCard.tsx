/**
 * "Verified by OpenRouter": for the period's OpenRouter answers, the upstream provider that served
 * each and what OpenRouter charged, beside pi's estimate; answers served outside a model's `only`
 * list ("routing not honoured"); the share per upstream provider. The records are asked on the
 * main side (cached on disk, each answer once) when the view opens or on Verify; offline, the card
 * shows what the cache knows and says what is not verified.
 */
import type { SpendVerification } from "../../../src-main/core/common/contract/spend";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { Notice } from "../../ui/Notice";
import { dollars, percent } from "./spend-format";

export function VerifiedCard({ verification, checking, onVerify }: { verification: SpendVerification | null; checking: boolean; onVerify: () => void }) {
  const v = verification;
  return (
    <section className="card spend-verified" aria-labelledby="spend-verified-title" aria-busy={checking}>
      <div className="row spread">
        <h3 id="spend-verified-title">Verified by OpenRouter</h3>
        <button type="button" onClick={onVerify} disabled={checking}>
          {checking ? "Asking OpenRouter…" : "Verify again"}
        </button>
      </div>
      {!v ? (
        <p className="muted" role="status">Reading OpenRouter's records of these answers…</p>
      ) : v.answers === 0 ? (
        <p className="muted">No answers from an OpenRouter provider in this period.</p>
      ) : (
        <>
          <p>
            <strong>{v.verified}</strong> of {v.answers} OpenRouter answers verified: pi estimated <strong>{dollars(v.estimatedCost)}</strong>, OpenRouter charged <strong>{dollars(v.realCost)}</strong>.
          </p>
          {v.note && <Notice tone="info">{v.note}</Notice>}
          {v.outsideOnly.length > 0 && (
            <Notice tone="warning">
              <strong>Routing not honoured: </strong>
              {v.outsideOnly.length} answer{v.outsideOnly.length === 1 ? " was" : "s were"} served outside the model's <code>only</code> list.
              <ul className="spend-outside">
                {v.outsideOnly.slice(0, 5).map((a) => (
                  <li key={a.responseId}>
                    {visibleText(`${a.provider}/${a.model}`)} by <strong>{visibleText(a.servedBy)}</strong> (only {visibleText(a.only.join(", "))}) on {a.at.slice(0, 16).replace("T", " ")} UTC
                  </li>
                ))}
              </ul>
            </Notice>
          )}
          {v.servedBy.length > 0 && (
            <div className="spend-share" aria-label="Share per upstream provider">
              {v.servedBy.map((s) => (
                <div key={s.provider} className="spend-share-row">
                  <span className="spend-share-name">{visibleText(s.provider)}</span>
                  <span className="spend-share-bar" aria-hidden="true">
                    <span style={{ width: percent(s.answers / Math.max(1, v.verified)) }} />
                  </span>
                  <span className="muted small">
                    {percent(s.answers / Math.max(1, v.verified))} · {s.answers} · {dollars(s.realCost)}
                  </span>
                </div>
              ))}
            </div>
          )}
          <div className="table-scroll">
            <table aria-label="Verified answers by model">
              <thead>
                <tr>
                  <th>Model</th>
                  <th>Served by</th>
                  <th className="num col-wide">Verified</th>
                  <th className="num col-wide">pi's estimate</th>
                  <th className="num">OpenRouter</th>
                </tr>
              </thead>
              <tbody>
                {v.models.map((m) => (
                  <tr key={`${m.provider}/${m.model}`}>
                    <td className="spend-row-label">
                      {visibleText(`${m.provider}/${m.model}`)}
                      {m.outsideOnly > 0 && <span className="badge badge-fallbacks spend-badge">{m.outsideOnly} outside only</span>}
                    </td>
                    <td>{m.servedBy.map((s) => `${visibleText(s.provider)} (${s.answers})`).join(", ") || "—"}</td>
                    <td className="num col-wide">
                      {m.verified}/{m.answers}
                    </td>
                    <td className="num col-wide">{dollars(m.estimatedCost)}</td>
                    <td className="num">{dollars(m.realCost)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
