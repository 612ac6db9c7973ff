/** Folding the 'test' event stream into per-run, per-target results (pure, so it is testable). */
import type { TestEvent, TestResult, TestTarget } from "../../../src-main/core/contract";

export interface RunColumn {
  target: TestTarget;
  text: string;
  result: TestResult | null;
}

export interface TestRun {
  runId: string;
  prompt: string;
  startedAt: number;
  columns: RunColumn[];
  finished: boolean;
}

export const KEPT_RUNS = 5;

export function applyTestEvent(runs: TestRun[], event: TestEvent): TestRun[] {
  return runs.map((run) => {
    if (run.runId !== event.runId) return run;
    if (event.type === "finished") return { ...run, finished: true };
    const columns = [...run.columns];
    const column = columns[event.index] ?? { target: event.type === "start" ? event.target : { ref: "?" }, text: "", result: null };
    if (event.type === "start") columns[event.index] = { ...column, target: event.target };
    else if (event.type === "delta") columns[event.index] = { ...column, text: column.text + event.text };
    else columns[event.index] = { ...column, result: event.result, text: event.result.text || column.text };
    return { ...run, columns };
  });
}
