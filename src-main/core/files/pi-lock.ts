/**
 * The lock pi itself takes around settings.json and auth.json writes: proper-lockfile on the file
 * path with `realpath: false` (a `<file>.lock` directory). Holding it while we read-merge-write
 * means pi and the app never interleave and neither loses the other's change.
 *
 * pi (0.73) gives up after 10 tries 20 ms apart and treats a lock older than proper-lockfile's
 * default 10 s as stale; we retry a little longer than pi does and use the same staleness, so a
 * lock left by a killed app blocks pi no longer than pi's own protocol allows.
 *
 * pi waits only about 200 ms for the lock, so what runs under it must be short: the write path
 * (edits/write-pi-file.ts) prepares and fsyncs the new text before taking the lock and, under it,
 * only reads the file (readPiFile reads synchronously inside, so awaiting it lets no timer or I/O
 * callback run) and renames the prepared copy over it.
 */
import { rm, stat } from "node:fs/promises";
import lockfile from "proper-lockfile";

export class LockedError extends Error {
  constructor(readonly path: string) {
    super(`${path} is locked by another writer (pi?) and stayed locked; try again in a moment.`);
  }
}

const RETRY = { retries: 40, factor: 1.3, minTimeout: 5, maxTimeout: 100 };

/** Runs `fn` while holding pi's lock on `path`, and releases it after, also when `fn` throws. */
export async function withPiLock<T>(path: string, fn: () => T | Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    let release: () => void;
    try {
      release = lockfile.lockSync(path, { realpath: false, stale: 10_000 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
      if (attempt >= RETRY.retries) throw new LockedError(path);
      const delay = Math.min(RETRY.maxTimeout, RETRY.minTimeout * RETRY.factor ** attempt) * (1 + Math.random());
      await new Promise((r) => setTimeout(r, delay));
      continue;
    }
    try {
      return await fn();
    } finally {
      try {
        release();
      } catch {
        // Already released or taken over as stale: nothing of ours is left to remove.
      }
    }
  }
}

/**
 * Removes lock folders a killed writer (the app, the CLI, pi) left beside pi's files, when they
 * are older than the stale time pi itself uses: a held lock is refreshed every 5 s, so an older
 * one has no owner. Called when the service opens.
 */
export async function removeStaleLocks(paths: string[], staleMs = 10_000): Promise<string[]> {
  const removed: string[] = [];
  for (const path of paths) {
    const lock = `${path}.lock`;
    try {
      const s = await stat(lock);
      if (!s.isDirectory() || Date.now() - s.mtimeMs < staleMs) continue;
      await rm(lock, { recursive: true, force: true });
      removed.push(lock);
    } catch {
      // no lock, or not ours to remove
    }
  }
  return removed;
}
