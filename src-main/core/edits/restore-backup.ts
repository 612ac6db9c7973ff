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
import { lstat, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { ActionResult, FilePreview } from "../common/index.js";
import { textVersion } from "../agent-state.js";
import { parseLenientJson, parseStrictJson } from "../pi/pi-json.js";
import { prepareReplace } from "../files/atomic-write.js";
import { restoreRedacted } from "../files/auth-redaction.js";
import { PiFileReadError, readPiFile, readPiFileSync } from "../files/read-pi-file.js";
import { withPiLockSync } from "../files/pi-lock.js";
import type { Backups } from "../files/backup.js";
import type { AgentPaths } from "../pi/agent-dir.js";
import type { OwnWrite } from "./write-pi-file.js";

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

function readCurrentSync(path: string): string | null {
  try {
    return readPiFileSync(path);
  } catch {
    return null;
  }
}

function parsedOrNull(text: string | null): unknown {
  if (text === null) return null;
  const parsed = parseLenientJson(text);
  return parsed.ok ? parsed.value : null;
}

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
  let text = backup.text;
  const isExpected = () => expectedVersion === undefined || textVersion(readCurrentSync(target)) === expectedVersion;
  if (expectedVersion !== undefined && textVersion(await currentText(target)) !== expectedVersion) return changedSince(target);
  if (kind === "auth") {
    const current = await readPiFile(target).then((t) => parseStrictJson(t), () => null);
    const merged = restoreRedacted(backup.parsed, current?.ok ? current.value : null);
    if (merged.missing.length) {
      const providers = [...new Set(merged.missing.map((p) => p.split(".")[0]))].join(", ");
      return { ok: false, error: { code: "conflict", message: `This auth.json backup holds no secrets, and auth.json no longer has the key of ${providers}; restoring it would leave ${providers} without a key. Add those keys again (\`pi-switchboard key set\`, or pi's /login) instead.`, file: full } };
    }
    text = `${JSON.stringify(merged.value, null, 2)}\n`;
  }
  await service.backups.beforeFirstChange(target, { force: true });
  // Written and fsynced before pi's lock is taken, renamed under it: pi waits only ~200 ms for its lock.
  const mode = await stat(target).then((s) => s.mode & 0o777, () => (kind === "auth" ? 0o600 : undefined));
  const prepared = await prepareReplace(target, text, mode);
  let replaced: string | null = null;
  try {
    // The last look, under the lock: a write that landed while the copy was prepared wins over the undo.
    const committed = await withPiLockSync(target, () => {
      replaced = readCurrentSync(target);
      return isExpected() ? (prepared.commit(), true) : false;
    });
    if (!committed) return changedSince(target);
  } finally {
    await prepared.discard();
  }
  // An undo is the app's own write: what it remembers about models.json's routing (profiles-feature.ts) follows it, so no drift is shown for it.
  if (kind === "models") service.emit("wrote", { path: target, before: parsedOrNull(replaced), after: backup.parsed });
  await service.reload();
  return { ok: true, value: undefined };
}
