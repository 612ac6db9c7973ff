/**
 * The folders pi has sessions for, offered as projects. pi keeps a folder's sessions in
 * `<agentDir>/sessions/--<cwd>--/` (session-manager.js getDefaultSessionDir: the leading separator
 * dropped, every `/`, `\` and `:` made `-`). That name loses which dashes were separators, so the
 * folder is read from the `cwd` in a session file's header line (docs/session-format.md), checked
 * against the name; a session dir without a readable header (pi creates it at start, before the
 * first message) is decoded by finding the one existing path that encodes to its name.
 */
import { open, readdir, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import type { ProjectEntry } from "../common/index.js";

/** pi's encoding of a working directory into its session folder name. */
export function sessionFolderName(cwd: string): string {
  return `--${cwd.replace(/^[/\\]/, "").replace(/[/\\:]/g, "-")}--`;
}

/** A header line is small; a longer first line is not read whole (pi bounds its own scan too). */
const HEADER_BYTES = 64 * 1024;
/** Directory checks the name decoder may spend on one folder. */
const DECODE_BUDGET = 200;
/** Session folders read at most (the newest first). */
const MAX_PROJECTS = 500;

async function headerCwd(file: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(file, "r");
    const buffer = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
    const text = buffer.subarray(0, bytesRead).toString("utf8");
    const end = text.indexOf("\n");
    const header = JSON.parse(end === -1 ? text : text.slice(0, end)) as { type?: unknown; cwd?: unknown };
    return header.type === "session" && typeof header.cwd === "string" ? header.cwd : null;
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

const isDir = (path: string) => stat(path).then((s) => s.isDirectory(), () => false);

/**
 * The existing directory whose pi encoding is `name`, trying each dash as a separator or a literal
 * dash from the root down (only prefixes that exist go on); null when none or out of budget.
 */
async function decodeByFilesystem(name: string): Promise<string | null> {
  const body = name.slice(2, -2);
  if (!body) return null;
  const parts = body.split("-");
  let budget = DECODE_BUDGET;
  // POSIX: the name starts after "/"; Windows: "C--Users-…" is "C:\Users\…".
  const drive = /^[A-Za-z]$/.test(parts[0]!) && parts[1] === "" && sep === "\\";
  const search = async (dir: string, index: number): Promise<string | null> => {
    if (index === parts.length) return dir;
    // Join as many parts with "-" as make an existing directory, shortest first.
    for (let end = index + 1; end <= parts.length; end++) {
      if (--budget < 0) return null;
      const segment = parts.slice(index, end).join("-");
      if (!segment) continue;
      const candidate = join(dir, segment);
      if (await isDir(candidate)) {
        const found = await search(candidate, end);
        if (found) return found;
      }
    }
    return null;
  };
  return drive ? search(`${parts[0]}:\\`, 2) : search("/", 0);
}

/** The folders pi has sessions for under `agentDir`, most recently used first. */
export async function listSessionProjects(agentDir: string): Promise<ProjectEntry[]> {
  const root = join(agentDir, "sessions");
  let names: string[];
  try {
    names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory() && d.name.startsWith("--") && d.name.endsWith("--")).map((d) => d.name);
  } catch {
    return [];
  }
  const projects = await Promise.all(
    names.slice(0, MAX_PROJECTS).map(async (name): Promise<ProjectEntry | null> => {
      const folder = join(root, name);
      const files = await readdir(folder).catch(() => [] as string[]);
      const sessions = await Promise.all(files.filter((f) => f.endsWith(".jsonl")).map(async (f) => ({ path: join(folder, f), mtime: (await stat(join(folder, f)).catch(() => null))?.mtimeMs ?? 0 })));
      sessions.sort((a, b) => b.mtime - a.mtime);
      let dir: string | null = null;
      for (const s of sessions.slice(0, 5)) {
        const cwd = await headerCwd(s.path);
        // A header naming another folder (a copied file) does not say where this one is.
        if (cwd && sessionFolderName(cwd) === name) {
          dir = cwd;
          break;
        }
      }
      dir ??= await decodeByFilesystem(name);
      if (!dir) return null;
      return { dir, sessions: sessions.length, lastUsed: sessions[0]?.mtime ? new Date(sessions[0].mtime).toISOString() : null, hasSettings: await stat(join(dir, ".pi", "settings.json")).then((s) => s.isFile(), () => false) };
    }),
  );
  return projects.filter((p): p is ProjectEntry => p !== null).sort((a, b) => (b.lastUsed ?? "").localeCompare(a.lastUsed ?? "") || a.dir.localeCompare(b.dir));
}
