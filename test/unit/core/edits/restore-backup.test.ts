import { copyFile, mkdir, readFile, readdir, stat, symlink, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { previewRestore, restoreBackup } from "../../../../src-main/core/edits/restore-backup.js";
import { SwitchboardService } from "../../../../src-main/core/service.js";
import { MODELS_JSON, SETTINGS_JSON, makeAgentDir, piCatalog } from "../files/agent-dir-fixture.js";

describe("restoreBackup", () => {
  let agentDir: string;
  let cleanup: () => Promise<void>;
  let service: SwitchboardService;
  beforeEach(async () => {
    ({ agentDir, cleanup } = await makeAgentDir());
    service = await SwitchboardService.open({ agentDir, watch: false, catalog: await piCatalog() });
  });
  afterEach(async () => {
    service.close();
    await cleanup();
  });

  it("puts a backup back, after backing up the current file", async () => {
    const changed = await service.execute({ type: "setThinkingLevel", level: "low" });
    expect(changed.ok).toBe(true);
    const [backup] = await service.backups.list();
    expect(await readFile(backup!.path, "utf8")).toBe(SETTINGS_JSON);

    const result = await restoreBackup(service, backup!.path);
    expect(result).toEqual({ ok: true, value: undefined });
    expect(await readFile(join(agentDir, "settings.json"), "utf8")).toBe(SETTINGS_JSON);
    expect(service.snapshot().default.thinkingLevel).toBeNull();
    const texts = await Promise.all((await service.backups.list()).map((b) => readFile(b.path, "utf8")));
    expect(texts.some((t) => t.includes('"defaultThinkingLevel": "low"'))).toBe(true);
  });

  it.each([
    ["a pi file itself", (dir: string) => join(dir, "settings.json")],
    ["a path that climbs out of the backup dir", (dir: string) => join(dir, "switchboard-backups", "..", "settings.json")],
    ["a file in a subfolder", (dir: string) => join(dir, "switchboard-backups", "x", "settings.json.1.bak")],
    ["a foreign file name in the backup dir", (dir: string) => join(dir, "switchboard-backups", "evil.sh")],
  ])("refuses %s", async (_name, pathFor) => {
    await service.execute({ type: "setThinkingLevel", level: "low" });
    const before = await readFile(join(agentDir, "settings.json"), "utf8");
    const result = await restoreBackup(service, pathFor(agentDir));
    expect(result).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    expect(await readFile(join(agentDir, "settings.json"), "utf8")).toBe(before);
  });

  it("refuses a backup that does not parse the way pi reads that file", async () => {
    await service.execute({ type: "setThinkingLevel", level: "low" });
    const [backup] = await service.backups.list();
    // settings.json is strict JSON for pi: a comment makes it unreadable.
    await writeFile(backup!.path, '{\n  // comment\n  "theme": "x"\n}');
    const before = await readFile(join(agentDir, "settings.json"), "utf8");
    const result = await restoreBackup(service, backup!.path);
    expect(result).toMatchObject({ ok: false, error: { code: "unparseable-file", file: backup!.path } });
    expect(await readFile(join(agentDir, "settings.json"), "utf8")).toBe(before);
    expect(await readdir(join(agentDir, "switchboard-backups"))).toHaveLength(1);
  });

  describe("a symbolic link in the backup folder", () => {
    // A file outside the agent dir that parses as settings.json: what a link planted among the backups would show in the window and write over a pi file.
    const outside = async () => {
      const { agentDir: elsewhere, cleanup: remove } = await makeAgentDir();
      cleanups.push(remove);
      const path = join(elsewhere, "private-notes.json");
      await writeFile(path, '{"theme": "from a file outside the agent dir"}');
      return path;
    };
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0)) await c();
    });

    it("is never followed: no preview, no restore, not listed, and the pi file stays as it was", async () => {
      await service.execute({ type: "setThinkingLevel", level: "low" });
      const link = join(service.backups.dir, "settings.json.2000-01-01T00-00-00-000Z-abcdef.bak");
      await symlink(await outside(), link);
      const before = await readFile(join(agentDir, "settings.json"), "utf8");
      const refused = { ok: false, error: { code: "invalid-input", file: link, message: `Cannot read the backup: ${link} is a symbolic link, so it was not followed or read: the app never reads a file elsewhere through a link here. Remove the link.` } };
      expect(await previewRestore(service, link)).toEqual(refused);
      expect(await restoreBackup(service, link)).toEqual(refused);
      expect(await readFile(join(agentDir, "settings.json"), "utf8")).toBe(before);
      expect((await service.backups.list()).map((b) => b.path)).not.toContain(link);
    });

    it("as the backup folder itself: nothing in it is read", async () => {
      const folder = join(agentDir, "elsewhere-backups");
      await mkdir(folder);
      const backup = join(folder, "settings.json.2000-01-01T00-00-00-000Z-abcdef.bak");
      await copyFile(await outside(), backup);
      await symlink(folder, service.backups.dir);
      const result = await previewRestore(service, join(service.backups.dir, basename(backup)));
      expect(result).toMatchObject({ ok: false, error: { code: "invalid-input", message: expect.stringMatching(/switchboard-backups is a symbolic link or not a folder, so no backup in it is read/) } });
    });
  });

  describe("undoing the last save of models.json", () => {
    const models = () => readFile(join(agentDir, "models.json"), "utf8");
    const route = (only: string[]) => service.execute({ type: "setRouting", target: { level: "provider", provider: "openrouter-bedrock" }, routing: { only } });

    it("backs up before every save, so the newest backup is the file just before the last save", async () => {
      expect((await route(["groq"])).ok).toBe(true);
      const afterFirst = await models();
      expect((await route(["deepinfra"])).ok).toBe(true);
      const backups = (await service.backups.list()).filter((b) => b.file === "models.json");
      expect(backups).toHaveLength(2);
      expect(await readFile(backups[0]!.path, "utf8")).toBe(afterFirst);
      expect(await readFile(backups[1]!.path, "utf8")).toBe(MODELS_JSON);
    });

    it("previews the restore as a diff of the file now against the backup, then restores exactly the version it showed", async () => {
      await route(["groq"]);
      const [backup] = await service.backups.list();
      const preview = await previewRestore(service, backup!.path);
      if (!preview.ok) throw new Error(preview.error.message);
      expect(preview.value.before).toBe(await models());
      expect(preview.value.after).toBe(MODELS_JSON);
      expect(preview.value.version).toBe(service.snapshot().modelsFile.version);
      expect(await restoreBackup(service, backup!.path, preview.value.version)).toEqual({ ok: true, value: undefined });
      expect(await models()).toBe(MODELS_JSON);
    });

    it("refuses, with the reason, when models.json changed since the diff was shown", async () => {
      await route(["groq"]);
      const [backup] = await service.backups.list();
      const preview = await previewRestore(service, backup!.path);
      if (!preview.ok) throw new Error(preview.error.message);
      const edited = (await models()).replace("// My OpenRouter setup", "// Edited in an editor. My OpenRouter setup");
      await writeFile(join(agentDir, "models.json"), edited);
      const result = await restoreBackup(service, backup!.path, preview.value.version);
      expect(result).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringMatching(/models\.json changed since that save/) } });
      expect(await models()).toBe(edited);
    });

    it("offers no preview of an auth.json backup (the current file holds keys)", async () => {
      const backup = await service.backups.beforeFirstChange(join(agentDir, "auth.json"), { force: true });
      if (!backup) return expect.fail("the fixture has an auth.json");
      expect(await previewRestore(service, backup)).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    });
  });
});

describe("restoreBackup of auth.json", () => {
  it("keeps the restored file owner-only", async () => {
    const { agentDir, cleanup } = await makeAgentDir();
    const service = await SwitchboardService.open({ agentDir, watch: false, catalog: await piCatalog() });
    try {
      const auth = join(agentDir, "auth.json");
      const backup = await service.backups.beforeFirstChange(auth);
      await writeFile(auth, '{"openrouter": {"type": "api_key", "key": "!secret-tool lookup service openrouter"}}');
      expect(await restoreBackup(service, backup!)).toEqual({ ok: true, value: undefined });
      // The backup kept no secret: the key comes from the current file (file-hygiene.test.ts has the details).
      expect(JSON.parse(await readFile(auth, "utf8"))).toEqual({ openrouter: { type: "api_key", key: "!secret-tool lookup service openrouter" } });
      expect(await readFile(backup!, "utf8")).not.toContain("sk-or-v1-authfixture");
      expect((await stat(auth)).mode & 0o777).toBe(0o600);
    } finally {
      service.close();
      await cleanup();
    }
  });
});
