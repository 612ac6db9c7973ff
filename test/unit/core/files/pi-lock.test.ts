import { mkdir, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LockedError, withPiLock } from "../../../../src-main/core/files/pi-lock.js";
import { tempDir } from "./agent-dir-fixture.js";
import { LockHolder } from "./lock-holder.js";

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

describe("withPiLock (pi's proper-lockfile lock)", () => {
  let dir: string;
  let path: string;
  let cleanup: () => Promise<void>;
  const holders: LockHolder[] = [];
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    path = join(dir, "settings.json");
    await writeFile(path, "{}");
  });
  afterEach(async () => {
    holders.splice(0).forEach((h) => h.kill());
    await cleanup();
  });

  it("holds pi's lock (<file>.lock) while the function runs and releases it after, also on error", async () => {
    const seen = await withPiLock(path, async () => exists(`${path}.lock`));
    expect(seen).toBe(true);
    expect(await exists(`${path}.lock`)).toBe(false);
    await expect(withPiLock(path, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await exists(`${path}.lock`)).toBe(false);
  });

  it("serialises writers in one process", async () => {
    let inside = 0;
    let overlapped = false;
    const work = () =>
      withPiLock(path, async () => {
        inside++;
        if (inside > 1) overlapped = true;
        await new Promise((r) => setImmediate(r));
        inside--;
      });
    await Promise.all(Array.from({ length: 8 }, work));
    expect(overlapped).toBe(false);
  });

  it("waits for a lock another process holds and runs once it is released", async () => {
    const holder = await LockHolder.start(path);
    holders.push(holder);
    let ran = false;
    const locked = withPiLock(path, async () => (ran = true));
    // Give a writer that ignored the lock every chance to run first.
    await new Promise((r) => setTimeout(r, 150));
    expect(ran).toBe(false);
    await holder.release();
    await locked;
    expect(ran).toBe(true);
  });

  it("fails with LockedError when the other process never lets go", async () => {
    holders.push(await LockHolder.start(path));
    await expect(withPiLock(path, async () => "never")).rejects.toBeInstanceOf(LockedError);
  });

  it("takes over a stale lock (older than 10 s, as a killed process leaves it)", async () => {
    await mkdir(`${path}.lock`);
    const past = new Date(Date.now() - 11_000);
    await utimes(`${path}.lock`, past, past);
    expect(await withPiLock(path, async () => "ran")).toBe("ran");
    expect(await exists(`${path}.lock`)).toBe(false);
  });

  it("leaves a fresh lock of a killed process alone until it goes stale", async () => {
    const holder = await LockHolder.start(path);
    holder.kill();
    await new Promise((r) => holder.child.once("exit", r));
    await expect(withPiLock(path, async () => "ran")).rejects.toBeInstanceOf(LockedError);
    const past = new Date(Date.now() - 10_500);
    await utimes(`${path}.lock`, past, past);
    expect(await withPiLock(path, async () => "ran")).toBe("ran");
  });
});
