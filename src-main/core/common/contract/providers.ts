/**
 * Providers and OpenRouter's facts: the providers models.json defines, the fields an edit takes,
 * and OpenRouter's catalog of models and their endpoints.
 */

import type { KeySource } from "./keys.js";
import type { RoutingObject } from "./routing.js";

export interface ProviderEntry {
  name: string;
  builtIn: boolean;
  baseUrl: string | null;
  api: string | null;
  openRouter: boolean;
  /** Provider-level compat.openRouterRouting as written, or null. */
  routing: RoutingObject | null;
  customModelIds: string[];
  overrideIds: string[];
  keySource: KeySource;
  /** models.json apiKey as written when it is a reference (env var or !command), to edit in place; null for a literal key, which is never shown. */
  apiKeyReference: string | null;
}

export interface ProviderFields {
  baseUrl?: string;
  api?: string;
  apiKey?: string;
  name?: string;
}

export interface CustomModelFields {
  id: string;
  name?: string;
  api?: string;
  /** The model's own baseUrl, over the provider's (OpenRouter's chat-completions API is at /api/v1, its Anthropic one at /api). */
  baseUrl?: string;
  reasoning?: boolean;
  contextWindow?: number;
  maxTokens?: number;
  input?: ("text" | "image")[];
  cost?: { input: number; output: number; cacheRead: number; cacheWrite: number };
}

export interface CatalogEndpoint {
  /** Display name ("Amazon Bedrock"). */
  providerName: string;
  /** The slug routing uses ("amazon-bedrock", or a tag such as "deepinfra/fp8"). */
  slug: string;
  quantization: string | null;
  contextLength: number | null;
  /** USD per million tokens; cache prices only where the provider caches prompts. */
  pricing: { prompt: number | null; completion: number | null; cacheRead?: number | null; cacheWrite?: number | null };
  /** Uptime over the last 30 minutes, 0–100, when OpenRouter gives it. */
  uptime: number | null;
  status: number | null;
  // The fields below are absent from catalog caches written before they existed (endpoint-facts.ts reads them as null).
  /** The endpoint's own tag as OpenRouter lists it ("deepinfra/fp8"), null when it has none. */
  tag?: string | null;
  /** max_completion_tokens: the longest answer this endpoint gives. */
  maxOutput?: number | null;
  uptime5m?: number | null;
  uptime1d?: number | null;
  /** Time to first token over the last 30 minutes, in milliseconds. */
  latencyMs?: Percentiles | null;
  /** Tokens per second over the last 30 minutes. */
  throughput?: Percentiles | null;
  /** Request parameters the endpoint accepts ("tools", "reasoning", …); null when not listed. */
  supportedParameters?: string[] | null;
}

export interface Percentiles {
  p50: number | null;
  p75: number | null;
  p90: number | null;
  p99: number | null;
}

export interface CatalogModel {
  id: string;
  name: string;
  contextLength: number | null;
  /** USD per million tokens (OpenRouter lists USD per token); cache prices where the model caches prompts. */
  pricing: { prompt: number | null; completion: number | null; cacheRead?: number | null; cacheWrite?: number | null };
  // The fields below are absent from catalog caches written before they existed (the catalog refreshes such a cache).
  /** Request parameters some endpoint of the model accepts ("tools", "reasoning", …). */
  supportedParameters?: string[] | null;
  /** architecture.input_modalities: "text", "image", "file", "audio". */
  inputModalities?: string[] | null;
  /** top_provider.max_completion_tokens: the longest answer of the model's top endpoint. */
  maxCompletionTokens?: number | null;
  /** The model can think: OpenRouter lists `reasoning` among its supported parameters. */
  reasoning?: boolean | null;
}

export interface CatalogStatus {
  source: "network" | "cache" | "none";
  fetchedAt: string | null;
  modelCount: number;
  refreshing: boolean;
  error: string | null;
}

/** A model's endpoints with where they came from, for the routing editor's table (age, offline, refresh). */
export interface ModelEndpoints {
  modelId: string;
  /** null: OpenRouter does not know the model, or nothing is known offline. */
  endpoints: CatalogEndpoint[] | null;
  /** network: fetched by this app session; cache: the disk copy (offline, or a refresh is under way); none: nothing known. */
  source: "network" | "cache" | "none";
  fetchedAt: string | null;
  /** Why the last fetch failed (what is shown is then the cached copy, if any); null when it did not. */
  error: string | null;
}
