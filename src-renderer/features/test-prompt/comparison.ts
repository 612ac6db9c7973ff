/**
 * The numbers a side-by-side run compares, per column: time to first token (measured here),
 * tokens per second (OpenRouter's completion tokens over its generation time), and cost
 * (OpenRouter's record, else the stream's usage) — who served each column's answer (the figures
 * are that provider's, whatever the test asked for), and which column is best at each, or which
 * columns tie for it.
 */
import type { TestResult } from "../../../src-main/core/common/index.js";
import { servedProvider } from "./pin-provider";
import type { RunColumn } from "./test-runs";

export interface ComparisonRow {
  ttftMs: number | null;
  tokensPerSecond: number | null;
  /** Where tokens/s came from: OpenRouter's record, or the app's own clock when there is none. */
  speedSource: "openrouter" | "measured" | null;
  cost: number | null;
  /** The provider whose answer the figures measure: OpenRouter's generation record, else the stream's `provider` field; null when unknown. */
  servedBy: { name: string; verified: boolean } | null;
  /** The core found the server outside the routing the test asked for (TestResult.routingRespected false): the figures are not the asked provider's. */
  outsideRouting: boolean;
}

export type Metric = "ttftMs" | "tokensPerSecond" | "cost";

/** Completion tokens per second of generation; null without both numbers. */
export function tokensPerSecond(result: TestResult): { value: number | null; source: ComparisonRow["speedSource"] } {
  const g = result.generation;
  if (g?.tokens.completion != null && g.generationTimeMs) return { value: g.tokens.completion / (g.generationTimeMs / 1000), source: "openrouter" };
  if (result.usage && result.totalMs) return { value: result.usage.completionTokens / (result.totalMs / 1000), source: "measured" };
  return { value: null, source: null };
}

export function costOf(result: TestResult): number | null {
  return result.generation?.totalCost ?? result.cost;
}

export function comparisonRow(column: RunColumn): ComparisonRow {
  const r = column.result;
  if (!r || r.error) return { ttftMs: null, tokensPerSecond: null, speedSource: null, cost: null, servedBy: r ? servedProvider(r) : null, outsideRouting: r?.routingRespected === false };
  const speed = tokensPerSecond(r);
  return { ttftMs: r.ttftMs, tokensPerSecond: speed.value, speedSource: speed.source, cost: costOf(r), servedBy: servedProvider(r), outsideRouting: r.routingRespected === false };
}

/** The best rows of a metric: one ("best"), or several that read the same as shown ("tie"). */
export interface Best {
  rows: number[];
  tie: boolean;
}

const FORMAT: Record<Metric, (n: number) => string> = { ttftMs: (n) => formatMs(n), tokensPerSecond: (n) => formatSpeed(n), cost: (n) => formatCost(n) };

/**
 * The best row(s) per metric (lowest time and cost, highest speed); absent when fewer than two rows
 * have a value. Rows whose figures read the same as shown tie: none of them is called best alone.
 */
export function bestPerMetric(rows: ComparisonRow[]): Partial<Record<Metric, Best>> {
  const best: Partial<Record<Metric, Best>> = {};
  const pick = (metric: Metric, better: (a: number, b: number) => boolean) => {
    const known = rows.map((r, i) => [r[metric], i] as const).filter((x): x is readonly [number, number] => x[0] !== null);
    if (known.length < 2) return;
    const top = known.reduce((a, b) => (better(b[0], a[0]) ? b : a))[0];
    const shown = FORMAT[metric](top);
    const tied = known.filter(([v]) => FORMAT[metric](v) === shown).map(([, i]) => i);
    best[metric] = { rows: tied, tie: tied.length > 1 };
  };
  pick("ttftMs", (a, b) => a < b);
  pick("tokensPerSecond", (a, b) => a > b);
  pick("cost", (a, b) => a < b);
  return best;
}

export const formatCost = (usd: number | null) => (usd === null ? "?" : `$${usd.toFixed(6)}`);
export const formatMs = (ms: number | null) => (ms === null ? "?" : `${Math.round(ms)} ms`);
export const formatSpeed = (tps: number | null) => (tps === null ? "?" : `${tps >= 100 ? Math.round(tps) : tps.toFixed(1)} tok/s`);
