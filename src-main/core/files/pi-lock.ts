/**
 * The lock pi itself takes around settings.json and auth.json writes: proper-lockfile on the file
 * path with `realpath: false` (a `<file>.lock` directory). Holding it while we read-merge-write
 * means pi and the app never interleave and neither loses the other's change.
 *
 * pi (0.73) gives up after 10 tries 20 ms apart and treats a lock older than proper-lockfile's
 * default 10 s as stale; we retry a little longer than pi does and use the same staleness, so a
 * lock left by a killed app blocks pi no longer than pi's own protocol allows.
 *
 * `withPiLockSync` runs its critical section synchronously between taking and releasing the lock:
 * pi waits only about 200 ms for the lock, and with an async section any other work of the process
 * (a reload, a render) could run while the lock is held and make pi drop its own change.
 */
import { rm, stat } from "node:fs/promises";
import lockfile from "proper-lockfile";

export class LockedError extends Error {
  constructor(readonly path: string) {
    super(`${path} is locked by another writer (pi?) and stayed locked; try again in a moment.`);
  }
}

const RETRY = { retries: 40, factor: 1.3, minTimeout: 5, maxTimeout: 100 };

export async function withPiLockSync<T>(path: string, fn: () => T): Promise<T> {
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
      return fn();
    } finally {
      try {
        release();
      } catch {
        // Already released or taken over as stale: nothing of ours is left to remove.
      }
    }
  }
}

export async function withPiLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path, {
      realpath: false,
      stale: 10_000,
      retries: { ...RETRY, randomize: true },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new LockedError(path);
    throw error;
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
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
