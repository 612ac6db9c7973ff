/**
 * One enabledModels glob, compiled as pi 1.6.0 compiles it (minimatch 11.0.3, the version pi pins,
 * `{ nocase: true }` as in pi's model-resolver.js), and the time limits that keep a hostile
 * settings.json from blocking the window: matching is cut off between models once a glob (or the
 * whole scope) runs out of time, and globs whose compilation alone would take seconds are not
 * compiled. scope.ts reports each such glob as a hint naming it (models --json `scope.hints`, the
 * Models view's pattern diagnostics, the scope editor).
 */
import { braceExpand, Minimatch } from "minimatch";

/** pi's test for a glob pattern in enabledModels: any "*", "?" or "[" (model-resolver.js). */
export const isScopeGlob = (pattern: string) => pattern.includes("*") || pattern.includes("?") || pattern.includes("[");

export interface ScopeBudget {
  /** The longest one glob may take, compiling and matching, in ms. */
  perPatternMs: number;
  /** The longest the whole scope may take, in ms: many slow globs together must not block either. */
  totalMs: number;
  /** The clock, in ms (tests pass one that advances by a fixed step per reading). */
  now: () => number;
}

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
let cpuRead = { wall: -Infinity, cpu: 0 };

/**
 * This process's CPU time, in ms. The budget bounds the work a glob costs: on a loaded machine
 * the wall clock runs on while the process waits for a core, and a plain glob over a few hundred
 * models was cut short, so the scope shown differed from pi's with nothing wrong in the file.
 */
export function cpuMs(): number {
  // Read at most once per ms of wall time: matching reads the clock before every model, and
  // process.cpuUsage() there cost 40 ms in a 10,000-model load.
  const wall = performance.now();
  if (wall - cpuRead.wall >= 1) cpuRead = { wall, cpu: cpuNow() };
  return cpuRead.cpu;
}

/** A 10,000-model, 200-pattern scope resolves in tens of ms, so these only stop a pathological file. */
export const SCOPE_BUDGET: ScopeBudget = { perPatternMs: 250, totalMs: 2000, now: cpuMs };

/**
 * Braces that expand to more globs than this are not compiled: minimatch 11 compiles ~16,000 in
 * 0.2 s and 100,000 (its own cap) in about a second, before any model can be checked.
 */
export const MAX_BRACE_GLOBS = 10_000;

export type CompiledGlob = { ok: true; matcher: Minimatch } | { ok: false; problem: string };

/** How many compiled globs are kept, past which the memory starts over (a settings.json holds a few hundred), and the longest kept. */
const KEPT_GLOBS = 4096;
const KEPT_GLOB_LENGTH = 1024;
const compiledGlobs = new Map<string, CompiledGlob>();

/**
 * The glob compiled once and kept: every load of the same settings.json, and the scope advice
 * trying one correction against the models with a key and then against all, asks for the same
 * globs again (a Minimatch only reads its parts when matching, so one serves them all).
 */
export function compileScopeGlob(glob: string): CompiledGlob {
  if (glob.length > KEPT_GLOB_LENGTH) return compileNew(glob);
  let compiled = compiledGlobs.get(glob);
  if (!compiled) {
    if (compiledGlobs.size >= KEPT_GLOBS) compiledGlobs.clear();
    compiled = compileNew(glob);
    compiledGlobs.set(glob, compiled);
  }
  return compiled;
}

function compileNew(glob: string): CompiledGlob {
  try {
    const expanded = braceExpand(glob, { braceExpandMax: MAX_BRACE_GLOBS + 1 }).length;
    if (expanded > MAX_BRACE_GLOBS) {
      return {
        ok: false,
        problem: `Its {…} sets expand to more than ${MAX_BRACE_GLOBS.toLocaleString("en-US")} globs, which pi takes up to seconds to compile (or refuses as too long), so the app did not match it and the scope shown may miss models it matches. Use fewer {…} alternatives, or a "*".`,
      };
    }
    return { ok: true, matcher: new Minimatch(glob, { nocase: true }) };
  } catch (error) {
    // minimatch throws on patterns over 64 KiB, also when it merges brace alternatives into one.
    return {
      ok: false,
      problem: `minimatch 11.0.3 (the one pi 1.6.0 uses) refuses this glob ("${(error as Error).message}"), and pi 1.6.0's scope resolution fails with the same error. Shorten it or remove it.`,
    };
  }
}

/** Why matching a glob stopped before every model was checked: its own limit, or the whole scope's. */
export const cutShort = (limitMs: number, checked: number, total: number, whole: boolean) =>
  whole
    ? `The scope as a whole took longer than ${limitMs} ms, so the app stopped matching this glob after ${checked} of ${total} models: the scope shown may miss models it matches. Simplify the slow globs before it.`
    : `Matching this glob took longer than ${limitMs} ms, so the app stopped after ${checked} of ${total} models: the scope shown may miss models it matches. Simplify it: nested ?(…), +(…) and *(…) groups make a glob slow.`;
