/**
 * Warnings that save a day of debugging (issue 14, point 2), from a model's routing and its
 * endpoints in the catalog: a pinned provider that does not accept `tools` (pi's agent loop needs
 * tool calls) or `reasoning` on a reasoning model; an endpoint whose context is shorter than the
 * model's contextWindow in models.json; routing that no endpoint satisfies (only/ignore ∩
 * quantizations ∩ max_price); a slug that names no endpoint (slug-check.ts, with did-you-mean).
 * Each names the fix. Pure; `catalog --check` prints them.
 */
import type { CatalogEndpoint, RoutingObject } from "../index.js";
import { checkRoutingSlugs, slugMatchesEndpoint, type SlugProblem } from "./slug-check.js";

export interface RoutingWarning {
  kind: "unknown-slug" | "no-tools" | "no-reasoning" | "short-context" | "unsatisfiable";
  message: string;
}

export interface ModelFacts {
  id: string;
  reasoning: boolean;
  contextWindow: number;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const names = (list: string[], e: CatalogEndpoint) => list.some((slug) => slugMatchesEndpoint(slug, e));
const label = (e: CatalogEndpoint) => `${e.providerName} (${e.tag ?? e.slug})`;

/** The endpoints pi's requests can land on: only minus ignore; with fallbacks off and an order, just the order. */
function pinnedEndpoints(routing: RoutingObject, endpoints: CatalogEndpoint[]): CatalogEndpoint[] {
  const only = strings(routing.only);
  const order = strings(routing.order);
  const ignore = strings(routing.ignore);
  let pool = endpoints.filter((e) => !names(ignore, e));
  if (only.length) pool = pool.filter((e) => names(only, e));
  if (routing.allow_fallbacks === false && order.length) pool = pool.filter((e) => names(order, e));
  return pool;
}

/** What survives the filters OpenRouter applies from the endpoint data we have (zdr/data_collection are account-side and not listed). */
function satisfying(routing: RoutingObject, pool: CatalogEndpoint[]): CatalogEndpoint[] {
  const quantizations = strings(routing.quantizations).map((q) => q.toLowerCase());
  const maxPrice = (routing.max_price ?? {}) as Record<string, unknown>;
  const limit = (k: string) => (typeof maxPrice[k] === "number" ? (maxPrice[k] as number) : Infinity);
  return pool.filter(
    (e) =>
      (!quantizations.length || quantizations.includes((e.quantization ?? "unknown").toLowerCase())) &&
      (e.pricing.prompt ?? 0) <= limit("prompt") &&
      (e.pricing.completion ?? 0) <= limit("completion"),
  );
}

export function routingWarnings(routing: RoutingObject | null, endpoints: CatalogEndpoint[], model: ModelFacts): RoutingWarning[] {
  if (!routing) return [];
  const warnings: RoutingWarning[] = checkRoutingSlugs(routing, endpoints, model.id).map((p: SlugProblem) => ({
    kind: "unknown-slug",
    message: `${p.message} Fix: ${p.suggestion ? `write "${p.suggestion}" in ${p.field}` : `use one of the slugs \`pi-switchboard catalog ${model.id}\` lists`}.`,
  }));
  const pool = pinnedEndpoints(routing, endpoints);
  const pinned = strings(routing.only).length > 0 || (routing.allow_fallbacks === false && strings(routing.order).length > 0);
  const candidates = satisfying(routing, pool);
  if (pool.length > 0 && candidates.length === 0) {
    warnings.push({
      kind: "unsatisfiable",
      message: `No endpoint of ${model.id} satisfies this routing: of ${pool.map(label).join(", ")}, none passes quantizations ${JSON.stringify(routing.quantizations ?? null)} and max_price ${JSON.stringify(routing.max_price ?? null)}. OpenRouter answers 404 to every request. Fix: relax quantizations or max_price, or add a provider that meets them to only.`,
    });
  }
  if (!pinned) return warnings;
  const withTools = endpoints.filter((e) => e.supportedParameters?.includes("tools"));
  for (const e of candidates) {
    if (e.supportedParameters && !e.supportedParameters.includes("tools")) {
      warnings.push({
        kind: "no-tools",
        message: `${label(e)} does not accept tools for ${model.id}, and pi's agent needs tool calls. Fix: remove it from only/order${withTools.length ? `, or pin one that does: ${withTools.map((w) => w.tag ?? w.slug).join(", ")}` : ""}.`,
      });
    }
    if (model.reasoning && e.supportedParameters && !e.supportedParameters.includes("reasoning")) {
      warnings.push({ kind: "no-reasoning", message: `${label(e)} does not accept reasoning, but ${model.id} is a reasoning model in pi. Fix: pin a provider that lists reasoning, or set reasoning: false for this model in models.json.` });
    }
    if (e.contextLength !== null && e.contextLength < model.contextWindow) {
      warnings.push({
        kind: "short-context",
        message: `${label(e)} serves ${e.contextLength} tokens of context, less than the contextWindow ${model.contextWindow} pi assumes for ${model.id}: long sessions fail there before pi compacts. Fix: set contextWindow to ${e.contextLength} in models.json, or pin a provider with a longer context.`,
      });
    }
  }
  return warnings;
}
