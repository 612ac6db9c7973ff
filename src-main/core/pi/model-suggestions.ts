/**
 * "Did you mean …": the model refs (`provider/id`) closest to what a user typed, for errors that
 * should say what to type instead (the CLI's `use`). A small ranking, no dependency: the same id
 * under another provider first (`gpt-4o-mini` → `openrouter/openai/gpt-4o-mini`), then refs that
 * contain the text, then near misses by edit distance on the id's last segment.
 */

/**
 * Levenshtein distance, two rows. With `max`, gives up as soon as the answer must exceed it and
 * returns max + 1: ranking a typo against pi's ~1,700 built-in refs for each pattern that matches
 * nothing cost 0.3 s of every `models` before, nearly all of it on refs nowhere near.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, current[j]!);
    }
    // Every path to the end passes through this row: nothing below its minimum is reachable.
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}

const lastSegment = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);

/** Lower is closer; null: not close enough to suggest. Ties within a tier go to the ref closest as a whole. */
function closeness(typed: string, ref: string): number | null {
  const want = typed.toLowerCase();
  const have = ref.toLowerCase();
  const tail = lastSegment(have);
  const wantTail = lastSegment(want);
  const whole = () => editDistance(want, have) / 1000;
  // The exact id under some provider: the caller's order says which provider first.
  if (have.endsWith(`/${want}`)) return 0;
  if (tail === wantTail) return 1 + whole();
  if (have.includes(want)) return 2 + whole();
  // A third of the text may be wrong (typos, a missing suffix), never less than two characters.
  const limit = Math.max(2, Math.floor(wantTail.length / 3));
  const distance = Math.min(editDistance(wantTail, tail, limit), editDistance(want, have, limit));
  return distance <= limit ? 3 + distance + whole() : null;
}

/** Up to `limit` refs closest to `typed`, closest first; ties keep the order of `refs`. */
export function closestModelRefs(typed: string, refs: readonly string[], limit = 3): string[] {
  const text = typed.trim();
  if (!text) return [];
  return refs
    .map((ref, index) => ({ ref, index, score: closeness(text, ref) }))
    .filter((c): c is { ref: string; index: number; score: number } => c.score !== null)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, limit)
    .map((c) => c.ref);
}
