/**
 * Which backup undoes a save: every save of a pi file backs the file up first (write-pi-file.ts),
 * so the backup of a save is the newest of that file taken since the save started. Pure; the
 * window's "Undo last save" and the tray's undo of a health switch both use it.
 */
import type { BackupEntry, ReadableFile } from "./index.js";

/** The save to undo: when it started (ISO time, taken before it ran) and the file version it wrote. */
export interface SaveRecord {
  savedAt: string;
  version: string | null;
}

// A backup's time is its file's mtime: allow for a coarse file-system clock.
const CLOCK_SLACK_MS = 2000;

export function backupOfSave(backups: BackupEntry[], file: ReadableFile, save: SaveRecord): BackupEntry | null {
  const since = Date.parse(save.savedAt) - CLOCK_SLACK_MS;
  return backups.filter((b) => b.file === file && Date.parse(b.createdAt) >= since).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null;
}
