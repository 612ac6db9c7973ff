/**
 * A side-by-side run at a glance: TTFT, tokens/s and cost per column, each row naming the provider
 * that served it (OpenRouter's record), so no figure is credited to a provider that did not earn
 * it; the best of each metric is marked, and columns that read the same are marked as a tie.
 */
import { visibleText } from "../../../src-main/core/common/visible-text";
import { bestPerMetric, comparisonRow, formatCost, formatMs, formatSpeed, type Metric } from "./comparison";
import { columnStatus, type TestRun } from "./test-runs";

export function ComparisonTable({ run }: { run: TestRun }) {
  const rows = run.columns.map(comparisonRow);
  const best = bestPerMetric(rows);
  const cell = (metric: Metric, index: number, text: string, title?: string) => {
    const mark = best[metric]?.rows.includes(index) ? (best[metric]!.tie ? "tie" : "best") : null;
    return (
      <td className={mark === "best" ? "best" : mark === "tie" ? "tie" : undefined} title={title}>
        {text}
        {mark && <span className="best-mark" title={mark === "tie" ? `Tied with ${best[metric]!.rows.length - 1} other column${best[metric]!.rows.length > 2 ? "s" : ""} as shown` : undefined}> {mark}</span>}
      </td>
    );
  };
  return (
    <div className="comparison-wrap">
      <table className="comparison" aria-label="Comparison">
        <thead>
          <tr>
            <th scope="col">{run.kind === "providers" ? "Provider (served by)" : "Model (served by)"}</th>
            <th scope="col" title="Time to first token, measured by the app">TTFT</th>
            <th scope="col" title="Completion tokens per second of generation (OpenRouter's record)">Tokens/s</th>
            <th scope="col" title="OpenRouter's total cost for the answer">Cost</th>
          </tr>
        </thead>
        <tbody>
          {run.columns.map((c, i) => {
            const row = rows[i]!;
            const served = row.servedBy ? visibleText(row.servedBy.name) : null;
            return (
              <tr key={i} className={row.outsideRouting ? "served-elsewhere" : undefined}>
                <th scope="row">
                  {run.kind === "providers" ? <code>{c.target.provider}</code> : <span className="ref">{c.target.ref}</span>}
                  {served && (
                    <span className={`served-by${row.outsideRouting ? " verdict-warn" : ""}`} data-testid="served-by" title={row.servedBy!.verified ? "OpenRouter's record of the generation" : "The stream's provider field (OpenRouter's record was not available)"}>
                      {row.outsideRouting ? `served by ${served}, not as asked: these figures are ${served}'s` : `served by ${served}`}
                    </span>
                  )}
                  <span className="row-status" data-testid="row-status">{columnStatus(c)}</span>
                </th>
                {cell("ttftMs", i, formatMs(row.ttftMs))}
                {cell("tokensPerSecond", i, formatSpeed(row.tokensPerSecond), row.speedSource === "measured" ? "No OpenRouter record: measured by the app over the whole answer" : undefined)}
                {cell("cost", i, formatCost(row.cost))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
