/**
 * `spend [--since WHEN] [--by model|provider|project|day|thinking] [--json] [--verify]`: what pi's
 * session files say was spent (pi's own estimate per answer, usage.cost.total), summed by the
 * grouping; with --verify, OpenRouter's generation records beside it (served-by, real cost, answers
 * served outside a model's `only` list), cached in the app's data dir so each answer is asked once.
 */
import type { Command } from "commander";
import type { SpendGrouping, SpendReport, SpendRow, SpendVerification } from "../../core/common/contract/spend.js";
import { parseSince, SPEND_GROUPINGS } from "../../core/common/spend-report.js";
import { GenerationCache } from "../../core/openrouter/generation-cache.js";
import { sessionSpendFor } from "../../core/sessions/session-spend.js";
import { spendReport, verifyPeriod } from "../../core/sessions/spend-feature.js";
import { appDataDir } from "../../core/vault/app-data-dir.js";
import { checkAgentDir, openService, printJson, printTable } from "../open-state.js";

const usd = (n: number) => (n !== 0 && Math.abs(n) < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`);
const count = (n: number) => n.toLocaleString("en-US");
const percent = (share: number) => `${Math.round(share * 100)}%`;

function rowLabel(row: SpendRow, by: SpendGrouping): string[] {
  switch (by) {
    case "model":
      return [row.provider ? `${row.provider}/${row.model}` : "(summaries and tools)"];
    case "provider":
      return [row.provider || "(summaries and tools)"];
    case "project":
      return [row.project || "(unknown)"];
    case "day":
      return [row.day ?? ""];
    case "thinking":
      return [row.thinking || "(not recorded)"];
  }
}

function printReport(report: SpendReport): void {
  const period = report.since ? `since ${report.since.slice(0, 16).replace("T", " ")} UTC` : "all time";
  process.stdout.write(`Spend ${period} (pi's estimate), from ${report.source.files} session file${report.source.files === 1 ? "" : "s"} in ${report.source.dir}\n`);
  if (report.source.unreadable) process.stdout.write(`${report.source.unreadable} session file(s) could not be read.\n`);
  process.stdout.write("\n");
  const t = report.total;
  printTable(
    [report.by.toUpperCase(), "COST", "REQUESTS", "INPUT", "OUTPUT", "CACHE READ", "CACHE WRITE", "CACHED", "ERRORS"],
    [...report.rows, { ...t, total: true }].map((r) => [
      "total" in r ? "TOTAL" : rowLabel(r, report.by)[0]!,
      usd(r.cost),
      count(r.requests),
      count(r.input),
      count(r.output),
      count(r.cacheRead),
      count(r.cacheWrite),
      percent(r.cacheReadShare),
      count(r.errors),
    ]),
  );
}

function printVerification(v: SpendVerification): void {
  process.stdout.write(`\nVerified by OpenRouter: ${v.verified} of ${v.answers} OpenRouter answers; pi estimated ${usd(v.estimatedCost)}, OpenRouter charged ${usd(v.realCost)}\n`);
  if (v.servedBy.length) {
    process.stdout.write("Served by:\n");
    for (const s of v.servedBy) process.stdout.write(`  ${s.provider}: ${s.answers} answer${s.answers === 1 ? "" : "s"} (${percent(s.answers / Math.max(1, v.verified))}), ${usd(s.realCost)}\n`);
  }
  for (const a of v.outsideOnly) process.stdout.write(`  ✗ routing not honoured: ${a.provider}/${a.model} at ${a.at.slice(0, 16).replace("T", " ")} UTC was served by ${a.servedBy}, outside only [${a.only.join(", ")}] (${a.responseId})\n`);
  if (v.note) process.stdout.write(`${v.note}\n`);
}

export function registerSpend(program: Command): void {
  program
    .command("spend")
    .description("What pi spent, from its session files (pi's estimate); --verify asks OpenRouter who served each answer and what it cost")
    .option("--since <when>", "today, 7d, 12h, 2w, a date (YYYY-MM-DD) or an ISO time (default: all)")
    .option("--by <grouping>", `rows by ${SPEND_GROUPINGS.join("|")}`, "model")
    .option("--json", "machine-readable output")
    .option("--verify", "look up OpenRouter's record of each OpenRouter answer (cached; asked once per answer)")
    .option("--agent-dir <dir>", "pi's agent dir (default: $PI_CODING_AGENT_DIR or ~/.pi/agent)")
    .action(async (opts: { since?: string; by: string; json?: boolean; verify?: boolean; agentDir?: string }) => {
      if (!SPEND_GROUPINGS.includes(opts.by as SpendGrouping)) throw new Error(`--by takes ${SPEND_GROUPINGS.join(", ")}, not "${opts.by}"`);
      const now = Date.now();
      const since = opts.since === undefined ? null : parseSince(opts.since, now);
      if (since === null && opts.since !== undefined) throw new Error(`--since takes today, 7d, 12h, 2w, a date (YYYY-MM-DD) or an ISO time, not "${opts.since}"`);
      const agentDir = checkAgentDir(opts.agentDir);
      const spend = await sessionSpendFor(agentDir);
      await spend.refresh();
      const report = spendReport(spend, { since, by: opts.by as SpendGrouping }, now);
      let verified: SpendVerification | undefined;
      if (opts.verify) {
        const service = await openService(opts.agentDir);
        try {
          verified = await verifyPeriod(spend, since, service.agentState(), GenerationCache.inDataDir(appDataDir()), true);
        } finally {
          service.close();
        }
      }
      if (opts.json) printJson({ ...report, ...(verified ? { verified } : {}) });
      else {
        printReport(report);
        if (verified) printVerification(verified);
      }
    });
}
