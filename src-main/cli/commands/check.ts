/**
 * `check [--json]`: pi's verdict on its files, errors with line and column, and warnings.
 * Exit code 1 when pi would drop the custom models of models.json.
 */
import type { Command } from "commander";
import type { FileReport } from "../../core/contract.js";
import { openService, printJson } from "../open-state.js";

function printFile(name: string, file: FileReport): void {
  const status = !file.exists ? "absent" : file.valid ? "valid" : "INVALID";
  process.stdout.write(`${name}: ${status}  (${file.path})\n`);
  for (const [kind, list] of [["error", file.errors], ["warning", file.warnings]] as const) {
    for (const p of list) {
      const where = p.line ? `${p.line}:${p.column} ` : "";
      process.stdout.write(`  ${kind} ${where}${p.message}\n${p.hint ? `      → ${p.hint}\n` : ""}`);
    }
  }
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("Validate pi's files as pi does; exit 1 when pi would drop the custom models")
    .option("--json", "machine-readable output")
    .option("--agent-dir <dir>", "pi's agent dir (default: $PI_CODING_AGENT_DIR or ~/.pi/agent)")
    .action(async (opts: { json?: boolean; agentDir?: string }) => {
      const service = await openService(opts.agentDir);
      const s = service.snapshot();
      service.close();
      const { agentDir, pi, modelsFile, settingsFile, authFile, scope } = s;
      if (opts.json) printJson({ agentDir, pi, valid: modelsFile.valid, modelsFile, settingsFile, authFile, scope: { unmatched: scope.unmatched, hints: scope.hints } });
      else {
        process.stdout.write(`${pi.summary}${pi.foundBy ? `  [found by ${pi.foundBy}]` : ""}\n`);
        if (pi.found && pi.problem) process.stdout.write(`  warning ${pi.problem}\n`);
        printFile("models.json", modelsFile);
        printFile("settings.json", settingsFile);
        printFile("auth.json", authFile);
        if (scope.unmatched.length) process.stdout.write(`enabledModels patterns that match nothing: ${scope.unmatched.join(", ")}\n`);
        for (const h of scope.hints) process.stdout.write(`  ${h.pattern}: ${h.message}\n`);
      }
      if (!modelsFile.valid) process.exitCode = 1;
    });
}
