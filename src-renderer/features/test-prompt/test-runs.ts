/** Folding the 'test' event stream into per-run, per-target results (pure, so it is testable). */
import type { TestEvent, TestResult, TestTarget } from "../../../src-main/core/common/index.js";

/** queued: waiting for one of the core's few slots; running: sent, answer streaming; done: result in (or cancelled). */
export type ColumnState = "queued" | "running" | "done";

export interface RunColumn {
  target: TestTarget;
  text: string;
  result: TestResult | null;
  state: ColumnState;
}

export interface TestRun {
  runId: string;
  prompt: string;
  startedAt: number;
  /** "providers": one model over several of its providers (a comparison); "models": several models. */
  kind: "models" | "providers";
  columns: RunColumn[];
  finished: boolean;
  /** The user pressed Cancel; the core's last events may still be on their way. */
  cancelling: boolean;
}

export const KEPT_RUNS = 5;

export function newRun(runId: string, prompt: string, kind: TestRun["kind"], targets: TestTarget[], now = Date.now()): TestRun {
  return { runId, prompt, startedAt: now, kind, columns: targets.map((target) => ({ target, text: "", result: null, state: "queued" })), finished: false, cancelling: false };
}

export function applyTestEvent(runs: TestRun[], event: TestEvent): TestRun[] {
  return runs.map((run) => (run.runId === event.runId ? applyToRun(run, event) : run));
}

export function applyToRun(run: TestRun, event: TestEvent): TestRun {
  if (event.type === "finished") return { ...run, finished: true };
  const columns = [...run.columns];
  const column: RunColumn = columns[event.index] ?? { target: event.type === "start" ? event.target : { ref: "?" }, text: "", result: null, state: "queued" };
  if (event.type === "start") columns[event.index] = { ...column, target: event.target, state: column.state === "done" ? "done" : "running" };
  else if (event.type === "delta") columns[event.index] = { ...column, text: column.text + event.text, state: column.state === "done" ? "done" : "running" };
  else columns[event.index] = { ...column, result: event.result, text: event.result.text || column.text, state: "done" };
  return { ...run, columns };
}

/** How a column reads in one word, for its progress line and the comparison table. */
export function columnStatus(column: RunColumn): "queued" | "running" | "cancelled" | "failed" | "done" {
  if (column.state !== "done" || !column.result) return column.state === "done" ? "done" : column.state;
  if (column.result.cancelled) return "cancelled";
  return column.result.error ? "failed" : "done";
}
