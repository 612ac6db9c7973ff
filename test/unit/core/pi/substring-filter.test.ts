/**
 * SubstringFilter must answer exactly what `includes` on each string answers, in ascending order:
 * checked on seeded strings over a small alphabet (so runs repeat within a string and collide in
 * buckets), with needles cut from the strings and made up, of every length from none to longer
 * than any string, astral characters included.
 */
import { describe, expect, it } from "vitest";
import { SubstringFilter } from "../../../../src-main/core/pi/substring-filter.js";

function rng(seed: number) {
  let a = seed;
  return () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
}

const r = rng(11);
const alphabet = ["a", "b", "c", "-", "/", " ", ":", "1", "é", "😀"];
const word = (max: number) => Array.from({ length: Math.floor(r() * max) }, () => alphabet[Math.floor(r() * alphabet.length)]!).join("");
const strings = [...Array.from({ length: 2_000 }, () => word(24)), "", "a", "ab", "abc", "aaaaaaa", "ababab"];
const needles = [
  "", "a", "ab", "abc", "aaa", "abab", "😀", "😀😀", "é😀", "zzz", "a".repeat(40),
  ...Array.from({ length: 300 }, () => {
    const s = strings[Math.floor(r() * strings.length)]!;
    const from = Math.floor(r() * s.length);
    return s.slice(from, from + Math.floor(r() * 8));
  }),
  ...Array.from({ length: 100 }, () => word(6)),
];

describe("SubstringFilter", () => {
  const filter = new SubstringFilter(strings);
  it("finds exactly the strings includes() finds, in ascending order, for every needle", () => {
    for (const needle of needles) {
      const expected = strings.flatMap((s, i) => (s.includes(needle) ? [i] : []));
      expect(filter.indexesContaining(needle), JSON.stringify(needle)).toEqual(expected);
    }
  });

  it("over no strings finds nothing", () => {
    const empty = new SubstringFilter([]);
    expect(empty.indexesContaining("")).toEqual([]);
    expect(empty.indexesContaining("abc")).toEqual([]);
  });
});
