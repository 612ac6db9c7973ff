/**
 * Scoped models: `enabledModels` resolved exactly as the detected pi does (model-resolver.js,
 * resolveModelScope / resolveModelScopeFromModels), against the models pi counts as available and
 * in their order. What differs between pi releases comes from PiRules (pi-rules.ts): the thinking
 * levels pi accepts, exact-before-glob (0.82.0), pi 1.3's reference resolver (a bare id on several
 * providers scopes all of them, with pi's warning). Adds what pi only prints as warnings: the
 * patterns that match nothing with their real cause and fix (scope-advice.ts), which pattern pulled
 * each model in, and hints for the usual mistakes. Globs are matched within a time budget
 * (scope-glob.ts), so no settings.json can block the window.
 */
import { THINKING_LEVELS, type ScopePatternKind, type ScopePreview, type ScopeReport, type ThinkingLevel } from "../common/index.js";
import type { PiRules } from "./pi-rules.js";
import { adviseUnmatched, type ScopeProbe } from "./scope-advice.js";
import { compileScopeGlob, cutShort, isScopeGlob as isGlob, SCOPE_BUDGET, type ScopeBudget } from "./scope-glob.js";
import { SubstringFilter } from "./substring-filter.js";

/** The part of pi's rules scope resolution follows. */
export type ScopeRules = Pick<PiRules, "thinkingLevels" | "scope">;

export interface ScopeCandidate {
  provider: string;
  id: string;
  name: string;
}

/** What ModelIndex.matchGlob found, and why it did not check every model when it did not. */
export interface GlobMatch<M> {
  models: M[];
  /** The models the glob could match (those holding its literal text), all of them when it has none. */
  candidates: number;
  /** Why the glob was not compiled (scope-glob.ts). */
  refused?: string;
  /** How many candidates were checked when the deadline came first. */
  stoppedAfter?: number;
  /** Whether that deadline was the whole scope's rather than the glob's own. */
  byWhole?: boolean;
}

/** How long a glob may take: `ms` of its own, counted from when the index can answer, and never past `wholeAt`. */
export interface GlobDeadline {
  ms: number;
  wholeAt: number;
  now: () => number;
}

/** pi's isValidThinkingLevel: one of `levels` (the detected pi's, PiRules.thinkingLevels), exactly as written. */
export function isThinkingLevel(value: unknown, levels: readonly ThinkingLevel[] = THINKING_LEVELS): value is ThinkingLevel {
  return typeof value === "string" && (levels as readonly string[]).includes(value);
}

export const modelRef = (m: { provider: string; id: string }) => `${m.provider}/${m.id}`;

/** pi's isAlias: no -YYYYMMDD date suffix, or ends in -latest. */
function isAlias(id: string): boolean {
  return id.endsWith("-latest") || !/-\d{8}$/.test(id);
}

/**
 * The longest run of literal characters a glob requires, lower-cased, or "" when the glob uses
 * syntax that could match text not spelled in it (braces, extglobs, escapes, classes) or that
 * minimatch rewrites (".", "..", repeated slashes).
 */
export function requiredLiteral(glob: string): string {
  return requiredLiterals(glob).reduce((best, run) => (run.length > best.length ? run : best), "");
}

/** Every run of literal characters a glob requires, lower-cased (none where requiredLiteral says ""). */
export function requiredLiterals(glob: string): string[] {
  if (/[{}()\\!+@[\]]/.test(glob) || /(^|\/)\.\.?(\/|$)|\/\//.test(glob)) return [];
  return (
    glob
      .toLowerCase()
      .split(/[*?]+/)
      // "a/**" also matches "a" and "**/b" matches "b": the slash next to a globstar is not required.
      .map((run) => run.replace(/^\/+|\/+$/g, ""))
      .filter((run) => run !== "")
  );
}

/** The lower-cased texts of a model that substring searches run on. */
type SearchedText = "id" | "name" | "ref";

/**
 * The available models with their lower-cased names precomputed and the exact lookups pi does by
 * linear scan kept in maps: the same answers, without re-lowercasing thousands of ids for every
 * one of hundreds of patterns.
 */
export class ModelIndex<M extends ScopeCandidate> {
  readonly idLower: string[];
  readonly nameLower: (string | undefined)[];
  private refLowerList: string[] | undefined;
  // Lookups are built on first use: each pi generation asks through some of them only, and a
  // 10,000-model agent dir built all four (with their joined keys) on every load.
  private byRefMap: Map<string, M[]> | undefined;
  private byProviderAndIdMap: Map<string, M[]> | undefined;
  private byIdMap: Map<string, M[]> | undefined;
  /** Per exact provider name, the first model of each lower-cased id, for pi 1.3's "the provider's own literal id". */
  private byNamedProviderAndIdMap: Map<string, Map<string, M>> | undefined;
  private byProviderIndexMap: Map<string, number[]> | undefined;
  /** Each provider name once, in the models' order. */
  private providerNameList: string[] | undefined;
  private readonly filters: Partial<Record<SearchedText, SubstringFilter>> = {};
  /** For a subset's index: the index of all the models, where each model here is there, and each one there here (-1: not here). */
  private readonly within: { index: ModelIndex<M>; positions: Int32Array; here: Int32Array } | undefined;

  /**
   * @param within the index of a list these models are a subsequence of (available within known),
   *   at `positions`: the lower-cased texts and substring searches are that index's, not made again.
   */
  constructor(
    readonly models: M[],
    within?: { index: ModelIndex<M>; positions: Int32Array },
  ) {
    if (within) {
      const { index, positions } = within;
      this.idLower = Array.from(positions, (k) => index.idLower[k]!);
      this.nameLower = Array.from(positions, (k) => index.nameLower[k]);
      const here = new Int32Array(index.models.length).fill(-1);
      positions.forEach((k, i) => (here[k] = i));
      this.within = { index, positions, here };
    } else {
      this.idLower = models.map((m) => m.id.toLowerCase());
      this.nameLower = models.map((m) => m.name?.toLowerCase());
    }
  }

  /**
   * The index of `subset` sharing this one's texts and searches, when `subset` is a subsequence of
   * these models (the available ones among all pi knows); else an index of its own.
   */
  subset(subset: M[]): ModelIndex<M> {
    if (subset === this.models) return this;
    const positions = new Int32Array(subset.length);
    let k = 0;
    for (let i = 0; i < subset.length; i++) {
      while (k < this.models.length && this.models[k] !== subset[i]) k++;
      if (k === this.models.length) return new ModelIndex(subset);
      positions[i] = k++;
    }
    return new ModelIndex(subset, { index: this, positions });
  }

  get refLower(): string[] {
    if (!this.refLowerList) {
      const within = this.within;
      this.refLowerList = within ? Array.from(within.positions, (k) => within.index.refLower[k]!) : this.models.map((m) => modelRef(m).toLowerCase());
    }
    return this.refLowerList;
  }

  /** The indexes (here, ascending) of the models whose lower-cased id, name or ref contains `lower`. */
  private search(text: SearchedText, lower: string): number[] {
    if (this.within) {
      const { index, here } = this.within;
      const out: number[] = [];
      for (const k of index.search(text, lower)) if (here[k] !== -1) out.push(here[k]!);
      return out;
    }
    const strings = () => (text === "id" ? this.idLower : text === "name" ? this.nameLower.map((n) => n ?? "") : this.refLower);
    return (this.filters[text] ??= new SubstringFilter(strings())).indexesContaining(lower);
  }

  private get providerNames(): string[] {
    return (this.providerNameList ??= [...new Set(this.models.map((m) => m.provider))]);
  }

  /** The models grouped by `key`, each group in the models' order. */
  private groupBy(key: (m: M, i: number) => string): Map<string, M[]> {
    const map = new Map<string, M[]>();
    this.models.forEach((m, i) => {
      const k = key(m, i);
      const list = map.get(k);
      if (list) list.push(m);
      else map.set(k, [m]);
    });
    return map;
  }

  private get byRef(): Map<string, M[]> {
    return (this.byRefMap ??= this.groupBy((_, i) => this.refLower[i]!));
  }

  private get byProviderAndId(): Map<string, M[]> {
    return (this.byProviderAndIdMap ??= this.groupBy((m, i) => `${m.provider.toLowerCase()}\u0000${this.idLower[i]}`));
  }

  private get byId(): Map<string, M[]> {
    return (this.byIdMap ??= this.groupBy((_, i) => this.idLower[i]!));
  }

  // Nested, not keyed by provider + id: joining 10,000 keys cost more than the lookups it served.
  private get byNamedProviderAndId(): Map<string, Map<string, M>> {
    if (!this.byNamedProviderAndIdMap) {
      const map = new Map<string, Map<string, M>>();
      this.models.forEach((m, i) => {
        let ids = map.get(m.provider);
        if (!ids) map.set(m.provider, (ids = new Map()));
        if (!ids.has(this.idLower[i]!)) ids.set(this.idLower[i]!, m);
      });
      this.byNamedProviderAndIdMap = map;
    }
    return this.byNamedProviderAndIdMap;
  }

  /** Models whose id, lower-cased, is `lower` (pi 1.3's raw matches), in the models' order. */
  withId(lower: string): M[] {
    return this.byId.get(lower) ?? [];
  }

  /** The first model of `provider` (exact name) whose id is `lower` case-insensitively. */
  findInProvider(provider: string, lower: string): M | undefined {
    return this.byNamedProviderAndId.get(provider)?.get(lower);
  }

  /** pi's fuzzyMatches: the models (of `provider` only, when given) whose id or name contains `text`, in order. */
  fuzzyMatches(text: string, provider?: string): M[] {
    const lower = text.toLowerCase();
    if (provider !== undefined) {
      // One provider's models (a hundred, not ten thousand): checked one by one.
      return (this.byProviderIndexes.get(provider) ?? []).filter((i) => this.idLower[i]!.includes(lower) || this.nameLower[i]?.includes(lower)).map((i) => this.models[i]!);
    }
    return [...this.containing(lower)].sort((a, b) => a - b).map((i) => this.models[i]!);
  }

  /** The indexes of each provider's models (exact name), in the models' order. */
  private get byProviderIndexes(): Map<string, number[]> {
    if (!this.byProviderIndexMap) {
      this.byProviderIndexMap = new Map();
      this.models.forEach((m, i) => {
        const list = this.byProviderIndexMap!.get(m.provider);
        if (list) list.push(i);
        else this.byProviderIndexMap!.set(m.provider, [i]);
      });
    }
    return this.byProviderIndexMap;
  }

  /**
   * pi 1.3's splitProviderPrefix: which provider a `provider/…` text names. "first-slash" (1.3):
   * the text before the first "/", any case. "longest-provider" (1.5.0): the longest provider name
   * the text starts with, followed by "/" (provider names may hold a slash).
   */
  splitProviderPrefix(text: string, mode: ScopeRules["scope"]["providerPrefix"]): { provider: string; modelText: string } | undefined {
    if (mode === "first-slash") {
      const slash = text.indexOf("/");
      if (slash === -1) return undefined;
      const prefix = text.substring(0, slash).trim().toLowerCase();
      const modelText = text.substring(slash + 1).trim();
      if (!prefix || !modelText) return undefined;
      const provider = this.providerNames.find((p) => p.toLowerCase() === prefix);
      return provider === undefined ? undefined : { provider, modelText };
    }
    const lowerText = text.toLowerCase();
    let best: { provider: string; modelText: string } | undefined;
    for (const provider of this.providerNames) {
      const prefix = provider.trim().toLowerCase();
      if (!prefix || (best && best.provider.length >= provider.length)) continue;
      const slash = lowerText.indexOf("/", prefix.length);
      if (slash === -1 || lowerText.substring(0, slash).trim() !== prefix) continue;
      const modelText = text.substring(slash + 1).trim();
      if (modelText) best = { provider, modelText };
    }
    return best;
  }

  /** Indexes of the models whose id or name contains `lower` (pi's fuzzy step). */
  private containing(lower: string): Set<number> {
    const found = new Set(this.search("id", lower));
    for (const i of this.search("name", lower)) if (this.nameLower[i] !== undefined) found.add(i);
    return found;
  }

  /**
   * The models a glob matches on "provider/id" or on the id alone, in the models' order. With a
   * deadline, the clock is read before each model and matching stops once it has passed. The
   * glob's own time starts once its candidates are known: building the index's lookups is not the
   * glob's cost, and on a loaded machine it used up a plain glob's time before any model was checked.
   */
  matchGlob(glob: string, deadline?: GlobDeadline): GlobMatch<M> {
    if (deadline && deadline.now() > deadline.wholeAt) return { models: [], stoppedAfter: 0, candidates: this.models.length, byWhole: true };
    // Compiled once per pattern: the same answer as pi's minimatch(path, glob) per model, without
    // re-parsing the glob for each of thousands of models.
    // (matcher.makeRe() is not a shortcut: its RegExp accepts "a" and dot-segments for "a/**",
    // which match() — and so pi — rejects.)
    const compiled = compileScopeGlob(glob);
    if (!compiled.ok) return { models: [], refused: compiled.problem, candidates: this.models.length };
    const matcher = compiled.matcher;
    const test = (s: string) => matcher.match(s);
    const runs = matcher.negate || matcher.comment ? [] : requiredLiterals(glob);
    let candidates: number[] | undefined;
    if (runs.length > 0) {
      // Only strings that contain every literal run of the glob can match it: the refs holding the
      // longest, then those holding the others too (`*/*vendor3/model-3?`: most hold "vendor3"). A
      // ref ends with its id, so these include every model whose id holds them.
      const longest = runs.reduce((best, run) => (run.length > best.length ? run : best));
      candidates = this.search("ref", longest).filter((i) => runs.every((run) => this.refLower[i]!.includes(run)));
    }
    const count = candidates?.length ?? this.models.length;
    const at = deadline ? Math.min(deadline.now() + deadline.ms, deadline.wholeAt) : Infinity;
    const byWhole = deadline !== undefined && at === deadline.wholeAt;
    const out: M[] = [];
    for (let k = 0; k < count; k++) {
      if (deadline && deadline.now() > at) return { models: out, stoppedAfter: k, candidates: count, byWhole };
      const m = this.models[candidates ? candidates[k]! : k]!;
      if (test(modelRef(m)) || test(m.id)) out.push(m);
    }
    return { models: out, candidates: count };
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
    return bestFuzzyMatch(this.fuzzyMatches(pattern));
  }
}

/** pi's pick among fuzzy matches: aliases over dated ids, then the id that sorts last (stable). */
function bestFuzzyMatch<M extends ScopeCandidate>(matches: M[]): M | undefined {
  const aliases = matches.filter((m) => isAlias(m.id));
  return [...(aliases.length > 0 ? aliases : matches)].sort((a, b) => b.id.localeCompare(a.id))[0];
}

interface PatternMatch<M> {
  model: M | undefined;
  thinkingLevel: ThinkingLevel | undefined;
  warning: string | undefined;
}

/** pi's parseModelPattern in scope mode (to 1.0): whole pattern first, then peel `:suffix` off the end. */
function parsePattern<M extends ScopeCandidate>(pattern: string, models: ModelIndex<M>, levels: readonly ThinkingLevel[]): PatternMatch<M> {
  const exact = models.tryMatch(pattern);
  if (exact) return { model: exact, thinkingLevel: undefined, warning: undefined };
  const colon = pattern.lastIndexOf(":");
  if (colon === -1) return { model: undefined, thinkingLevel: undefined, warning: undefined };
  const prefix = pattern.substring(0, colon);
  const suffix = pattern.substring(colon + 1);
  const inner = parsePattern(prefix, models, levels);
  if (!inner.model) return inner;
  if (isThinkingLevel(suffix, levels)) return { model: inner.model, thinkingLevel: inner.warning ? undefined : suffix, warning: inner.warning };
  return { model: inner.model, thinkingLevel: undefined, warning: invalidLevelWarning(suffix, pattern) };
}

const invalidLevelWarning = (suffix: string, pattern: string) => `Invalid thinking level "${suffix}" in pattern "${pattern}". Using default instead.`;

/** What pi 1.3's resolveModelReference answers; "ambiguous" scopes every candidate. */
type Reference<M> =
  | { status: "not-found" }
  | { status: "resolved"; models: [M]; thinkingLevel?: ThinkingLevel | undefined; warning?: string | undefined }
  | { status: "ambiguous"; models: M[]; thinkingLevel?: ThinkingLevel | undefined; warning?: string | undefined };

interface ReferenceRequest {
  fuzzy: boolean;
  /** "none": the text is an id as written; "lenient": peel `:level` and `:junk` (with a warning). */
  thinkingSuffix: "none" | "lenient";
}

/**
 * pi 1.3's resolveModelReference in scope mode: every available model counts as usable, so a tie
 * between providers is "ambiguous" and scopes them all.
 */
class ReferenceResolver<M extends ScopeCandidate> {
  constructor(
    private readonly index: ModelIndex<M>,
    private readonly rules: ScopeRules,
  ) {}

  resolve(text: string, request: ReferenceRequest): Reference<M> {
    const trimmed = text.trim();
    return trimmed ? this.resolveText(trimmed, request) : { status: "not-found" };
  }

  private resolveText(text: string, request: ReferenceRequest): Reference<M> {
    const reference = this.selectReference(text, request.fuzzy);
    if (reference) return reference;
    if (request.fuzzy) {
      const fuzzy = this.selectFuzzy(this.index.fuzzyMatches(text));
      if (fuzzy) return fuzzy;
    }
    if (request.thinkingSuffix === "none") return { status: "not-found" };
    const colon = text.lastIndexOf(":");
    if (colon === -1) return { status: "not-found" };
    const suffix = text.substring(colon + 1);
    const inner = this.resolveText(text.substring(0, colon), request);
    if (inner.status === "not-found") return inner;
    if (isThinkingLevel(suffix, this.rules.thinkingLevels)) return { ...inner, thinkingLevel: inner.warning ? undefined : suffix };
    return { ...inner, thinkingLevel: undefined, warning: invalidLevelWarning(suffix, text) };
  }

  /** `provider/rest` names a provider; the whole text may also be an id elsewhere (raw matches). */
  private selectReference(text: string, fuzzy: boolean): Reference<M> | undefined {
    const raw = this.index.withId(text.toLowerCase());
    const split = this.index.splitProviderPrefix(text, this.rules.scope.providerPrefix);
    let named: M | undefined;
    if (split) {
      named =
        this.index.findInProvider(split.provider, split.modelText.toLowerCase()) ??
        raw.find((m) => m.provider === split.provider) ??
        (fuzzy ? bestFuzzyMatch(this.index.fuzzyMatches(split.modelText, split.provider)) : undefined);
    }
    const others = raw.filter((m) => m !== named);
    const candidates = named ? [named, ...others] : others;
    if (candidates.length === 0) return undefined;
    if (named || new Set(candidates.map((m) => m.provider)).size === 1) return { status: "resolved", models: [candidates[0]!] };
    if (others.length === 1) return { status: "resolved", models: [others[0]!] };
    return { status: "ambiguous", models: candidates };
  }

  /** The best fuzzy match; the same id on several providers is a tie pi will not break. */
  private selectFuzzy(matches: M[]): Reference<M> | undefined {
    const best = bestFuzzyMatch(matches);
    if (!best) return undefined;
    const tied = matches.filter((m) => m.id === best.id);
    if (new Set(tied.map((m) => m.provider)).size === 1) return { status: "resolved", models: [best] };
    return { status: "ambiguous", models: tied };
  }
}

/** pi 1.3's warning for a pattern that scopes the same id on several providers. */
function ambiguousWarning(pattern: string, candidates: ScopeCandidate[]): string {
  const providers = [...new Set(candidates.map((m) => m.provider))].sort((a, b) => a.localeCompare(b));
  return `Pattern "${pattern}" matches several providers: ${providers.join(", ")}. Use provider/id to choose one.`;
}

/** The thinking level a pattern ends with, when it is one the detected pi accepts. */
function splitThinkingSuffix(pattern: string, levels: readonly ThinkingLevel[]): { base: string; level: ThinkingLevel } | undefined {
  const colon = pattern.lastIndexOf(":");
  const suffix = pattern.substring(colon + 1);
  return colon !== -1 && isThinkingLevel(suffix, levels) ? { base: pattern.substring(0, colon), level: suffix } : undefined;
}

function hintFor<M extends ScopeCandidate>(pattern: string, matched: M[], index: () => ModelIndex<M>, rules: ScopeRules): string | undefined {
  if (/:max$/.test(pattern) && !rules.thinkingLevels.includes("max")) {
    return `This pi has no thinking level "max" (pi 0.80.6 added it): write ":xhigh".`;
  }
  if (isGlob(pattern) && !rules.scope.bracketsExactFirst) {
    const literal = index().findExact(splitThinkingSuffix(pattern, rules.thinkingLevels)?.base ?? pattern);
    if (literal && !matched.includes(literal)) {
      return `This pi reads "[", "*" and "?" as glob syntax, so it does not match the id ${modelRef(literal)} (pi 0.82.0 tries the exact id first): write a glob that matches it, e.g. with "?" for each special character.`;
    }
  }
  // Why a pattern matches nothing is the advice's to say (scope-advice.ts), with the fix.
  if (matched.length === 0) return undefined;
  const picked = matched[0]!;
  if (!isGlob(pattern) && !rules.scope.ambiguousIdAddsAll) {
    const base = splitThinkingSuffix(pattern, rules.thinkingLevels)?.base ?? pattern;
    const twins = index().withId(base.trim().toLowerCase());
    const providers = [...new Set(twins.map((m) => m.provider))];
    if (providers.length > 1) {
      return `Several providers offer "${base.trim()}" (${providers.join(", ")}), so this pi picked ${modelRef(picked)} by fuzzy match (pi 1.3.0 scopes them all): write provider/id to choose.`;
    }
  }
  if (!isGlob(pattern) && picked.id.endsWith(":free") && !pattern.toLowerCase().includes(":free")) {
    return `The fuzzy pattern picked the free variant ${modelRef(picked)}; write the full provider/id to get the paid one.`;
  }
  return undefined;
}

type ResolvedScope<M> = ScopeReport & { scoped: M[]; warnings: string[] };

/** How long the advice for all unmatched patterns may take together, in ms: it re-runs pi's matcher per candidate fix. */
const ADVICE_MS = 300;

/**
 * @param patterns enabledModels as written.
 * @param available the models pi counts as available (getAvailable), in pi's order.
 * @param rules the detected pi's rules (PiCatalog.rules).
 * @param budget how long globs may take (scope-glob.ts); a glob cut short or refused keeps what it
 *   matched so far and gets a hint naming it instead of pi's usual one (and no advice).
 * @param known every model pi knows, with a key or not (getAll), so the advice can tell "no key"
 *   from "no such model"; by default the available ones.
 */
export function resolveScope<M extends ScopeCandidate>(
  patterns: string[] | undefined,
  available: M[],
  rules: ScopeRules,
  budget: ScopeBudget = SCOPE_BUDGET,
  known: M[] = available,
  keylessBecause: string | null = null,
): ResolvedScope<M> {
  // The available models' index is a view of the index of all pi knows, which the advice needs
  // too: one set of lower-cased texts and substring searches for both (a 10,000-model agent dir
  // built each twice).
  let knownBuilt: ModelIndex<M> | undefined;
  const knownIndex = () => (knownBuilt ??= new ModelIndex(known));
  let built: ModelIndex<M> | undefined;
  const index = () => (built ??= knownIndex().subset(available));
  const { report, slowGlobs } = resolvePatterns(patterns, index, rules, budget);
  const advisable = report.unmatched.filter((p) => !slowGlobs.has(p) && !report.hints.some((h) => h.pattern === p));
  if (advisable.length === 0) return report;

  const deadline = budget.now() + Math.min(ADVICE_MS, budget.totalMs);
  const outOfTime = () => budget.now() > deadline;
  // A candidate fix is one pattern resolved as pi would, within what is left of the advice's time.
  const scopes = (pattern: string, models: () => ModelIndex<M>) => {
    const left = Math.max(0, deadline - budget.now());
    return resolvePatterns([pattern], models, rules, { perPatternMs: Math.min(budget.perPatternMs, left), totalMs: left, now: budget.now }).report.models;
  };
  const probe: ScopeProbe = {
    withKey: (pattern) => scopes(pattern, index),
    anyKnown: (pattern) => scopes(pattern, knownIndex),
    knownRefs: known.map(modelRef),
    providers: [...new Set(known.map((m) => m.provider))],
    split: (pattern) => {
      const split = splitThinkingSuffix(pattern, rules.thinkingLevels);
      return split ? { base: split.base, suffix: `:${split.level}` } : { base: pattern, suffix: "" };
    },
    keylessBecause,
  };
  for (const pattern of advisable) {
    if (outOfTime()) break;
    const advice = adviseUnmatched(pattern, probe, outOfTime);
    if (advice) report.advice.push(advice);
  }
  return report;
}

/** pi's scope for `patterns` over the models of `index`, and the globs that were cut short or refused. */
function resolvePatterns<M extends ScopeCandidate>(
  patterns: string[] | undefined,
  index: () => ModelIndex<M>,
  rules: ScopeRules,
  budget: ScopeBudget,
): { report: ResolvedScope<M>; slowGlobs: Set<string> } {
  const slowGlobs = new Set<string>();
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
    advice: [],
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

  let resolver: ReferenceResolver<M> | undefined;
  const reference = () => (resolver ??= new ReferenceResolver(index(), rules));
  const levels = rules.thinkingLevels;
  const wholeDeadline = budget.now() + budget.totalMs;
  for (const pattern of list) {
    if (typeof pattern !== "string") continue;
    const pulled: string[] = [];
    let matched: M[] = [];
    let level: ThinkingLevel | undefined;
    let globProblem: string | undefined;
    if (isGlob(pattern)) {
      const suffix = splitThinkingSuffix(pattern, levels);
      const glob = suffix?.base ?? pattern;
      level = suffix?.level;
      if (rules.scope.ambiguousIdAddsAll) {
        // pi 1.3: ids such as `bracketed-model[1m]` are not globs.
        const exact = reference().resolve(glob, { fuzzy: false, thinkingSuffix: "none" });
        if (exact.status !== "not-found") matched = exact.models;
        if (exact.status === "ambiguous") report.warnings.push(ambiguousWarning(pattern, exact.models));
      } else if (rules.scope.bracketsExactFirst) {
        // pi 0.82.0: a literal exact id first.
        const exact = index().findExact(glob);
        if (exact) matched = [exact];
      }
      if (matched.length === 0) {
        const found = index().matchGlob(glob, { ms: budget.perPatternMs, wholeAt: wholeDeadline, now: budget.now });
        matched = found.models;
        if (found.refused) globProblem = found.refused;
        else if (found.stoppedAfter !== undefined) globProblem = cutShort(found.byWhole ? budget.totalMs : budget.perPatternMs, found.stoppedAfter, found.candidates, found.byWhole === true);
      }
    } else if (rules.scope.ambiguousIdAddsAll) {
      const result = reference().resolve(pattern, { fuzzy: true, thinkingSuffix: "lenient" });
      if (result.status !== "not-found") {
        if (result.warning) report.warnings.push(result.warning);
        if (result.status === "ambiguous") report.warnings.push(ambiguousWarning(pattern, result.models));
        matched = result.models;
        level = result.thinkingLevel;
      }
    } else {
      const { model, thinkingLevel, warning } = parsePattern(pattern, index(), levels);
      if (warning) report.warnings.push(warning);
      if (model) matched = [model];
      level = thinkingLevel;
    }
    for (const m of matched) add(m, level, pulled);
    if (matched.length === 0) report.unmatched.push(pattern);
    report.matches.push({ pattern, models: pulled });
    if (globProblem) slowGlobs.add(pattern);
    const hint = globProblem ?? hintFor(pattern, matched, index, rules);
    if (hint) report.hints.push({ pattern, message: hint });
  }
  return { report, slowGlobs };
}

/** How a pattern picked its models: named exactly, a glob, a fuzzy substring pick, or nothing. */
function patternKind(pattern: string, refs: string[], rules: ScopeRules): ScopePatternKind {
  if (refs.length === 0) return "none";
  const base = (splitThinkingSuffix(pattern, rules.thinkingLevels)?.base ?? pattern).trim().toLowerCase();
  const named = refs.every((ref) => ref.toLowerCase() === base || ref.slice(ref.indexOf("/") + 1).toLowerCase() === base);
  if (named) return "exact";
  return isGlob(pattern) ? "glob" : "fuzzy";
}

/**
 * The scope editor's live preview: what a draft of enabledModels would scope, computed by the
 * same resolveScope the snapshot uses (so it is what pi does once the draft is saved), with pi's
 * warnings and, per pattern, how it matched.
 */
export function previewScope<M extends ScopeCandidate>(patterns: string[], available: M[], rules: ScopeRules, known: M[] = available, keylessBecause: string | null = null): ScopePreview {
  const { scoped: _scoped, ...report } = resolveScope(patterns, available, rules, SCOPE_BUDGET, known, keylessBecause);
  return { ...report, kinds: report.matches.map((m) => patternKind(m.pattern, m.models, rules)) };
}
