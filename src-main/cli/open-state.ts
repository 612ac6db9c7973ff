/**
 * What every CLI command starts from: the agent dir from `--agent-dir` or pi's own rule, and a
 * one-shot (unwatched) service over it.
 */
import { resolveAgentDir } from "../core/pi/agent-dir.js";
import { SwitchboardService } from "../core/service.js";

export async function openService(agentDirFlag: string | undefined): Promise<SwitchboardService> {
  return SwitchboardService.open({ agentDir: resolveAgentDir(agentDirFlag), watch: false });
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain aligned table for people; JSON is the format for scripts. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  process.stdout.write(`${line(header)}\n${rows.map(line).join("\n")}${rows.length ? "\n" : ""}`);
}
