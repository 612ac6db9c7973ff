import { readFile, readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { textVersion } from "../../../../src-main/core/agent-state.js";
import { EditError, writePiFile, type PiFileEdit } from "../../../../src-main/core/edits/write-pi-file.js";
import { Backups } from "../../../../src-main/core/files/backup.js";
import type { JsonChange } from "../../../../src-main/core/files/json-edit.js";
import { parseLenientJson, parseStrictJson } from "../../../../src-main/core/pi/pi-json.js";
import { tempDir } from "../files/agent-dir-fixture.js";
import { LockHolder } from "../files/lock-holder.js";

async function errorOf(promise: Promise<unknown>): Promise<EditError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(EditError);
  return error as EditError;
}

describe("writePiFile (the one write path)", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let backups: Backups;
  const holders: LockHolder[] = [];
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    backups = new Backups(dir);
  });
  afterEach(async () => {
    holders.splice(0).forEach((h) => h.kill());
    await cleanup();
  });

  const settingsEdit = (changes: JsonChange[], extra: Partial<PiFileEdit> = {}): PiFileEdit => ({
    path: join(dir, "settings.json"),
    usePiLock: true,
    parse: parseStrictJson,
    changes: () => changes,
    backups,
    ...extra,
  });

  it("edits only the changed field, backs the file up first, and says it changed", async () => {
    const path = join(dir, "settings.json");
    const original = '{\n    "theme": "dark",\n    "x-unknown": [1, {"deep": true}],\n    "defaultModel": "a"\n}\n';
    await writeFile(path, original);
    expect(await writePiFile(settingsEdit([{ path: ["defaultModel"], value: "b" }]))).toBe(true);
    expect(await readFile(path, "utf8")).toBe(original.replace('"a"', '"b"'));
    const [backup] = await backups.list();
    expect(await readFile(backup!.path, "utf8")).toBe(original);
  });

  it("reports no change (and writes nothing) when the value is already there", async () => {
    const path = join(dir, "settings.json");
    await writeFile(path, '{"defaultModel": "a"}');
    const inode = (await stat(path)).ino;
    expect(await writePiFile(settingsEdit([{ path: ["defaultModel"], value: "a" }]))).toBe(false);
    expect(await writePiFile(settingsEdit([]))).toBe(false);
    expect((await stat(path)).ino).toBe(inode);
    expect(await backups.list()).toEqual([]);
  });

  it.each([
    ["a comment in strict settings.json", "settings.json", '{\n  // mine\n  "theme": "dark"\n}\n', parseStrictJson, 2, 3],
    ["a truncated settings.json", "settings.json", '{\n  "theme": "da', parseStrictJson, 2, 15],
    ["a block comment in models.json", "models.json", '{\n  /* no */ "providers": {}\n}\n', parseLenientJson, 2, 3],
  ])("refuses to write over %s and leaves it byte-identical", async (_name, file, text, parse, line, column) => {
    const path = join(dir, file);
    await writeFile(path, text);
    const error = await errorOf(writePiFile({ path, usePiLock: file === "settings.json", parse, changes: () => [{ path: ["theme"], value: "light" }], backups }));
    expect(error.error).toMatchObject({ code: "unparseable-file", file: path });
    expect(error.message).toContain(`line ${line}, column ${column}`);
    expect(await readFile(path, "utf8")).toBe(text);
    expect(await readdir(dir)).toEqual([file]);
  });

  it("refuses a file that parses but is not an object", async () => {
    const path = join(dir, "settings.json");
    await writeFile(path, "[1, 2]");
    expect((await errorOf(writePiFile(settingsEdit([{ path: ["a"], value: 1 }])))).error.code).toBe("unparseable-file");
    expect(await readFile(path, "utf8")).toBe("[1, 2]");
  });

  it("refuses, clearly and writing nothing, a valid file nested deeper than the edits take on", async () => {
    const path = join(dir, "settings.json");
    // Read by pi (JSON.parse does not recurse); jsonc-parser's edits would overflow the stack.
    const text = `{\n  "defaultModel": "a",\n  "notes": ${"[".repeat(20_000)}${"]".repeat(20_000)}\n}\n`;
    await writeFile(path, text);
    const error = await errorOf(writePiFile(settingsEdit([{ path: ["defaultModel"], value: "b" }])));
    expect(error.error).toMatchObject({ code: "unparseable-file", file: path });
    expect(error.message).toMatch(/nests more than 1,000 levels deep \(line 3, column \d+\)\. pi reads it, .*left untouched/);
    expect(error.message).not.toMatch(/call stack/);
    expect(await readFile(path, "utf8")).toBe(text);
    expect(await readdir(dir)).toEqual(["settings.json"]);
  });

  it("fails with conflict when the file is not the version the caller saw", async () => {
    const path = join(dir, "settings.json");
    await writeFile(path, '{"theme": "dark"}');
    const seen = textVersion('{"theme": "dark"}');
    await writeFile(path, '{"theme": "light"}');
    const error = await errorOf(writePiFile(settingsEdit([{ path: ["defaultModel"], value: "x" }], { expectedVersion: seen })));
    expect(error.error.code).toBe("conflict");
    expect(await readFile(path, "utf8")).toBe('{"theme": "light"}');
    expect(await writePiFile(settingsEdit([{ path: ["defaultModel"], value: "x" }], { expectedVersion: textVersion('{"theme": "light"}') }))).toBe(true);
  });

  it("creates a missing file with the mode asked for (auth.json: 0600, as pi creates it)", async () => {
    const path = join(dir, "auth.json");
    const created = await writePiFile({ path, usePiLock: true, parse: parseStrictJson, changes: () => [{ path: ["openrouter"], value: { type: "api_key", key: "!cmd" } }], backups, createMode: 0o600 });
    expect(created).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ openrouter: { type: "api_key", key: "!cmd" } });
    expect(await backups.list()).toEqual([]);
  });

  it("creates the agent dir when pi has not run yet", async () => {
    const path = join(dir, "not", "yet", "settings.json");
    expect(await writePiFile(settingsEdit([{ path: ["defaultThinkingLevel"], value: "high" }], { path }))).toBe(true);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ defaultThinkingLevel: "high" });
  });

  it("waits for pi's lock and merges onto what pi wrote under it", async () => {
    const path = join(dir, "settings.json");
    await writeFile(path, '{\n  "theme": "dark"\n}');
    const pi = await LockHolder.start(path);
    holders.push(pi);
    const ours = writePiFile(settingsEdit([{ path: ["defaultModel"], value: "ours" }]));
    await new Promise((r) => setTimeout(r, 100));
    await pi.write('{\n  "theme": "light",\n  "lastChangelogVersion": "0.73.1"\n}');
    await pi.release();
    expect(await ours).toBe(true);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ theme: "light", lastChangelogVersion: "0.73.1", defaultModel: "ours" });
  });

  it('fails with code "locked" when pi never releases its lock, writing nothing', async () => {
    const path = join(dir, "settings.json");
    await writeFile(path, "{}");
    holders.push(await LockHolder.start(path));
    const error = await errorOf(writePiFile(settingsEdit([{ path: ["defaultModel"], value: "x" }])));
    expect(error.error).toMatchObject({ code: "locked", file: path });
    expect(await readFile(path, "utf8")).toBe("{}");
  });

  it("keeps every one of concurrent edits of models.json under the lock", async () => {
    const path = join(dir, "models.json");
    await writeFile(path, '{\n  // mine\n  "providers": {}\n}\n');
    const edit = (name: string): PiFileEdit => ({
      path,
      usePiLock: true,
      parse: parseLenientJson,
      changes: () => [{ path: ["providers", name], value: { baseUrl: `https://${name}` } }],
      backups,
    });
    const results = await Promise.allSettled(["a", "b", "c", "d"].map((n) => writePiFile(edit(n))));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    const text = await readFile(path, "utf8");
    expect(text).toContain("// mine");
    expect(Object.keys((parseLenientJson(text) as { value: { providers: object } }).value.providers).sort()).toEqual(["a", "b", "c", "d"]);
    expect(await backups.list()).toHaveLength(1);
  });
});
