/**
 * `use <provider/id>[:thinking]`: make a model pi's default (and its thinking level), written
 * to settings.json under pi's lock.
 */
import type { Command } from "commander";
import { isThinkingLevel } from "../../core/pi/scope.js";
import { openService } from "../open-state.js";

export function parseUseRef(input: string): { ref: string; thinkingLevel?: string } {
  const colon = input.lastIndexOf(":");
  if (colon > input.indexOf("/") && isThinkingLevel(input.slice(colon + 1))) return { ref: input.slice(0, colon), thinkingLevel: input.slice(colon + 1) };
  return { ref: input };
}

export function registerUse(program: Command): void {
  program
    .command("use")
    .description("Make a model pi's default: use openrouter/anthropic/claude-sonnet-4.5[:high]")
    .argument("<model>", "provider/id, optionally followed by :thinking-level")
    .option("--agent-dir <dir>", "pi's agent dir (default: $PI_CODING_AGENT_DIR or ~/.pi/agent)")
    .action(async (input: string, opts: { agentDir?: string }) => {
      const service = await openService(opts.agentDir);
      // An id may itself contain a colon (":free", ":exacto"): prefer the whole input when pi has it.
      const whole = service.snapshot().models.some((m) => `${m.provider}/${m.id}` === input);
      const { ref, thinkingLevel } = whole ? { ref: input, thinkingLevel: undefined } : parseUseRef(input);
      const result = await service.execute({ type: "useModel", ref, ...(thinkingLevel ? { thinkingLevel } : {}) });
      service.close();
      if (!result.ok) {
        process.stderr.write(`${result.error.message}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`pi's default model is now ${ref}${thinkingLevel ? ` (thinking: ${thinkingLevel})` : ""}.\n`);
    });
}
