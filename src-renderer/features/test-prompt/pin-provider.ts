/**
 * "Pin this provider", as pure functions: which provider served an answer by OpenRouter's own
 * record, the routing slug for that display name (the catalog's endpoints map "DeepInfra" to
 * `deepinfra/fp4`), where in models.json the pin is written for the tested model, and the routing
 * it writes (only + order, and allow_fallbacks: false when the user wants no fallbacks).
 */
import type { CatalogEndpoint, ModelEntry, RoutingObject, RoutingTarget, Snapshot, TestResult } from "../../../src-main/core/common/index.js";
import { pinTo, tidyRouting } from "../routing-editor/routing-draft";
import { refOf } from "../models/model-list";

/** Who served the answer: OpenRouter's record first, the stream's `provider` field when there is no record. */
export function servedProvider(result: TestResult): { name: string; verified: boolean } | null {
  if (result.generation?.provider) return { name: result.generation.provider, verified: true };
  return result.servedBy ? { name: result.servedBy, verified: false } : null;
}

export type SlugMatch =
  | { kind: "one"; slug: string }
  /** The provider has several endpoints (tags) for the model: the user says which. */
  | { kind: "several"; endpoints: CatalogEndpoint[] }
  /** No endpoint has this display name: the user picks from all of them. */
  | { kind: "none"; endpoints: CatalogEndpoint[] };

const base = (slug: string) => slug.split("/")[0]!.toLowerCase();

/**
 * The routing slug of the provider OpenRouter named. A test pinned to one provider (TestTarget
 * provider) already says which of the provider's endpoints it was.
 */
export function matchServedSlug(name: string, endpoints: CatalogEndpoint[], forced?: string | null): SlugMatch {
  const named = endpoints.filter((e) => e.providerName.toLowerCase() === name.trim().toLowerCase());
  if (forced) {
    const exact = named.find((e) => e.slug === forced || e.tag === forced);
    if (exact) return { kind: "one", slug: exact.slug };
    if (named.length > 0 && named.every((e) => base(e.slug) === base(forced))) return { kind: "one", slug: forced };
  }
  if (named.length === 1) return { kind: "one", slug: named[0]!.slug };
  if (named.length > 1) return { kind: "several", endpoints: named };
  return { kind: "none", endpoints };
}

export function modelByRef(snapshot: Snapshot, ref: string): ModelEntry | undefined {
  return snapshot.models.find((m) => refOf(m) === ref);
}

/**
 * Where a pin for this model can be written, most specific first: the custom model itself, or an
 * override of a built-in model (created if absent); then its provider in models.json, for every
 * model of the provider. Model keys win over provider keys in pi's merge, so the first is the default.
 */
export function pinTargets(snapshot: Snapshot, ref: string): RoutingTarget[] {
  const model = modelByRef(snapshot, ref);
  if (!model?.openRouter) return [];
  const own: RoutingTarget = model.origin === "custom" ? { level: "model", provider: model.provider, id: model.id } : { level: "override", provider: model.provider, id: model.id };
  const provider = snapshot.providers.find((p) => p.name === model.provider);
  return provider ? [own, { level: "provider", provider: model.provider }] : [own];
}

/** The routing written at the target after pinning: its other keys stay; fallbacks off only when asked. */
export function pinnedRouting(current: RoutingObject | null, slug: string, noFallbacks: boolean): RoutingObject | null {
  const pinned = pinTo(current ?? {}, slug);
  if (!noFallbacks) delete pinned.allow_fallbacks;
  return tidyRouting(pinned);
}
