/**
 * The one path by which the app changes a pi file. In order: take pi's lock where pi has one,
 * read the file as it is now, refuse if it does not parse (never write over what we could not
 * read) or if it changed since the caller looked (expectedVersion), compute the edits against the
 * current text (so fields the caller did not touch keep whatever pi or the user wrote meanwhile),
 * back it up once per session, then replace it atomically.
 *
 * Under pi's lock only the cheap steps run: the edited text is prepared and fsynced first, then
 * the lock is taken, the file compared with what the edit was computed from, and the prepared file
 * renamed over it. pi 0.73 waits about 200 ms for its lock before dropping its own change, and an
 * fsync on a busy disk alone can take longer than that.
 */
import { mkdir, stat } from "node:fs/promises";
import { readPiFile } from "../files/read-pi-file.js";
import { dirname } from "node:path";
import type { CommandError } from "../common/index.js";
import { textVersion } from "../agent-state.js";
import { atomicReplace, prepareReplace } from "../files/atomic-write.js";
import type { Backups } from "../files/backup.js";
import { applyJsonChanges, editDepthProblem, type JsonChange } from "../files/json-edit.js";
import { LockedError, withPiLock } from "../files/pi-lock.js";
import type { JsonParseResult } from "../pi/pi-json.js";

export class EditError extends Error {
  constructor(readonly error: CommandError) {
    super(error.message);
  }
}

/** A write of the app's own to a pi file (a command, or a restored backup): the file parsed before and after. */
export interface OwnWrite {
  path: string;
  before: unknown;
  after: unknown;
}

export interface PiFileEdit {
  path: string;
  /** settings.json and auth.json: pi locks them, so we do too. models.json: pi only reads it, but
   *  the same lock keeps two Switchboard writers (the app, the CLI, two commands) from interleaving. */
  usePiLock: boolean;
  parse(text: string): JsonParseResult;
  /** Edits for the current content; `value` is the parsed current content ({} for a new file). */
  changes?(value: unknown): JsonChange[];
  /**
   * Instead of edits, the whole new text (a restored backup): the current file may then be one that
   * does not parse, since it is replaced, not edited; `value` is it parsed, or null.
   */
  replacement?(value: unknown): string;
  expectedVersion?: string | null;
  backups: Backups;
  /** A backup before every change, not only the session's first: each save can then be undone on
   *  its own ("Undo last save" restores the newest backup). models.json edits from the window use it. */
  backupEachChange?: boolean;
  /** Mode for a file we create (auth.json: 0600, as pi creates it). */
  createMode?: number;
  /** Throws an EditError when what the edit would leave must not be written (the parsed file before and after). */
  refuse?(before: unknown, after: unknown): void;
}

function readError(path: string, error: unknown): string | null {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
  throw new EditError({ code: "io", message: `Cannot read ${path}: ${(error as Error).message}`, file: path });
}

async function currentText(path: string): Promise<string | null> {
  return readPiFile(path).catch((error: unknown) => readError(path, error));
}

interface EditPlan {
  /** The text the edit was computed from (null: no file). */
  text: string | null;
  next: string;
}

/** Checks and edits `text` (the file as read); null when the edit changes nothing. */
function planEdit(edit: PiFileEdit, text: string | null): EditPlan | null {
  if (edit.expectedVersion && textVersion(text) !== edit.expectedVersion) {
    throw new EditError({ code: "conflict", message: `${edit.path} changed on disk since you opened it. Review the new content and apply your change again.`, file: edit.path });
  }
  if (edit.replacement) return planReplacement(edit, edit.replacement, text);
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
    const tooDeep = editDepthProblem(text, edit.path);
    if (tooDeep) throw new EditError({ code: "unparseable-file", message: tooDeep, file: edit.path });
  }
  const changes = edit.changes?.(value) ?? [];
  if (changes.length === 0) return null;
  return checkedPlan(edit, text, value, applyJsonChanges(text ?? "", changes));
}

function planReplacement(edit: PiFileEdit, replacement: (value: unknown) => string, text: string | null): EditPlan | null {
  const parsed = text === null ? null : edit.parse(text);
  const value = parsed?.ok ? parsed.value : null;
  return checkedPlan(edit, text, value, replacement(value));
}

/** The plan for `next`, unless it changes nothing; refused when it would not parse or `refuse` says no. */
function checkedPlan(edit: PiFileEdit, text: string | null, value: unknown, next: string): EditPlan | null {
  if (next === text) return null;
  // Our own output must parse the way pi parses, or we would be the ones breaking the file.
  const after = edit.parse(next);
  if (!after.ok) throw new EditError({ code: "io", message: `Refusing to write ${edit.path}: the edited text would not parse.`, file: edit.path });
  edit.refuse?.(value, after.value);
  return { text, next };
}

async function modeFor(edit: PiFileEdit, text: string | null): Promise<number | undefined> {
  return text === null ? edit.createMode : (await stat(edit.path)).mode & 0o777;
}

/** The whole edit in one go, for files nobody else locks. */
async function applyEdit(edit: PiFileEdit): Promise<boolean> {
  const plan = planEdit(edit, await currentText(edit.path));
  if (!plan) return false;
  const { text, next } = plan;
  if (text !== null) await edit.backups.beforeFirstChange(edit.path, { force: edit.backupEachChange });
  else await mkdir(dirname(edit.path), { recursive: true });
  // Last look before the rename: an editor that saved in the meantime must not be overwritten.
  const again = await currentText(edit.path);
  if (again !== text) throw new EditError({ code: "conflict", message: `${edit.path} changed on disk while it was being edited; nothing was written. Try again.`, file: edit.path });
  await atomicReplace(edit.path, next, await modeFor(edit, text));
  return true;
}

/** Prepare outside the lock, commit under it; "changed" when the file changed in between. */
async function applyEditLocked(edit: PiFileEdit): Promise<boolean | "changed"> {
  let text = await currentText(edit.path);
  const looksOff = text !== null && text.trim() !== "" && !edit.parse(text).ok;
  // Read outside the lock, the file may be pi in the middle of its in-place write: a read under
  // the lock (held for that read only) says whether it is really broken.
  if (looksOff || (edit.expectedVersion && textVersion(text) !== edit.expectedVersion)) text = await withPiLock(edit.path, () => currentText(edit.path));
  const plan = planEdit(edit, text);
  if (!plan) return false;
  if (plan.text !== null) await edit.backups.beforeFirstChange(edit.path, { force: edit.backupEachChange });
  const prepared = await prepareReplace(edit.path, plan.next, await modeFor(edit, plan.text));
  try {
    return await withPiLock(edit.path, async () => {
      if ((await currentText(edit.path)) !== plan.text) return "changed" as const;
      prepared.commit();
      return true;
    });
  } finally {
    await prepared.discard();
  }
}

const PREPARE_ATTEMPTS = 20;

/** Applies the edit; true when the file changed. Throws EditError with a code a UI can act on. */
export async function writePiFile(edit: PiFileEdit): Promise<boolean> {
  try {
    if (!edit.usePiLock) return await applyEdit(edit);
    // The lock is a directory beside the file: before pi's first run there is no agent dir to hold it.
    await mkdir(dirname(edit.path), { recursive: true });
    for (let attempt = 0; attempt < PREPARE_ATTEMPTS; attempt++) {
      const result = await applyEditLocked(edit);
      if (result !== "changed") return result;
    }
    // The file keeps changing faster than we can prepare: do the whole edit under the lock.
    return await withPiLock(edit.path, () => applyEdit(edit));
  } catch (error) {
    if (error instanceof EditError) throw error;
    if (error instanceof LockedError) throw new EditError({ code: "locked", message: error.message, file: edit.path });
    throw new EditError({ code: "io", message: `Could not write ${edit.path}: ${(error as Error).message}`, file: edit.path });
  }
}
