/**
 * The lock pi itself takes around settings.json and auth.json writes: proper-lockfile on the file
 * path with `realpath: false` (a `<file>.lock` directory). Holding it while we read-merge-write
 * means pi and the app never interleave and neither loses the other's change.
 *
 * pi (0.73) gives up after 10 tries 20 ms apart and treats a lock older than proper-lockfile's
 * default 10 s as stale; we retry a little longer than pi does and use the same staleness, so a
 * lock left by a killed app blocks pi no longer than pi's own protocol allows.
 */
import lockfile from "proper-lockfile";

export class LockedError extends Error {
  constructor(readonly path: string) {
    super(`${path} is locked by another writer (pi?) and stayed locked; try again in a moment.`);
  }
}

export async function withPiLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path, {
      realpath: false,
      stale: 10_000,
      retries: { retries: 40, factor: 1.3, minTimeout: 5, maxTimeout: 100, randomize: true },
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
