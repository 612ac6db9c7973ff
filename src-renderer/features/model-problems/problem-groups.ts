/**
 * Config health's list of every model problem: the same sentence once, with the models it is
 * about (a provider-wide problem, such as its key, is one entry, not one per model), errors first.
 * Pure, from the snapshot.
 */
import type { ModelEntry, ModelProblem } from "../../../src-main/core/common/index.js";

export interface ProblemGroup {
  problem: ModelProblem;
  refs: string[];
  /** The fix, when every model of the group gets the same one (a provider's key); else each model's own is in Models. */
  sharedFix: ModelProblem["fix"] | null;
}

export function groupProblems(models: readonly ModelEntry[]): ProblemGroup[] {
  const groups = new Map<string, { problem: ModelProblem; refs: string[]; fixes: Set<string> }>();
  for (const m of models) {
    for (const p of m.problems) {
      const key = `${p.severity}\u0000${p.message}`;
      const group = groups.get(key) ?? { problem: p, refs: [], fixes: new Set<string>() };
      group.refs.push(`${m.provider}/${m.id}`);
      group.fixes.add(p.fix ? JSON.stringify(p.fix) : "");
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .map(({ problem, refs, fixes }) => ({ problem, refs, sharedFix: fixes.size === 1 && problem.fix ? problem.fix : null }))
    .sort((a, b) => (a.problem.severity === b.problem.severity ? 0 : a.problem.severity === "error" ? -1 : 1));
}

/** pi-rules.ts's one-line summary of the rules, as sentences for people; the line itself where it is not in that form. */
export function plainRules(assumes: string): { which: string; details: string[] } {
  const parts = assumes.split("; ");
  // The last two parts are routing and values; what comes before them (which pi, then the key order) may itself hold "; ".
  const values = parts.pop();
  const routing = parts.pop();
  const first = parts.join("; ");
  const at = first.lastIndexOf(": key order ");
  if (at < 0 || !routing || !values) return { which: assumes, details: [] };
  const which = first.slice(0, at);
  const order = first
    .slice(at + ": key order ".length)
    .replace("--api-key", "the --api-key option")
    .replace("models.json apiKey", "the provider's apiKey in models.json")
    .replace("env var", "the provider's environment variable");
  const plainWhich = /^pi \S+ rules$/.test(which) ? `Checked against ${which.replace(/ rules$/, "'s rules")}.` : `${which}.`;
  return {
    which: plainWhich,
    details: [`pi takes a provider's key from, first to last: ${order}.`, `${routing.replace(/^routing sent for/, "pi sends OpenRouter routing for")}.`, `Values in pi's files: ${values.replace(/^config values: /, "")}.`],
  };
}
