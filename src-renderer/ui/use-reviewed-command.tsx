/**
 * A one-click fix that is still reviewed: the command's diff of the pi file it changes (previewCommand,
 * the same edit the save makes) is shown in a dialog first, and saving passes the version the diff
 * came from, so a file changed on disk meanwhile is never overwritten. Used by the model problems'
 * fixes and the scope advice's.
 */
import { useState, type ReactNode } from "react";
import type { Command, FilePreview, Snapshot } from "../../src-main/core/common/index.js";
import { useSwitchboard } from "../api/context";
import { Dialog } from "./Dialog";
import { DiffView } from "./DiffView";

export type ReviewOutcome = { tone: "success" | "error"; text: string };

export interface ReviewRequest {
  command: Command;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** What the success message says, from the diff that was saved and the snapshot after it. */
  saved(preview: FilePreview, after: Snapshot): string;
}

/** Every command a fix runs edits a pi file, and all of them take the version the diff came from. */
const withVersion = (command: Command, version: string | null): Command => ({ ...command, expectedVersion: version }) as Command;

export function useReviewedCommand(onDone: (outcome: ReviewOutcome) => void): [(request: ReviewRequest) => Promise<void>, ReactNode] {
  const { api, execute } = useSwitchboard();
  const [asking, setAsking] = useState<{ request: ReviewRequest; preview: FilePreview } | null>(null);
  const [busy, setBusy] = useState(false);

  async function start(request: ReviewRequest) {
    const previewed = await api.invoke("previewCommand", request.command).catch((e: Error) => ({ ok: false as const, error: { message: e.message } }));
    if (!previewed.ok) return onDone({ tone: "error", text: `The fix could not be prepared: ${previewed.error.message}` });
    setAsking({ request, preview: previewed.value });
  }

  async function save() {
    if (!asking) return;
    const { request, preview } = asking;
    setBusy(true);
    try {
      const result = await execute(withVersion(request.command, preview.version));
      if (result.ok) onDone({ tone: "success", text: request.saved(preview, result.snapshot) });
      else if (result.error.code === "conflict") onDone({ tone: "error", text: `${preview.path} changed on disk since the diff was shown. Nothing was written: open the fix again to see the new diff.` });
      else onDone({ tone: "error", text: result.error.message });
    } finally {
      setBusy(false);
      setAsking(null);
    }
  }

  const dialog = asking ? (
    <Dialog title={asking.request.title} description={asking.request.description} confirmLabel={asking.request.confirmLabel} wide busy={busy && "Saving…"} onConfirm={() => void save()} onCancel={() => setAsking(null)}>
      <DiffView before={asking.preview.before} after={asking.preview.after} path={asking.preview.path} />
    </Dialog>
  ) : null;
  return [start, dialog];
}
