/**
 * Watch the agent dir for changes to pi's files. We watch the directory, not the files: editors
 * and atomic writers replace a file by rename, after which a watch on the old inode goes silent.
 * Events are filtered by name (a null name counts as "anything may have changed") and a burst is
 * coalesced into one callback: the first event arms a short timer, later ones ride along, and a
 * steady stream still fires at least every `maxWaitMs`.
 *
 * A missing agent dir is watched for from its nearest existing ancestor until it appears. Where
 * the OS has no watch slots left (ENOSPC), we fall back to polling the files once a second and
 * say so in `mode`.
 */
import { existsSync, watch, watchFile, unwatchFile, type FSWatcher } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface WatchOptions {
  /**
   * The names to report, or a test for names nobody can list beforehand (pi's session files). With
   * a test, "*" reports that anything in the dir may have changed (the OS gave no name, or polling).
   */
  names: readonly string[] | ((name: string) => boolean);
  onChange: (names: Set<string>) => void;
  onModeChange?: (mode: string) => void;
  /** Quiet time that ends a burst. */
  debounceMs?: number;
  maxWaitMs?: number;
}

export class DirWatcher {
  private watcher: FSWatcher | null = null;
  private polled: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private burstStart = 0;
  private pending = new Set<string>();
  private closed = false;
  mode = "starting";

  constructor(private readonly dir: string, private readonly options: WatchOptions) {
    this.start();
  }

  /** What to report when anything may have changed. */
  private everything(): readonly string[] {
    const { names } = this.options;
    return typeof names === "function" ? ["*"] : names;
  }

  private setMode(mode: string): void {
    this.mode = mode;
    this.options.onModeChange?.(mode);
  }

  private start(): void {
    if (this.closed) return;
    if (existsSync(this.dir)) return this.watchDir();
    this.watchForCreation();
  }

  private watchDir(): void {
    try {
      this.watcher = watch(this.dir, { persistent: false }, (_event, name) => {
        const file = name === null ? null : basename(name.toString());
        const { names } = this.options;
        if (file === null) this.everything().forEach((n) => this.pending.add(n));
        else if (typeof names === "function" ? names(file) : names.includes(file)) this.pending.add(file);
        else return;
        this.schedule();
      });
      this.watcher.on("error", () => this.restart());
      this.setMode("native");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOSPC" || code === "EMFILE") return this.poll(`polling every second: the OS has no file-watch slots left (${code}); raise fs.inotify.max_user_watches`);
      if (code === "ENOENT") return this.watchForCreation();
      return this.poll(`polling every second: watching failed (${code ?? String(error)})`);
    }
  }

  /** The dir does not exist yet (pi creates it on first run): wait for it from an ancestor. */
  private watchForCreation(): void {
    let ancestor = dirname(this.dir);
    while (!existsSync(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
    try {
      this.watcher = watch(ancestor, { persistent: false }, () => {
        if (existsSync(this.dir) || !existsSync(ancestor) || dirname(this.dir) !== ancestor) this.restart();
      });
      this.setMode(`waiting for ${this.dir} to be created`);
    } catch {
      this.poll(`polling every second: ${this.dir} does not exist`);
    }
  }

  private poll(mode: string): void {
    const { names } = this.options;
    // Unnamed files are polled through the dir itself: its mtime changes when one is added or removed.
    this.polled = typeof names === "function" ? [this.dir] : names.map((n) => join(this.dir, n));
    for (const path of this.polled) {
      watchFile(path, { interval: 1000, persistent: false }, () => {
        this.pending.add(typeof names === "function" ? "*" : basename(path));
        this.schedule();
      });
    }
    this.setMode(mode);
  }

  private restart(): void {
    const wasWaiting = this.watcher !== null && this.mode.startsWith("waiting");
    this.stopWatching();
    this.start();
    // The dir appeared (`mkdir -p` may create it between two of the ancestor's events): files written
    // into it before its own watch began raised no event, so report all of them once.
    if (wasWaiting && this.mode === "native") {
      this.everything().forEach((n) => this.pending.add(n));
      this.schedule();
    }
  }

  private schedule(): void {
    const { debounceMs = 8, maxWaitMs = 40 } = this.options;
    const now = Date.now();
    if (this.timer === null) this.burstStart = now;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(debounceMs, this.burstStart + maxWaitMs - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = null;
    const names = this.pending;
    this.pending = new Set();
    if (!this.closed && names.size > 0) this.options.onChange(names);
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = null;
    for (const path of this.polled) unwatchFile(path);
    this.polled = [];
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopWatching();
  }
}
