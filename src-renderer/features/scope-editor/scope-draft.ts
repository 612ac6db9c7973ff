/**
 * The scope editor's draft of enabledModels as plain data: patterns with stable keys (so a row
 * keeps its focus while it moves), the edits the editor makes, and how a preview's per-pattern
 * answers line up with the draft's rows (empty rows are not sent: pi has no empty pattern).
 */
import type { ScopeAdvice, ScopePatternKind, ScopePreview } from "../../../src-main/core/common/index.js";

export interface DraftPattern {
  key: number;
  text: string;
}

let nextKey = 1;
export const draftOf = (patterns: string[]): DraftPattern[] => patterns.map((text) => ({ key: nextKey++, text }));
export const newPattern = (text: string): DraftPattern => ({ key: nextKey++, text });

/** What would be saved: the non-empty patterns, in order, as typed. */
export const patternsOf = (draft: DraftPattern[]): string[] => draft.map((p) => p.text).filter((t) => t.trim() !== "");

export function move<T>(list: T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

export const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export interface PatternAnswer {
  kind: ScopePatternKind;
  /** The models this pattern adds to the scope (a model an earlier pattern took is not repeated). */
  models: string[];
  /** Matches no model at all (pi leaves it out); false with no models: an earlier pattern took them all. */
  unmatched: boolean;
  hint: string | null;
  /** Why an unmatched pattern matches nothing, and the pattern to write instead when there is one. */
  advice: ScopeAdvice | null;
  warnings: string[];
}

/**
 * The preview's answer for each draft row, by pattern text (the nth row holding a text gets the nth
 * answer for it), so rows keep their answers while a newer preview is on its way after a move or
 * removal; null for an empty row or a text the preview has not seen yet.
 */
export function answersFor(draft: DraftPattern[], preview: ScopePreview | null): (PatternAnswer | null)[] {
  if (!preview) return draft.map(() => null);
  const used = new Set<number>();
  return draft.map((p) => {
    if (p.text.trim() === "") return null;
    const i = preview.matches.findIndex((m, index) => !used.has(index) && m.pattern === p.text);
    const kind = preview.kinds[i];
    if (i === -1 || !kind) return null;
    used.add(i);
    return {
      kind,
      models: preview.matches[i]!.models,
      unmatched: preview.unmatched.includes(p.text),
      hint: preview.hints.find((h) => h.pattern === p.text)?.message ?? null,
      advice: preview.advice.find((a) => a.pattern === p.text) ?? null,
      warnings: preview.warnings.filter((w) => w.includes(`"${p.text}"`)),
    };
  });
}
