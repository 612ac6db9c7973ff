/**
 * Applying a model problem's fix: its command, reviewed as a diff first and saved against the
 * version the diff came from (ui/use-reviewed-command.tsx).
 */
import type { ReactNode } from "react";
import type { ModelProblem } from "../../../src-main/core/common/index.js";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { useSwitchboard } from "../../api/context";
import { useReviewedCommand, type ReviewOutcome } from "../../ui/use-reviewed-command";

export type FixOutcome = ReviewOutcome;

export function useProblemFix(onDone: (outcome: FixOutcome) => void): [(modelRef: string, problem: ModelProblem) => Promise<void>, ReactNode] {
  const { snapshot } = useSwitchboard();
  const [review, dialog] = useReviewedCommand(onDone);

  async function start(modelRef: string, problem: ModelProblem) {
    const fix = problem.fix;
    if (!fix) return;
    const restart = snapshot ? `; ${snapshot.pi.afterModelsSave.charAt(0).toLowerCase()}${snapshot.pi.afterModelsSave.slice(1)}` : ".";
    await review({
      command: fix.command,
      title: `${fix.label} — ${visibleText(modelRef)}`,
      description: <>{visibleText(problem.message)} This change fixes it{restart}</>,
      confirmLabel: "Save the fix",
      saved: (preview, after) => `${fix.label}: saved to ${preview.path}. ${after.pi.afterModelsSave}`,
    });
  }
  return [start, dialog];
}
