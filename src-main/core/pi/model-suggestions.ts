/**
 * "Did you mean …": the model refs (`provider/id`) closest to what a user typed, for errors that
 * should say what to type instead (the CLI's `use`). A small ranking, no dependency: the same id
 * under another provider first (`gpt-4o-mini` → `openrouter/openai/gpt-4o-mini`), then refs that
 * contain the text, then near misses by edit distance on the id's last segment.
 */
import { SubstringFilter } from "./substring-filter.js";

/**
 * Levenshtein distance, two rows. With `max`, gives up as soon as the answer must exceed it and
 * returns max + 1: ranking a typo against pi's ~1,700 built-in refs for each pattern that matches
 * nothing cost 0.3 s of every `models` before, nearly all of it on refs nowhere near. With `max`,
 * only the band of cells within `max` of the diagonal is computed (a cell further off costs more
 * than `max`): the scope advice ranks 10,000 refs and more per pattern that matches nothing.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  // Every cell is held at no more than `cap`: a path through a cell past max costs more than max anyway.
  const cap = Math.min(max, a.length + n) + 1;
  const band = Math.min(max, a.length + n);
  let previous = new Int32Array(n + 2);
  let current = new Int32Array(n + 2);
  for (let j = 0; j <= n; j++) previous[j] = Math.min(j, cap);
  previous[n + 1] = cap;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(n, i + band);
    current[from - 1] = from === 1 ? Math.min(i, cap) : cap;
    const ca = a.charCodeAt(i - 1);
    let rowMin = current[from - 1]!;
    for (let j = from; j <= to; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1), cap);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // The cell right of the band is read by the next row as its upper neighbour.
    current[to + 1] = cap;
    // Every path to the end passes through this row: nothing below its minimum is reachable.
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[n]!, max + 1);
}

/** Per UTF-16 code unit, a count; all zero between calls of bagDistance. */
const letterCounts = new Int32Array(0x10000);

/**
 * The bag distance: how many letters one string has more of than the other, the larger of the two
 * sides. Each edit changes it by at most one, so it never exceeds the edit distance, and costs a
 * pass over both strings instead of their product.
 */
export function bagDistance(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i)]!++;
  for (let i = 0; i < b.length; i++) letterCounts[b.charCodeAt(i)]!--;
  // Each letter is counted once, at its first sight, and reset to zero there.
  let more = 0;
  let fewer = 0;
  for (let i = 0; i < a.length + b.length; i++) {
    const c = i < a.length ? a.charCodeAt(i) : b.charCodeAt(i - a.length);
    const count = letterCounts[c]!;
    if (count > 0) more += count;
    else fewer -= count;
    letterCounts[c] = 0;
  }
  return Math.max(more, fewer);
}

const lastSegment = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);

/** A ref as closeness compares it: lower-cased, and its last segment, each with its letterBits. */
interface RefText {
  lower: string;
  tail: string;
  lowerBits: number;
  tailBits: number;
}

/**
 * Which letters a string holds, each letter one of 32 bits. Every letter one string has and the
 * other lacks costs an edit, so the bits one has and the other lacks count at most the edits.
 */
function letterBits(s: string): number {
  let bits = 0;
  for (let i = 0; i < s.length; i++) bits |= 1 << (Math.imul(s.charCodeAt(i), 0x9e3779b1) >>> 27);
  return bits;
}

/** How many bits of x are set. */
function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** A list of refs ready for ranking: each lower-cased, and found by what closeness can score. */
interface RefTable {
  texts: RefText[];
  /** For tiers 0 and 2: the refs containing the text. */
  lowers: SubstringFilter;
  /** For tiers 1 and 3: the refs by the length of their last segment, and of the whole. */
  byTailLength: Map<number, number[]>;
  byLength: Map<number, number[]>;
}

// Made once per list of refs: the scope advice ranks one list (every model pi knows, 10,000 and
// more) for each of many patterns, and scoring every ref each time was most of the ranking.
const refTables = new WeakMap<readonly string[], RefTable>();

function push<K>(map: Map<K, number[]>, key: K, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}

/**
 * The last list ranked, by its text: each load of an unchanged agent dir builds a new list of the
 * same refs, and its table is reused instead of made again (a sixth of the advice on 11,700 refs).
 */
let lastTable: { text: string; table: RefTable } | undefined;

function tableOf(refs: readonly string[]): RefTable {
  let table = refTables.get(refs);
  if (table) return table;
  const text = refs.join("\n");
  if (lastTable?.text === text) table = lastTable.table;
  else {
    const texts = refs.map((ref) => {
      const lower = ref.toLowerCase();
      const tail = lastSegment(lower);
      return { lower, tail, lowerBits: letterBits(lower), tailBits: letterBits(tail) };
    });
    table = { texts, lowers: new SubstringFilter(texts.map((t) => t.lower)), byTailLength: new Map(), byLength: new Map() };
    for (let i = 0; i < texts.length; i++) {
      push(table.byTailLength, texts[i]!.tail.length, i);
      push(table.byLength, texts[i]!.lower.length, i);
    }
    lastTable = { text, table };
  }
  refTables.set(refs, table);
  return table;
}

/**
 * The refs closeness may score (any other gets null): those containing the text, and those whose
 * whole or last segment may be within the limit of its own (its last segment itself included).
 */
function scorable(table: RefTable, { want, wantTail, wantBits, wantTailBits, limit }: Typed): Set<number> {
  const found = new Set(table.lowers.indexesContaining(want));
  const { texts } = table;
  for (let d = -limit; d <= limit; d++) {
    for (const i of table.byTailLength.get(wantTail.length + d) ?? []) if (near(wantTail, wantTailBits, texts[i]!.tail, texts[i]!.tailBits, limit)) found.add(i);
    for (const i of table.byLength.get(want.length + d) ?? []) if (near(want, wantBits, texts[i]!.lower, texts[i]!.lowerBits, limit)) found.add(i);
  }
  return found;
}

/** What is typed, lower-cased, with what closeness derives from it once for all refs. */
interface Typed {
  want: string;
  wantTail: string;
  wantBits: number;
  wantTailBits: number;
  /** A third of the text may be wrong (typos, a missing suffix), never less than two characters. */
  limit: number;
}

/**
 * Whether the edit distance of a and b may be within `limit`: false when a lower bound of it is
 * not (lengths, the letters only one side has, then the bag distance), cheapest first.
 */
const near = (a: string, aBits: number, b: string, bBits: number, limit: number) =>
  Math.abs(a.length - b.length) <= limit && bitCount(aBits & ~bBits) <= limit && bitCount(bBits & ~aBits) <= limit && bagDistance(a, b) <= limit;

/** Lower is closer; null: not close enough to suggest. Ties within a tier go to the ref closest as a whole. */
function closeness({ want, wantTail, wantBits, wantTailBits, limit }: Typed, { lower: have, tail, lowerBits, tailBits }: RefText): number | null {
  // The exact id under some provider: the caller's order says which provider first.
  if (have.length > want.length && have.endsWith(want) && have[have.length - want.length - 1] === "/") return 0;
  if (tail === wantTail) return 1 + editDistance(want, have) / 1000;
  if (have.includes(want)) return 2 + editDistance(want, have) / 1000;
  // A distance is only computed where the cheap lower bounds (length, then letters) leave it within the limit.
  const tailNear = near(wantTail, wantTailBits, tail, tailBits, limit);
  const wholeNear = near(want, wantBits, have, lowerBits, limit);
  if (!tailNear && !wholeNear) return null;
  const distance = Math.min(tailNear ? editDistance(wantTail, tail, limit) : limit + 1, wholeNear ? editDistance(want, have, limit) : limit + 1);
  return distance <= limit ? 3 + distance + editDistance(want, have) / 1000 : null;
}

/** Up to `limit` refs closest to `typed`, closest first; ties keep the order of `refs`. */
export function closestModelRefs(typed: string, refs: readonly string[], limit = 3): string[] {
  const text = typed.trim();
  if (!text) return [];
  const want = text.toLowerCase();
  const wantTail = lastSegment(want);
  const query: Typed = { want, wantTail, wantBits: letterBits(want), wantTailBits: letterBits(wantTail), limit: Math.max(2, Math.floor(wantTail.length / 3)) };
  const table = tableOf(refs);
  const found: { ref: string; index: number; score: number }[] = [];
  for (const index of scorable(table, query)) {
    const score = closeness(query, table.texts[index]!);
    if (score !== null) found.push({ ref: refs[index]!, index, score });
  }
  return found
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, limit)
    .map((c) => c.ref);
}
