/**
 * A copy of a pi file before the first change the app makes to it in a session, so any edit can
 * be undone by hand or from the Config health view. Backups live beside pi's files, in
 * `<agent dir>/switchboard-backups/`, readable by the owner only (auth.json backups hold secrets
 * as they stood, never a key the app added).
 */
import { randomBytes } from "node:crypto";
import { chmod, copyFile, mkdir, readdir, rename, stat } from "node:fs/promises";
import { basename, join } from "node:path";

export const BACKUP_DIR_NAME = "switchboard-backups";

export interface BackupInfo {
  file: string;
  path: string;
  createdAt: string;
  size: number;
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, "-");
}

export class Backups {
  /** Per file, the backup of this session: a promise, so concurrent first changes share one copy. */
  private readonly taken = new Map<string, Promise<string | null>>();
  constructor(private readonly agentDir: string) {}

  get dir(): string {
    return join(this.agentDir, BACKUP_DIR_NAME);
  }

  /** Copies `path` once per session (per Backups instance); a missing file needs no backup. */
  async beforeFirstChange(path: string, options: { force?: boolean } = {}): Promise<string | null> {
    const earlier = this.taken.get(path);
    if (earlier && !options.force) {
      await earlier;
      return null;
    }
    const copy = this.copy(path);
    this.taken.set(path, copy);
    // A failed copy is no backup: the next change tries again.
    copy.catch(() => this.taken.delete(path));
    return copy;
  }

  private async copy(path: string): Promise<string | null> {
    try {
      await stat(path);
    } catch {
      return null;
    }
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // A random tail: two sessions (app and CLI) backing up in the same millisecond must not share a name.
    const target = join(this.dir, `${basename(path)}.${stamp(new Date())}-${randomBytes(3).toString("hex")}.bak`);
    // Copied under a name list() ignores, then renamed: a crash mid-copy never leaves a half backup.
    const partial = `${target}.partial`;
    await copyFile(path, partial);
    await chmod(partial, 0o600);
    await rename(partial, target);
    return target;
  }

  async list(): Promise<BackupInfo[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const out: BackupInfo[] = [];
    for (const name of names) {
      const m = /^(models|settings|auth)\.json\.(.+)\.bak$/.exec(name);
      if (!m) continue;
      const path = join(this.dir, name);
      const s = await stat(path);
      out.push({ file: `${m[1]}.json`, path, createdAt: s.mtime.toISOString(), size: s.size });
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
