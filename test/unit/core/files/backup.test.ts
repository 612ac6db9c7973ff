import { readFile, readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Backups } from "../../../../src-main/core/files/backup.js";
import { tempDir } from "./agent-dir-fixture.js";

describe("Backups", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it("copies a file once per session, owner-only, and lists it", async () => {
    const settings = join(dir, "settings.json");
    await writeFile(settings, '{"v": 1}', { mode: 0o644 });
    const backups = new Backups(dir);
    const first = await backups.beforeFirstChange(settings);
    expect(first).not.toBeNull();
    await writeFile(settings, '{"v": 2}');
    expect(await backups.beforeFirstChange(settings)).toBeNull();

    expect(await readFile(first!, "utf8")).toBe('{"v": 1}');
    expect((await stat(first!)).mode & 0o777).toBe(0o600);
    expect((await stat(backups.dir)).mode & 0o777).toBe(0o700);
    expect(await readdir(backups.dir)).toHaveLength(1);
    expect(await backups.list()).toEqual([expect.objectContaining({ file: "settings.json", path: first, size: 8 })]);
  });

  it("takes one backup per file, and a new session takes its own", async () => {
    const models = join(dir, "models.json");
    const auth = join(dir, "auth.json");
    await writeFile(models, "{}");
    await writeFile(auth, "{}", { mode: 0o600 });
    const session = new Backups(dir);
    expect(await session.beforeFirstChange(models)).not.toBeNull();
    expect(await session.beforeFirstChange(auth)).not.toBeNull();
    expect(await session.beforeFirstChange(models)).toBeNull();
    expect(await new Backups(dir).beforeFirstChange(models)).not.toBeNull();
    const listed = await session.list();
    expect(listed.map((b) => b.file).sort()).toEqual(["auth.json", "models.json", "models.json"]);
  });

  it("forces a new backup when asked (restoring is itself a change)", async () => {
    const settings = join(dir, "settings.json");
    await writeFile(settings, "{}");
    const backups = new Backups(dir);
    await backups.beforeFirstChange(settings);
    expect(await backups.beforeFirstChange(settings, { force: true })).not.toBeNull();
  });

  it("needs no backup of a missing file, and lists nothing without a backup dir", async () => {
    const backups = new Backups(dir);
    expect(await backups.beforeFirstChange(join(dir, "settings.json"))).toBeNull();
    expect(await backups.list()).toEqual([]);
  });

  it("lists only its own backup names", async () => {
    const backups = new Backups(dir);
    await writeFile(join(dir, "settings.json"), "{}");
    await backups.beforeFirstChange(join(dir, "settings.json"));
    await writeFile(join(backups.dir, "notes.txt"), "x");
    await writeFile(join(backups.dir, "settings.json.2026-01-01.bak.partial"), "{");
    expect((await backups.list()).map((b) => b.file)).toEqual(["settings.json"]);
  });
});
