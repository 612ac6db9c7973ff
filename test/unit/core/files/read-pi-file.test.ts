/**
 * The one bounded reader for user files (core/files/read-pi-file.ts), on real files of every
 * kind: a FIFO, /dev/zero through a link, a Unix socket and a directory are refused at once with
 * the kind named; a link is refused when links must not be followed; a file over 16 MiB is refused;
 * a read that outlasts its time limit is given up; a plain file reads to the byte.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_PI_FILE_BYTES, PiFileReadError, readPiFile, readPiFileBytesSync } from "../../../../src-main/core/files/read-pi-file.js";

const dir = mkdtempSync(join(tmpdir(), "read-pi-file-"));
const servers: Server[] = [];
afterAll(() => {
  servers.forEach((s) => s.close());
  rmSync(dir, { recursive: true, force: true });
});

/** The reader's refusal, or a failure when it read. */
async function refusal(path: string, limits = {}): Promise<PiFileReadError> {
  const started = Date.now();
  const error = await readPiFile(path, limits).then(
    () => null,
    (e: unknown) => e,
  );
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(error).toBeInstanceOf(PiFileReadError);
  return error as PiFileReadError;
}

describe("readPiFile", () => {
  it("reads a plain file to the byte", async () => {
    const path = join(dir, "models.json");
    const text = `{"providers": {"é": {}}}\n${"x".repeat(3 * 2 ** 20)}`;
    writeFileSync(path, text);
    expect(await readPiFile(path)).toBe(text);
    expect(readPiFileBytesSync(path).equals(Buffer.from(text))).toBe(true);
  });

  it("refuses a FIFO at once, without waiting for a writer", async () => {
    const path = join(dir, "fifo.json");
    execFileSync("mkfifo", [path]);
    const error = await refusal(path);
    expect(error.code).toBe("ENOTREG");
    expect(error.message).toBe(`${path} is a named pipe (FIFO), not a plain file, so it was not read. Replace it with the JSON file pi expects.`);
  });

  it("refuses /dev/zero behind a link as a device, without reading a byte of it", async () => {
    const path = join(dir, "zero.json");
    symlinkSync("/dev/zero", path);
    const before = process.memoryUsage().rss;
    const error = await refusal(path);
    expect(error.message).toMatch(/zero\.json is a device, not a plain file/);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 2 ** 20);
  });

  it("refuses a Unix socket and a directory, naming what they are", async () => {
    const socket = join(dir, "socket.json");
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    expect((await refusal(socket)).message).toMatch(/socket\.json is a socket, not a plain file/);
    const folder = join(dir, "folder.json");
    mkdirSync(folder);
    expect((await refusal(folder)).message).toMatch(/folder\.json is a directory, not a plain file/);
  });

  it("follows a link to a plain file by default, and refuses any link when told not to follow", async () => {
    const target = join(dir, "elsewhere.txt");
    writeFileSync(target, "a file outside");
    const link = join(dir, "link.json");
    symlinkSync(target, link);
    expect(await readPiFile(link)).toBe("a file outside");
    const error = await refusal(link, { noFollow: true });
    expect(error.code).toBe("ESYMLINK");
    expect(error.message).toMatch(/link\.json is a symbolic link, so it was not followed or read.*Remove the link\./);
  });

  it("refuses a file over 16 MiB, even a sparse one that costs no disk", async () => {
    const path = join(dir, "big.json");
    writeFileSync(path, "");
    truncateSync(path, MAX_PI_FILE_BYTES + 1);
    const error = await refusal(path);
    expect(error.code).toBe("ETOOBIG");
    expect(error.message).toMatch(/big\.json is larger than 16 MiB, so it was not read/);
  });

  it("gives up a read that outlasts its time limit, and says which file and what to check", async () => {
    const path = join(dir, "slow.json");
    writeFileSync(path, "y".repeat(4 * 2 ** 20));
    const error = await refusal(path, { timeLimitMs: 0 });
    expect(error.code).toBe("ETIMEDOUT");
    expect(error.message).toBe(`Reading ${path} took longer than 0 s, so it was given up. Check the disk or network share it is on.`);
    expect(await readPiFile(path, { timeLimitMs: 5_000 })).toHaveLength(4 * 2 ** 20);
  });
});
