/**
 * Applying a problem's fix: the command's diff of the pi file it changes is shown in a dialog
 * first (previewCommand, the same edit the save makes), and saving passes the version the diff
 * came from, so a file changed on disk meanwhile is never overwritten.
 */
import { useState, type ReactNode } from "react";
import type { Command, FilePreview, ModelProblem } from "../../../src-main/core/contract";
import { useSwitchboard } from "../../api/context";
import { Dialog } from "../../ui/Dialog";
import { DiffView } from "../../ui/DiffView";
import { visibleText } from "../../../src-main/core/common/visible-text";

export type FixOutcome = { tone: "success" | "error"; text: string };

/** Every fix is an edit of a pi file, whose commands all take the version the diff came from. */
const withVersion = (command: Command, version: string | null): Command => ({ ...command, expectedVersion: version }) as Command;

export function useProblemFix(onDone: (outcome: FixOutcome) => void): [(modelRef: string, problem: ModelProblem) => Promise<void>, ReactNode] {
  const { api, execute, snapshot } = useSwitchboard();
  const [asking, setAsking] = useState<{ modelRef: string; problem: ModelProblem; preview: FilePreview } | null>(null);
  const [busy, setBusy] = useState(false);

  async function start(modelRef: string, problem: ModelProblem) {
    if (!problem.fix) return;
    const previewed = await api.invoke("previewCommand", problem.fix.command).catch((e: Error) => ({ ok: false as const, error: { message: e.message } }));
    if (!previewed.ok) return onDone({ tone: "error", text: `The fix could not be prepared: ${previewed.error.message}` });
    setAsking({ modelRef, problem, preview: previewed.value });
  }

  async function save() {
    if (!asking?.problem.fix) return;
    setBusy(true);
    try {
      const result = await execute(withVersion(asking.problem.fix.command, asking.preview.version));
      if (result.ok) onDone({ tone: "success", text: `${asking.problem.fix.label}: saved to ${asking.preview.path}. ${result.snapshot.pi.afterModelsSave}` });
      else if (result.error.code === "conflict") onDone({ tone: "error", text: `${asking.preview.path} changed on disk since the diff was shown. Nothing was written: open the fix again to see the new diff.` });
      else onDone({ tone: "error", text: result.error.message });
    } finally {
      setBusy(false);
      setAsking(null);
    }
  }

  const dialog = asking ? (
    <Dialog
      title={`${asking.problem.fix!.label} — ${visibleText(asking.modelRef)}`}
      description={<>{visibleText(asking.problem.message)} This change to {asking.preview.path} fixes it{snapshot ? `; ${snapshot.pi.afterModelsSave.charAt(0).toLowerCase()}${snapshot.pi.afterModelsSave.slice(1)}` : "."}</>}
      confirmLabel="Save the fix"
      wide
      busy={busy && "Saving…"}
      onConfirm={() => void save()}
      onCancel={() => setAsking(null)}
    >
      <DiffView before={asking.preview.before} after={asking.preview.after} path={asking.preview.path} />
    </Dialog>
  ) : null;
  return [start, dialog];
}
