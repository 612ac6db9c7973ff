/**
 * Scoped models: `enabledModels` resolved exactly as pi 0.73 does (model-resolver.ts,
 * resolveModelScope), against the models pi counts as available and in their order. Adds what pi
 * only prints as warnings: the patterns that match nothing, which pattern pulled each model in,
 * and hints for the usual mistakes.
 */
import { Minimatch } from "minimatch";
import { THINKING_LEVELS, type ScopeReport, type ThinkingLevel } from "../contract.js";

export interface ScopeCandidate {
  provider: string;
  id: string;
  name: string;
}

export function isThinkingLevel(value: string): value is ThinkingLevel {
  return (THINKING_LEVELS as readonly string[]).includes(value);
}

export const modelRef = (m: { provider: string; id: string }) => `${m.provider}/${m.id}`;

/** pi's isAlias: no -YYYYMMDD date suffix, or ends in -latest. */
function isAlias(id: string): boolean {
  return id.endsWith("-latest") || !/-\d{8}$/.test(id);
}

/** Many strings joined by "\n", so one native indexOf scan finds every string holding a needle. */
class JoinedStrings {
  private readonly joined: string;
  /** For every character offset of `joined`, the index of the string it belongs to. */
  private readonly owner: Int32Array;
  private readonly count: number;

  constructor(strings: string[]) {
    this.joined = strings.join("\n");
    this.count = strings.length;
    this.owner = new Int32Array(this.joined.length + 1);
    let offset = 0;
    strings.forEach((s, i) => {
      this.owner.fill(i, offset, offset + s.length + 1);
      offset += s.length + 1;
    });
  }

  /** Indexes of the strings that contain `needle` (which must not contain "\n"). */
  indexesContaining(needle: string): Set<number> {
    const out = new Set<number>();
    if (needle === "") {
      for (let i = 0; i < this.count; i++) out.add(i);
      return out;
    }
    for (let pos = this.joined.indexOf(needle); pos !== -1; pos = this.joined.indexOf(needle, pos + 1)) out.add(this.owner[pos]!);
    return out;
  }
}

/**
 * The longest run of literal characters a glob requires, lower-cased, or "" when the glob uses
 * syntax that could match text not spelled in it (braces, extglobs, escapes, classes) or that
 * minimatch rewrites (".", "..", repeated slashes).
 */
export function requiredLiteral(glob: string): string {
  if (/[{}()\\!+@[\]]/.test(glob) || /(^|\/)\.\.?(\/|$)|\/\//.test(glob)) return "";
  return glob
    .toLowerCase()
    .split(/[*?]+/)
    // "a/**" also matches "a" and "**/b" matches "b": the slash next to a globstar is not required.
    .map((run) => run.replace(/^\/+|\/+$/g, ""))
    .reduce((best, run) => (run.length > best.length ? run : best), "");
}

/**
 * The available models with their lower-cased names precomputed and the exact lookups pi does by
 * linear scan kept in maps: the same answers, without re-lowercasing thousands of ids for every
 * one of hundreds of patterns.
 */
export class ModelIndex<M extends ScopeCandidate> {
  readonly idLower: string[];
  readonly nameLower: (string | undefined)[];
  readonly refLower: string[];
  private readonly byRef = new Map<string, M[]>();
  private readonly byProviderAndId = new Map<string, M[]>();
  private readonly byId = new Map<string, M[]>();
  private joinedIds: JoinedStrings | undefined;
  private joinedNames: JoinedStrings | undefined;
  private joinedRefs: JoinedStrings | undefined;

  constructor(readonly models: M[]) {
    this.idLower = models.map((m) => m.id.toLowerCase());
    this.nameLower = models.map((m) => m.name?.toLowerCase());
    this.refLower = models.map((m) => modelRef(m).toLowerCase());
    const push = (map: Map<string, M[]>, key: string, m: M) => {
      const list = map.get(key);
      if (list) list.push(m);
      else map.set(key, [m]);
    };
    models.forEach((m, i) => {
      push(this.byRef, this.refLower[i]!, m);
      push(this.byProviderAndId, `${m.provider.toLowerCase()}\u0000${this.idLower[i]}`, m);
      push(this.byId, this.idLower[i]!, m);
    });
  }

  /** Indexes of the models whose id or name contains `lower` (pi's fuzzy step). */
  private containing(lower: string): Set<number> {
    if (lower.includes("\n")) {
      return new Set(this.models.flatMap((_, i) => (this.idLower[i]!.includes(lower) || this.nameLower[i]?.includes(lower) ? [i] : [])));
    }
    this.joinedIds ??= new JoinedStrings(this.idLower);
    this.joinedNames ??= new JoinedStrings(this.nameLower.map((n) => n ?? ""));
    const found = this.joinedIds.indexesContaining(lower);
    for (const i of this.joinedNames.indexesContaining(lower)) if (this.nameLower[i] !== undefined) found.add(i);
    return found;
  }

  /** The models a glob matches on "provider/id" or on the id alone, in the models' order. */
  matchGlob(glob: string): M[] {
    // Compiled once per pattern: the same answer as pi's minimatch(path, glob) per model, without
    // re-parsing the glob for each of thousands of models.
    // (matcher.makeRe() is not a shortcut: its RegExp accepts "a" and dot-segments for "a/**",
    // which match() — and so pi — rejects.)
    const matcher = new Minimatch(glob, { nocase: true });
    const test = (s: string) => matcher.match(s);
    const literal = matcher.negate || matcher.comment ? "" : requiredLiteral(glob);
    let candidates: Iterable<number> = this.models.keys();
    if (literal && !literal.includes("\n")) {
      // Only strings that contain the glob's longest literal run can match it.
      this.joinedRefs ??= new JoinedStrings(this.refLower);
      this.joinedIds ??= new JoinedStrings(this.idLower);
      const set = this.joinedRefs.indexesContaining(literal);
      for (const i of this.joinedIds.indexesContaining(literal)) set.add(i);
      candidates = [...set].sort((a, b) => a - b);
    }
    const out: M[] = [];
    for (const i of candidates) {
      const m = this.models[i]!;
      if (test(modelRef(m)) || test(m.id)) out.push(m);
    }
    return out;
  }

  /** pi's findExactModelReferenceMatch: provider/id or bare id, case-insensitive, unambiguous only. */
  findExact(reference: string): M | undefined {
    const trimmed = reference.trim();
    if (!trimmed) return undefined;
    const lower = trimmed.toLowerCase();
    const canonical = this.byRef.get(lower) ?? [];
    if (canonical.length === 1) return canonical[0];
    if (canonical.length > 1) return undefined;
    const slash = trimmed.indexOf("/");
    if (slash !== -1) {
      const provider = trimmed.substring(0, slash).trim().toLowerCase();
      const id = trimmed.substring(slash + 1).trim().toLowerCase();
      if (provider && id) {
        const matches = this.byProviderAndId.get(`${provider}\u0000${id}`) ?? [];
        if (matches.length === 1) return matches[0];
        if (matches.length > 1) return undefined;
      }
    }
    const byId = this.byId.get(lower) ?? [];
    return byId.length === 1 ? byId[0] : undefined;
  }

  /** pi's tryMatchModel: exact, else a substring of id or name preferring aliases over dated ids. */
  tryMatch(pattern: string): M | undefined {
    const exact = this.findExact(pattern);
    if (exact) return exact;
    const found = this.containing(pattern.toLowerCase());
    const matches = [...found].sort((a, b) => a - b).map((i) => this.models[i]!);
    if (matches.length === 0) return undefined;
    const aliases = matches.filter((m) => isAlias(m.id));
    const pool = aliases.length > 0 ? aliases : matches;
    return [...pool].sort((a, b) => b.id.localeCompare(a.id))[0];
  }
}

interface PatternMatch<M> {
  model: M | undefined;
  thinkingLevel: ThinkingLevel | undefined;
  warning: string | undefined;
}

/** pi's parseModelPattern in scope mode: whole pattern first, then peel `:suffix` off the end. */
function parsePattern<M extends ScopeCandidate>(pattern: string, models: ModelIndex<M>): PatternMatch<M> {
  const exact = models.tryMatch(pattern);
  if (exact) return { model: exact, thinkingLevel: undefined, warning: undefined };
  const colon = pattern.lastIndexOf(":");
  if (colon === -1) return { model: undefined, thinkingLevel: undefined, warning: undefined };
  const prefix = pattern.substring(0, colon);
  const suffix = pattern.substring(colon + 1);
  const inner = parsePattern(prefix, models);
  if (!inner.model) return inner;
  if (isThinkingLevel(suffix)) return { model: inner.model, thinkingLevel: inner.warning ? undefined : suffix, warning: inner.warning };
  return { model: inner.model, thinkingLevel: undefined, warning: `Invalid thinking level "${suffix}" in pattern "${pattern}". Using default instead.` };
}

const isGlob = (pattern: string) => pattern.includes("*") || pattern.includes("?") || pattern.includes("[");

function hintFor<M extends ScopeCandidate>(pattern: string, matched: M[], models: M[]): string | undefined {
  if (matched.length === 0 && isGlob(pattern)) {
    const glob = pattern.replace(/:[a-z]+$/, "");
    const slash = glob.indexOf("/");
    if (slash !== -1 && glob.endsWith("/*")) {
      const provider = glob.slice(0, slash).toLowerCase();
      if (models.some((m) => m.provider.toLowerCase() === provider && m.id.includes("/"))) {
        return `"*" does not cross "/", and ${glob.slice(0, slash)}'s model ids contain a slash: use "${glob.slice(0, -1)}**".`;
      }
    }
    return undefined;
  }
  if (matched.length === 0) {
    return models.length === 0 ? "No model is available: pi only scopes models whose provider has a key." : undefined;
  }
  const picked = matched[0]!;
  if (!isGlob(pattern) && picked.id.endsWith(":free") && !pattern.toLowerCase().includes(":free")) {
    return `The fuzzy pattern picked the free variant ${modelRef(picked)}; write the full provider/id to get the paid one.`;
  }
  return undefined;
}

/**
 * @param patterns enabledModels as written.
 * @param available the models pi counts as available (getAvailable), in pi's order.
 */
export function resolveScope<M extends ScopeCandidate>(patterns: string[] | undefined, available: M[]): ScopeReport & { scoped: M[]; warnings: string[] } {
  const list = Array.isArray(patterns) ? patterns : [];
  const scoped: M[] = [];
  const seen = new Set<string>();
  const report: ScopeReport & { scoped: M[]; warnings: string[] } = {
    patterns: list,
    models: [],
    thinking: {},
    unmatched: [],
    matches: [],
    hints: [],
    unset: list.length === 0,
    scoped,
    warnings: [],
  };
  const add = (model: M, level: ThinkingLevel | undefined, pulled: string[]) => {
    const ref = modelRef(model);
    if (seen.has(ref)) return;
    seen.add(ref);
    scoped.push(model);
    report.models.push(ref);
    pulled.push(ref);
    if (level) report.thinking[ref] = level;
  };

  let index: ModelIndex<M> | undefined;
  for (const pattern of list) {
    if (typeof pattern !== "string") continue;
    const pulled: string[] = [];
    let matched: M[] = [];
    if (isGlob(pattern)) {
      const colon = pattern.lastIndexOf(":");
      let glob = pattern;
      let level: ThinkingLevel | undefined;
      if (colon !== -1) {
        const suffix = pattern.substring(colon + 1);
        if (isThinkingLevel(suffix)) {
          level = suffix;
          glob = pattern.substring(0, colon);
        }
      }
      matched = (index ??= new ModelIndex(available)).matchGlob(glob);
      for (const m of matched) add(m, level, pulled);
    } else {
      const { model, thinkingLevel, warning } = parsePattern(pattern, (index ??= new ModelIndex(available)));
      if (warning) report.warnings.push(warning);
      if (model) {
        matched = [model];
        add(model, thinkingLevel, pulled);
      }
    }
    if (matched.length === 0) report.unmatched.push(pattern);
    report.matches.push({ pattern, models: pulled });
    const hint = hintFor(pattern, matched, available);
    if (hint) report.hints.push({ pattern, message: hint });
  }
  return report;
}
