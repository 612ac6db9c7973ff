/**
 * The billed entries of every pi session file under the sessions directory (pi/session-dirs.ts),
 * kept up to date as pi appends: each file's read position is remembered, so a refresh reads only
 * the bytes pi wrote since; a file that shrank, was replaced (another inode) or rewritten (pi
 * migrates an old session in place: its first bytes change) is read again from the start. A line
 * without its newline yet is left for the next read. Files are only ever opened for reading.
 *
 * `watch` follows new lines and new sessions with the directory watcher (files/watch.ts): the
 * sessions dir for new project folders, each project folder for its files. Used by `spend`, the
 * service's Spend view and the tray's "today".
 */
import type { Stats } from "node:fs";
import { open, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { SpendEntry } from "../common/spend-report.js";
import { DirWatcher } from "../files/watch.js";
import { guessFolderPath, isSessionFolderName, sessionsLocation, type SessionsLocation } from "../pi/session-dirs.js";
import { readLine, type LineState } from "./session-lines.js";

/** Bytes compared to tell a rewritten file from one that grew: the header line and a little more. */
const HEAD_BYTES = 256;
/** Files read at once on a full scan: enough to keep the disk busy, few enough for the fd limit. */
const SCAN_CONCURRENCY = 16;

interface FileState {
  ino: number;
  size: number;
  mtimeMs: number;
  /** Bytes consumed (up to the last complete line). */
  offset: number;
  /** The file's first bytes (up to HEAD_BYTES) when first read: other ones mean pi rewrote it. */
  head: string;
  line: LineState;
  entries: SpendEntry[];
}

const isSessionFile = (name: string) => name.endsWith(".jsonl");

export class SessionSpend {
  private readonly files = new Map<string, FileState>();
  private readonly unreadable = new Set<string>();
  private watchers = new Map<string, DirWatcher>();
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly location: SessionsLocation) {}

  /** Every billed entry read so far, in no particular order. */
  *entries(): Iterable<SpendEntry> {
    for (const file of this.files.values()) yield* file.entries;
  }

  get stats(): { dir: string; files: number; unreadable: number } {
    return { dir: this.location.dir, files: this.files.size, unreadable: this.unreadable.size };
  }

  /** Reads what is new in every session file (all of it the first time); files that went away are dropped. */
  refresh(): Promise<void> {
    return this.serialized(async () => {
      const found = await this.listFiles();
      for (const path of this.files.keys()) if (!found.has(path)) this.files.delete(path);
      for (const path of this.unreadable) if (!found.has(path)) this.unreadable.delete(path);
      await this.readAll([...found.keys()].map((path) => ({ path, folder: found.get(path)! })));
    });
  }

  /** Calls of refresh and of the watchers' reads run one after the other: two reads of one file at once would count its lines twice. */
  private serialized(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Session files by path, with the folder they are in ("" for a flat sessions dir). */
  private async listFiles(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const root = this.location.dir;
    const top = await readdir(root, { withFileTypes: true }).catch(() => []);
    for (const entry of top) if (entry.isFile() && isSessionFile(entry.name)) found.set(join(root, entry.name), "");
    if (this.location.layout === "projects") {
      const folders = top.filter((e) => e.isDirectory() || e.isSymbolicLink()).map((e) => e.name);
      await Promise.all(
        folders.map(async (folder) => {
          const names = await readdir(join(root, folder)).catch(() => []);
          for (const name of names) if (isSessionFile(name)) found.set(join(root, folder, name), folder);
        }),
      );
    }
    return found;
  }

  private async readAll(list: { path: string; folder: string }[]): Promise<void> {
    // A stat tells an unchanged file without opening it, the common case on every refresh: every
    // file is stat'ed at once (a stat holds no descriptor), and only the changed ones are read,
    // SCAN_CONCURRENCY at a time. (Stat and read in one chain per file cost four stats' time.)
    const stats = await Promise.all(list.map(({ path }) => stat(path).catch((error: NodeJS.ErrnoException) => error)));
    const changed: { path: string; folder: string; seen: Stats }[] = [];
    list.forEach(({ path, folder }, i) => {
      const seen = stats[i]!;
      if (seen instanceof Error) {
        if (seen.code === "ENOENT") this.files.delete(path);
        else this.unreadable.add(path);
        return;
      }
      // A FIFO or device named like a session: reading it would wait for a writer, holding a thread for good.
      if (!seen.isFile()) {
        this.files.delete(path);
        this.unreadable.add(path);
        return;
      }
      const known = this.files.get(path);
      if (!(known && known.ino === seen.ino && known.size === seen.size && known.mtimeMs === seen.mtimeMs)) changed.push({ path, folder, seen });
    });
    let next = 0;
    const worker = async () => {
      while (next < changed.length) {
        const { path, folder, seen } = changed[next++]!;
        await this.readFile(path, folder, seen);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, changed.length) }, worker));
  }

  /** Reads what is new in a file whose stat (`seen`) differs from the one last read. */
  private async readFile(path: string, folder: string, seen: Stats): Promise<void> {
    const known = this.files.get(path);
    try {
      const grown = known && known.ino === seen.ino && seen.size >= known.offset ? await readAppended(path, known, seen.size) : null;
      if (grown) {
        consume(known!, grown, known!.offset);
      } else {
        // New, replaced, shrunk or rewritten: all of it, in one read (much cheaper than a handle's several).
        const bytes = await readFile(path);
        const state: FileState = { ino: seen.ino, size: 0, mtimeMs: 0, offset: 0, head: bytes.subarray(0, HEAD_BYTES).toString("latin1"), line: { project: folder ? guessFolderPath(folder) : "", thinking: "" }, entries: [] };
        consume(state, bytes, 0);
        this.files.set(path, state);
      }
      const state = this.files.get(path)!;
      state.ino = seen.ino;
      state.size = seen.size;
      state.mtimeMs = seen.mtimeMs;
      this.unreadable.delete(path);
    } catch {
      this.unreadable.add(path);
    }
  }

  /** Follows new lines and new session files until `close`; `onChange` after each read that found something new. */
  watch(onChange: () => void): void {
    if (this.watchers.size > 0) return;
    const root = this.location.dir;
    const readNamed = (folder: string) => (names: Set<string>) => {
      void this.serialized(async () => {
        const dir = folder ? join(root, folder) : root;
        const paths = names.has("*") ? null : [...names].filter(isSessionFile).map((n) => join(dir, n));
        if (paths === null) {
          // The OS did not say which file: everything under this dir may have changed.
          const found = await this.listFiles();
          await this.readAll([...found].filter(([, f]) => f === folder || !folder).map(([path, f]) => ({ path, folder: f })));
        } else await this.readAll(paths.map((path) => ({ path, folder })));
      }).then(onChange, () => undefined);
    };
    const watchFolder = (folder: string) => {
      if (this.watchers.has(folder)) return;
      this.watchers.set(folder, new DirWatcher(join(root, folder), { names: isSessionFile, onChange: readNamed(folder), debounceMs: 50, maxWaitMs: 250 }));
    };
    const onRoot = (names: Set<string>) => {
      if (this.location.layout === "projects") {
        void readdir(root, { withFileTypes: true })
          .then((entries) => {
            for (const e of entries) if ((e.isDirectory() || e.isSymbolicLink()) && !this.watchers.has(e.name)) {
              watchFolder(e.name);
              // A folder seen for the first time may already hold the session pi just created.
              readNamed(e.name)(new Set(["*"]));
            }
          })
          .catch(() => undefined);
      }
      readNamed("")(names);
    };
    this.watchers.set("", new DirWatcher(root, { names: this.location.layout === "projects" ? () => true : isSessionFile, onChange: onRoot, debounceMs: 50, maxWaitMs: 250 }));
    if (this.location.layout === "projects") {
      void readdir(root, { withFileTypes: true })
        .then((entries) => entries.filter((e) => (e.isDirectory() || e.isSymbolicLink()) && isSessionFolderName(e.name)).forEach((e) => watchFolder(e.name)))
        .catch(() => undefined);
    }
  }

  close(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}

/**
 * The bytes pi appended since `state.offset`, or null when the file's first bytes are not the ones
 * read before (pi rewrote it in place, as its migration of an old session does): then it is read anew.
 */
async function readAppended(path: string, state: FileState, size: number): Promise<Buffer | null> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(state.head.length);
    await handle.read(head, 0, head.length, 0);
    if (head.toString("latin1") !== state.head) return null;
    const bytes = Buffer.alloc(size - state.offset);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, state.offset);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Reads the complete lines of `bytes` (which start at file offset `from`); a last line without its newline waits for the next read. */
function consume(state: FileState, bytes: Buffer, from: number): void {
  const end = bytes.lastIndexOf(10) + 1;
  if (end > 0) {
    for (const line of bytes.subarray(0, end).toString("utf8").split("\n")) {
      const entry = line ? readLine(line, state.line) : null;
      if (entry) state.entries.push(entry);
    }
  }
  state.offset = from + end;
}

/** The session files of the pi that reads this agent dir: its settings.json's sessionDir, the environment's, or the default. */
export async function sessionSpendFor(agentDir: string, env: NodeJS.ProcessEnv = process.env): Promise<SessionSpend> {
  const settingsText = await readFile(join(agentDir, "settings.json"), "utf8").catch(() => null);
  return new SessionSpend(sessionsLocation(agentDir, settingsText, env));
}
