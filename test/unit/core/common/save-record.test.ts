import { describe, expect, it } from "vitest";
import type { BackupEntry } from "../../../../src-main/core/common/index.js";
import { backupOfSave } from "../../../../src-main/core/common/save-record.js";

const backup = (file: string, createdAt: string): BackupEntry => ({ file, path: `/a/switchboard-backups/${file}.${createdAt}.bak`, createdAt, size: 1 });

describe("which backup Undo last save restores", () => {
  const save = { savedAt: "2026-01-01T12:00:00.000Z", version: "v2" };

  it("the newest backup of that file taken since the save started", () => {
    const list = [backup("settings.json", "2026-01-01T12:00:00.500Z"), backup("models.json", "2026-01-01T12:00:00.300Z"), backup("models.json", "2026-01-01T11:00:00.000Z")];
    expect(backupOfSave(list, "models.json", save)?.createdAt).toBe("2026-01-01T12:00:00.300Z");
  });

  it("none when every backup of the file is older than the save (it was made by an earlier one)", () => {
    expect(backupOfSave([backup("models.json", "2026-01-01T11:59:00.000Z")], "models.json", save)).toBeNull();
  });
});
