/**
 * A copy of a pi file before the first change the app makes to it in a session, so any edit can
 * be undone by hand or from the Config health view. Backups live beside pi's files, in
 * `<agent dir>/switchboard-backups/` (0700), each readable by the owner only (0600). An auth.json
 * backup keeps no secret of any provider (auth-redaction.ts). They are pruned after each new one:
 * at most MAX_PER_FILE per file, none older than MAX_AGE_DAYS (the newest always stays), and
 * half-written copies a killed process left behind go too.
 */
import { randomBytes } from "node:crypto";
import { chmod, lstat, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { redactAuthSecrets } from "./auth-redaction.js";
import { readPiFile } from "./read-pi-file.js";

export const MAX_PER_FILE = 10;
export const MAX_AGE_DAYS = 30;
const BACKUP_NAME = /^(models|settings|auth)\.json\.(.+)\.bak$/;

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
    let text: string;
    try {
      text = await readPiFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    const copy = this.transform(path, text);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // A random tail: two sessions (app and CLI) backing up in the same millisecond must not share a name.
    const target = join(this.dir, `${basename(path)}.${stamp(new Date())}-${randomBytes(3).toString("hex")}.bak`);
    // Written under a name list() ignores, then renamed: a crash mid-copy never leaves a half backup.
    const partial = `${target}.partial`;
    await writeFile(partial, copy, { mode: 0o600, flag: "wx" });
    await chmod(partial, 0o600);
    await rename(partial, target);
    await this.prune();
    return target;
  }

  /** What goes into the backup of `path`: auth.json without any provider's secret, the rest as is. */
  protected transform(path: string, text: string): string {
    return basename(path) === "auth.json" ? redactAuthSecrets(text) : text;
  }

  /** Keeps the newest MAX_PER_FILE backups per file, drops those older than MAX_AGE_DAYS (never a file's newest), and stale partial copies. */
  async prune(now = Date.now()): Promise<string[]> {
    const removed: string[] = [];
    const drop = async (path: string) => {
      await rm(path, { force: true });
      removed.push(path);
    };
    const byFile = new Map<string, BackupInfo[]>();
    for (const backup of await this.list()) byFile.set(backup.file, [...(byFile.get(backup.file) ?? []), backup]);
    for (const backups of byFile.values()) {
      for (const [i, backup] of backups.entries()) {
        if (i >= MAX_PER_FILE || (i > 0 && now - Date.parse(backup.createdAt) > MAX_AGE_DAYS * 86_400_000)) await drop(backup.path);
      }
    }
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      const path = join(this.dir, name);
      if (name.endsWith(".partial") && now - (await stat(path).then((s) => s.mtimeMs, () => now)) > 60_000) await drop(path);
    }
    return removed;
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
      const m = BACKUP_NAME.exec(name);
      if (!m) continue;
      const path = join(this.dir, name);
      // Only plain files are backups: a link placed here is never offered for a preview or a restore.
      const s = await lstat(path).catch(() => null);
      if (!s?.isFile()) continue;
      out.push({ file: `${m[1]}.json`, path, createdAt: s.mtime.toISOString(), size: s.size });
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
