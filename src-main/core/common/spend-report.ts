/**
 * Spend sums from the billed entries of pi's session files (core/sessions/ reads them): totals,
 * rows by the chosen grouping and a cost per day for the chart. Pure, so `spend`, the window's
 * Spend view and the tray's "today" add up the same way.
 */
import type { SpendGrouping, SpendReport, SpendRow, SpendTotals } from "./contract/spend.js";

/** One entry of a session file that pi counts in a session's cost (its getSessionStats). */
export interface SpendEntry {
  /** ms since the epoch. */
  at: number;
  project: string;
  /** "" for usage pi attributes to no model (compaction and branch summaries, tool results). */
  provider: string;
  model: string;
  /** The thinking level pi asked for; "" when unknown. */
  thinking: string;
  cost: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** An assistant answer or a usage entry (one call to a model). */
  request: boolean;
  error: boolean;
  /** OpenRouter's generation id, when pi recorded one. */
  responseId?: string;
}

/** YYYY-MM-DD in the local time zone: "today" is the user's day, not UTC's. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Midnight (local) of the day `ms` falls in. */
export function startOfLocalDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The next local midnight after `ms` (a DST day is 23 or 25 hours long, so not start + 24 h). */
export function nextLocalMidnight(ms: number): number {
  const d = new Date(startOfLocalDay(ms));
  d.setDate(d.getDate() + 1);
  return d.getTime();
}

export function emptyTotals(): SpendTotals {
  return { cost: 0, requests: 0, input: 0, output: 0, cacheRead: 0, cacheWrite: 0, errors: 0, cacheReadShare: 0 };
}

function add(t: SpendTotals, e: SpendEntry): void {
  t.cost += e.cost;
  t.input += e.input;
  t.output += e.output;
  t.cacheRead += e.cacheRead;
  t.cacheWrite += e.cacheWrite;
  if (e.request) t.requests++;
  if (e.error) t.errors++;
}

function finish<T extends SpendTotals>(t: T): T {
  const prompt = t.input + t.cacheRead + t.cacheWrite;
  t.cacheReadShare = prompt > 0 ? t.cacheRead / prompt : 0;
  return t;
}

function rowKeys(e: SpendEntry, by: SpendGrouping): Pick<SpendRow, "provider" | "model" | "project" | "day" | "thinking"> {
  switch (by) {
    case "model":
      return { provider: e.provider, model: e.model };
    case "provider":
      return { provider: e.provider };
    case "project":
      return { project: e.project };
    case "day":
      return { day: localDay(e.at) };
    case "thinking":
      return { thinking: e.thinking };
  }
}

export const SPEND_GROUPINGS: readonly SpendGrouping[] = ["model", "provider", "project", "day", "thinking"];

export interface SpendQuery {
  /** ms since the epoch from which entries count; null: all. */
  since: number | null;
  by: SpendGrouping;
  now: number;
}

export function buildSpendReport(entries: Iterable<SpendEntry>, query: SpendQuery): Omit<SpendReport, "source"> {
  const total = emptyTotals();
  const rows = new Map<string, SpendRow>();
  const perDay = new Map<string, number>();
  let first = Infinity;
  for (const e of entries) {
    if (query.since !== null && e.at < query.since) continue;
    add(total, e);
    const keys = rowKeys(e, query.by);
    const key = JSON.stringify(keys);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { ...keys, ...emptyTotals() }));
    add(row, e);
    const day = localDay(e.at);
    perDay.set(day, (perDay.get(day) ?? 0) + e.cost);
    first = Math.min(first, e.at);
  }
  const sorted = [...rows.values()].map(finish);
  // Days read newest first; everything else by what it cost, the largest first.
  if (query.by === "day") sorted.sort((a, b) => (b.day ?? "").localeCompare(a.day ?? ""));
  else sorted.sort((a, b) => b.cost - a.cost || b.requests - a.requests);
  return { since: query.since === null ? null : new Date(query.since).toISOString(), by: query.by, total: finish(total), rows: sorted, days: dayRange(query.since ?? first, query.now, perDay) };
}

/** Every local day from `from` to `to`, with the cost of each (0 where nothing was spent). */
function dayRange(from: number, to: number, perDay: Map<string, number>): { day: string; cost: number }[] {
  if (!Number.isFinite(from) || from > to) return [];
  const days: { day: string; cost: number }[] = [];
  const d = new Date(startOfLocalDay(from));
  // A period of years still charts: at most ~3 years of days.
  for (let i = 0; d.getTime() <= to && i < 1100; i++) {
    const day = localDay(d.getTime());
    days.push({ day, cost: perDay.get(day) ?? 0 });
    d.setDate(d.getDate() + 1);
  }
  return days;
}

/**
 * `--since` and the period picker: "today", "7d", "30d", "12h", or a date (YYYY-MM-DD, local
 * midnight) or ISO time. null when the text is none of these.
 */
export function parseSince(text: string, now: number): number | null {
  const t = text.trim().toLowerCase();
  if (t === "today") return startOfLocalDay(now);
  const rel = /^(\d+)\s*(h|d|w)$/.exec(t);
  if (rel) {
    const n = Number(rel[1]);
    if (rel[2] === "h") return now - n * 3_600_000;
    // Whole days: "7d" is today and the six before it, from midnight.
    const days = rel[2] === "w" ? n * 7 : n;
    const d = new Date(startOfLocalDay(now));
    d.setDate(d.getDate() - (days - 1));
    return d.getTime();
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const [y, m, day] = t.split("-").map(Number) as [number, number, number];
    const d = new Date(y, m - 1, day);
    return Number.isNaN(d.getTime()) ? null : d.getTime();
  }
  const iso = Date.parse(text.trim());
  return Number.isNaN(iso) ? null : iso;
}
