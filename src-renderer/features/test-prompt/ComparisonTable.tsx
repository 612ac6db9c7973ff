/** A side-by-side run at a glance: TTFT, tokens/s and cost per column, the best of each marked. */
import { bestPerMetric, comparisonRow, formatCost, formatMs, formatSpeed, type Metric } from "./comparison";
import { columnStatus, type TestRun } from "./test-runs";

export function ComparisonTable({ run }: { run: TestRun }) {
  const rows = run.columns.map(comparisonRow);
  const best = bestPerMetric(rows);
  const cell = (metric: Metric, index: number, text: string, title?: string) => (
    <td className={best[metric] === index ? "best" : undefined} title={title}>
      {text}
      {best[metric] === index && <span className="best-mark"> best</span>}
    </td>
  );
  return (
    <div className="comparison-wrap">
      <table className="comparison" aria-label="Comparison">
        <thead>
          <tr>
            <th scope="col">{run.kind === "providers" ? "Provider" : "Model"}</th>
            <th scope="col" title="Time to first token, measured by the app">TTFT</th>
            <th scope="col" title="Completion tokens per second of generation (OpenRouter's record)">Tokens/s</th>
            <th scope="col" title="OpenRouter's total cost for the answer">Cost</th>
          </tr>
        </thead>
        <tbody>
          {run.columns.map((c, i) => (
            <tr key={i}>
              <th scope="row">
                {run.kind === "providers" ? <code>{c.target.provider}</code> : <span className="ref">{c.target.ref}</span>}
                <span className="row-status" data-testid="row-status">{columnStatus(c)}</span>
              </th>
              {cell("ttftMs", i, formatMs(rows[i]!.ttftMs))}
              {cell("tokensPerSecond", i, formatSpeed(rows[i]!.tokensPerSecond), rows[i]!.speedSource === "measured" ? "No OpenRouter record: measured by the app over the whole answer" : undefined)}
              {cell("cost", i, formatCost(rows[i]!.cost))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
