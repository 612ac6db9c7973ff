/**
 * pi's own models.json schema check, remembered on disk (pi-schema-check.ts), against the real
 * schema of pi 1.6.0: a remembered answer is the answer pi's schema gives, a text it has not
 * judged (or a changed pi) loads the schema again, and the memo holds no value from the file.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "jsonc-parser";
import { buildAgentState, catalogForFiles } from "../../../../src-main/core/agent-state.js";
import { loadPiCatalog } from "../../../../src-main/core/pi/pi-install.js";
import { readAgentFiles } from "../../../../src-main/core/pi/read-agent-files.js";
import { importPiModelsValidator, piSchemaFiles } from "../../../../src-main/core/pi/pi-runtime-catalog.js";
import { piModelsSchema, type PiSchemaFiles } from "../../../../src-main/core/pi/pi-schema-check.js";
import type { ModelsValidator } from "../../../../src-main/core/pi/models-schema.js";
import { testPiByVersion } from "../../../conformance/pi-versions.js";

const SECRET = "sk-or-v1-0123456789abcdef-never-in-a-file";
const VALID = JSON.stringify({ providers: { "openrouter-x": { baseUrl: "https://openrouter.ai/api/v1", api: "openai-completions", apiKey: SECRET, models: [{ id: "a/b" }] } } }, null, 2);
// An empty id and a baseUrl of the wrong type: two errors from pi's schema.
const INVALID = JSON.stringify({ providers: { "openrouter-x": { baseUrl: 4242.4242, apiKey: SECRET, models: [{ id: "" }] } } });

const files = piSchemaFiles(testPiByVersion("1.6.0").piDir)!;
let scratch: string;
let real: ModelsValidator;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "pi-schema-check-"));
  real = (await importPiModelsValidator(files))!;
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A schema check over `memoDir` that counts how often pi's schema is loaded. */
function counted(memoDir: string, schemaFiles: PiSchemaFiles = files) {
  const loads = { count: 0 };
  const schema = piModelsSchema(schemaFiles, memoDir, async () => {
    loads.count++;
    return importPiModelsValidator(files);
  });
  return { schema, loads };
}

/** What models-file.ts does with a validator: Check, then Errors when it fails. */
function judge(validator: ModelsValidator, text: string) {
  const value: unknown = parse(text);
  const valid = validator.Check(value);
  return { valid, errors: valid ? [] : [...validator.Errors(value)].map((e) => { const { keyword, instancePath, message } = e as Record<string, unknown>; return { keyword, instancePath, message }; }) };
}

/** The memo is written after the answer is given: wait for it. */
async function memoWritten(memoDir: string, entries: number): Promise<string> {
  for (let i = 0; i < 1000; i++) {
    // The memo's folder too is made after the answer.
    const file = existsSync(memoDir) ? readdirSync(memoDir, { withFileTypes: true }).find((d) => d.name.endsWith(".json")) : undefined;
    if (file) {
      const text = readFileSync(join(memoDir, file.name), "utf8");
      if (Object.keys(JSON.parse(text) as object).length >= entries) return text;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no memo with ${entries} entries in ${memoDir}`);
}

describe("pi's schema check, remembered", () => {
  it("answers a text it judged before as pi's schema does, without loading the schema again", async () => {
    const memoDir = join(scratch, "remembered");
    const first = counted(memoDir);
    const fresh = { valid: judge((await first.schema.validatorFor(VALID))!, VALID), invalid: judge((await first.schema.validatorFor(INVALID))!, INVALID) };
    expect(first.loads.count).toBe(1);
    expect(fresh.valid).toEqual(judge(real, VALID));
    expect(fresh.invalid).toEqual(judge(real, INVALID));
    expect(fresh.invalid.errors.length).toBeGreaterThanOrEqual(2);
    await memoWritten(memoDir, 2);

    // Another process: nothing in memory, the memo on disk.
    const second = counted(memoDir);
    expect(judge((await second.schema.validatorFor(VALID))!, VALID)).toEqual(fresh.valid);
    expect(judge((await second.schema.validatorFor(INVALID))!, INVALID)).toEqual(fresh.invalid);
    expect(second.loads.count).toBe(0);
  });

  it("loads pi's schema for a text it has not judged", async () => {
    const memoDir = join(scratch, "new-text");
    const first = counted(memoDir);
    judge((await first.schema.validatorFor(VALID))!, VALID);
    await memoWritten(memoDir, 1);
    const second = counted(memoDir);
    const edited = VALID.replace('"a/b"', '"a/c"');
    expect(judge((await second.schema.validatorFor(edited))!, edited)).toEqual(judge(real, edited));
    expect(second.loads.count).toBe(1);
  });

  it("forgets every answer when pi's files change (an upgrade in place)", async () => {
    const memoDir = join(scratch, "upgrade");
    const piPackageJson = join(scratch, "package.json");
    copyFileSync(files.piPackageJson, piPackageJson);
    const schemaFiles = { ...files, piPackageJson };
    judge((await counted(memoDir, schemaFiles).schema.validatorFor(VALID))!, VALID);
    await memoWritten(memoDir, 1);
    utimesSync(piPackageJson, new Date(), new Date(Date.now() + 5_000));
    const after = counted(memoDir, schemaFiles);
    judge((await after.schema.validatorFor(VALID))!, VALID);
    expect(after.loads.count).toBe(1);
  });

  it("is used only for the text it was made ready for: another models.json is refused rather than answered wrong", async () => {
    const pi = testPiByVersion("1.6.0");
    const env = { PI_SWITCHBOARD_PI: pi.piDir, XDG_CACHE_HOME: join(scratch, "cache") };
    const catalog = await loadPiCatalog(env);
    const dirs = [VALID, INVALID].map((text, i) => {
      const dir = join(scratch, `agent-${i}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "models.json"), text);
      return dir;
    });
    const [valid, invalid] = await Promise.all(dirs.map((dir) => readAgentFiles(dir)));
    const readyForInvalid = await catalogForFiles(catalog, invalid!);
    expect(buildAgentState(dirs[1]!, invalid!, readyForInvalid, env).snapshot.modelsFile.valid).toBe(false);
    expect(() => buildAgentState(dirs[0]!, valid!, readyForInvalid, env)).toThrow(/not made ready for this models.json/);
    expect(() => buildAgentState(dirs[0]!, valid!, catalog, env)).toThrow(/not made ready for this models.json/);
    expect(buildAgentState(dirs[0]!, valid!, await catalogForFiles(catalog, valid!), env).snapshot.modelsFile.valid).toBe(true);
  });

  it("keeps no value of the file, and ignores a memo that does not parse", async () => {
    const memoDir = join(scratch, "private");
    judge((await counted(memoDir).schema.validatorFor(INVALID))!, INVALID);
    const memo = await memoWritten(memoDir, 1);
    expect(memo).not.toContain(SECRET);
    expect(memo).not.toContain("4242.4242");

    const file = readdirSync(memoDir).find((n) => n.endsWith(".json"))!;
    writeFileSync(join(memoDir, file), "{ not json");
    const after = counted(memoDir);
    expect(judge((await after.schema.validatorFor(INVALID))!, INVALID)).toEqual(judge(real, INVALID));
    expect(after.loads.count).toBe(1);
  });
});
