/**
 * Whether the detected pi loads a project's settings: project trust (pi 0.79.0+), decided as pi's
 * main.js and core/project-trust.js do without an extension or a command-line override: the nearest
 * saved decision in `<agentDir>/trust.json` for the folder or a parent (keys are canonical paths,
 * values true/false; null or anything else is no decision), else (0.79.1) the agent dir's
 * `defaultProjectTrust`: "always" trusts, "never" does not, anything else asks. Interactive pi asks
 * at start; print, JSON and RPC modes then skip the project. Used by project-view.ts.
 */
import { dirname } from "node:path";
import type { ProjectTrust } from "../common/index.js";
import { parseStrictJson } from "./pi-json.js";
import type { PiRules } from "./pi-rules.js";

export interface TrustInput {
  /** The project folder with symlinks resolved (pi's canonicalizePath). */
  canonicalDir: string;
  /** trust.json's text, null when it does not exist. */
  trustText: string | null;
  /** The agent dir's settings.json `defaultProjectTrust` as written (pi reads it from there only). */
  defaultProjectTrust: unknown;
  /** win32: pi 1.x compares trust.json keys case-insensitively there. */
  caseInsensitive?: boolean;
}

/** The nearest saved decision for `dir` or a parent, as pi's findNearestTrustEntry finds it. */
function nearestDecision(entries: Record<string, unknown>, dir: string, caseInsensitive: boolean): { path: string; trusted: boolean } | null {
  const key = (p: string) => (caseInsensitive ? p.toLowerCase() : p);
  const byKey = new Map<string, { path: string; value: unknown }>();
  for (const [path, value] of Object.entries(entries)) if (value === true || value === false) byKey.set(key(path), { path, value });
  for (let current = dir; ; current = dirname(current)) {
    const found = byKey.get(key(current));
    if (found) return { path: found.path, trusted: found.value === true };
    if (dirname(current) === current) return null;
  }
}

export function projectTrust(input: TrustInput, rules: Pick<PiRules, "basis" | "projectTrust">): ProjectTrust {
  if (rules.projectTrust === "none") return { decision: "no-check", why: `pi ${rules.basis} loads a project's settings without asking (project trust came with pi 0.79.0).` };
  let entries: Record<string, unknown> = {};
  if (input.trustText !== null) {
    const parsed = parseStrictJson(input.trustText.charCodeAt(0) === 0xfeff ? input.trustText.slice(1) : input.trustText);
    if (!parsed.ok || parsed.value === null || typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
      return { decision: "ask", why: "trust.json in the agent dir cannot be read (not a JSON object): pi stops with \"Failed to read trust store\" until it is fixed." };
    }
    entries = parsed.value as Record<string, unknown>;
  }
  const saved = nearestDecision(entries, input.canonicalDir, input.caseInsensitive ?? false);
  if (saved) {
    const where = saved.path === input.canonicalDir ? "this folder" : `its parent ${saved.path}`;
    return saved.trusted
      ? { decision: "trusted", why: `trust.json trusts ${where}: pi loads the project's settings.` }
      : { decision: "untrusted", why: `trust.json says "Do not trust" for ${where}: pi ignores the project's settings.` };
  }
  if (rules.projectTrust === "saved-or-default" && input.defaultProjectTrust === "always") return { decision: "trusted", why: 'No saved decision; defaultProjectTrust is "always": pi loads the project\'s settings.' };
  if (rules.projectTrust === "saved-or-default" && input.defaultProjectTrust === "never") return { decision: "untrusted", why: 'No saved decision; defaultProjectTrust is "never": pi ignores the project\'s settings.' };
  return { decision: "ask", why: "No saved decision: pi asks whether to trust the folder when it starts there (print, JSON and RPC modes skip the project's settings). This view shows what pi uses once you trust it." };
}
