/**
 * pi's raw answers (the oracle's output, before the app compares it with its own reading) kept
 * on disk, so a verdict pi already gave on the same inputs costs no child process: the CLI's
 * second `check` and the app's start on unchanged files. What an answer depends on is hashed into
 * its key by verdict-key.ts; this module only stores and finds answers by key.
 *
 * One file per answer (`<key>.json`, 0600) in a private dir (0700); the newest `maxEntries` are
 * kept (a hit counts as use: its mtime is renewed). A file that does not parse, or holds another
 * key's answer, is ignored and removed, and the answer is asked for again. Only answers that quote
 * nothing of the user's files are stored (see `storable`): an error message can quote the file
 * it failed on, and a file can hold a key. Used by pi-verdict.ts.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { appCacheDir } from "../../files/cache-dir.js";
import type { OracleAnswer } from "./run-oracle.js";

const DEFAULT_MAX_ENTRIES = 64;

/** pi's verdicts in the app's cache dir, shared by the window, `serve` and the CLI. */
export const verdictCacheDir = (env: NodeJS.ProcessEnv = process.env) => join(appCacheDir(env), "pi-verdicts");
const ENTRY = /^[0-9a-f]{64}\.json$/;
/**
 * What pi says of a provider with no key: `No API key found for "<provider>"` (0.73.1 … 1.6.0) and
 * `Failed to resolve API key for provider "<p>" from environment variable: <NAME>` (a `$NAME` that is
 * unset, 0.78+): names of providers, headers and variables, no value.
 */
const NO_KEY = [/^No API key found for "[^"\n]*"$/, /^Failed to resolve (?:API key|[^\n]* header "[^"\n]*") for provider "[^"\n]*" from environment variables?: [A-Za-z_][A-Za-z0-9_]*(?:, [A-Za-z_][A-Za-z0-9_]*)*$/];

/**
 * Whether an answer may be written to disk: it carries none of pi's error texts (a JSON parse
 * error quotes the text around the fault, e.g. an auth.json key) beyond the no-key sentences.
 * The rest of an answer is what pi has (ids, URLs, routing), and key fingerprints, never keys.
 */
export function storable(answer: OracleAnswer): boolean {
  if (answer.error !== null || answer.modelsError !== null || answer.settingsErrors.length > 0 || answer.default.error) return false;
  return Object.values(answer.keys).every((k) => k.error === null || NO_KEY.some((form) => form.test(k.error!)));
}

/** The parts of an answer the verdict reads, present and of the right kind: what tells an entry from damage. */
function looksLikeAnswer(value: unknown): value is OracleAnswer {
  const a = value as Partial<OracleAnswer> | null;
  return (
    typeof a === "object" && a !== null && typeof a.piVersion === "string" && Array.isArray(a.models) && Array.isArray(a.available) && Array.isArray(a.scope) &&
    Array.isArray(a.unmatched) && typeof a.keys === "object" && a.keys !== null && typeof a.default === "object" && a.default !== null && typeof a.settingsValid === "boolean"
  );
}

export class VerdictDiskCache {
  private ready: Promise<void> | null = null;

  constructor(
    readonly dir: string,
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  /** The stored answer for `key`, or null (none, or damaged: then removed). */
  async get(key: string): Promise<OracleAnswer | null> {
    const path = this.path(key);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch {
      return null;
    }
    try {
      const entry = JSON.parse(text) as { key?: unknown; answer?: unknown };
      if (entry.key !== key || !looksLikeAnswer(entry.answer)) throw new Error("not an answer for this key");
      const now = new Date();
      await utimes(path, now, now).catch(() => undefined);
      return entry.answer;
    } catch {
      await rm(path, { force: true }).catch(() => undefined);
      return null;
    }
  }

  /** Stores `answer` under `key` when it is storable; then drops the least recently used beyond the bound. Never throws: a cache that cannot be written only costs a run. */
  async put(key: string, answer: OracleAnswer): Promise<void> {
    if (!storable(answer)) return;
    try {
      await this.prepare();
      // Written aside and renamed: another process reading the entry sees all of it or none.
      const temp = join(this.dir, `.${randomBytes(6).toString("hex")}.tmp`);
      await writeFile(temp, JSON.stringify({ key, answer }), { mode: 0o600 });
      await rename(temp, this.path(key)).catch(async (error: unknown) => {
        await rm(temp, { force: true });
        throw error;
      });
      await this.prune();
    } catch {
      // read-only home, full disk, the dir removed by a cleaner (made again next time): the verdict is asked for again
      this.ready = null;
    }
  }

  private path(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a cache key: ${key}`);
    return join(this.dir, `${key}.json`);
  }

  /** The dir, private: created 0700, and made so if it was found open to others. */
  private prepare(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      if (((await stat(this.dir)).mode & 0o077) !== 0) await chmod(this.dir, 0o700);
    })().catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  private async prune(): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => ENTRY.test(n));
    if (names.length <= this.maxEntries) return;
    const dated = await Promise.all(names.map(async (name) => ({ name, used: await stat(join(this.dir, name)).then((s) => s.mtimeMs, () => 0) })));
    dated.sort((a, b) => b.used - a.used);
    await Promise.all(dated.slice(this.maxEntries).map(({ name }) => rm(join(this.dir, name), { force: true }).catch(() => undefined)));
  }
}
