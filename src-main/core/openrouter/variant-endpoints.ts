/**
 * Which catalog entry's endpoints serve a model id pi sends. OpenRouter's routing variants
 * (`:nitro`, `:floor`, `:exacto`, `:online`; guides/routing/model-variants) and presets
 * (`<model>@preset/<slug>`) run on the base model's providers and have no endpoint list of their
 * own, so a slug check against the variant id found nothing and passed every typo. Other suffixes
 * (`:free`, `:thinking`, …) are catalog entries of their own: their list first, the base's when the
 * catalog has none. Used by `catalog --check` and `test --provider`.
 */
import type { CatalogEndpoint } from "../common/index.js";
import { baseModelId } from "../common/openrouter/model-from-catalog.js";

const ROUTING_SUFFIXES = new Set(["nitro", "floor", "exacto", "online"]);

/** The ids to ask the catalog for, in order: "moonshotai/kimi-k2:floor" → ["moonshotai/kimi-k2"]. */
export function endpointListIds(modelId: string): string[] {
  const preset = modelId.indexOf("@preset/");
  const id = preset > 0 ? modelId.slice(0, preset) : modelId;
  const base = baseModelId(id);
  if (base === id) return [id];
  return ROUTING_SUFFIXES.has(id.slice(base.length + 1)) ? [base] : [id, base];
}

/** The first endpoint list the catalog has for the model's ids, and the id it belongs to; null when none. */
export async function variantEndpoints(
  modelId: string,
  endpointsOf: (catalogId: string) => Promise<CatalogEndpoint[] | null>,
): Promise<{ catalogId: string; endpoints: CatalogEndpoint[] } | null> {
  for (const catalogId of endpointListIds(modelId)) {
    const endpoints = await endpointsOf(catalogId);
    if (endpoints) return { catalogId, endpoints };
  }
  return null;
}
