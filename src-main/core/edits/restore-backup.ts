/**
 * Put a backup back in place of the pi file it was taken from. The current file is backed up
 * first (restoring is itself a change), the backup must parse the way pi parses that file, and
 * only plain files inside the backup dir are accepted (no symbolic link, no FIFO or device). auth.json backups hold no secrets: each secret
 * comes back from the current file (auth-redaction.ts); one the current file no longer has is not
 * invented, and the restore is refused with the providers named.
 *
 * "Undo last save" (src-renderer/ui/UndoLastSave.tsx) shows previewRestore's diff first and passes
 * the version it showed as expectedVersion: a file changed since (pi, an editor) is never
 * overwritten by the undo.
 */
import { lstat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { ActionResult, FilePreview } from "../common/index.js";
import { textVersion } from "../agent-state.js";
import { parseLenientJson, parseStrictJson } from "../pi/pi-json.js";
import { restoreRedacted } from "../files/auth-redaction.js";
import { PiFileReadError, readPiFile } from "../files/read-pi-file.js";
import type { Backups } from "../files/backup.js";
import type { AgentPaths } from "../pi/agent-dir.js";
import { EditError, writePiFile, type OwnWrite, type PiFileEdit } from "./write-pi-file.js";

/** What a restore needs of the service (service.ts passes itself): where the files and backups are, how to report its write, and a reload. */
export interface RestoreHost {
  readonly paths: AgentPaths;
  readonly backups: Backups;
  emit(event: "wrote", write: OwnWrite): boolean;
  reload(): Promise<void>;
}

type Failure = Extract<ActionResult, { ok: false }>;

interface ReadBackup {
  full: string;
  kind: "models" | "settings" | "auth";
  target: string;
  text: string;
  parsed: unknown;
}

/** The backup at `backupPath`, checked: inside the backup dir, one of ours by name, parsing the way pi parses its file. */
async function readBackup(service: RestoreHost, backupPath: string): Promise<ReadBackup | Failure> {
  const full = resolve(backupPath);
  if (dirname(full) !== resolve(service.backups.dir)) {
    return { ok: false, error: { code: "invalid-input", message: "That is not one of Pi Switchboard's backups." } };
  }
  const m = /^(models|settings|auth)\.json\..+\.bak$/.exec(basename(full));
  if (!m) return { ok: false, error: { code: "invalid-input", message: "Unknown backup file name." } };
  const kind = m[1] as ReadBackup["kind"];
  // Links are never followed, neither the folder nor the backup: one placed there could show any of the user's files in the window, or write it over a pi file.
  const folder = await lstat(service.backups.dir).catch(() => null);
  if (folder && !folder.isDirectory()) {
    return { ok: false, error: { code: "invalid-input", message: `${service.backups.dir} is a symbolic link or not a folder, so no backup in it is read. Remove it: the app makes the folder again with the next backup.`, file: service.backups.dir } };
  }
  let text: string;
  try {
    text = await readPiFile(full, { noFollow: true });
  } catch (error) {
    const refused = error instanceof PiFileReadError && (error.code === "ESYMLINK" || error.code === "ENOTREG");
    return { ok: false, error: { code: refused ? "invalid-input" : "io", message: `Cannot read the backup: ${(error as Error).message}`, file: full } };
  }
  const parsed = (kind === "models" ? parseLenientJson : parseStrictJson)(text);
  if (!parsed.ok) return { ok: false, error: { code: "unparseable-file", message: "The backup does not parse; it was not restored.", file: full } };
  return { full, kind, target: join(service.paths.dir, `${kind}.json`), text, parsed: parsed.value };
}

const currentText = (path: string) => readPiFile(path).catch(() => null);

function changedSince(target: string): Failure {
  return { ok: false, error: { code: "conflict", message: `${basename(target)} changed since that save (pi, an editor or another window wrote it), so the backup was not restored: undoing now would throw that change away. Look at the file, then edit it or restore a backup from Config health.`, file: target } };
}

/** What restoring the backup would do to models.json or settings.json: the current text against the backup's. auth.json is not offered (its current text holds keys). */
export async function previewRestore(service: RestoreHost, backupPath: string): Promise<ActionResult<FilePreview>> {
  const backup = await readBackup(service, backupPath);
  if ("ok" in backup) return backup;
  if (backup.kind === "auth") return { ok: false, error: { code: "invalid-input", message: "auth.json backups are restored without a preview: the file holds keys the window never shows." } };
  const before = await currentText(backup.target);
  return { ok: true, value: { path: backup.target, before, after: backup.text, version: textVersion(before) } };
}

/** `expectedVersion`: the version of the pi file the caller showed the diff against; a file changed since is left alone (conflict). */
export async function restoreBackup(service: RestoreHost, backupPath: string, expectedVersion?: string | null): Promise<ActionResult> {
  const backup = await readBackup(service, backupPath);
  if ("ok" in backup) return backup;
  const { full, target, kind } = backup;
  if (expectedVersion !== undefined && textVersion(await currentText(target)) !== expectedVersion) return changedSince(target);
  let missingKeys = null as Failure | null;
  let written = null as OwnWrite | null;
  // The one write path (write-pi-file.ts): the file is backed up, the new text prepared and fsynced,
  // and renamed under pi's lock only if the file is still what the restore was computed from.
  const edit: PiFileEdit = {
    path: target,
    usePiLock: true,
    parse: kind === "models" ? parseLenientJson : parseStrictJson,
    expectedVersion,
    backups: service.backups,
    backupEachChange: true,
    createMode: kind === "auth" ? 0o600 : undefined,
    replacement: (current) => {
      if (kind !== "auth") return backup.text;
      const merged = restoreRedacted(backup.parsed, current);
      if (merged.missing.length) {
        const providers = [...new Set(merged.missing.map((p) => p.split(".")[0]))].join(", ");
        missingKeys = { ok: false, error: { code: "conflict", message: `This auth.json backup holds no secrets, and auth.json no longer has the key of ${providers}; restoring it would leave ${providers} without a key. Add those keys again (\`pi-switchboard key set\`, or pi's /login) instead.`, file: full } };
        throw new EditError(missingKeys.error);
      }
      return `${JSON.stringify(merged.value, null, 2)}\n`;
    },
    refuse: (before, after) => {
      written = { path: target, before, after };
    },
  };
  try {
    await writePiFile(edit);
  } catch (error) {
    if (!(error instanceof EditError)) throw error;
    if (missingKeys) return missingKeys;
    return error.error.code === "conflict" ? changedSince(target) : { ok: false, error: error.error };
  }
  // An undo is the app's own write: what it remembers about models.json's routing (profiles-feature.ts) follows it, so no drift is shown for it.
  if (kind === "models" && written) service.emit("wrote", written);
  await service.reload();
  return { ok: true, value: undefined };
}
