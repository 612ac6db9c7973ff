/**
 * Provider slugs a reviewed plan writes that no endpoint of a model serves, from OpenRouter's
 * catalog (core/common/openrouter/slug-check.ts, as the routing editor checks them): a pin to "novita" on
 * a model Novita does not serve fails every request, with fallbacks off. Asked after the plan
 * shows; a host without the catalog, or a model it does not list, simply yields no warning.
 */
import { useEffect, useState } from "react";
import type { ProfilePlan } from "../../../src-main/core/common/index.js";
import { checkRoutingSlugs } from "../../../src-main/core/common/openrouter/slug-check";
import { useSwitchboard } from "../../api/context";

/** Models checked per plan at most: a provider with hundreds of models is sampled, not crawled. */
const MAX_MODELS = 12;

export function useSlugWarnings(plan: ProfilePlan | null): string[] {
  const { api } = useSwitchboard();
  const [warnings, setWarnings] = useState<string[]>([]);
  useEffect(() => {
    setWarnings([]);
    if (!plan) return;
    let live = true;
    const checks = plan.changes.flatMap((c) => c.models.map((ref) => ({ routing: c.after, id: ref.slice(ref.indexOf("/") + 1) }))).slice(0, MAX_MODELS);
    void Promise.all(
      checks.map(async ({ routing, id }) => {
        const endpoints = await api.invoke("catalogEndpoints", { modelId: id }).catch(() => null);
        // A pin names its slug in only and order: one warning per slug and model is enough.
        const problems = endpoints ? checkRoutingSlugs(routing, endpoints, id) : [];
        return problems.filter((p, i) => problems.findIndex((q) => q.slug === p.slug) === i).map((p) => p.message);
      }),
    ).then((lists) => live && setWarnings([...new Set(lists.flat())]));
    return () => {
      live = false;
    };
  }, [api, plan]);
  return warnings;
}
