/**
 * Whether the endpoints a model is pinned to are healthy, from OpenRouter's endpoint stats (uptime
 * over the last 30 minutes and its status flag), and which endpoint to pin instead when they are
 * not. A model is at risk only when every endpoint its routing allows is degraded: with `only:
 * [a, b]` OpenRouter already steers around a failing `a`. Pure: the health watch
 * (core/openrouter/health-watch.ts) feeds it fresh endpoint lists, and its answer becomes a model
 * problem like any other, so the row, the switcher and the tray say it the same way.
 */
import type { CatalogEndpoint, EndpointHealth, PinnedHealth, RoutingObject } from "../index.js";
import { slugMatchesEndpoint as matches } from "./slug-check.js";

export interface HealthThresholds {
  /** An endpoint whose uptime over the last 30 minutes is below this percentage is degraded. */
  minUptime: number;
}

export const DEFAULT_MIN_UPTIME = 95;

const tagOf = (e: CatalogEndpoint) => e.tag ?? e.slug;

const slugs = (value: unknown): string[] => (Array.isArray(value) ? value.filter((s): s is string => typeof s === "string") : []);

/**
 * The endpoints a routing lets OpenRouter use, when it narrows them: an `only` list, or an `order`
 * without fallbacks. null: OpenRouter may use any endpoint, and picks a healthy one itself.
 */
export function allowedEndpoints(routing: RoutingObject | null, endpoints: CatalogEndpoint[]): CatalogEndpoint[] | null {
  if (!routing) return null;
  const only = slugs(routing.only);
  const list = only.length ? only : routing.allow_fallbacks === false ? slugs(routing.order) : [];
  if (!list.length) return null;
  const ignored = slugs(routing.ignore);
  return endpoints.filter((e) => list.some((s) => matches(s, e)) && !ignored.some((s) => matches(s, e)));
}

export function endpointHealth(e: CatalogEndpoint, thresholds: HealthThresholds): EndpointHealth {
  let degraded: string | null = null;
  // OpenRouter's status is 0 when normal; negative values mean degraded or down.
  if (e.status !== null && e.status < 0) degraded = "OpenRouter marks it degraded";
  else if (e.uptime !== null && e.uptime < thresholds.minUptime) degraded = `${formatPercent(e.uptime)} uptime over 30 minutes (below ${formatPercent(thresholds.minUptime)})`;
  return { tag: tagOf(e), provider: e.providerName, uptime: e.uptime, latencyP50Ms: e.latencyMs?.p50 ?? null, degraded };
}

function formatPercent(n: number): string {
  return `${Math.round(n * 10) / 10}%`;
}

/** Higher uptime first, then lower median latency, then lower prompt price; unknowns last. */
function better(a: CatalogEndpoint, b: CatalogEndpoint): number {
  const by = (x: number | null, y: number | null, sign: 1 | -1) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : sign * (x - y));
  return by(a.uptime, b.uptime, -1) || by(a.latencyMs?.p50 ?? null, b.latencyMs?.p50 ?? null, 1) || by(a.pricing.prompt, b.pricing.prompt, 1);
}

/**
 * The pinned endpoints' health when every one is degraded; null when the routing does not pin, or
 * one allowed endpoint is still healthy. The next endpoint supports tools when a pinned one did
 * (pi's agent loop calls tools) and is not one the routing ignores.
 */
export function pinnedHealth(routing: RoutingObject | null, endpoints: CatalogEndpoint[], thresholds: HealthThresholds): PinnedHealth | null {
  const allowed = allowedEndpoints(routing, endpoints);
  if (!allowed?.length) return null;
  const pinned = allowed.map((e) => endpointHealth(e, thresholds));
  if (pinned.some((p) => p.degraded === null)) return null;
  const needsTools = allowed.some((e) => e.supportedParameters?.includes("tools"));
  const ignored = slugs(routing?.ignore);
  const candidates = endpoints
    .filter((e) => !allowed.includes(e) && !ignored.some((s) => matches(s, e)))
    .filter((e) => !needsTools || e.supportedParameters === undefined || e.supportedParameters === null || e.supportedParameters.includes("tools"))
    .filter((e) => endpointHealth(e, thresholds).degraded === null)
    .sort(better);
  return { pinned, next: candidates[0] ? endpointHealth(candidates[0], thresholds) : null };
}
