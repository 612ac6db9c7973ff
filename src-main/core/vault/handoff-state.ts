/**
 * What `key connect` replaced in an agent dir's auth.json, so `key disconnect` can undo exactly
 * that. One small file per agent dir in the app's data dir, owner-only. It never holds a secret:
 * a replaced env var name or command is configuration and is kept; a replaced plaintext key is
 * recorded only as "plaintext" (it now lives in the vault and is not written back to a file).
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { atomicReplace } from "../files/atomic-write.js";

export type ReplacedEntry =
  | { before: "absent" }
  /** An api_key entry whose `key` was an env var name or a command. */
  | { before: "key"; key: string }
  | { before: "plaintext" };

export interface HandoffState {
  version: 1;
  agentDir: string;
  /** The command written as `!<command>`; disconnect only touches entries that still hold it. */
  command: string;
  providers: Record<string, ReplacedEntry>;
}

export class HandoffStateStore {
  constructor(private readonly dataDir: string) {}

  pathFor(agentDir: string): string {
    const id = createHash("sha256").update(agentDir).digest("hex").slice(0, 16);
    return join(this.dataDir, "key-handoff", `${id}.json`);
  }

  async load(agentDir: string): Promise<HandoffState | null> {
    let text: string;
    try {
      text = await readFile(this.pathFor(agentDir), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    try {
      const state = JSON.parse(text) as HandoffState;
      return state.version === 1 && state.agentDir === agentDir && typeof state.command === "string" ? state : null;
    } catch {
      // A damaged record only costs the exact undo; disconnect still removes our own entries.
      return null;
    }
  }

  async save(state: HandoffState): Promise<void> {
    const path = this.pathFor(state.agentDir);
    await mkdir(join(this.dataDir, "key-handoff"), { recursive: true, mode: 0o700 });
    await atomicReplace(path, `${JSON.stringify(state, null, 2)}\n`, 0o600);
  }

  async clear(agentDir: string): Promise<void> {
    await rm(this.pathFor(agentDir), { force: true });
  }
}
