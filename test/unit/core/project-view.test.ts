/**
 * The API's door to a project's view: a folder given by a user (typed or picked) must be an
 * existing absolute folder, and the remembered pick is checked the same way (preference-rules.ts).
 * What the view says is proven against real pi in test/conformance/project-conformance.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectViewResult } from "../../../src-main/core/project-view.js";
import { checkPreferenceChange } from "../../../src-main/core/preferences/preference-rules.js";

const dir = mkdtempSync(join(tmpdir(), "project-view-"));
writeFileSync(join(dir, "file.txt"), "");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const asked: string[] = [];
const service = { projectView: async (d: string) => (asked.push(d), { view: { dir: d } as never }) };

describe("projectViewResult", () => {
  it("answers for an existing absolute folder, and refuses a relative path or a file with the reason", async () => {
    await expect(projectViewResult(service, dir)).resolves.toEqual({ ok: true, value: { dir } });
    await expect(projectViewResult(service, "work/app")).resolves.toMatchObject({ ok: false, error: { code: "invalid-input", message: expect.stringContaining("not an absolute path") } });
    await expect(projectViewResult(service, join(dir, "file.txt"))).resolves.toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(asked).toEqual([dir]);
  });
});

describe("the project preference", () => {
  it("keeps an existing folder (with ~ expanded), clears on empty, and refuses what is not a folder", async () => {
    await expect(checkPreferenceChange({ key: "project", value: ` ${dir} ` }, "linux")).resolves.toEqual({ ok: true, change: { key: "project", value: dir } });
    await expect(checkPreferenceChange({ key: "project", value: "~" }, "linux", dir)).resolves.toEqual({ ok: true, change: { key: "project", value: dir } });
    await expect(checkPreferenceChange({ key: "project", value: "" }, "linux")).resolves.toEqual({ ok: true, change: { key: "project", value: null } });
    await expect(checkPreferenceChange({ key: "project", value: join(dir, "gone") }, "linux")).resolves.toMatchObject({ ok: false, message: expect.stringContaining("not a folder") });
  });
});
