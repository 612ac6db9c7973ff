/**
 * The Spend view: what pi's session files say was spent (pi's own estimate per answer), by a
 * period and a grouping, with a cost-per-day chart and a table; below it, OpenRouter's record of
 * the same answers (VerifiedCard). Reports come from the main side (spendReport), which reads the
 * session files once and follows them: each `spend` event (pi wrote) refreshes what is shown.
 */
import { useCallback, useEffect, useState } from "react";
import type { SpendGrouping, SpendReport, SpendVerification } from "../../../src-main/core/common/contract/spend";
import { parseSince } from "../../../src-main/core/common/spend-report";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { useSwitchboard } from "../../api/context";
import { EmptyState, Notice } from "../../ui/Notice";
import { SpendChart } from "./SpendChart";
import { dollars, percent, rowLabel, tokens } from "./spend-format";
import { VerifiedCard } from "./VerifiedCard";

const PERIODS = [
  { value: "today", label: "Today" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
  { value: "all", label: "All" },
] as const;
type Period = (typeof PERIODS)[number]["value"];

const GROUPINGS: { value: SpendGrouping; label: string }[] = [
  { value: "model", label: "Model" },
  { value: "provider", label: "Provider" },
  { value: "project", label: "Project" },
  { value: "day", label: "Day" },
  { value: "thinking", label: "Thinking" },
];

/** One of a few options as a segmented radio group (the Models view's filter look). */
function Choice<T extends string>({ label, name, options, value, onChange }: { label: string; name: string; options: readonly { value: T; label: string }[]; value: T; onChange: (value: T) => void }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <label key={o.value} className={value === o.value ? "active" : ""}>
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}

const sinceOf = (period: Period) => (period === "all" ? null : parseSince(period, Date.now()));

export function SpendView() {
  const { api } = useSwitchboard();
  const [period, setPeriod] = useState<Period>("30d");
  const [by, setBy] = useState<SpendGrouping>("model");
  const [report, setReport] = useState<SpendReport | null>(null);
  const [verification, setVerification] = useState<SpendVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);

  useEffect(() => api.on("spend", () => setChanges((n) => n + 1)), [api]);

  useEffect(() => {
    let current = true;
    api.invoke("spendReport", { since: sinceOf(period), by }).then(
      (r) => current && (setReport(r), setError(null)),
      (e: unknown) => current && setError(`The session files could not be read: ${(e as Error).message}`),
    );
    return () => {
      current = false;
    };
  }, [api, period, by, changes]);

  // Opening the view (or another period) asks OpenRouter for what the cache lacks; new lines use the cache only.
  const verify = useCallback(
    (ask: boolean) => {
      setVerifying(true);
      return api
        .invoke("spendVerify", { since: sinceOf(period), ask })
        .then(setVerification, (e: unknown) => setError(`OpenRouter's records could not be read: ${(e as Error).message}`))
        .finally(() => setVerifying(false));
    },
    [api, period],
  );
  useEffect(() => void verify(true), [verify]);
  useEffect(() => {
    if (changes > 0) void verify(false);
  }, [changes, verify]);

  const t = report?.total;
  return (
    <section className="view spend-view" aria-labelledby="spend-title">
      <header className="view-header">
        <h2 id="spend-title">Spend</h2>
        <p className="muted">What pi's session files say each answer cost (pi's estimate from the model's listed prices), and what OpenRouter's own records say. Read only: the session files are never changed.</p>
      </header>
      <div className="row spend-controls">
        <Choice label="Period" name="spend-period" options={PERIODS} value={period} onChange={setPeriod} />
        <Choice label="Group by" name="spend-by" options={GROUPINGS} value={by} onChange={setBy} />
      </div>
      {error && (
        <Notice tone="error" onDismiss={() => setError(null)}>
          {error}
        </Notice>
      )}
      {!report ? (
        <p className="muted" role="status">
          Reading pi's session files…
        </p>
      ) : report.source.files === 0 ? (
        <EmptyState title="No sessions yet">
          pi has written no session files in <code>{visibleText(report.source.dir)}</code>. Spend appears here as pi answers.
        </EmptyState>
      ) : (
        <>
          <div className="card spend-summary">
            <dl className="spend-totals">
              <div>
                <dt>Cost</dt>
                <dd className="spend-total-cost">{dollars(t!.cost)}</dd>
              </div>
              <div>
                <dt>Requests</dt>
                <dd>{t!.requests.toLocaleString()}</dd>
              </div>
              <div>
                <dt>Tokens in / out</dt>
                <dd>
                  {tokens(t!.input + t!.cacheRead + t!.cacheWrite)} / {tokens(t!.output)}
                </dd>
              </div>
              <div>
                <dt>From cache</dt>
                <dd>{percent(t!.cacheReadShare)}</dd>
              </div>
              <div>
                <dt>Errors</dt>
                <dd className={t!.errors > 0 ? "spend-errors" : undefined}>{t!.errors}</dd>
              </div>
            </dl>
            <SpendChart days={report.days} />
            <p className="muted small">
              {report.source.files.toLocaleString()} session file{report.source.files === 1 ? "" : "s"} in <code>{visibleText(report.source.dir)}</code>
              {report.source.unreadable > 0 && `; ${report.source.unreadable} could not be read`}
            </p>
          </div>
          {report.rows.length === 0 ? (
            <p className="muted">Nothing spent in this period.</p>
          ) : (
            <div className="table-scroll">
              {/* The report's own grouping, not the picker's: until the next report arrives, the rows are still the last one's. */}
              <table aria-label={`Spend by ${report.by}`}>
                <thead>
                  <tr>
                    <th>{GROUPINGS.find((g) => g.value === report.by)?.label}</th>
                    <th className="num">Cost</th>
                    <th className="num">Requests</th>
                    <th className="num col-wide">Input</th>
                    <th className="num col-wide">Output</th>
                    <th className="num col-wide">Cached</th>
                    <th className="num col-wide">Errors</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((r) => {
                    const label = rowLabel(r, report.by);
                    return (
                      <tr key={label}>
                        <td className="spend-row-label" title={visibleText(label)}>
                          {visibleText(label)}
                        </td>
                        <td className="num">{dollars(r.cost)}</td>
                        <td className="num">{r.requests}</td>
                        <td className="num col-wide">{tokens(r.input + r.cacheRead + r.cacheWrite)}</td>
                        <td className="num col-wide">{tokens(r.output)}</td>
                        <td className="num col-wide">{percent(r.cacheReadShare)}</td>
                        <td className="num col-wide">{r.errors}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <VerifiedCard verification={verification} checking={verifying} onVerify={() => void verify(true)} />
        </>
      )}
    </section>
  );
}
