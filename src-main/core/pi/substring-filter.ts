/**
 * Substring search over many strings through an index of their three-character runs: the answers
 * of `includes` on each, in a fraction of its time.
 */

/** Buckets the three-character runs are hashed into: a few thousand, so most runs have one to themselves. */
const BUCKET_BITS = 12;
const BUCKETS = 1 << BUCKET_BITS;

/** The bucket of the run of characters a, b, c. */
const bucketOf = (a: number, b: number, c: number) => Math.imul((a * 31 + b) * 31 + c, 0x9e3779b1) >>> (32 - BUCKET_BITS);

/**
 * Many strings, with, per bucket of three-character runs, which strings hold one (posting lists,
 * in ascending order). A string holding the needle holds each of its runs, so a search checks
 * `includes` only on the strings of the needle's rarest bucket instead of scanning every string:
 * the scope of a 10,000-model agent dir searches these hundreds of times per load, and a scan of
 * all of them per search (even with a summary of each string to skip most) was a tenth of the load.
 * Used by scope.ts and model-suggestions.ts.
 */
export class SubstringFilter {
  /** Where each bucket's postings start in `postings` (BUCKETS + 1 entries, the last one the total). */
  private readonly starts: Int32Array;
  /** The strings' indexes, bucket after bucket; an index is repeated when a string holds a run twice. */
  private readonly postings: Int32Array;

  constructor(private readonly strings: readonly string[]) {
    const count = strings.length;
    let total = 0;
    for (let i = 0; i < count; i++) total += Math.max(0, strings[i]!.length - 2);
    // One pass reads each string's runs into a flat list and counts them per bucket; the second
    // places them: two passes over typed arrays, not a growing array per bucket. (Plain loops:
    // this runs on every load, over a quarter of a million runs.)
    const buckets = new Int32Array(total);
    const owners = new Int32Array(total);
    const starts = new Int32Array(BUCKETS + 1);
    let n = 0;
    for (let i = 0; i < count; i++) {
      const s = strings[i]!;
      for (let k = 2; k < s.length; k++) {
        const bucket = bucketOf(s.charCodeAt(k - 2), s.charCodeAt(k - 1), s.charCodeAt(k));
        buckets[n] = bucket;
        owners[n++] = i;
        starts[bucket + 1]!++;
      }
    }
    for (let b = 0; b < BUCKETS; b++) starts[b + 1]! += starts[b]!;
    const next = starts.slice(0, BUCKETS);
    const postings = new Int32Array(total);
    for (let p = 0; p < total; p++) postings[next[buckets[p]!]!++] = owners[p]!;
    this.starts = starts;
    this.postings = postings;
  }

  /** Indexes of the strings that contain `needle`, in ascending order. */
  indexesContaining(needle: string): number[] {
    const out: number[] = [];
    if (needle.length < 3) {
      // No run to look up: every string is checked.
      this.strings.forEach((s, i) => s.includes(needle) && out.push(i));
      return out;
    }
    let rarest = 0;
    for (let k = 2; k < needle.length; k++) {
      const bucket = bucketOf(needle.charCodeAt(k - 2), needle.charCodeAt(k - 1), needle.charCodeAt(k));
      if (k === 2 || this.size(bucket) < this.size(rarest)) rarest = bucket;
    }
    // A string holding the run twice is listed twice, one after the other.
    let previous = -1;
    for (let p = this.starts[rarest]!, end = this.starts[rarest + 1]!; p < end; p++) {
      const i = this.postings[p]!;
      if (i !== previous && this.strings[i]!.includes(needle)) out.push(i);
      previous = i;
    }
    return out;
  }

  private size(bucket: number): number {
    return this.starts[bucket + 1]! - this.starts[bucket]!;
  }
}
