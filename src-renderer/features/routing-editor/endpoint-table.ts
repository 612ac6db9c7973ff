/**
 * The routing editor's endpoint table as data: its columns (the facts `catalog <model> --json`
 * gives, endpoint-facts.ts), sorting by any of them with unknown values always last, and how each
 * value reads, and which columns fit the width the table has (the rest go to a details row). Pure,
 * so the order and the fit users rely on are tested without a DOM.
 */
import type { CatalogEndpoint } from "../../../src-main/core/common/index.js";
import { endpointFacts, type EndpointFacts } from "../../../src-main/core/common/openrouter/endpoint-facts";
export { formatAge as age } from "../../../src-main/core/common/openrouter/catalog-age";

export type SortDirection = "ascending" | "descending";
export interface TableSort {
  column: ColumnKey;
  direction: SortDirection;
}

export interface EndpointRow {
  /** What routing names: the endpoint's tag ("novita/fp8") or the provider slug. */
  slug: string;
  facts: EndpointFacts;
}

type Value = string | number | boolean | null;

interface Column {
  key: string;
  label: string;
  /** A longer name for the header's title and the sort button's accessible name. */
  title: string;
  value: (f: EndpointFacts) => Value;
  show: (f: EndpointFacts) => string;
  /** Numbers read right-aligned. */
  numeric: boolean;
  /** The direction a first click sorts in: the useful end first (cheapest, fastest, longest context). */
  firstDirection: SortDirection;
}

const money = (n: number | null) => (n === null ? "–" : n === 0 ? "free" : `$${n < 0.1 ? n.toPrecision(2) : Number(n.toFixed(2))}`);
const tokens = (n: number | null) => (n === null ? "–" : n >= 1000 ? `${Math.round(n / 1000)}K` : String(n));
const STATUS: Record<string, string> = { "0": "OK", "-1": "degraded", "-2": "degraded", "-3": "down", "-5": "down", "-10": "down" };

function column(key: string, label: string, title: string, value: Column["value"], show: Column["show"], numeric: boolean, firstDirection: SortDirection = "ascending"): Column {
  return { key, label, title, value, show, numeric, firstDirection };
}

export const COLUMNS = [
  column("provider", "Provider", "Provider", (f) => f.provider.toLowerCase(), (f) => f.provider, false),
  column("quantization", "Quant.", "Quantization", (f) => f.quantization, (f) => f.quantization ?? "–", false),
  column("context", "Context", "Context length (tokens)", (f) => f.contextLength, (f) => tokens(f.contextLength), true, "descending"),
  column("maxOutput", "Max out", "Longest answer (tokens)", (f) => f.maxOutput, (f) => tokens(f.maxOutput), true, "descending"),
  column("prompt", "In $/M", "Prompt price, USD per million tokens", (f) => f.pricing.prompt, (f) => money(f.pricing.prompt), true),
  column("completion", "Out $/M", "Completion price, USD per million tokens", (f) => f.pricing.completion, (f) => money(f.pricing.completion), true),
  column("cacheRead", "Cache $/M", "Cache read price, USD per million tokens", (f) => f.pricing.cacheRead, (f) => money(f.pricing.cacheRead), true),
  column("uptime", "Uptime", "Uptime over the last 30 minutes", (f) => f.uptime30m, (f) => (f.uptime30m === null ? "–" : `${f.uptime30m.toFixed(1)}%`), true, "descending"),
  column("latency", "Latency", "Median time to first token, last 30 minutes", (f) => f.latencyP50Ms, (f) => (f.latencyP50Ms === null ? "–" : f.latencyP50Ms >= 1000 ? `${(f.latencyP50Ms / 1000).toFixed(1)} s` : `${Math.round(f.latencyP50Ms)} ms`), true),
  column("throughput", "Tok/s", "Median tokens per second, last 30 minutes", (f) => f.throughputP50, (f) => (f.throughputP50 === null ? "–" : String(Math.round(f.throughputP50))), true, "descending"),
  column("tools", "Tools", "Accepts tool calls (pi's agent needs them)", (f) => f.supportsTools, (f) => (f.supportsTools === null ? "?" : f.supportsTools ? "yes" : "no"), false, "descending"),
  column("status", "Status", "OpenRouter's endpoint status", (f) => f.status, (f) => (f.status === null ? "–" : (STATUS[String(f.status)] ?? (f.status < 0 ? "degraded" : "OK"))), false, "descending"),
] as const satisfies readonly Column[];

export type ColumnKey = (typeof COLUMNS)[number]["key"];

/**
 * Which facts keep a column when the table is narrower than all of them, most wanted first: what a
 * request costs, whether pi's agent can use it at all (tools) and whether it is up, then the rest.
 */
const PRIORITY: readonly string[] = ["prompt", "completion", "tools", "status", "context", "uptime", "latency", "throughput", "quantization", "maxOutput", "cacheRead"];
/** About how wide each column's cell is in px (13 px tabular figures, 6 px padding each side). */
const WIDTH: Record<string, number> = { provider: 150, quantization: 64, context: 72, maxOutput: 72, prompt: 66, completion: 70, cacheRead: 80, uptime: 70, latency: 72, throughput: 60, tools: 56, status: 80 };
/** A compact table packs its cells tighter (smaller type and padding, styles.css .endpoint-table.compact). */
const COMPACT_FACTOR = 0.85;
/** The Use cell: Pin, Only, Order, Ignore in a row; two rows of two in a compact table. */
const USE_WIDTH = { wide: 196, compact: 100 };
/** The details button's column, added when a column goes to the details row. */
const DETAILS_WIDTH = 34;
/** Below this width the Use buttons wrap into two rows. */
export const COMPACT_BELOW = 560;

export interface ColumnFit<C> {
  shown: C[];
  /** What goes to each row's details row, in the table's order. */
  hidden: C[];
}

/**
 * The columns that fit `width` px beside the provider and Use cells, by PRIORITY, kept in the
 * table's order; the rest go to a details row. A width of 0 (not measured yet, or no layout) shows all.
 */
export function fitColumns<C extends { key: string }>(columns: readonly C[], width: number): ColumnFit<C> {
  if (width <= 0) return { shown: [...columns], hidden: [] };
  const compact = width < COMPACT_BELOW;
  const widthOf = (key: string) => Math.round((WIDTH[key] ?? 72) * (compact ? COMPACT_FACTOR : 1));
  const fixed = (compact ? 110 : widthOf("provider")) + (compact ? USE_WIDTH.compact : USE_WIDTH.wide);
  const all = columns.reduce((sum, c) => sum + widthOf(c.key), fixed);
  if (all <= width) return { shown: [...columns], hidden: [] };
  let left = width - fixed - DETAILS_WIDTH;
  const keep = new Set<string>();
  for (const key of PRIORITY) {
    const c = columns.find((x) => x.key === key);
    if (!c) continue;
    if (widthOf(key) > left) break;
    keep.add(key);
    left -= widthOf(key);
  }
  return { shown: columns.filter((c) => keep.has(c.key)), hidden: columns.filter((c) => !keep.has(c.key)) };
}

export const columnOf = (key: ColumnKey): Column => COLUMNS.find((c) => c.key === key)!;

export function endpointRows(endpoints: CatalogEndpoint[]): EndpointRow[] {
  return endpoints.map((e) => ({ slug: e.slug, facts: endpointFacts(e) }));
}

function compare(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return String(a).localeCompare(String(b));
}

/** Rows sorted by a column; rows without a value stay last in either direction; ties keep the catalog's order. */
export function sortRows(rows: EndpointRow[], sort: TableSort | null): EndpointRow[] {
  if (!sort) return rows;
  const { value } = columnOf(sort.column);
  const sign = sort.direction === "ascending" ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: value(row.facts) }))
    .sort((x, y) => {
      if (x.v === null || y.v === null) return x.v === y.v ? x.i - y.i : x.v === null ? 1 : -1;
      return sign * compare(x.v, y.v) || x.i - y.i;
    })
    .map((x) => x.row);
}

/** The sort after a click on a column's header: its useful direction first, then the other. */
export function nextSort(current: TableSort | null, column: ColumnKey): TableSort {
  if (current?.column !== column) return { column, direction: columnOf(column).firstDirection };
  return { column, direction: current.direction === "ascending" ? "descending" : "ascending" };
}
