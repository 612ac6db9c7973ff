/**
 * `use <provider/id>[:thinking]`: make a model pi's default (and its thinking level), written
 * to settings.json under pi's lock. A ref pi does not have, or a level it does not accept, gets
 * one line that says which part is wrong and what to type instead (model-input.ts).
 */
import type { Command } from "commander";
import { complain, say } from "../cli-command.js";
import { resolveModelInput } from "../model-input.js";
import { openService } from "../open-state.js";

export function registerUse(program: Command): void {
  program
    .command("use")
    .description("Make a model pi's default: use openrouter/anthropic/claude-sonnet-4.5[:high]")
    .argument("<model>", "provider/id, optionally followed by :thinking-level")
    .option("--agent-dir <dir>", "pi's agent dir (default: $PI_CODING_AGENT_DIR or ~/.pi/agent)")
    .action(async (input: string, opts: { agentDir?: string }) => {
      const service = await openService(opts.agentDir);
      const target = resolveModelInput(input, service.snapshot(), "use");
      const result = target.ok ? await service.execute({ type: "useModel", ref: target.ref, ...(target.thinkingLevel ? { thinkingLevel: target.thinkingLevel } : {}) }) : null;
      service.close();
      const failure = !target.ok ? target.message : !result!.ok ? result!.error.message : null;
      if (failure !== null || !target.ok) {
        complain(`${failure}\n`);
        process.exitCode = 1;
        return;
      }
      say(`pi's default model is now ${target.ref}${target.thinkingLevel ? ` (thinking: ${target.thinkingLevel})` : ""}.\n`);
    });
}
