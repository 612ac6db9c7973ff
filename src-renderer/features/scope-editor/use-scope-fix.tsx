/**
 * The one-click fix for a scope pattern that matches nothing (the snapshot's scope advice): the
 * pattern is replaced by the advice's fix through setScope, reviewed as the settings.json diff and
 * saved against the version the diff came from (ui/use-reviewed-command.tsx). Used by the Models view's "Scope patterns to check" notice.
 */
import type { ReactNode } from "react";
import type { ScopeAdvice } from "../../../src-main/core/common/index.js";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { useSwitchboard } from "../../api/context";
import { useReviewedCommand, type ReviewOutcome } from "../../ui/use-reviewed-command";

export type ScopeFixOutcome = ReviewOutcome;

/** enabledModels with every entry written as `pattern` replaced by `fix` (the same text has the same advice). */
export const withFix = (patterns: string[], pattern: string, fix: string): string[] => patterns.map((p) => (p === pattern ? fix : p));

export function useScopeFix(onDone: (outcome: ScopeFixOutcome) => void): [(advice: ScopeAdvice) => Promise<void>, ReactNode] {
  const { snapshot } = useSwitchboard();
  const [review, dialog] = useReviewedCommand(onDone);

  async function start(advice: ScopeAdvice) {
    const { fix } = advice;
    if (!snapshot || fix === undefined) return;
    await review({
      command: { type: "setScope", patterns: withFix(snapshot.scope.patterns, advice.pattern, fix), expectedVersion: snapshot.settingsFile.version },
      title: `Replace “${visibleText(advice.pattern)}” with “${visibleText(fix)}”`,
      description: visibleText(advice.message),
      confirmLabel: "Save to settings.json",
      saved: (preview, after) => {
        const count = after.scope.models.length;
        return `Saved to ${preview.path}: “${visibleText(fix)}” replaces “${visibleText(advice.pattern)}”, and Ctrl+P cycles ${count === 1 ? "1 model" : `${count} models`}. New pi sessions use it; restart a running pi to apply.`;
      },
    });
  }
  return [start, dialog];
}
