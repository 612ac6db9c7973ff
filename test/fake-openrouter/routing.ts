/**
 * Provider routing as OpenRouter documents it (https://openrouter.ai/docs/features/provider-routing),
 * applied to the fake's endpoint table: validation of the `provider` object (400 on a wrong type),
 * the filters (only, ignore, quantizations, max_price, data_collection, zdr, require_parameters)
 * and the order in which endpoints are tried (order, then the rest unless allow_fallbacks is
 * false; sort; otherwise cheapest first — OpenRouter's price-weighted load balancing made
 * deterministic so tests can rely on it). Pure: no I/O.
 */
import type { FakeEndpoint } from "./table.js";

export interface RouteError {
  status: number;
  message: string;
}

export type Route = { ok: true; candidates: FakeEndpoint[] } | { ok: false; error: RouteError };

const LIST_FIELDS = ["only", "order", "ignore", "quantizations"] as const;
const SORTS = ["price", "throughput", "latency"];

/** OpenRouter's slugs are case-insensitive; a routing entry names a provider ("deepinfra") or one endpoint's tag ("deepinfra/fp8"). */
export function slugMatches(entry: string, e: FakeEndpoint): boolean {
  const s = entry.toLowerCase();
  return s === e.slug.toLowerCase() || s === (e.tag ?? e.slug).toLowerCase();
}

function invalid(message: string): Route {
  return { ok: false, error: { status: 400, message } };
}

function price(e: FakeEndpoint): number {
  return e.pricing.prompt + e.pricing.completion;
}

/** Where the first matching entry of `list` sits, or -1. */
function rank(list: string[], e: FakeEndpoint): number {
  return list.findIndex((entry) => slugMatches(entry, e));
}

/** The request parameters that require_parameters checks providers for. */
export function requestedParameters(body: Record<string, unknown>): string[] {
  const known = ["max_tokens", "max_completion_tokens", "temperature", "top_p", "tools", "tool_choice", "stop", "reasoning"];
  return known.filter((k) => body[k] !== undefined).map((k) => (k === "max_completion_tokens" ? "max_tokens" : k));
}

export function route(endpoints: FakeEndpoint[], provider: unknown, params: string[]): Route {
  if (provider === undefined || provider === null) provider = {};
  if (typeof provider !== "object" || Array.isArray(provider)) return invalid("Invalid provider preferences: expected an object");
  const p = provider as Record<string, unknown>;
  for (const field of LIST_FIELDS) {
    const v = p[field];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== "string"))) {
      return invalid(`Invalid provider preferences: "${field}" must be an array of strings`);
    }
  }
  for (const field of ["allow_fallbacks", "require_parameters", "zdr", "enforce_distillable_text"]) {
    if (p[field] !== undefined && typeof p[field] !== "boolean") return invalid(`Invalid provider preferences: "${field}" must be a boolean`);
  }
  if (p.data_collection !== undefined && p.data_collection !== "allow" && p.data_collection !== "deny") {
    return invalid('Invalid provider preferences: "data_collection" must be "allow" or "deny"');
  }
  const sortBy = typeof p.sort === "object" && p.sort !== null ? (p.sort as { by?: unknown }).by : p.sort;
  if (p.sort !== undefined && (typeof sortBy !== "string" || !SORTS.includes(sortBy))) {
    return invalid(`Invalid provider preferences: "sort" must be one of ${SORTS.join(", ")}`);
  }
  const maxPrice = p.max_price as Record<string, unknown> | undefined;
  if (maxPrice !== undefined) {
    if (typeof maxPrice !== "object" || maxPrice === null || Array.isArray(maxPrice)) return invalid('Invalid provider preferences: "max_price" must be an object');
    for (const [k, v] of Object.entries(maxPrice)) {
      if (!Number.isFinite(typeof v === "string" ? Number(v) : v)) return invalid(`Invalid provider preferences: "max_price.${k}" must be a number`);
    }
  }

  const only = (p.only as string[] | undefined) ?? null;
  const ignore = (p.ignore as string[] | undefined) ?? [];
  const order = (p.order as string[] | undefined) ?? [];
  const quantizations = ((p.quantizations as string[] | undefined) ?? []).map((q) => q.toLowerCase());

  let pool = endpoints.filter((e) => (only ? rank(only, e) >= 0 : true) && rank(ignore, e) < 0);
  if (pool.length === 0) return { ok: false, error: { status: 404, message: "No allowed providers are available for the selected model." } };

  if (quantizations.length) pool = pool.filter((e) => quantizations.includes(e.quantization.toLowerCase()));
  if (maxPrice) {
    const limit = (k: string) => (maxPrice[k] === undefined ? Infinity : Number(maxPrice[k]));
    pool = pool.filter((e) => e.pricing.prompt <= limit("prompt") && e.pricing.completion <= limit("completion"));
  }
  if (pool.length === 0) return { ok: false, error: { status: 404, message: "No endpoints found matching your provider preferences (quantizations, max_price)." } };

  if (p.zdr === true) pool = pool.filter((e) => e.zdr);
  if (pool.length === 0) return { ok: false, error: { status: 404, message: "No endpoints found matching your data policy (Zero data retention). Configure: https://openrouter.ai/settings/privacy" } };
  if (p.data_collection === "deny") pool = pool.filter((e) => e.dataCollection === "deny");
  if (pool.length === 0) return { ok: false, error: { status: 404, message: "No endpoints found matching your data policy (Paid model training). Configure: https://openrouter.ai/settings/privacy" } };

  if (p.require_parameters === true) pool = pool.filter((e) => params.every((x) => e.supportedParameters.includes(x)));
  if (pool.length === 0) return { ok: false, error: { status: 404, message: "No endpoints found that can handle the requested parameters." } };

  const bySort = (a: FakeEndpoint, b: FakeEndpoint) =>
    sortBy === "throughput" ? b.throughput - a.throughput : sortBy === "latency" ? a.latency - b.latency : price(a) - price(b);
  const ordered = pool.filter((e) => rank(order, e) >= 0).sort((a, b) => rank(order, a) - rank(order, b));
  const rest = pool.filter((e) => rank(order, e) < 0).sort(bySort);
  let candidates: FakeEndpoint[];
  if (p.allow_fallbacks === false) {
    // Without fallbacks only the providers named in `order` are tried; with no order, only the primary.
    candidates = order.length ? ordered : rest.slice(0, 1);
  } else {
    candidates = [...ordered, ...rest];
  }
  if (candidates.length === 0) return { ok: false, error: { status: 404, message: "No allowed providers are available for the selected model." } };
  return { ok: true, candidates };
}
