/**
 * The one path by which the app changes a pi file. In order: take pi's lock where pi has one,
 * read the file as it is now, refuse if it does not parse (never write over what we could not
 * read) or if it changed since the caller looked (expectedVersion), compute the edits against the
 * current text (so fields the caller did not touch keep whatever pi or the user wrote meanwhile),
 * back it up once per session, then replace it atomically.
 */
import { mkdir, readFile, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { CommandError } from "../contract.js";
import { textVersion } from "../agent-state.js";
import { atomicReplace } from "../files/atomic-write.js";
import type { Backups } from "../files/backup.js";
import { applyJsonChanges, type JsonChange } from "../files/json-edit.js";
import { LockedError, withPiLock } from "../files/pi-lock.js";
import type { JsonParseResult } from "../pi/pi-json.js";

export class EditError extends Error {
  constructor(readonly error: CommandError) {
    super(error.message);
  }
}

export interface PiFileEdit {
  path: string;
  /** settings.json and auth.json: pi locks them, so we do too. models.json: pi only reads it, but
   *  the same lock keeps two Switchboard writers (the app, the CLI, two commands) from interleaving. */
  usePiLock: boolean;
  parse(text: string): JsonParseResult;
  /** Edits for the current content; `value` is the parsed current content ({} for a new file). */
  changes(value: unknown): JsonChange[];
  expectedVersion?: string | null;
  backups: Backups;
  /** Mode for a file we create (auth.json: 0600, as pi creates it). */
  createMode?: number;
}

async function currentText(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new EditError({ code: "io", message: `Cannot read ${path}: ${(error as Error).message}`, file: path });
  }
}

async function applyEdit(edit: PiFileEdit): Promise<boolean> {
  const text = await currentText(edit.path);
  if (edit.expectedVersion && textVersion(text) !== edit.expectedVersion) {
    throw new EditError({ code: "conflict", message: `${edit.path} changed on disk since you opened it. Review the new content and apply your change again.`, file: edit.path });
  }
  let value: unknown = {};
  if (text !== null && text.trim() !== "") {
    const parsed = edit.parse(text);
    if (!parsed.ok) {
      const where = parsed.problem.line ? ` (line ${parsed.problem.line}, column ${parsed.problem.column})` : "";
      throw new EditError({ code: "unparseable-file", message: `${edit.path} does not parse${where}, so it was left untouched. Fix it first: ${parsed.problem.message}`, file: edit.path });
    }
    value = parsed.value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new EditError({ code: "unparseable-file", message: `${edit.path} does not hold a JSON object, so it was left untouched.`, file: edit.path });
    }
  }
  const changes = edit.changes(value);
  if (changes.length === 0) return false;
  const next = applyJsonChanges(text ?? "", changes);
  if (next === text) return false;
  // Our own output must parse the way pi parses, or we would be the ones breaking the file.
  if (!edit.parse(next).ok) throw new EditError({ code: "io", message: `Refusing to write ${edit.path}: the edited text would not parse.`, file: edit.path });
  if (text !== null) await edit.backups.beforeFirstChange(edit.path);
  else await mkdir(dirname(edit.path), { recursive: true });
  // Last look before the rename: an editor that saved in the meantime must not be overwritten.
  const again = await currentText(edit.path);
  if (again !== text) throw new EditError({ code: "conflict", message: `${edit.path} changed on disk while it was being edited; nothing was written. Try again.`, file: edit.path });
  const mode = text === null ? edit.createMode : (await stat(edit.path)).mode & 0o777;
  await atomicReplace(edit.path, next, mode);
  return true;
}

/** Applies the edit; true when the file changed. Throws EditError with a code a UI can act on. */
export async function writePiFile(edit: PiFileEdit): Promise<boolean> {
  try {
    if (!edit.usePiLock) return await applyEdit(edit);
    // The lock is a directory beside the file: before pi's first run there is no agent dir to hold it.
    await mkdir(dirname(edit.path), { recursive: true });
    return await withPiLock(edit.path, () => applyEdit(edit));
  } catch (error) {
    if (error instanceof EditError) throw error;
    if (error instanceof LockedError) throw new EditError({ code: "locked", message: error.message, file: edit.path });
    throw new EditError({ code: "io", message: `Could not write ${edit.path}: ${(error as Error).message}`, file: edit.path });
  }
}
