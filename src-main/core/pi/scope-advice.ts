/**
 * Scope advice: for an enabledModels pattern that matches nothing, the real cause in plain words
 * and, where one exists, the pattern to write instead. Each cause is decided by running pi's own
 * matcher (scope.ts, the path the snapshot's scope takes) on candidate corrections, against the
 * models whose provider has a key (the only ones pi scopes) and against every model pi knows:
 *   - a glob whose `*` does not cross `/` (`qwen3-coder*` needs a `*` and a `/` in front, `p/*` a `**`);
 *   - a provider prefix that is misspelt, or names a provider that does not have the model;
 *   - an id that no model pi knows has (the closest ids by edit distance);
 *   - models that match, but whose provider has no key.
 * A `fix` is only offered when pi would scope at least one model with it. Used by scope.ts.
 */
import type { ScopeAdvice } from "../common/index.js";
import { closestModelRefs, editDistance } from "./model-suggestions.js";
import { isScopeGlob } from "./scope-glob.js";

/** What the advice may ask of pi's matcher and catalog. */
export interface ScopeProbe {
  /** The refs ("provider/id") `pattern` scopes among the models whose provider has a key: what pi scopes. */
  withKey(pattern: string): string[];
  /** The refs `pattern` would scope among every model pi knows, with a key or not. */
  anyKnown(pattern: string): string[];
  /** Every model pi knows, as "provider/id", in pi's order. */
  knownRefs: readonly string[];
  /** Every provider name pi knows, in pi's order. */
  providers: readonly string[];
  /** The pattern without a `:level` suffix the detected pi accepts, and that suffix (":high") or "". */
  split(pattern: string): { base: string; suffix: string };
  /**
   * Why no model is available whatever the keys (an auth.json pi cannot list its logins from), or
   * null. Then "give it a key" would send the user the wrong way: the no-key advice says this.
   */
  keylessBecause: string | null;
}

type Cause = ScopeAdvice["cause"];
interface Candidate {
  pattern: string;
  cause: Exclude<Cause, "no-key" | "not-in-catalog">;
  /** The correction in words, one or two sentences said before what the candidate scopes. */
  reason: string;
}

const quote = (s: string) => `"${s}"`;
const SHOWN = 2;

/** A few refs for a message: the first ones and how many more. */
function examples(refs: string[]): string {
  const shown = refs.slice(0, SHOWN).join(", ");
  return refs.length > SHOWN ? `${shown} and ${refs.length - SHOWN} more` : shown;
}

const providerOf = (ref: string, providers: readonly string[]) =>
  providers.filter((p) => ref.startsWith(`${p}/`)).reduce((a, b) => (b.length > a.length ? b : a), "");

// Where a glob needs its "*" to cross a "/": "a/*" becomes "a/**"; "x*" gets "*/" in front;
// and "*/" goes after each "/" ("openrouter/qwen3*" becomes "openrouter/*/qwen3*").
function slashVariants(base: string): string[] {
  const out: string[] = [];
  if (base.endsWith("/*")) out.push(`${base}*`);
  out.push(`*/${base}`);
  for (let i = base.indexOf("/"); i !== -1; i = base.indexOf("/", i + 1)) out.push(`${base.slice(0, i + 1)}*/${base.slice(i + 1)}`);
  return out;
}

/** The provider a `provider/…` text names: the longest known provider name it starts with, then "/" (any case). */
function namedProvider(base: string, providers: readonly string[]): string | undefined {
  const lower = base.toLowerCase();
  return providers.filter((p) => lower.startsWith(`${p.toLowerCase()}/`)).reduce<string | undefined>((a, b) => (a === undefined || b.length > a.length ? b : a), undefined);
}

/** Known providers a mistyped prefix may have meant: close by edit distance, or holding it as a whole word (`bedrock` → `openrouter-bedrock`). */
function providersMeant(typed: string, providers: readonly string[]): string[] {
  const want = typed.toLowerCase();
  return providers
    .map((p, index) => {
      const have = p.toLowerCase();
      // Bounded: the distance only counts when it is within the limit (most providers are nowhere near).
      const limit = Math.max(2, Math.floor(want.length / 3));
      const distance = editDistance(want, have, limit);
      const close = distance <= limit;
      const word = want.length >= 3 && have.split(/[^a-z0-9]+/).includes(want);
      return { p, index, score: close ? distance : word ? 100 + have.length : null };
    })
    .filter((c): c is { p: string; index: number; score: number } => c.score !== null)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((c) => c.p);
}

/** Corrections of the provider prefix: a misspelt provider, or the same id under another provider. */
function providerVariants(base: string, providers: readonly string[]): Candidate[] {
  const named = namedProvider(base, providers);
  if (named !== undefined) {
    const rest = base.slice(named.length + 1);
    return providers
      .filter((p) => p !== named)
      .map((p) => ({ pattern: `${p}/${rest}`, cause: "provider-prefix" as const, reason: `${named} has no model ${quote(rest)}; ${p} has it.` }));
  }
  const slash = base.indexOf("/");
  if (slash <= 0) return [];
  const typed = base.slice(0, slash);
  const rest = base.slice(slash + 1);
  return providersMeant(typed, providers).map((p) => ({ pattern: `${p}/${rest}`, cause: "provider-prefix" as const, reason: `pi knows no provider ${quote(typed)}: did you mean ${p}?` }));
}

/**
 * Every correction worth trying, most likely first: the slash, the provider, then both. A pattern
 * that already matches models pi knows names its provider rightly: only its slash can be wrong.
 */
function candidates(base: string, providers: readonly string[], providerRight: boolean): Candidate[] {
  const glob = isScopeGlob(base);
  const slash = (b: string) => (glob ? slashVariants(b) : []);
  const out: Candidate[] = slash(base).map((pattern) => ({ pattern, cause: "glob-slash", reason: `"*" does not cross "/", and the model ids it is meant for contain one.` }));
  for (const fixed of providerRight ? [] : providerVariants(base, providers)) {
    out.push(fixed);
    for (const pattern of slash(fixed.pattern)) out.push({ ...fixed, pattern, reason: `${fixed.reason} And "*" does not cross "/".` });
  }
  const seen = new Set<string>([base]);
  return out.filter((c) => !seen.has(c.pattern) && (seen.add(c.pattern), true));
}

/**
 * The advice for one pattern that scopes nothing, or undefined when `outOfTime()` says to stop.
 * `pattern` is as written in settings.json; the fix keeps its `:level`.
 */
export function adviseUnmatched(pattern: string, probe: ScopeProbe, outOfTime: () => boolean): ScopeAdvice | undefined {
  const { base, suffix } = probe.split(pattern.trim());
  const advice = (cause: Cause, message: string, fix?: string): ScopeAdvice => (fix === undefined ? { pattern, cause, message } : { pattern, cause, message, fix });
  const keyless = (refs: string[]) => [...new Set(refs.map((r) => providerOf(r, probe.providers)))].filter(Boolean);
  const noKey = (refs: string[], via?: string) => {
    if (probe.keylessBecause !== null) return advice("no-key", `It scopes nothing: ${probe.keylessBecause}`);
    const providers = keyless(refs);
    const which = providers.length === 1 ? `${providers[0]} has` : `${examples(providers)} have`;
    return advice(
      "no-key",
      `${via ? `${quote(via)} would match` : "It matches"} ${examples(refs)}, but ${which} no key, and pi only scopes models whose provider has a key. Give ${providers.length === 1 ? "it" : "them"} a key: auth.json, models.json apiKey, or the environment variable pi reads for ${providers.length === 1 ? "it" : "them"}.`,
    );
  };

  // As written it may match models whose provider has no key; a fix that reaches models with a key
  // (e.g. `kimi-k2*` → `*/kimi-k2*` on OpenRouter) is still what the user most likely meant.
  const known = probe.anyKnown(pattern);
  let keylessFix: { pattern: string; refs: string[] } | undefined;
  for (const candidate of candidates(base, probe.providers, known.length > 0)) {
    if (outOfTime()) return undefined;
    const fix = candidate.pattern + suffix;
    const scoped = probe.withKey(fix);
    if (scoped.length > 0) {
      const count = scoped.length === 1 ? "1 model" : `${scoped.length} models`;
      const asWritten = known.length > 0 ? ` As written it matches only models whose provider has no key (${examples(keyless(known))}).` : "";
      return advice(candidate.cause, `${candidate.reason} ${quote(fix)} scopes ${count} (${examples(scoped)}).${asWritten}`, fix);
    }
    if (known.length === 0 && !keylessFix) {
      const refs = probe.anyKnown(fix);
      if (refs.length > 0) keylessFix = { pattern: fix, refs };
    }
  }
  if (known.length > 0) return noKey(known);
  if (keylessFix) return noKey(keylessFix.refs, keylessFix.pattern);

  if (isScopeGlob(base)) return advice("not-in-catalog", `No model pi knows matches this glob, on provider/id or on the id alone, even with "*" crossing "/".`);
  const closest = closestModelRefs(base, probe.knownRefs, 3);
  if (closest.length === 0) return advice("not-in-catalog", `No model pi knows is called ${quote(base)} or contains it in its id or name (pi's built-in catalog and models.json).`);
  const fix = closest[0]! + suffix;
  const usable = probe.withKey(fix).length > 0;
  return advice(
    "not-in-catalog",
    `No model pi knows is called ${quote(base)}. Closest: ${closest.join(", ")}${usable ? "." : ` (${keyless([closest[0]!]).join(", ") || "its provider"} has no key).`}`,
    usable ? fix : undefined,
  );
}
