/**
 * The one-click fix for a scope pattern that matches nothing (the snapshot's scope advice): the
 * pattern is replaced by the advice's fix through setScope, after a dialog with the settings.json
 * diff. Saving passes the version the diff came from, so an edit made on disk meanwhile is never
 * overwritten. Used by the Models view's "Scope patterns to check" notice.
 */
import { useState, type ReactNode } from "react";
import type { FilePreview, ScopeAdvice } from "../../../src-main/core/contract";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { useSwitchboard } from "../../api/context";
import { Dialog } from "../../ui/Dialog";
import { DiffView } from "../../ui/DiffView";

export type ScopeFixOutcome = { tone: "success" | "error"; text: string };

/** enabledModels with every entry written as `pattern` replaced by `fix` (the same text has the same advice). */
export const withFix = (patterns: string[], pattern: string, fix: string): string[] => patterns.map((p) => (p === pattern ? fix : p));

export function useScopeFix(onDone: (outcome: ScopeFixOutcome) => void): [(advice: ScopeAdvice) => Promise<void>, ReactNode] {
  const { api, execute, snapshot } = useSwitchboard();
  const [asking, setAsking] = useState<{ advice: ScopeAdvice & { fix: string }; patterns: string[]; preview: FilePreview } | null>(null);
  const [busy, setBusy] = useState(false);

  async function start(advice: ScopeAdvice) {
    const { fix } = advice;
    if (!snapshot || fix === undefined) return;
    const patterns = withFix(snapshot.scope.patterns, advice.pattern, fix);
    const previewed = await api
      .invoke("previewCommand", { type: "setScope", patterns, expectedVersion: snapshot.settingsFile.version })
      .catch((e: Error) => ({ ok: false as const, error: { message: e.message } }));
    if (!previewed.ok) return onDone({ tone: "error", text: `The fix could not be prepared: ${previewed.error.message}` });
    setAsking({ advice: { ...advice, fix }, patterns, preview: previewed.value });
  }

  async function save() {
    if (!asking) return;
    setBusy(true);
    try {
      const { advice, patterns, preview } = asking;
      const result = await execute({ type: "setScope", patterns, expectedVersion: preview.version });
      if (result.ok) {
        const count = result.snapshot.scope.models.length;
        onDone({ tone: "success", text: `Saved to ${preview.path}: “${visibleText(advice.fix)}” replaces “${visibleText(advice.pattern)}”, and Ctrl+P cycles ${count === 1 ? "1 model" : `${count} models`}. New pi sessions use it; restart a running pi to apply.` });
      } else if (result.error.code === "conflict") onDone({ tone: "error", text: `${preview.path} changed on disk since the diff was shown. Nothing was written: use the fix again to see the new diff.` });
      else onDone({ tone: "error", text: result.error.message });
    } finally {
      setBusy(false);
      setAsking(null);
    }
  }

  const dialog = asking ? (
    <Dialog
      title={`Replace “${visibleText(asking.advice.pattern)}” with “${visibleText(asking.advice.fix)}”`}
      description={visibleText(asking.advice.message)}
      confirmLabel="Save to settings.json"
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
