/**
 * The billed entries of one pi session file, read line by line as pi writes them. Mirrors what
 * pi 1.6.0 counts in a session's cost (AgentSession.getSessionStats, usage-totals.js): assistant
 * messages, `usage` entries (cache warming), tool results that carry usage, and the usage of
 * compaction and branch summaries. Every session version pi writes is read: v3 (0.73.1 … 1.6.0),
 * and v1/v2, which pi migrates on load (session-manager.js migrateV1ToV2/V2ToV3) only in ways that
 * do not touch these fields (ids added, the `hookMessage` role renamed).
 *
 * The thinking level of an answer is the message's own `thinkingLevel` (pi ≥ 1.x records it), else
 * the latest `thinking_level_change` before it in the file (0.73.1 writes only those).
 */
import type { SpendEntry } from "../common/spend-report.js";

/** What a file's reader carries from one line to the next. */
export interface LineState {
  /** The project: the header's cwd, else what the folder name says. */
  project: string;
  thinking: string;
}

interface Usage {
  input?: unknown;
  output?: unknown;
  cacheRead?: unknown;
  cacheWrite?: unknown;
  cost?: { total?: unknown };
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

function timeOf(entry: { timestamp?: unknown }, message?: { timestamp?: unknown }): number {
  if (typeof message?.timestamp === "number") return message.timestamp;
  const t = typeof entry.timestamp === "string" ? Date.parse(entry.timestamp) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

function entryFrom(usage: Usage, at: number, state: LineState, fields: Partial<SpendEntry>): SpendEntry {
  return {
    at,
    project: state.project,
    provider: "",
    model: "",
    thinking: state.thinking,
    cost: num(usage.cost?.total),
    input: num(usage.input),
    output: num(usage.output),
    cacheRead: num(usage.cacheRead),
    cacheWrite: num(usage.cacheWrite),
    request: false,
    error: false,
    ...fields,
  };
}

/**
 * Most lines of a session (user prompts, tool output, system prompts) cost nothing; a line that
 * names none of these keys is skipped without parsing it, which keeps thousands of files fast.
 */
const MAY_MATTER = /"usage"|"thinking_level_change"|"type":"session"/;

/** The billed entry of one line, if any; updates `state` from header and thinking-level lines. */
export function readLine(line: string, state: LineState): SpendEntry | null {
  if (!MAY_MATTER.test(line)) return null;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    // pi skips a malformed line too (parseSessionEntries).
    return null;
  }
  if (!entry || typeof entry !== "object") return null;
  switch (entry.type) {
    case "session":
      if (typeof entry.cwd === "string" && entry.cwd) state.project = entry.cwd;
      return null;
    case "thinking_level_change":
      if (typeof entry.thinkingLevel === "string") state.thinking = entry.thinkingLevel;
      return null;
    case "usage": {
      const usage = entry.usage as Usage | undefined;
      if (!usage || typeof usage !== "object") return null;
      return entryFrom(usage, timeOf(entry), state, { provider: String(entry.provider ?? ""), model: String(entry.model ?? ""), request: true });
    }
    case "compaction":
    case "branch_summary": {
      const usage = entry.usage as Usage | undefined;
      return usage && typeof usage === "object" ? entryFrom(usage, timeOf(entry), state, { thinking: "" }) : null;
    }
    case "message": {
      const message = entry.message as Record<string, unknown> | undefined;
      const usage = message?.usage as Usage | undefined;
      if (!message || !usage || typeof usage !== "object") return null;
      const at = timeOf(entry, message);
      if (message.role === "toolResult") return entryFrom(usage, at, state, { thinking: "" });
      if (message.role !== "assistant") return null;
      const responseId = typeof message.responseId === "string" && message.responseId ? message.responseId : undefined;
      return entryFrom(usage, at, state, {
        provider: String(message.provider ?? ""),
        // pi names the model that answered a virtual model's request in responseModel (usage-totals.js).
        model: String(message.responseModel ?? message.model ?? ""),
        thinking: typeof message.thinkingLevel === "string" ? message.thinkingLevel : state.thinking,
        request: true,
        error: message.stopReason === "error" || message.stopReason === "aborted",
        ...(responseId ? { responseId } : {}),
      });
    }
    default:
      return null;
  }
}
