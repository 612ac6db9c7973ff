/**
 * OpenRouter's generation records of pi's answers, kept on disk so each id is asked once: a record
 * does not change once OpenRouter has written it. A plain JSON file in the app's data dir (mode
 * 0600: it says what the user spent on which provider), replaced atomically. Holds no key. Only
 * found records are kept; an id OpenRouter does not know (yet) is asked again next time.
 */
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { atomicReplace } from "../files/atomic-write.js";

export interface CachedGeneration {
  /** provider_name: the upstream provider that served the answer. */
  provider: string | null;
  model: string | null;
  /** total_cost, USD. */
  totalCost: number | null;
}

export const GENERATION_CACHE_FILE = "generations.json";

export class GenerationCache {
  private records: Map<string, CachedGeneration> | null = null;
  private dirty = false;

  constructor(readonly path: string) {}

  static inDataDir(dataDir: string): GenerationCache {
    return new GenerationCache(join(dataDir, GENERATION_CACHE_FILE));
  }

  private async load(): Promise<Map<string, CachedGeneration>> {
    if (this.records) return this.records;
    const map = new Map<string, CachedGeneration>();
    try {
      const data = JSON.parse(await readFile(this.path, "utf8")) as { records?: Record<string, CachedGeneration> };
      for (const [id, r] of Object.entries(data.records ?? {})) if (r && typeof r === "object") map.set(id, r);
    } catch {
      // Missing or damaged: the records are asked again, nothing is lost but time.
    }
    return (this.records = map);
  }

  async get(id: string): Promise<CachedGeneration | undefined> {
    return (await this.load()).get(id);
  }

  async set(id: string, record: CachedGeneration): Promise<void> {
    (await this.load()).set(id, record);
    this.dirty = true;
  }

  /** Writes what was added since the last save. */
  async save(): Promise<void> {
    if (!this.dirty || !this.records) return;
    await mkdir(dirname(this.path), { recursive: true });
    await atomicReplace(this.path, `${JSON.stringify({ version: 1, records: Object.fromEntries(this.records) })}\n`, 0o600);
    this.dirty = false;
  }
}
