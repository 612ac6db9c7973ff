/**
 * Replace a file so that a reader (pi, an editor, a crash) only ever sees the old or the new
 * content: a temp file beside the target is written and fsynced, then renamed over it, following
 * a symlink to its target so the link survives.
 *
 * `atomicReplace` does it in one go (write-file-atomic, which also keeps mode and owner).
 * `prepareReplace` splits it in two for writers that hold pi's lock: the slow part (write + fsync)
 * happens before the lock is taken, and only the rename happens under it, because pi 0.73 gives
 * up on its lock after about 200 ms and then drops its own change.
 */
import { randomBytes } from "node:crypto";
import { renameSync } from "node:fs";
import { chmod, open, readdir, realpath, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import writeFileAtomic from "write-file-atomic";

export async function atomicReplace(path: string, text: string, mode?: number): Promise<void> {
  await writeFileAtomic(path, text, { encoding: "utf8", fsync: true, ...(mode !== undefined ? { mode } : {}) });
}

export interface PreparedReplace {
  /** Renames the prepared file over the target: the only step that needs the lock. Synchronous, so
   *  the short section under pi's lock (write-pi-file.ts) gives no other work a turn. */
  commit(): void;
  /** Removes the prepared file if it was not committed. */
  discard(): Promise<void>;
}

async function resolveTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return path;
    throw error;
  }
}

const TEMP_SUFFIX = /\.[0-9a-f]{8}\.switchboard-tmp$/;

/**
 * Removes temp files a killed writer left beside pi's files. Only those older than a minute: a
 * younger one may belong to another app process (the CLI) that is writing right now.
 */
export async function removeStaleTemps(dir: string, olderThanMs = 60_000): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.filter((n) => TEMP_SUFFIX.test(n))) {
    const path = join(dir, name);
    try {
      if (Date.now() - (await stat(path)).mtimeMs < olderThanMs) continue;
      await rm(path, { force: true });
      removed.push(path);
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}

/** `mode` undefined: a new file with the usual 0666 minus the umask, as pi creates its files. */
export async function prepareReplace(path: string, text: string, mode: number | undefined): Promise<PreparedReplace> {
  const target = await resolveTarget(path);
  const temp = `${target}.${randomBytes(4).toString("hex")}.switchboard-tmp`;
  const handle = await open(temp, "wx", mode ?? 0o666);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  // open() applies the umask to `mode`; the file must end up with exactly the mode it had.
  if (mode !== undefined) await chmod(temp, mode);
  let committed = false;
  return {
    commit: () => {
      renameSync(temp, target);
      committed = true;
    },
    discard: async () => {
      if (!committed) await rm(temp, { force: true });
    },
  };
}
