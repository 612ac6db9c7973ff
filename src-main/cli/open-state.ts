/**
 * What every CLI command starts from: the agent dir from `--agent-dir` or pi's own rule, and a
 * one-shot (unwatched) service over it.
 */
import { statSync } from "node:fs";
import type { PiVerdict } from "../core/common/index.js";
import { resolveAgentDir } from "../core/pi/agent-dir.js";
import { SwitchboardService } from "../core/service.js";
import { verdictCacheDir } from "../core/pi/verdict/verdict-cache.js";
import { visibleText } from "../core/common/visible-text.js";

/**
 * A missing agent dir is a typo or a pi that was never run, not "no models": say so instead of
 * printing an empty list. An empty dir is fine (pi's files are all optional).
 */
export function checkAgentDir(agentDirFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const dir = resolveAgentDir(agentDirFlag, env);
  const from = agentDirFlag ? "--agent-dir" : env.PI_CODING_AGENT_DIR ? "PI_CODING_AGENT_DIR" : "pi's default";
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new Error(`agent dir not found: ${dir} (${from}) — is pi set up? set PI_CODING_AGENT_DIR or pass --agent-dir`);
  if (!stat.isDirectory()) throw new Error(`agent dir ${dir} (${from}) is a file, not a directory — set PI_CODING_AGENT_DIR or pass --agent-dir with pi's agent dir`);
  return dir;
}

export async function openService(agentDirFlag: string | undefined, options: { verdict?: boolean; allowMissingDir?: boolean } = {}): Promise<SwitchboardService> {
  const agentDir = options.allowMissingDir ? resolveAgentDir(agentDirFlag) : checkAgentDir(agentDirFlag);
  // A one-shot command has no later snapshot to wait for: pi is asked at once, by a child of its
  // own (a worker would outlive the command for nothing), unless it answered on these inputs before.
  return SwitchboardService.open({ agentDir, watch: false, ...(options.verdict ? { verdict: { debounceMs: 0, cacheDir: verdictCacheDir() } } : {}) });
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain aligned table for people; JSON is the format for scripts. */
/** Cells hold names from pi's files and OpenRouter: bidi and invisible characters are written out (visibleText). */
export function printTable(header: string[], cells: string[][]): void {
  const rows = cells.map((r) => r.map(visibleText));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  process.stdout.write(`${line(header)}\n${rows.map(line).join("\n")}${rows.length ? "\n" : ""}`);
}

/** pi's own verdict for people: the line, each difference, and which answer pi acts on. */
export function printVerdict(verdict: PiVerdict | undefined): void {
  if (!verdict) return;
  const mark = verdict.state === "agrees" ? "✓" : verdict.state === "disagrees" ? "✗" : "?";
  process.stdout.write(`${mark} ${verdict.note}\n`);
  for (const d of verdict.differences) process.stdout.write(`  ${d.field}${d.ref ? ` ${visibleText(d.ref)}` : ""}: pi ${visibleText(d.pi)}; app ${visibleText(d.app)}\n`);
  if (verdict.moreDifferences) process.stdout.write(`  … and ${verdict.moreDifferences} more\n`);
}
