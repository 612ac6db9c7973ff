/**
 * A model's endpoints as facts to choose a provider by, in the names `catalog <model> --json`
 * promises scripts (issue 14): provider, tag (the slug to write into routing), quantization,
 * context, max output, prices, uptime, median latency and throughput, tool support. Pure; the
 * CLI prints it, the routing editor's table shows the same fields.
 */
import type { CatalogEndpoint, Percentiles } from "../index.js";

export interface EndpointFacts {
  provider: string;
  /** What to write in only/order/ignore to name this endpoint ("deepinfra/fp8", or the provider slug). */
  tag: string;
  quantization: string | null;
  contextLength: number | null;
  maxOutput: number | null;
  /** USD per million tokens. */
  pricing: { prompt: number | null; completion: number | null; cacheRead: number | null; cacheWrite: number | null };
  /** Percent of successful requests over the last 30 minutes (and 5 minutes / 1 day where OpenRouter gives them). */
  uptime30m: number | null;
  uptime5m: number | null;
  uptime1d: number | null;
  /** Median time to first token over the last 30 minutes, ms. */
  latencyP50Ms: number | null;
  /** Median tokens per second over the last 30 minutes. */
  throughputP50: number | null;
  /** Whether the endpoint accepts `tools` (pi's agent loop needs tool calls); null when OpenRouter does not list parameters. */
  supportsTools: boolean | null;
  supportsReasoning: boolean | null;
  latencyMs: Percentiles | null;
  throughput: Percentiles | null;
  supportedParameters: string[] | null;
  /** OpenRouter's endpoint status (0 = normal; negative values are degraded or down). */
  status: number | null;
}

const supports = (e: CatalogEndpoint, parameter: string) => (e.supportedParameters ? e.supportedParameters.includes(parameter) : null);

export function endpointFacts(e: CatalogEndpoint): EndpointFacts {
  return {
    provider: e.providerName,
    tag: e.tag ?? e.slug,
    quantization: e.quantization,
    contextLength: e.contextLength,
    maxOutput: e.maxOutput ?? null,
    pricing: { prompt: e.pricing.prompt, completion: e.pricing.completion, cacheRead: e.pricing.cacheRead ?? null, cacheWrite: e.pricing.cacheWrite ?? null },
    uptime30m: e.uptime,
    uptime5m: e.uptime5m ?? null,
    uptime1d: e.uptime1d ?? null,
    latencyP50Ms: e.latencyMs?.p50 ?? null,
    throughputP50: e.throughput?.p50 ?? null,
    supportsTools: supports(e, "tools"),
    supportsReasoning: supports(e, "reasoning"),
    latencyMs: e.latencyMs ?? null,
    throughput: e.throughput ?? null,
    supportedParameters: e.supportedParameters ?? null,
    status: e.status,
  };
}
