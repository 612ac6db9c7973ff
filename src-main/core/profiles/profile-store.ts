/**
 * Where routing profiles live: one small JSON file in the app's own data dir (vault/app-data-dir.ts,
 * shared by the tray app, serve and the CLI), never in pi's files. It holds the user's own profiles
 * and, per agent dir, which profile wrote which target's routing. Routing objects only, never a key.
 * Read through a schema: a file edited into something else is set aside (renamed *.damaged) on the
 * next save instead of being trusted or silently lost. A short journal per agent dir keeps what was
 * remembered before each of the app's own models.json writes, so an undo brings it back too.
 */
import { mkdir, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { Type, type Static } from "typebox";
import { Compile } from "typebox/compile";
import { RoutingSchema, RoutingTargetSchema } from "../edits/command-schema.js";
import { THINKING_LEVELS, type RoutingObject } from "../common/index.js";
import { atomicReplace } from "../files/atomic-write.js";
import type { AppliedRecord } from "./drift.js";

export const PROFILES_FILE = "routing-profiles.json";

export const ProfileNameSchema = Type.String({ minLength: 1, maxLength: 60, pattern: "\\S" });

const StoredProfile = Type.Object(
  { name: ProfileNameSchema, mode: Type.Union([Type.Literal("merge"), Type.Literal("replace")]), routing: RoutingSchema, createdAt: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);
/** A record mirrors models.json as the app left it, which may hold routing pi would reject (the user's undo can bring such a file back): any object. */
const FileRouting = Type.Union([Type.Record(Type.String({ maxLength: 64 }), Type.Unknown()), Type.Null()]);
/** A record's thinking levels with routing of their own (drift.ts AppliedRecord.levels). */
const LevelRoutings = Type.Object(Object.fromEntries(THINKING_LEVELS.map((level) => [level, Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Unknown()))])), { additionalProperties: false });
const StoredRecord = Type.Object(
  {
    target: RoutingTargetSchema,
    profile: ProfileNameSchema,
    provider: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    routing: FileRouting,
    merged: Type.Optional(FileRouting),
    levels: Type.Optional(LevelRoutings),
    appliedAt: Type.String({ maxLength: 40 }),
  },
  { additionalProperties: false },
);
export const MAX_RECORDS = 5000;
export const MAX_JOURNAL = 20;
const JournalEntry = Type.Object(
  { fingerprint: Type.String({ minLength: 1, maxLength: 64 }), records: Type.Array(StoredRecord, { maxItems: MAX_RECORDS }) },
  { additionalProperties: false },
);
const StoreSchema = Type.Object(
  {
    version: Type.Literal(1),
    profiles: Type.Array(StoredProfile, { maxItems: 200 }),
    /** By agent dir (absolute path). */
    applied: Type.Record(Type.String(), Type.Array(StoredRecord, { maxItems: MAX_RECORDS })),
    /** By agent dir: newest first, the records as they were before each of the app's own models.json writes, by the routing fingerprint of the file then (routing-at.ts). */
    journal: Type.Optional(Type.Record(Type.String(), Type.Array(JournalEntry, { maxItems: MAX_JOURNAL }))),
  },
  { additionalProperties: false },
);
const storeValidator = Compile(StoreSchema);

export interface UserProfile {
  name: string;
  mode: "merge" | "replace";
  routing: RoutingObject;
  createdAt: string;
}

export interface JournalEntry {
  fingerprint: string;
  records: AppliedRecord[];
}

export interface ProfileData {
  version: 1;
  profiles: UserProfile[];
  applied: Record<string, AppliedRecord[]>;
  journal?: Record<string, JournalEntry[]>;
}

const _sameShape = (d: Static<typeof StoreSchema>): ProfileData => d as ProfileData;
void _sameShape;

const empty = (): ProfileData => ({ version: 1, profiles: [], applied: {} });

export type StoreCheck = { ok: true; data: ProfileData } | { ok: false; problem: string };

/** The stored text checked against the schema; a problem says what is wrong, for the log and the window. */
export function parseProfileData(text: string): StoreCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `it is not JSON (${(error as Error).message})` };
  }
  if (storeValidator.Check(value)) return { ok: true, data: value as ProfileData };
  const first = [...storeValidator.Errors(value)][0] as unknown as { instancePath?: string; message?: string } | undefined;
  return { ok: false, problem: `${first?.instancePath || "the file"} ${first?.message ?? "does not match"}` };
}

export class ProfileStore {
  readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();
  /** Why the file on disk was not used (it is set aside on the next save); null when it was fine or absent. */
  problem: string | null = null;

  constructor(dataDir: string) {
    this.path = join(dataDir, PROFILES_FILE);
  }

  async read(): Promise<ProfileData> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return empty();
      throw error;
    }
    const checked = parseProfileData(text);
    this.problem = checked.ok ? null : `${this.path} was not used: ${checked.problem}.`;
    return checked.ok ? checked.data : empty();
  }

  /** The data once every change asked for so far is written: what a state computed now must see. */
  settled(): Promise<ProfileData> {
    return this.queue.then(() => this.read());
  }

  /** Read, change and write, one change at a time (two windows, the tray). */
  update<T>(change: (data: ProfileData) => T): Promise<T> {
    const run = this.queue.then(async () => {
      const data = await this.read();
      const result = change(data);
      await mkdir(join(this.path, ".."), { recursive: true, mode: 0o700 });
      if (this.problem) await rename(this.path, `${this.path}.damaged`).catch(() => undefined);
      if (!storeValidator.Check(data)) throw new Error("Refusing to store routing profiles that do not match their schema.");
      await atomicReplace(this.path, `${JSON.stringify(data, null, 2)}\n`, 0o600);
      this.problem = null;
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
