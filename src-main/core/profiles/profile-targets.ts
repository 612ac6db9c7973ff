/**
 * Where a profile is written for what the user picked: one model, a provider, or every OpenRouter
 * model in pi's scope. A custom model (models.json `models[]`) takes model-level routing; a
 * built-in model takes an override (`modelOverrides`), never a copy; a provider takes
 * provider-level routing, which pi merges under each model's own (model keys win). Models pi sends
 * no `provider` object for (not OpenRouter, or not openai-completions, e.g. OpenRouter's Anthropic
 * models on anthropic-messages in pi ≥ 1.4.0) are listed as skipped with the reason. Pure.
 */
import type { ModelEntry, ProfileScope, RoutingTarget, Snapshot } from "../common/index.js";
import { targetKey } from "../common/profiles/routing-at.js";

export interface ProfileTarget {
  target: RoutingTarget;
  /** The models whose request the routing at this target shapes. */
  models: string[];
}

export interface TargetsForScope {
  targets: ProfileTarget[];
  skipped: { ref: string; why: string }[];
  /** Why nothing can be applied, when nothing can. */
  problem: string | null;
}

const refOf = (m: ModelEntry) => `${m.provider}/${m.id}`;

function whyNotRoutable(model: ModelEntry): string | null {
  if (!model.openRouter) return "not an OpenRouter model: routing applies to OpenRouter only";
  if (model.api !== "openai-completions") return `pi sends no routing for the ${model.api} API`;
  return null;
}

export function modelTarget(model: ModelEntry): RoutingTarget {
  return model.origin === "custom" ? { level: "model", provider: model.provider, id: model.id } : { level: "override", provider: model.provider, id: model.id };
}

function forModels(models: ModelEntry[]): TargetsForScope {
  const targets = new Map<string, ProfileTarget>();
  const skipped: TargetsForScope["skipped"] = [];
  for (const model of models) {
    const why = whyNotRoutable(model);
    if (why) {
      skipped.push({ ref: refOf(model), why });
      continue;
    }
    const target = modelTarget(model);
    targets.set(targetKey(target), { target, models: [refOf(model)] });
  }
  const problem = targets.size ? null : skipped.length ? "None of these models takes OpenRouter routing." : "No model to apply it to.";
  return { targets: [...targets.values()], skipped, problem };
}

export function targetsForScope(snapshot: Pick<Snapshot, "models" | "scope" | "providers">, scope: ProfileScope): TargetsForScope {
  switch (scope.kind) {
    case "model": {
      const model = snapshot.models.find((m) => refOf(m) === scope.ref);
      if (!model) return { targets: [], skipped: [], problem: `pi has no model ${scope.ref}.` };
      return forModels([model]);
    }
    case "scoped": {
      if (snapshot.scope.unset) return { targets: [], skipped: [], problem: "pi's scope (enabledModels in settings.json) is not set, so it would mean every model: add the models you use to the scope first." };
      const byRef = new Map(snapshot.models.map((m) => [refOf(m), m] as const));
      const result = forModels(snapshot.scope.models.map((ref) => byRef.get(ref)).filter((m): m is ModelEntry => m !== undefined));
      if (!result.targets.length && !result.skipped.length) result.problem = "No model is in pi's scope.";
      return result;
    }
    case "provider": {
      const models = snapshot.models.filter((m) => m.provider === scope.provider);
      const entry = snapshot.providers.find((p) => p.name === scope.provider);
      const isOpenRouter = entry?.openRouter ?? (models.length > 0 && models.every((m) => m.openRouter));
      if (!entry && models.length === 0) return { targets: [], skipped: [], problem: `pi has no provider "${scope.provider}".` };
      if (!isOpenRouter) return { targets: [], skipped: [], problem: `${scope.provider} is not an OpenRouter provider: routing applies to OpenRouter only.` };
      return { targets: [{ target: { level: "provider", provider: scope.provider }, models: models.map(refOf) }], skipped: [], problem: null };
    }
  }
}
