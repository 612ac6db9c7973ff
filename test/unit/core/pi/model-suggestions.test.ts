/**
 * "Did you mean": the bounded edit distance must agree with the plain one wherever it answers, so
 * the speed-up (it gives up on refs nowhere near) never changes a suggestion.
 */
import { describe, expect, it } from "vitest";
import { bagDistance, closestModelRefs, editDistance } from "../../../../src-main/core/pi/model-suggestions.js";

/** Textbook Levenshtein, full matrix: the reference the bounded one is held to. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

describe("editDistance", () => {
  it("is Levenshtein's, and with a bound gives the exact distance up to it and bound + 1 past it", () => {
    // A fixed pseudo-random walk over short strings of a small alphabet, so near misses are common.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const word = () => Array.from({ length: next() % 9 }, () => "abc-/"[next() % 5]).join("");
    for (let n = 0; n < 2000; n++) {
      const [a, b, max] = [word(), word(), next() % 5];
      const exact = reference(a, b);
      expect(editDistance(a, b)).toBe(exact);
      expect(editDistance(a, b, max)).toBe(exact <= max ? exact : max + 1);
    }
  });

  it("agrees on longer strings with wider bounds, where only a band around the diagonal is computed", () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const word = () => Array.from({ length: next() % 24 }, () => "ab-/"[next() % 4]).join("");
    for (let n = 0; n < 2000; n++) {
      const [a, b, max] = [word(), word(), next() % 12];
      const exact = reference(a, b);
      expect(editDistance(a, b)).toBe(exact);
      expect(editDistance(a, b, max)).toBe(exact <= max ? exact : max + 1);
    }
  });
});

describe("bagDistance", () => {
  it("never exceeds the edit distance (closestModelRefs skips refs on it), and counts the letters one side has more of", () => {
    expect(bagDistance("abc", "abd")).toBe(1);
    expect(bagDistance("aab", "b")).toBe(2);
    expect(bagDistance("ab", "ba")).toBe(0);
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const word = () => Array.from({ length: next() % 16 }, () => "abc-/é"[next() % 6]).join("");
    for (let n = 0; n < 2000; n++) {
      const [a, b] = [word(), word()];
      expect(bagDistance(a, b)).toBeLessThanOrEqual(reference(a, b));
      expect(bagDistance(a, b)).toBe(bagDistance(b, a));
    }
  });
});

describe("closestModelRefs", () => {
  const refs = ["openrouter/openai/gpt-4o-mini", "openai/gpt-4o-mini", "openai/gpt-4o", "anthropic/claude-sonnet-4.5", "openrouter/anthropic/claude-sonnet-4.5"];

  it("ranks the same id under any provider (in the given order), then containment, then near misses", () => {
    expect(closestModelRefs("gpt-4o-mini", refs)).toEqual(["openrouter/openai/gpt-4o-mini", "openai/gpt-4o-mini"]);
    expect(closestModelRefs("claude-sonet-4.5", refs)).toEqual(["anthropic/claude-sonnet-4.5", "openrouter/anthropic/claude-sonnet-4.5"]);
    expect(closestModelRefs("gpt-4", refs, 1)).toEqual(["openai/gpt-4o"]);
  });

  it("ranks a long list as scoring every ref one by one does (the ranking only skips refs it cannot score)", () => {
    // The ranking as first written: every ref scored, with the plain distance.
    const closeness = (typed: string, ref: string): number | null => {
      const want = typed.toLowerCase();
      const have = ref.toLowerCase();
      const tail = have.slice(have.lastIndexOf("/") + 1);
      const wantTail = want.slice(want.lastIndexOf("/") + 1);
      const whole = () => reference(want, have) / 1000;
      if (have.endsWith(`/${want}`)) return 0;
      if (tail === wantTail) return 1 + whole();
      if (have.includes(want)) return 2 + whole();
      const limit = Math.max(2, Math.floor(wantTail.length / 3));
      const distance = Math.min(reference(wantTail, tail), reference(want, have));
      return distance <= limit ? 3 + distance + whole() : null;
    };
    const plain = (typed: string, list: string[]) =>
      list
        .map((ref, index) => ({ ref, index, score: closeness(typed, ref) }))
        .filter((c): c is { ref: string; index: number; score: number } => c.score !== null)
        .sort((a, b) => a.score - b.score || a.index - b.index)
        .slice(0, 3)
        .map((c) => c.ref);
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const word = (n: number) => Array.from({ length: 1 + (next() % n) }, () => "abcdefghijklmnopqrstuvwxyz0123456789-.:"[next() % (next() % 2 ? 5 : 39)]).join("");
    const list = Array.from({ length: 600 }, () => `${["p", "Q", "p/x"][next() % 3]}/${word(9)}${next() % 4 === 0 ? `/${word(5)}` : ""}`);
    for (let n = 0; n < 300; n++) {
      const typed = next() % 3 === 0 ? `${["p", "q", "x"][next() % 3]}/${word(9)}` : word(12);
      expect(closestModelRefs(typed, list)).toEqual(plain(typed, list));
    }
  });

  it("suggests nothing for text nowhere near", () => {
    expect(closestModelRefs("mistral-large", refs)).toEqual([]);
  });
});
