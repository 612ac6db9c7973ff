/**
 * pi's bundled catalog (bundled-catalog.ts) kept on disk, so only the first catalog load of an
 * install starts the child that loads all of pi (seconds and ~100 MB, more than `pi --version`):
 * every later CLI call, window and `serve` start reads a file instead. The key is the Node and the
 * bundle's SDK entry as they are on disk (real path, size, mtime) and the environment the child
 * inherits (hashed as the verdict's key does, so two terminals share it): an upgrade of pi or its
 * Node, or a variable pi's providers might read, is another key, so a stale catalog is never read. The answer holds only pi's built-ins (asked on an
 * empty agent dir), nothing of the user's. A file that does not parse as an answer is ignored and
 * asked for again; the newest few installs are kept.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BuiltInModel } from "./built-in-model.js";
import { envHash } from "./verdict/verdict-key.js";

/** What the child answers (bundled-catalog.ts CHILD). */
export interface BundledAnswer {
  providers: { id: string; oauth: boolean; models: BuiltInModel[] }[];
  generatedAt?: number;
}

/** Installs kept; a user switching between pis has a handful. */
const ENTRIES = 8;

async function stamp(path: string): Promise<string> {
  const s = await stat(path);
  return `${await realpath(path)}:${s.size}:${s.mtimeMs}`;
}

/** The memo file for this Node, bundle and environment in `dir`, or null when Node or the bundle cannot be read. */
export async function bundledMemoPath(dir: string, node: string, sdkEntry: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  try {
    const key = createHash("sha256").update(`${await stamp(node)}\n${await stamp(sdkEntry)}\n${envHash(env)}`).digest("hex");
    return join(dir, `${key}.json`);
  } catch {
    return null;
  }
}

function looksLikeAnswer(value: unknown): value is BundledAnswer {
  const providers = (value as Partial<BundledAnswer> | null)?.providers;
  return Array.isArray(providers) && providers.length > 0 && providers.every((p) => typeof p?.id === "string" && typeof p.oauth === "boolean" && Array.isArray(p.models));
}

export async function readBundledMemo(path: string): Promise<BundledAnswer | null> {
  try {
    const answer: unknown = JSON.parse(await readFile(path, "utf8"));
    return looksLikeAnswer(answer) ? answer : null;
  } catch {
    return null;
  }
}

/** Best effort: a memo that cannot be written only means the next load asks pi again. */
export async function writeBundledMemo(path: string, answer: BundledAnswer): Promise<void> {
  const dir = join(path, "..");
  try {
    await mkdir(dir, { recursive: true });
    // Written aside and renamed: a process reading it at the same time sees all of it or none.
    const temp = join(dir, `.${randomBytes(6).toString("hex")}.tmp`);
    await writeFile(temp, JSON.stringify(answer));
    await rename(temp, path);
    const entries = await Promise.all(
      (await readdir(dir))
        .filter((name) => /^[0-9a-f]{64}\.json$/.test(name))
        .map(async (name) => ({ name, mtime: await stat(join(dir, name)).then((s) => s.mtimeMs, () => 0) })),
    );
    entries.sort((a, b) => b.mtime - a.mtime);
    await Promise.all(entries.slice(ENTRIES).map(({ name }) => rm(join(dir, name), { force: true })));
  } catch {
    // read-only home, full disk: nothing remembered
  }
}
