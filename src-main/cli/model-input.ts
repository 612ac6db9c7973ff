/**
 * A model typed on the command line the way pi's `--model` takes it, `provider/id[:thinking]`
 * (`use`, `test`): the ref and level, or one line that says which part is wrong and what to type
 * instead (the closest model refs, the detected pi's thinking levels).
 */
import type { Snapshot, ThinkingLevel } from "../core/common/index.js";
import { closestModelRefs, editDistance } from "../core/pi/model-suggestions.js";
import { isThinkingLevel, modelRef } from "../core/pi/scope.js";
import { cliHint } from "./cli-command.js";

export type ModelInput = { ok: true; ref: string; thinkingLevel?: ThinkingLevel } | { ok: false; message: string };

/** What `<verb> <input>` means for this snapshot, or the one line that says what to type instead (starting with `verb`). */
export function resolveModelInput(input: string, snapshot: Pick<Snapshot, "models" | "pi">, verb: string): ModelInput {
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
    return known.has(base) ? { ok: true, ref: base, thinkingLevel: suffix } : { ok: false, message: noModel(verb, base, refs, `:${suffix}`) };
  }
  // A word after the colon that no id of pi's ends with is a thinking level pi does not accept.
  const badLevel = suffix !== null && /^[a-z]+$/i.test(suffix) && (known.has(base) || !refs.some((r) => r.endsWith(`:${suffix}`)));
  if (!badLevel) return { ok: false, message: noModel(verb, input, refs, "") };
  const closest = [...levels].sort((a, b) => editDistance(suffix, a) - editDistance(suffix, b))[0];
  const level = closest && editDistance(suffix, closest) <= 2 ? closest : levels.includes("high") ? "high" : levels[levels.length - 1];
  const wrongLevel = `"${suffix}" is not a thinking level ${pi} accepts (${levels.join(", ")})`;
  if (known.has(base)) return { ok: false, message: `${wrongLevel}: type ${cliHint(`${verb} ${base}:${level}`)}.` };
  const suggested = closestModelRefs(base, refs);
  if (!suggested.length) return { ok: false, message: `${wrongLevel}, and ${pi} has no model "${base}" (write provider/id; \`pi --list-models ${base}\` searches them).` };
  return { ok: false, message: `${wrongLevel}, and ${pi} has no model "${base}": type ${cliHint(`${verb} ${suggested[0]}:${level}`)}${others(suggested)}.` };
}

const others = (suggested: string[]) => (suggested.length > 1 ? ` (or ${suggested.slice(1).join(", ")})` : "");

function noModel(verb: string, typed: string, refs: string[], levelSuffix: string): string {
  const withoutProvider = !typed.includes("/");
  const what = withoutProvider ? `pi has no model "${typed}" (models are provider/id)` : `pi has no model "${typed}"`;
  const suggested = closestModelRefs(typed, refs);
  if (!suggested.length) return `${what}; \`pi --list-models ${withoutProvider ? typed : typed.slice(typed.lastIndexOf("/") + 1)}\` searches the ones pi has, or check that models.json is valid (${cliHint("check")}).`;
  return `${what}: type ${cliHint(`${verb} ${suggested[0]}${levelSuffix}`)}${others(suggested)}.`;
}
