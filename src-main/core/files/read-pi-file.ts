/**
 * The one reader for files the user (or anyone who can write the agent dir) controls: pi's files,
 * models-store.json, the app's backups and the verdict's staging. `/dev/zero` linked as
 * models.json grew the app to 1.2 GB, and a FIFO blocks a plain readFile forever (four of them
 * tied up all of libuv's worker threads and `serve` answered nothing). So the file is opened
 * non-blocking (opening a FIFO returns at once), checked with fstat on that same descriptor (no
 * race with a rename), refused unless it is a regular file, and read synchronously — never on a
 * worker thread — up to the 16 MiB limit, counted while reading, not only from fstat's size (a
 * file can grow while it is read). Errors carry a code callers can tell apart from ENOENT, and a
 * message that names the file and what to do.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";

/** Far above any real pi file (a 10,000-model models.json is ~2 MB). */
export const MAX_PI_FILE_BYTES = 16 * 1024 * 1024;

/** Reads go in slices of this size, so the size limit and the time limit are checked as the file comes in. */
const SLICE_BYTES = 1024 * 1024;

export type PiFileReadErrorCode = "ENOTREG" | "ETOOBIG" | "ESYMLINK" | "ETIMEDOUT";

export class PiFileReadError extends Error {
  constructor(
    readonly code: PiFileReadErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ReadLimits {
  /** Refuse a symbolic link as the file itself (backups: a link there could show any file of the user's in the window). */
  noFollow?: boolean;
  /** Give up once reading has taken this long (the verdict's staging: a slow network or FUSE file must not hold it up). */
  timeLimitMs?: number;
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  if (stats.isDirectory()) return "a directory";
  return "not a plain file";
}

const notRegular = (path: string, kind: string) => new PiFileReadError("ENOTREG", `${path} is ${kind}, not a plain file, so it was not read. Replace it with the JSON file pi expects.`);
const tooBig = (path: string) => new PiFileReadError("ETOOBIG", `${path} is larger than ${MAX_PI_FILE_BYTES / 1024 / 1024} MiB, so it was not read. pi's files are small JSON files: check what was written there.`);
const symlink = (path: string) => new PiFileReadError("ESYMLINK", `${path} is a symbolic link, so it was not followed or read: the app never reads a file elsewhere through a link here. Remove the link.`);
const tooSlow = (path: string, ms: number) => new PiFileReadError("ETIMEDOUT", `Reading ${path} took longer than ${ms / 1000} s, so it was given up. Check the disk or network share it is on.`);

function openChecked(path: string, limits: ReadLimits): number {
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (limits.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);
  try {
    return openSync(path, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // O_NOFOLLOW on a link: ELOOP. A Unix socket cannot be opened at all: ENXIO.
    if (code === "ELOOP" && limits.noFollow) throw symlink(path);
    if (code === "ENXIO") throw notRegular(path, "a socket");
    throw error;
  }
}

/** Reads until the end in slices, growing the buffer from the size fstat gave (the file may grow meanwhile). */
function readAll(path: string, fd: number, size: number, limits: ReadLimits): Buffer {
  const deadline = limits.timeLimitMs === undefined ? Infinity : performance.now() + limits.timeLimitMs;
  let buffer = Buffer.allocUnsafe(Math.min(size + 1, MAX_PI_FILE_BYTES + 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > MAX_PI_FILE_BYTES) throw tooBig(path);
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_PI_FILE_BYTES + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const bytesRead = readSync(fd, buffer, length, Math.min(buffer.length - length, SLICE_BYTES), null);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (performance.now() > deadline) throw tooSlow(path, limits.timeLimitMs!);
  }
  if (length > MAX_PI_FILE_BYTES) throw tooBig(path);
  return buffer.subarray(0, length);
}

/** The file's bytes (the verdict hashes and copies them as they are). Synchronous: usable under pi's lock, and no worker thread can be held by it. */
export function readPiFileBytesSync(path: string, limits: ReadLimits = {}): Buffer {
  const fd = openChecked(path, limits);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular(path, kindOf(stats));
    if (stats.size > MAX_PI_FILE_BYTES) throw tooBig(path);
    return readAll(path, fd, stats.size, limits);
  } finally {
    closeSync(fd);
  }
}

/** The file's text. The read itself is synchronous (above): awaiting it lets no timer or I/O callback run in between, which the write path relies on under pi's lock. */
export async function readPiFile(path: string, limits: ReadLimits = {}): Promise<string> {
  return readPiFileBytesSync(path, limits).toString("utf8");
}
