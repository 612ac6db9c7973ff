/**
 * OpenRouter's catalog: the model list (GET /models) and each model's endpoints
 * (GET /models/{author}/{slug}/endpoints), kept in a disk cache so the app works offline and
 * starts without waiting for the network. Stale data is served at once and refreshed in the
 * background; status (source, age, errors) is pushed to listeners. Both endpoints are public, so
 * no key is involved. Implements CatalogFeature for the API table; the CLI `catalog` uses it too.
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { CatalogEndpoint, CatalogFeature, CatalogModel, CatalogStatus, ModelEndpoints, Percentiles } from "../common/index.js";
import { atomicReplace } from "../files/atomic-write.js";
import { appCacheDir } from "../files/cache-dir.js";
import { CATALOG_ANSWER_MAX_BYTES, readCappedJson } from "./capped-body.js";
import { openRouterBaseUrl } from "./client-url.js";

const SIX_HOURS = 6 * 60 * 60 * 1000;
const FETCH_TIMEOUT_MS = 20_000;

export interface CatalogOptions {
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Cached data older than this is refreshed in the background. */
  maxAgeMs?: number;
}

interface Cached<T> {
  fetchedAt: string;
  baseUrl: string;
  data: T;
}

/** The app's cache dir (shared with what it learns from pi). */
export const defaultCacheDir = appCacheDir;

/** OpenRouter prices are USD per token as strings; the app shows USD per million tokens. */
function perMillion(value: unknown): number | null {
  const n = typeof value === "string" ? Number(value) : typeof value === "number" ? value : NaN;
  return Number.isFinite(n) ? Math.round(n * 1_000_000 * 1e6) / 1e6 : null;
}

const numberOrNull = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const stringList = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : null);

export function parseModels(json: unknown): CatalogModel[] {
  const data = (json as { data?: unknown }).data;
  if (!Array.isArray(data)) throw new Error("unexpected answer from /models (no data list)");
  return data
    .filter((m): m is Record<string, unknown> => typeof m === "object" && m !== null && typeof (m as { id?: unknown }).id === "string")
    .map((m) => {
      const pricing = (m.pricing ?? {}) as Record<string, unknown>;
      const architecture = (m.architecture ?? {}) as Record<string, unknown>;
      const topProvider = (m.top_provider ?? {}) as Record<string, unknown>;
      const supportedParameters = stringList(m.supported_parameters);
      return {
        id: m.id as string,
        name: typeof m.name === "string" ? m.name : (m.id as string),
        contextLength: numberOrNull(m.context_length),
        pricing: { prompt: perMillion(pricing.prompt), completion: perMillion(pricing.completion), cacheRead: perMillion(pricing.input_cache_read), cacheWrite: perMillion(pricing.input_cache_write) },
        supportedParameters,
        inputModalities: stringList(architecture.input_modalities),
        maxCompletionTokens: numberOrNull(topProvider.max_completion_tokens),
        reasoning: supportedParameters ? supportedParameters.includes("reasoning") : null,
      };
    });
}

/** A slug from a display name, for endpoints without a tag ("Amazon Bedrock" → "amazon-bedrock"). */
export function slugFromName(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function percentiles(value: unknown): Percentiles | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const p = { p50: numberOrNull(v.p50), p75: numberOrNull(v.p75), p90: numberOrNull(v.p90), p99: numberOrNull(v.p99) };
  return Object.values(p).some((n) => n !== null) ? p : null;
}

/**
 * GET /models/{author}/{slug}/endpoints → the app's endpoints (OpenRouter's PublicEndpoint:
 * latency_last_30m is milliseconds to first token, throughput_last_30m tokens per second; both
 * may be null, e.g. for requests without a key).
 */
export function parseEndpoints(json: unknown): CatalogEndpoint[] {
  const endpoints = (json as { data?: { endpoints?: unknown } }).data?.endpoints;
  if (!Array.isArray(endpoints)) throw new Error("unexpected answer from the endpoints list (no data.endpoints)");
  return endpoints
    .filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null)
    .map((e) => {
      const providerName = typeof e.provider_name === "string" ? e.provider_name : "unknown";
      const pricing = (e.pricing ?? {}) as Record<string, unknown>;
      const tag = typeof e.tag === "string" && e.tag ? e.tag : null;
      return {
        providerName,
        slug: tag ?? slugFromName(providerName),
        tag,
        quantization: typeof e.quantization === "string" ? e.quantization : null,
        contextLength: numberOrNull(e.context_length),
        maxOutput: numberOrNull(e.max_completion_tokens),
        pricing: {
          prompt: perMillion(pricing.prompt),
          completion: perMillion(pricing.completion),
          cacheRead: perMillion(pricing.input_cache_read),
          cacheWrite: perMillion(pricing.input_cache_write),
        },
        uptime: numberOrNull(e.uptime_last_30m),
        uptime5m: numberOrNull(e.uptime_last_5m),
        uptime1d: numberOrNull(e.uptime_last_1d),
        latencyMs: percentiles(e.latency_last_30m),
        throughput: percentiles(e.throughput_last_30m),
        supportedParameters: stringList(e.supported_parameters),
        status: numberOrNull(e.status),
      };
    });
}

/** A cached list written before endpoints carried their tag, stats and parameters: refresh it (still served offline). */
const isOlderFormat = (data: CatalogEndpoint[] | null) => Boolean(data?.some((e) => !("tag" in e)));

/** A file name for a model id ("moonshotai/kimi-k2:free" → "moonshotai__kimi-k2_free.json"). */
function endpointsFile(modelId: string): string {
  return `${modelId.replace(/\//g, "__").replace(/[^A-Za-z0-9._-]/g, "_")}.json`;
}

class NotFound extends Error {}

export class OpenRouterCatalog implements CatalogFeature {
  private readonly cacheDir: string;
  private readonly baseUrl: string;
  private readonly maxAgeMs: number;
  private modelList: Cached<CatalogModel[]> | null = null;
  private readonly endpointLists = new Map<string, Cached<CatalogEndpoint[] | null>>();
  /** Models whose endpoint list came from the network in this process (the rest are the disk cache's). */
  private readonly fetchedEndpoints = new Set<string>();
  /** Per model, why its last endpoint fetch failed (cleared by the next one that works). */
  private readonly endpointErrors = new Map<string, string>();
  private current: CatalogStatus = { source: "none", fetchedAt: null, modelCount: 0, refreshing: false, error: null };
  private refreshing: Promise<CatalogStatus> | null = null;
  private readonly listeners = new Set<(status: CatalogStatus) => void>();
  private loadedFromDisk = false;

  constructor(options: CatalogOptions = {}) {
    const env = options.env ?? process.env;
    this.cacheDir = options.cacheDir ?? defaultCacheDir(env);
    this.baseUrl = openRouterBaseUrl(env);
    this.maxAgeMs = options.maxAgeMs ?? SIX_HOURS;
  }

  status(): CatalogStatus {
    return { ...this.current };
  }

  onStatus(listener: (status: CatalogStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cached models at once (refreshing stale ones in the background); the network only when there is no cache. */
  async models(): Promise<CatalogModel[]> {
    await this.loadCache();
    if (!this.modelList) await this.refresh();
    // A list cached before models carried their parameters and modalities is served, and refreshed at once.
    else if (this.isStale(this.modelList) || this.modelList.data.some((m) => !("supportedParameters" in m))) void this.refresh();
    return this.modelList?.data ?? [];
  }

  /** What the cache knows of a model's endpoints, without touching the network (for one-shot callers). */
  async cachedEndpoints(modelId: string): Promise<CatalogEndpoint[] | null> {
    const cached = this.endpointLists.get(modelId) ?? (await this.readJson<CatalogEndpoint[] | null>(join("endpoints", endpointsFile(modelId))));
    if (cached) this.endpointLists.set(modelId, cached);
    return cached?.data ?? null;
  }

  /**
   * A model's endpoints, or null when OpenRouter does not know the model (or nothing is known
   * offline). `fresh` asks the network first and falls back to the cache.
   */
  async endpoints(modelId: string, options: { fresh?: boolean } = {}): Promise<CatalogEndpoint[] | null> {
    await this.cachedEndpoints(modelId);
    let cached = this.endpointLists.get(modelId);
    if (cached && !this.isStale(cached) && !isOlderFormat(cached.data) && !options.fresh) return cached.data;
    const fetching = this.fetchEndpoints(modelId);
    if (cached && !options.fresh) {
      // Serve the stale list now; the fresh one replaces it for the next caller.
      fetching.catch((error: Error) => this.endpointErrors.set(modelId, error.message));
      return cached.data;
    }
    try {
      cached = await fetching;
      return cached.data;
    } catch (error) {
      this.endpointErrors.set(modelId, (error as Error).message);
      this.setStatus({ error: `Endpoints of ${modelId}: ${(error as Error).message}${cached ? " (showing the cached copy)" : ""}` });
      return cached?.data ?? null;
    }
  }

  /** endpoints(), with the list's source, age and the last fetch's error, for the routing editor. */
  async modelEndpoints(modelId: string, options: { refresh: boolean }): Promise<ModelEndpoints> {
    const endpoints = await this.endpoints(modelId, { fresh: options.refresh });
    const age = this.endpointsAge(modelId);
    return { modelId, endpoints, source: age?.source ?? "none", fetchedAt: age?.fetchedAt ?? null, error: this.endpointErrors.get(modelId) ?? null };
  }

  /** Where the endpoint list last returned for a model came from and when it was fetched; null when none is known. */
  endpointsAge(modelId: string): { source: "network" | "cache"; fetchedAt: string } | null {
    const entry = this.endpointLists.get(modelId);
    return entry ? { source: this.fetchedEndpoints.has(modelId) ? "network" : "cache", fetchedAt: entry.fetchedAt } : null;
  }

  /** Fetch the model list now; on failure keep what the cache has and report the error. */
  refresh(): Promise<CatalogStatus> {
    this.refreshing ??= (async () => {
      await this.loadCache();
      this.setStatus({ refreshing: true });
      try {
        const json = await this.getJson("/models");
        this.modelList = { fetchedAt: new Date().toISOString(), baseUrl: this.baseUrl, data: parseModels(json) };
        await this.writeJson("models.json", this.modelList);
        this.setStatus({ source: "network", fetchedAt: this.modelList.fetchedAt, modelCount: this.modelList.data.length, refreshing: false, error: null });
      } catch (error) {
        this.setStatus({ refreshing: false, error: `Could not refresh the OpenRouter catalog from ${this.baseUrl}: ${(error as Error).message}${this.modelList ? " (showing the cached copy)" : ""}` });
      }
      return this.status();
    })().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async fetchEndpoints(modelId: string): Promise<Cached<CatalogEndpoint[] | null>> {
    const slash = modelId.indexOf("/");
    if (slash <= 0) throw new Error(`"${modelId}" is not an OpenRouter model id (author/slug)`);
    const path = `/models/${encodeURIComponent(modelId.slice(0, slash))}/${modelId.slice(slash + 1).split("/").map(encodeURIComponent).join("/")}/endpoints`;
    let data: CatalogEndpoint[] | null;
    try {
      data = parseEndpoints(await this.getJson(path));
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      data = null;
    }
    const entry = { fetchedAt: new Date().toISOString(), baseUrl: this.baseUrl, data };
    this.endpointLists.set(modelId, entry);
    this.fetchedEndpoints.add(modelId);
    this.endpointErrors.delete(modelId);
    await this.writeJson(join("endpoints", endpointsFile(modelId)), entry);
    return entry;
  }

  private isStale(entry: Cached<unknown>): boolean {
    return entry.baseUrl !== this.baseUrl || Date.now() - Date.parse(entry.fetchedAt) > this.maxAgeMs;
  }

  private async loadCache(): Promise<void> {
    if (this.loadedFromDisk) return;
    this.loadedFromDisk = true;
    const cached = await this.readJson<CatalogModel[]>("models.json");
    if (cached && !this.modelList) {
      this.modelList = cached;
      this.setStatus({ source: "cache", fetchedAt: cached.fetchedAt, modelCount: cached.data.length });
    }
  }

  private async getJson(path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json" } });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new Error(cause ? `offline or unreachable (${cause})` : (error as Error).name === "TimeoutError" ? "timed out" : "offline or unreachable", { cause: error });
    }
    if (response.status === 404) throw new NotFound();
    if (!response.ok) {
      const body = (await readCappedJson(response, CATALOG_ANSWER_MAX_BYTES).catch(() => null)) as { error?: { message?: unknown } } | null;
      throw new Error(`HTTP ${response.status}${typeof body?.error?.message === "string" ? `: ${body.error.message}` : ""}`);
    }
    return readCappedJson(response, CATALOG_ANSWER_MAX_BYTES);
  }

  /** A cache file, or null when it is missing or unreadable (the cache is only ever a copy). */
  private async readJson<T>(name: string): Promise<Cached<T> | null> {
    try {
      const parsed = JSON.parse(await readFile(join(this.cacheDir, name), "utf8")) as Cached<T>;
      return typeof parsed.fetchedAt === "string" && "data" in parsed ? parsed : null;
    } catch {
      return null;
    }
  }

  private async writeJson(name: string, value: unknown): Promise<void> {
    const path = join(this.cacheDir, name);
    try {
      await mkdir(join(path, ".."), { recursive: true });
      await atomicReplace(path, JSON.stringify(value));
    } catch (error) {
      this.setStatus({ error: `Could not write the catalog cache ${path}: ${(error as Error).message}` });
    }
  }

  private setStatus(change: Partial<CatalogStatus>): void {
    this.current = { ...this.current, ...change };
    for (const listener of this.listeners) listener(this.status());
  }
}
