/**
 * Cost per day as SVG bars: one bar a day over the period, the tallest day's figure on the axis,
 * each bar's day and cost in its tooltip and in the chart's text for screen readers. No charting
 * library: a bar chart is a few rectangles.
 */
import type { SpendReport } from "../../../src-main/core/common/contract/spend";
import { dollars } from "./spend-format";

const HEIGHT = 100;

export function SpendChart({ days }: { days: SpendReport["days"] }) {
  if (days.length === 0) return null;
  const max = Math.max(...days.map((d) => d.cost));
  const width = days.length * 10;
  const spent = days.filter((d) => d.cost > 0);
  const summary = `${days.length} days from ${days[0]!.day} to ${days.at(-1)!.day}; ${spent.length} with spend; the most in a day ${dollars(max)}.`;
  return (
    <figure className="spend-chart">
      <div className="spend-chart-plot">
        <span className="spend-chart-max muted small">{dollars(max)}</span>
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={`Cost per day. ${summary}`}>
          <line x1="0" y1={HEIGHT - 0.5} x2={width} y2={HEIGHT - 0.5} className="spend-chart-axis" />
          {days.map((d, i) => {
            const h = max > 0 ? Math.max(d.cost > 0 ? 1.5 : 0, (d.cost / max) * (HEIGHT - 4)) : 0;
            return (
              <rect key={d.day} x={i * 10 + 1.5} y={HEIGHT - h} width={7} height={h} className="spend-chart-bar">
                <title>{`${d.day}: ${dollars(d.cost)}`}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      <figcaption className="row spread muted small">
        <span>{days[0]!.day}</span>
        <span>{days.at(-1)!.day}</span>
      </figcaption>
    </figure>
  );
}
