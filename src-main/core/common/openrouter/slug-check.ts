/**
 * Checks the provider slugs in a routing object against a model's endpoints from the catalog:
 * a slug in only/order/ignore that matches no endpoint is silently ignored by OpenRouter (or, in
 * `only`, can exclude every provider), so we flag it with the slug the user most likely meant —
 * a display name written instead of a slug ("Amazon Bedrock"), a partial slug ("bedrock"), or a
 * typo ("deepinfar"). Pure; used by the routing editor and `check`.
 */
import type { CatalogEndpoint, RoutingObject } from "../index.js";

export interface SlugProblem {
  field: "only" | "order" | "ignore";
  slug: string;
  message: string;
  /** The slug to write instead, when one is close enough to guess. */
  suggestion: string | null;
}

const FIELDS = ["only", "order", "ignore"] as const;

const baseSlug = (slug: string) => slug.split("/")[0]!.toLowerCase();
const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** OpenRouter matches a provider slug or an endpoint's full tag, case-insensitively. */
export function slugMatchesEndpoint(slug: string, endpoint: CatalogEndpoint): boolean {
  const s = slug.toLowerCase();
  return s === endpoint.slug.toLowerCase() || s === baseSlug(endpoint.slug);
}

function suggest(slug: string, endpoints: CatalogEndpoint[]): string | null {
  const wanted = squash(slug);
  if (!wanted) return null;
  const byName = endpoints.find((e) => squash(e.providerName) === wanted || squash(baseSlug(e.slug)) === wanted);
  if (byName) return baseSlug(byName.slug);
  const bases = [...new Set(endpoints.map((e) => baseSlug(e.slug)))];
  const partial = bases.filter((b) => squash(b).includes(wanted) || wanted.includes(squash(b)));
  if (partial.length === 1) return partial[0]!;
  let best: { slug: string; distance: number } | null = null;
  for (const b of bases) {
    const distance = editDistance(wanted, squash(b));
    if (distance <= Math.max(1, Math.floor(b.length / 4)) && (!best || distance < best.distance)) best = { slug: b, distance };
  }
  return best?.slug ?? null;
}

export function checkRoutingSlugs(routing: RoutingObject | null, endpoints: CatalogEndpoint[], modelId: string): SlugProblem[] {
  if (!routing) return [];
  const problems: SlugProblem[] = [];
  for (const field of FIELDS) {
    const list = routing[field];
    if (!Array.isArray(list)) continue;
    for (const slug of list) {
      if (typeof slug !== "string" || endpoints.some((e) => slugMatchesEndpoint(slug, e))) continue;
      const suggestion = suggest(slug, endpoints);
      const known = [...new Set(endpoints.map((e) => baseSlug(e.slug)))].join(", ");
      problems.push({
        field,
        slug,
        suggestion,
        message: `"${slug}" in ${field} matches no provider of ${modelId}${suggestion ? `; did you mean "${suggestion}"?` : "."} Its providers: ${known || "none"}.`,
      });
    }
  }
  return problems;
}

export interface ModelSlugReport {
  /** pi's "provider/id". */
  ref: string;
  /** null: the catalog has no endpoints for the model (unknown id, or offline without a cache). */
  problems: SlugProblem[] | null;
}

/** The slug check for every routed OpenRouter model pi has, with endpoints from the catalog. */
export async function checkModelsRouting(
  models: { provider: string; id: string; openRouter: boolean; routing: RoutingObject | null }[],
  endpointsOf: (modelId: string) => Promise<CatalogEndpoint[] | null>,
): Promise<ModelSlugReport[]> {
  const routed = models.filter((m) => m.openRouter && m.routing && FIELDS.some((f) => Array.isArray(m.routing![f])));
  return Promise.all(
    routed.map(async (m) => {
      const endpoints = await endpointsOf(m.id);
      return { ref: `${m.provider}/${m.id}`, problems: endpoints ? checkRoutingSlugs(m.routing, endpoints, m.id) : null };
    }),
  );
}
