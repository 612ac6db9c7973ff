/**
 * The installed pi's own models.json schema check (1.x exports it, pi-runtime-catalog.ts), with
 * its answers remembered on disk. Importing pi's schema loads much of pi and compiling it costs
 * more than `pi --version` takes to start, yet its answer is a pure function of pi's schema code
 * and the file's text: the answer for a text pi's schema has judged before is read from a small
 * file instead, so a CLI call or a window start on unchanged files never loads pi's schema.
 *
 * The memo's key is pi's schema as it is on disk (model-config.js and pi's package.json, the
 * typebox that compiles it: real path, size, mtime), so an upgrade of either is another file; an
 * entry's key is the sha256 of the text. An entry holds only the fields models-file.ts reads of
 * each error (keyword, JSON pointer, typebox's message, a missing property's name): pi's schema
 * never quotes a value, so no key can reach the file. A memo that does not parse is ignored.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, realpath, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ModelsValidator } from "./models-schema.js";

/** What models-file.ts reads of one schema error; all an entry keeps. */
export interface SchemaAnswerError {
  keyword: string;
  instancePath: string;
  message: string;
  params: { requiredProperties?: string[] };
}

/** An answer: the errors pi's schema found in the text's value (none: valid). */
interface Answer {
  errors: SchemaAnswerError[];
}

type Memo = Record<string, Answer>;

/** Texts remembered per schema: a user's recent edits, undos included. */
const ENTRIES = 32;

export interface PiModelsSchema {
  /**
   * A validator for the value parsed from `text`, and only for that: pi's remembered answer when
   * its schema has judged this text before, else pi's compiled schema, whose answer is remembered.
   * null when this pi's model-config.js turns out to export no schema (the mirrored one applies).
   * A remembered answer does not look at the value it is given: the caller keeps it with its text
   * (PiCatalog.modelsSchemaCheck), and buildAgentState refuses it for any other text.
   */
  validatorFor(text: string): Promise<ModelsValidator | null>;
}

export interface PiSchemaFiles {
  /** pi's dist/core/model-config.js. */
  modelConfig: string;
  /** pi's package.json (rewritten by an upgrade in place). */
  piPackageJson: string;
  /** The package.json of the typebox that compiles it. */
  typeboxPackageJson: string;
}

async function stamp(path: string): Promise<string> {
  const s = await stat(path);
  return `${await realpath(path)}:${s.size}:${s.mtimeMs}`;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function readMemo(path: string): Promise<Memo> {
  try {
    const memo: unknown = JSON.parse(await readFile(path, "utf8"));
    return memo && typeof memo === "object" && !Array.isArray(memo) ? (memo as Memo) : {};
  } catch {
    return {};
  }
}

/** Best effort, written aside and renamed: a memo that cannot be written only means pi's schema is loaded next time. */
async function remember(path: string, textKey: string, answer: Answer): Promise<void> {
  try {
    const memo = await readMemo(path);
    delete memo[textKey];
    // Newest last; the oldest go first.
    const entries = [...Object.entries(memo), [textKey, answer] as const].slice(-ENTRIES);
    await mkdir(join(path, ".."), { recursive: true, mode: 0o700 });
    const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temp, JSON.stringify(Object.fromEntries(entries)), { mode: 0o600 });
    await rename(temp, path);
  } catch {
    // read-only home, full disk: nothing remembered
  }
}

const kept = (error: SchemaAnswerError): SchemaAnswerError => ({
  keyword: error.keyword,
  instancePath: error.instancePath,
  message: error.message,
  params: error.params?.requiredProperties ? { requiredProperties: error.params.requiredProperties } : {},
});

/** The remembered answer, as a validator for the text's value. */
function answered(answer: Answer): ModelsValidator {
  return { Check: () => answer.errors.length === 0, Errors: () => answer.errors };
}

/** pi's validator, remembering the answer it gives (Check first; Errors only when Check fails, as models-file.ts asks). */
function remembering(validator: ModelsValidator, record: (answer: Answer) => void): ModelsValidator {
  return {
    Check(value) {
      const valid = validator.Check(value);
      if (valid) record({ errors: [] });
      return valid;
    },
    Errors(value) {
      const errors = [...validator.Errors(value)] as SchemaAnswerError[];
      record({ errors: errors.map(kept) });
      return errors;
    },
  };
}

const isAnswer = (entry: unknown): entry is Answer => Array.isArray((entry as Answer | null)?.errors);

/**
 * pi's schema check for these files, remembered in `memoDir`; `load` imports and compiles pi's
 * schema (once per process, and only when a text has no remembered answer).
 */
export function piModelsSchema(files: PiSchemaFiles, memoDir: string, load: () => Promise<ModelsValidator | null>): PiModelsSchema {
  let loaded: Promise<ModelsValidator | null> | undefined;
  // One write at a time: two answers given together (read, add, write each) would lose one.
  let writing = Promise.resolve();
  const memoPath = Promise.all([files.modelConfig, files.piPackageJson, files.typeboxPackageJson].map(stamp)).then(
    (stamps) => join(memoDir, `${sha256(stamps.join("\n"))}.json`),
    () => null,
  );
  return {
    async validatorFor(text) {
      const path = await memoPath;
      const textKey = sha256(text);
      if (path) {
        const entry = (await readMemo(path))[textKey];
        if (isAnswer(entry)) return answered(entry);
      }
      // A schema that fails to import (a broken install) leaves the mirrored one; pi's start check says what is wrong with pi.
      const validator = await (loaded ??= load().catch(() => null));
      if (!validator || !path) return validator;
      return remembering(validator, (answer) => void (writing = writing.then(() => remember(path, textKey, answer))));
    },
  };
}
