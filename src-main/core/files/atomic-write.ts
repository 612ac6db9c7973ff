/**
 * Replace a file so that a reader (pi, an editor, a crash) only ever sees the old or the new
 * content: write-file-atomic writes a temp file beside it, fsyncs, keeps mode and owner, and
 * renames over the original (following a symlink to its target, so the link survives).
 */
import writeFileAtomic from "write-file-atomic";

export async function atomicReplace(path: string, text: string, mode?: number): Promise<void> {
  await writeFileAtomic(path, text, { encoding: "utf8", fsync: true, ...(mode !== undefined ? { mode } : {}) });
}
