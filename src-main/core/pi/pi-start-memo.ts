/**
 * `pi --version` answers once per install, not once per catalog load: it costs as much as starting
 * pi (0.2 s for pi 1.6.0 on a quiet machine, seconds under load), which every CLI call and every
 * window start would pay to learn what the last one learnt. pi-start-check.ts remembers here that
 * an install started, keyed by everything that decides whether it starts: the Node (path, size,
 * mtime), pi's package.json and bin script, the package.json of each of pi's dependencies as Node
 * resolves them (pi 0.80.7 broke when a dependency changed under it), and the NODE_OPTIONS and
 * NODE_PATH that Node reads. Any change is a new key, so a stale entry cannot say a broken pi
 * starts. Only "it starts" is remembered: a failure is checked again each time, so its error line
 * is always pi's current one. Lost or unreadable, the memo is empty.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { findDependencyDir } from "./pi-runtime-catalog.js";

/** Installs remembered; the oldest go first (a user switching pis keeps a handful). */
const ENTRIES = 16;

interface Memo {
  started: Record<string, string>;
}

/** size:mtime of a file as Node would load it, or "missing". */
function fileStamp(path: string): string {
  try {
    const s = statSync(path);
    return `${realpathSync(path)}:${s.size}:${s.mtimeMs}`;
  } catch {
    return "missing";
  }
}

/** The key of this install as it is now, or null when pi's package.json cannot be read. */
export function startFingerprint(node: string, packageDir: string, entry: string, env: NodeJS.ProcessEnv): string | null {
  let dependencies: string[];
  try {
    const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    dependencies = Object.keys(pkg.dependencies ?? {}).sort();
  } catch {
    return null;
  }
  const parts = [
    fileStamp(node),
    fileStamp(join(packageDir, "package.json")),
    fileStamp(entry),
    ...dependencies.map((name) => {
      const dir = findDependencyDir(packageDir, name);
      return `${name}=${dir ? fileStamp(join(dir, "package.json")) : "missing"}`;
    }),
    `NODE_OPTIONS=${env.NODE_OPTIONS ?? ""}`,
    `NODE_PATH=${env.NODE_PATH ?? ""}`,
  ];
  return createHash("sha256").update(parts.join("\n")).digest("hex");
}

function readMemo(file: string): Memo {
  try {
    const memo = JSON.parse(readFileSync(file, "utf8")) as Partial<Memo>;
    return memo.started && typeof memo.started === "object" ? { started: memo.started } : { started: {} };
  } catch {
    return { started: {} };
  }
}

export function startedBefore(file: string, fingerprint: string): boolean {
  return Object.hasOwn(readMemo(file).started, fingerprint);
}

/** Best effort: a memo that cannot be written only means the next call asks pi again. */
export function rememberStarted(file: string, fingerprint: string, now = new Date()): void {
  const memo = readMemo(file);
  delete memo.started[fingerprint];
  memo.started[fingerprint] = now.toISOString();
  const kept = Object.entries(memo.started).slice(-ENTRIES);
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Temp + rename: two CLIs writing at once leave one whole memo, never a torn one.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ started: Object.fromEntries(kept) }, null, 1)}\n`);
    renameSync(temp, file);
  } catch {
    // read-only home, full disk: nothing to remember
  }
}
