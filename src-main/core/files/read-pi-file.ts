/**
 * Reads one of pi's files with a size limit, and never from something that is not a plain file:
 * `/dev/zero` linked as models.json grew the app to 1.2 GB, and a FIFO would block a plain
 * readFile forever. The file is opened non-blocking, checked with fstat on that same descriptor
 * (no race with a rename), and read up to the limit. Errors carry a code callers can tell apart
 * from ENOENT, and a message that names the file and what to do.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";

/** Far above any real pi file (a 10,000-model models.json is ~2 MB). */
export const MAX_PI_FILE_BYTES = 16 * 1024 * 1024;

export class PiFileReadError extends Error {
  constructor(
    readonly code: "ENOTREG" | "ETOOBIG",
    message: string,
  ) {
    super(message);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  if (stats.isDirectory()) return "a directory";
  return "not a plain file";
}

function check(path: string, stats: Stats): void {
  if (!stats.isFile()) throw new PiFileReadError("ENOTREG", `${path} is ${kindOf(stats)}, not a plain file, so it was not read. Replace it with the JSON file pi expects.`);
  if (stats.size > MAX_PI_FILE_BYTES) throw tooBig(path);
}

const tooBig = (path: string) => new PiFileReadError("ETOOBIG", `${path} is larger than ${MAX_PI_FILE_BYTES / 1024 / 1024} MiB, so it was not read. pi's files are small JSON files: check what was written there.`);

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Reads until the end, growing the buffer from the size fstat gave (the file may grow meanwhile). */
function readAll(path: string, fd: number, size: number): string {
  let buffer = Buffer.allocUnsafe(Math.min(size + 1, MAX_PI_FILE_BYTES + 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > MAX_PI_FILE_BYTES) throw tooBig(path);
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_PI_FILE_BYTES + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  if (length > MAX_PI_FILE_BYTES) throw tooBig(path);
  return buffer.toString("utf8", 0, length);
}

/** Synchronous (usable under pi's lock); pi's files are small, and a pipe or device is refused before any read. */
export function readPiFileSync(path: string): string {
  const fd = openSync(path, FLAGS);
  try {
    const stats = fstatSync(fd);
    check(path, stats);
    return readAll(path, fd, stats.size);
  } finally {
    closeSync(fd);
  }
}

export async function readPiFile(path: string): Promise<string> {
  return readPiFileSync(path);
}
