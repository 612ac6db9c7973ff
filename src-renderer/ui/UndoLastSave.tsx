/**
 * "Undo last save": puts back the backup a save made (every models.json save backs the file up
 * first, write-pi-file.ts), after showing what the undo changes. Refuses, and says why, when the
 * file changed since the save (pi, an editor, another window): undoing then would throw that
 * change away. The restore itself passes the version the diff was shown for, so a write that lands
 * while the dialog is open is not overwritten either (restore-backup.ts).
 *
 *   const [lastSave, setLastSave] = useState<SaveRecord | null>(null);
 *   const savedAt = new Date().toISOString();            // before the save runs
 *   … on success: setLastSave({ savedAt, version: result.snapshot.modelsFile.version });
 *   <UndoLastSave file="models.json" save={lastSave} onUndone={() => setLastSave(null)} />
 */
import { useState } from "react";
import type { BackupEntry, FilePreview, ReadableFile } from "../../src-main/core/common/index.js";
import { backupOfSave, type SaveRecord } from "../../src-main/core/common/save-record.js";
import { useSwitchboard } from "../api/context";
import { Dialog } from "./Dialog";
import { DiffView } from "./DiffView";
import { Notice } from "./Notice";

export function UndoLastSave({ file, save, onUndone }: { file: ReadableFile; save: SaveRecord | null; onUndone?: () => void }) {
  const { api, snapshot } = useSwitchboard();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<{ backup: BackupEntry; preview: FilePreview } | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  if (!save && !message) return null;

  async function prepare() {
    if (!save) return;
    setBusy(true);
    setMessage(null);
    try {
      const backup = backupOfSave(await api.invoke("listBackups", null), file, save);
      if (!backup) return setMessage({ tone: "error", text: `No backup of that save was found in switchboard-backups, so it cannot be undone here. Config health lists the backups there are.` });
      const preview = await api.invoke("previewRestore", { path: backup.path });
      if (!preview.ok) return setMessage({ tone: "error", text: preview.error.message });
      if (preview.value.version !== save.version) {
        return setMessage({ tone: "error", text: `${file} changed since that save (pi, an editor or another window wrote it), so it was not undone: that change would be lost. Edit the file instead, or restore a backup from Config health.` });
      }
      setAsking({ backup, preview: preview.value });
    } catch (e) {
      setMessage({ tone: "error", text: `Could not prepare the undo: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  }

  async function restore() {
    if (!asking) return;
    const { backup, preview } = asking;
    setAsking(null);
    setBusy(true);
    try {
      const result = await api.invoke("restoreBackup", { path: backup.path, expectedVersion: preview.version });
      if (!result.ok) return setMessage({ tone: "error", text: result.error.code === "conflict" ? `${file} changed while you looked at the undo, so nothing was restored. ${result.error.message}` : result.error.message });
      setMessage({ tone: "success", text: `Undone: ${file} is back as it was before the save.${file === "models.json" && snapshot ? ` ${snapshot.pi.afterModelsSave}` : ""}` });
      onUndone?.();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="undo-last-save">
      {save && (
        <button type="button" onClick={() => void prepare()} disabled={busy} aria-busy={busy}>
          {busy ? "Preparing undo…" : "Undo last save"}
        </button>
      )}
      {message && <Notice tone={message.tone} onDismiss={() => setMessage(null)}>{message.text}</Notice>}
      {asking && (
        <Dialog
          wide
          title="Undo last save?"
          description={<p>{file} goes back to the backup taken just before the save. The file as it is now is backed up first, so this can be undone from Config health.</p>}
          confirmLabel="Undo save"
          onConfirm={() => void restore()}
          onCancel={() => setAsking(null)}
        >
          <DiffView before={asking.preview.before} after={asking.preview.after} path={asking.preview.path} />
        </Dialog>
      )}
    </div>
  );
}
