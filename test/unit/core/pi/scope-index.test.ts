/**
 * The scope's fast paths (one compiled glob, a literal prefilter, substring search prefiltered by character pairs)
 * must give exactly the answers of pi's plain loops: minimatch(path, glob, {nocase}) per model and
 * includes() on lower-cased ids and names. Checked on generated ids and globs, seeded.
 */
import { minimatch } from "minimatch";
import { describe, expect, it } from "vitest";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import { ModelIndex, requiredLiteral, requiredLiterals, resolveScope } from "../../../../src-main/core/pi/scope.js";

function rng(seed: number) {
  let a = seed;
  return () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
}

const r = rng(7);
const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
const providers = ["openrouter", "openrouter-bedrock", "Groq", "a", "x.y"];
const parts = ["anthropic", "claude", "sonnet-4.5", "Kimi-K2", "model", "gpt-4o", "free", "v1:0", "a", ".hidden", "b"];
const models = Array.from({ length: 400 }, (_, i) => {
  const segments = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(parts));
  const id = segments.join(pick(["/", "-", ":"])) + (r() < 0.2 ? ":free" : "");
  return { provider: pick(providers), id, name: r() < 0.8 ? `${pick(parts)} ${i}` : "" };
});
const globs = [
  "openrouter/*", "openrouter/**", "openrouter-bedrock/**", "*/claude*", "**/sonnet*", "*sonnet*", "a/**", "**/b", "a", "*:free",
  "CLAUDE*", "openrouter*/anthropic/*", "?", "??*", "*/*/*", "x.y/*", "groq/**/v1:0", "*kimi-k2*", "model/**/free", "**",
  "!openrouter/*", "{a,b}/*", "+(a|b)", "[ab]/**", "a//b", "./a", "openrouter/./x", "*.hidden*", "a/**/b", "b/**",
  // Several literal runs, each required.
  "*/*anthropic/*claude*", "open*/*/sonnet*", "a*b*c", "*-4o*free", "groq/**/a/**/b", "*k2*:free", "model?*v1:0",
];

describe("ModelIndex.matchGlob equals pi's per-model minimatch", () => {
  const index = new ModelIndex(models);
  it.each(globs)("%s", (glob) => {
    const expected = models.filter((m) => minimatch(`${m.provider}/${m.id}`, glob, { nocase: true }) || minimatch(m.id, glob, { nocase: true }));
    expect(index.matchGlob(glob).models).toEqual(expected);
  });
});

describe("requiredLiteral", () => {
  it("keeps only text every match must contain", () => {
    expect(requiredLiteral("openrouter-bedrock/**")).toBe("openrouter-bedrock");
    expect(requiredLiteral("*vendor3/model-3?")).toBe("vendor3/model-3");
    expect(requiredLiteral("{a,b}/*")).toBe("");
    expect(requiredLiteral("a//b")).toBe("");
    expect(requiredLiterals("*vendor3/*/model-3?")).toEqual(["vendor3", "model-3"]);
    expect(requiredLiterals("a/**/b/c")).toEqual(["a", "b/c"]);
    expect(requiredLiterals("[ab]/**")).toEqual([]);
  });
});

describe("fuzzy patterns find what includes() finds", () => {
  it.each(["sonnet", "CLAUDE", "free", "4.5", "i 1", "k2", "/", ":", "zzz"])("%s", (pattern) => {
    // tryMatch's fuzzy step picks one model; the candidate pool must be exactly includes()'s.
    const lower = pattern.toLowerCase();
    const pool = models.filter((m) => m.id.toLowerCase().includes(lower) || m.name.toLowerCase().includes(lower));
    const result = resolveScope([pattern], models, rulesFor("0.73.1"));
    if (pool.length === 0) expect(result.unmatched).toEqual([pattern]);
    else expect(pool.map((m) => `${m.provider}/${m.id}`)).toContain(result.models[0]);
  });
});

describe("ModelIndex.fuzzyMatches equals includes() on every model, in the models' order", () => {
  const index = new ModelIndex(models);
  const needles = ["sonnet", "CLAUDE", "free", "4.5", "i 1", "k2", "/", ":", "zzz", "", "a", "v1:0", "nthropic/cla", "t-4o-", "\n", "é"];
  it.each(needles)("%j", (needle) => {
    const lower = needle.toLowerCase();
    const holds = (m: (typeof models)[number]) => m.id.toLowerCase().includes(lower) || (m.name !== undefined && m.name.toLowerCase().includes(lower));
    expect(index.fuzzyMatches(needle)).toEqual(models.filter(holds));
    for (const provider of providers) expect(index.fuzzyMatches(needle, provider)).toEqual(models.filter((m) => m.provider === provider && holds(m)));
  });
});

describe("a subset's index (the available models within all pi knows) answers as an index of its own", () => {
  const available = models.filter(() => r() < 0.7);
  const own = new ModelIndex(available);
  const shared = new ModelIndex(models).subset(available);
  it.each(["sonnet", "CLAUDE", "free", "4.5", "i 1", "k2", "/", "", "nthropic/cla", "zzz"])("fuzzy %j", (needle) => {
    expect(shared.fuzzyMatches(needle)).toEqual(own.fuzzyMatches(needle));
  });
  it.each(globs)("glob %s", (glob) => {
    expect(shared.matchGlob(glob).models).toEqual(own.matchGlob(glob).models);
  });
  it("is an index of its own for models that are not a subsequence", () => {
    const reordered = [...available].reverse();
    expect(new ModelIndex(models).subset(reordered).fuzzyMatches("claude")).toEqual(new ModelIndex(reordered).fuzzyMatches("claude"));
  });
});
