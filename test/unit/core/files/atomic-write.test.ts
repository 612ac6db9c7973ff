import { chmod, lstat, readFile, readlink, readdir, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { atomicReplace, prepareReplace, removeStaleTemps } from "../../../../src-main/core/files/atomic-write.js";
import { tempDir } from "./agent-dir-fixture.js";

describe("atomicReplace", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it("replaces the content and leaves no temp file behind", async () => {
    const path = join(dir, "settings.json");
    await writeFile(path, '{"old": true}');
    await atomicReplace(path, '{"new": true}\n');
    expect(await readFile(path, "utf8")).toBe('{"new": true}\n');
    expect(await readdir(dir)).toEqual(["settings.json"]);
  });

  it("replaces the file by rename (a new inode), so a reader never sees a half-written file", async () => {
    const path = join(dir, "models.json");
    await writeFile(path, "{}");
    const before = (await stat(path)).ino;
    await atomicReplace(path, '{"a": 1}');
    expect((await stat(path)).ino).not.toBe(before);
  });

  it("keeps the file's mode (auth.json stays 0600)", async () => {
    const path = join(dir, "auth.json");
    await writeFile(path, "{}");
    await chmod(path, 0o600);
    await atomicReplace(path, '{"x": 1}');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await chmod(path, 0o640);
    await atomicReplace(path, '{"x": 2}');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
  });

  it("uses the given mode for a file it creates", async () => {
    const path = join(dir, "auth.json");
    await atomicReplace(path, "{}", 0o600);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it("writes through a symlink: the link stays a link and its target gets the content", async () => {
    const target = join(dir, "dotfiles-settings.json");
    const link = join(dir, "settings.json");
    await writeFile(target, '{"old": 1}');
    await symlink(target, link);
    await atomicReplace(link, '{"new": 2}');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect(await readFile(target, "utf8")).toBe('{"new": 2}');
  });
});

describe("prepareReplace (write first, rename under the lock)", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it("leaves the file alone until commit, then replaces it with the exact mode asked for", async () => {
    const path = join(dir, "auth.json");
    await writeFile(path, '{"old": 1}', { mode: 0o600 });
    const prepared = await prepareReplace(path, '{"new": 2}', 0o600);
    expect(await readFile(path, "utf8")).toBe('{"old": 1}');
    prepared.commit();
    await prepared.discard();
    expect(await readFile(path, "utf8")).toBe('{"new": 2}');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(["auth.json"]);
  });

  it("discard removes the prepared file and changes nothing", async () => {
    const path = join(dir, "settings.json");
    await writeFile(path, "{}");
    const prepared = await prepareReplace(path, '{"x": 1}', 0o644);
    await prepared.discard();
    expect(await readFile(path, "utf8")).toBe("{}");
    expect(await readdir(dir)).toEqual(["settings.json"]);
  });

  it("replaces a symlink's target and keeps the link", async () => {
    const target = join(dir, "real-settings.json");
    const link = join(dir, "settings.json");
    await writeFile(target, "{}");
    await symlink(target, link);
    const prepared = await prepareReplace(link, '{"via": "link"}', 0o644);
    prepared.commit();
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, "utf8")).toBe('{"via": "link"}');
  });
});

describe("removeStaleTemps", () => {
  it("removes temp files a killed writer left, older than the grace period, and nothing else", async () => {
    const { dir, cleanup } = await tempDir("stale-temps-");
    const old = new Date(Date.now() - 120_000);
    for (const name of ["settings.json.0badc0de.switchboard-tmp", "models.json.12345678.switchboard-tmp", "settings.json", "notes.switchboard-tmp"]) {
      await writeFile(join(dir, name), "x");
      await utimes(join(dir, name), old, old);
    }
    await writeFile(join(dir, "auth.json.aaaaaaaa.switchboard-tmp"), "in flight");
    const removed = await removeStaleTemps(dir);
    expect(removed.map((p) => p.slice(dir.length + 1)).sort()).toEqual(["models.json.12345678.switchboard-tmp", "settings.json.0badc0de.switchboard-tmp"]);
    expect((await readdir(dir)).sort()).toEqual(["auth.json.aaaaaaaa.switchboard-tmp", "notes.switchboard-tmp", "settings.json"]);
    await cleanup();
  });
});
