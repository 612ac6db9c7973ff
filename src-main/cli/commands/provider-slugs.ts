/**
 * `test --provider SLUG…` checked before anything is sent: a slug that names no endpoint of the
 * model makes OpenRouter answer 404 at best, so a typo ("deepinfar") is refused with the slug
 * meant, from the model's endpoint list (cached or live; a variant's from its base model). Offline
 * with no list, the test goes ahead and says the slugs were not checked.
 */
import type { CatalogEndpoint } from "../../core/common/index.js";
import { checkRoutingSlugs } from "../../core/common/openrouter/slug-check.js";
import { variantEndpoints } from "../../core/openrouter/variant-endpoints.js";

export type ProviderSlugCheck = { ok: true; warning: string | null } | { ok: false; message: string };

export async function checkProviderSlugs(
  model: { id: string; openRouter: boolean } | undefined,
  slugs: string[],
  endpointsOf: (catalogId: string) => Promise<CatalogEndpoint[] | null>,
  catalogError: () => string | null,
): Promise<ProviderSlugCheck> {
  // A ref pi does not have, or a model that is not OpenRouter's, is refused by the test itself, with its reason.
  if (!model?.openRouter || slugs.length === 0) return { ok: true, warning: null };
  const list = await variantEndpoints(model.id, endpointsOf);
  if (!list) {
    const why = catalogError() ?? `OpenRouter's catalog has no endpoint list for ${model.id}`;
    return { ok: true, warning: `Could not check --provider ${slugs.join(" ")} against the providers of ${model.id}: ${why}. Testing anyway.` };
  }
  const problems = checkRoutingSlugs({ only: slugs }, list.endpoints, list.catalogId);
  if (problems.length === 0) return { ok: true, warning: null };
  const known = [...new Set(list.endpoints.map((e) => e.slug.split("/")[0]!.toLowerCase()))].join(", ");
  const lines = problems.map((p) => `--provider ${p.slug} is not a provider of ${list.catalogId}${p.suggestion ? `: did you mean ${p.suggestion}?` : "."}`);
  return { ok: false, message: `${lines.join("\n")}\nIts providers: ${known}. Nothing was sent.` };
}
