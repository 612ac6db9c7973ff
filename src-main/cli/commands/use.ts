/**
 * `use <provider/id>[:thinking]`: make a model pi's default (and its thinking level), written
 * to settings.json under pi's lock. A ref pi does not have, or a level it does not accept, gets
 * one line that says which part is wrong and what to type instead (the closest model refs, the
 * detected pi's thinking levels).
 */
import type { Command } from "commander";
import type { Snapshot, ThinkingLevel } from "../../core/common/index.js";
import { closestModelRefs, editDistance } from "../../core/pi/model-suggestions.js";
import { isThinkingLevel, modelRef } from "../../core/pi/scope.js";
import { cliHint, complain, say } from "../cli-command.js";
import { openService } from "../open-state.js";

export type UseTarget = { ok: true; ref: string; thinkingLevel?: ThinkingLevel } | { ok: false; message: string };

/** What `use <input>` means for this snapshot, or the one line that says what to type instead. */
export function resolveUseInput(input: string, snapshot: Pick<Snapshot, "models" | "pi">): UseTarget {
  // Models pi can use first, then OpenRouter's: those are the suggestions worth typing.
  const rank = (m: Snapshot["models"][number]) => (m.available ? 0 : m.openRouter ? 1 : 2);
  const refs = [...snapshot.models].sort((a, b) => rank(a) - rank(b)).map(modelRef);
  const known = new Set(refs);
  const levels = snapshot.pi.thinkingLevels;
  const pi = snapshot.pi.found && snapshot.pi.version ? `pi ${snapshot.pi.version}` : "pi";
  // An id may itself contain a colon (":free", ":exacto"): the whole input wins when pi has it.
  if (known.has(input)) return { ok: true, ref: input };
  const colon = input.lastIndexOf(":");
  const base = colon > input.indexOf("/") ? input.slice(0, colon) : input;
  const suffix = colon > input.indexOf("/") ? input.slice(colon + 1) : null;
  if (suffix !== null && isThinkingLevel(suffix, levels)) {
    return known.has(base) ? { ok: true, ref: base, thinkingLevel: suffix } : { ok: false, message: noModel(base, refs, `:${suffix}`) };
  }
  // A word after the colon that no id of pi's ends with is a thinking level pi does not accept.
  const badLevel = suffix !== null && /^[a-z]+$/i.test(suffix) && (known.has(base) || !refs.some((r) => r.endsWith(`:${suffix}`)));
  if (!badLevel) return { ok: false, message: noModel(input, refs, "") };
  const closest = [...levels].sort((a, b) => editDistance(suffix, a) - editDistance(suffix, b))[0];
  const level = closest && editDistance(suffix, closest) <= 2 ? closest : levels.includes("high") ? "high" : levels[levels.length - 1];
  const wrongLevel = `"${suffix}" is not a thinking level ${pi} accepts (${levels.join(", ")})`;
  if (known.has(base)) return { ok: false, message: `${wrongLevel}: type ${cliHint(`use ${base}:${level}`)}.` };
  const suggested = closestModelRefs(base, refs);
  if (!suggested.length) return { ok: false, message: `${wrongLevel}, and ${pi} has no model "${base}" (write provider/id; \`pi --list-models ${base}\` searches them).` };
  return { ok: false, message: `${wrongLevel}, and ${pi} has no model "${base}": type ${cliHint(`use ${suggested[0]}:${level}`)}${others(suggested)}.` };
}

const others = (suggested: string[]) => (suggested.length > 1 ? ` (or ${suggested.slice(1).join(", ")})` : "");

function noModel(typed: string, refs: string[], levelSuffix: string): string {
  const withoutProvider = !typed.includes("/");
  const what = withoutProvider ? `pi has no model "${typed}" (models are provider/id)` : `pi has no model "${typed}"`;
  const suggested = closestModelRefs(typed, refs);
  if (!suggested.length) return `${what}; \`pi --list-models ${withoutProvider ? typed : typed.slice(typed.lastIndexOf("/") + 1)}\` searches the ones pi has, or check that models.json is valid (${cliHint("check")}).`;
  return `${what}: type ${cliHint(`use ${suggested[0]}${levelSuffix}`)}${others(suggested)}.`;
}

export function registerUse(program: Command): void {
  program
    .command("use")
    .description("Make a model pi's default: use openrouter/anthropic/claude-sonnet-4.5[:high]")
    .argument("<model>", "provider/id, optionally followed by :thinking-level")
    .option("--agent-dir <dir>", "pi's agent dir (default: $PI_CODING_AGENT_DIR or ~/.pi/agent)")
    .action(async (input: string, opts: { agentDir?: string }) => {
      const service = await openService(opts.agentDir);
      const target = resolveUseInput(input, service.snapshot());
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
