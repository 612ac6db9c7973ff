/**
 * `check [--json] [--no-verdict]`: the files as the app reads them (errors with line and column,
 * warnings) and the installed pi's own verdict on them (waited for up to its timeout).
 * Exit code 1 when pi would drop the custom models of models.json.
 */
import type { Command } from "commander";
import type { FileReport } from "../../core/common/index.js";
import { say } from "../cli-command.js";
import { openService, printJson, printVerdict } from "../open-state.js";
import { visibleText } from "../../core/common/visible-text.js";

function printFile(name: string, file: FileReport): void {
  // "reads, but" is settings.json with a non-pattern in enabledModels: pi reads it and stops at start on it.
  const status = !file.exists ? "absent" : !file.valid ? "INVALID" : file.errors.length > 0 ? "pi reads it, but it has ERRORS" : "valid";
  process.stdout.write(`${name}: ${status}  (${file.path})\n`);
  for (const [kind, list] of [["error", file.errors], ["warning", file.warnings]] as const) {
    for (const p of list) {
      const where = p.line ? `${p.line}:${p.column} ` : "";
      say(`  ${kind} ${where}${visibleText(p.message)}\n${p.hint ? `      → ${visibleText(p.hint)}\n` : ""}`);
    }
  }
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("Validate pi's files as pi does; exit 1 when pi would drop the custom models")
    .option("--json", "machine-readable output")
    .option("--agent-dir <dir>", "pi's agent dir (default: $PI_CODING_AGENT_DIR or ~/.pi/agent)")
    .option("--no-verdict", "do not ask the installed pi itself (faster)")
    .action(async (opts: { json?: boolean; agentDir?: string; verdict: boolean }) => {
      const service = await openService(opts.agentDir, { verdict: opts.verdict });
      // pi's own verdict, up to its timeout: the answer pi will act on where the two differ.
      const verdict = await service.settledVerdict();
      const s = service.snapshot();
      service.close();
      const { agentDir, pi, modelsFile, settingsFile, authFile, scope } = s;
      if (opts.json) printJson({ agentDir, pi, valid: modelsFile.valid, modelsFile, settingsFile, authFile, noModel: s.noModel, scope: { unmatched: scope.unmatched, hints: scope.hints, advice: scope.advice }, ...(verdict ? { verdict } : {}) });
      else {
        process.stdout.write(`${pi.summary}${pi.foundBy ? `  [found by ${pi.foundBy}]` : ""}\n`);
        if (pi.found && pi.problem) say(`  warning ${pi.problem}\n`);
        printFile("models.json", modelsFile);
        printFile("settings.json", settingsFile);
        printFile("auth.json", authFile);
        if (scope.unmatched.length) process.stdout.write(`enabledModels patterns that match nothing: ${scope.unmatched.map(visibleText).join(", ")}\n`);
        for (const h of scope.hints) say(`  ${visibleText(h.pattern)}: ${visibleText(h.message)}\n`);
        for (const a of scope.advice) say(`  ${visibleText(a.pattern)}: ${visibleText(a.message)}\n`);
        printVerdict(verdict);
      }
      if (!modelsFile.valid) process.exitCode = 1;
    });
}
