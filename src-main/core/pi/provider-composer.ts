/**
 * The model list pi 0.80+ builds (ModelRuntime + provider-composer.ts composeModelProvider): each
 * provider is composed on its own from its built-in models and its models.json entry, so a rule
 * error disables only that provider (it falls back to its untouched built-ins; a provider only
 * models.json defines disappears). Used by model-registry.ts when PiRules.errorsDisableOnlyTheirProvider.
 *
 * Per provider, in pi's order: provider baseUrl/compat onto every built-in model; each custom
 * model takes api and baseUrl from the first fitting model already in the provider (same id, same
 * api, any openai-completions, any) and replaces a model with its id in place or is appended;
 * modelOverrides apply last, to custom models too. pi looks defaults up with linear scans per
 * model; the index here gives the same answer in O(1).
 */
import type { BuiltInModel } from "./built-in-model.js";
import type { RawModelDef, RawModelOverride, RawProviderConfig } from "./models-schema.js";

export interface ComposedModel extends BuiltInModel {
  origin: "built-in" | "custom" | "override";
}

export type Composition = { ok: true; models: ComposedModel[] } | { ok: false; error: string; path: (string | number)[] };

const DEFAULT_COST = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

type Compat = Record<string, unknown> | undefined;
const NESTED_COMPAT = ["openRouterRouting", "vercelGatewayRouting", "chatTemplateKwargs", "chatTemplateArgs"];
const isObject = (v: unknown) => typeof v === "object" && v !== null;

/**
 * pi 0.80.8+'s mergeCompat: shallow, the override winning, except four nested objects merged key
 * by key, and only when one side of them is an object (a routing string passes through as
 * written, where 0.7x spread it into characters).
 */
export function mergeCompat(base: Compat, override: Compat): Compat {
  if (!override) return base;
  const merged: Record<string, unknown> = { ...base, ...override };
  for (const key of NESTED_COMPAT) {
    if (isObject(base?.[key]) || isObject(override[key])) merged[key] = { ...(base?.[key] as object | undefined), ...(override[key] as object | undefined) };
  }
  return merged;
}

class ComposeError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
  }
}

/** pi's findModelDefaults over a growing list, answered from first-seen indexes. */
class DefaultsIndex {
  private byId = new Map<string, number>();
  private byApi = new Map<string, number>();

  constructor(private models: ComposedModel[]) {
    this.rebuild();
  }

  rebuild(): void {
    this.byId.clear();
    this.byApi.clear();
    this.models.forEach((m, i) => this.note(m, i));
  }

  note(model: ComposedModel, index: number): void {
    if (!this.byId.has(model.id)) this.byId.set(model.id, index);
    if (!this.byApi.has(model.api)) this.byApi.set(model.api, index);
  }

  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  defaults(id: string, api: string | undefined): ComposedModel | undefined {
    const index = this.byId.get(id) ?? (api ? this.byApi.get(api) : undefined) ?? this.byApi.get("openai-completions") ?? (this.models.length > 0 ? 0 : undefined);
    return index === undefined ? undefined : this.models[index];
  }
}

/** A models.json model definition with pi's defaults (both generations use the same ones). */
export function customModelFrom(provider: string, def: RawModelDef, api: string, baseUrl: string, compat: Compat): ComposedModel {
  return {
    id: def.id,
    name: def.name ?? def.id,
    api,
    provider,
    baseUrl,
    reasoning: def.reasoning ?? false,
    thinkingLevelMap: def.thinkingLevelMap,
    input: def.input ?? ["text"],
    cost: def.cost ?? DEFAULT_COST,
    contextWindow: def.contextWindow ?? 128000,
    maxTokens: def.maxTokens ?? 16384,
    compat,
    origin: "custom",
  };
}

function customModel(providerId: string, def: RawModelDef, config: RawProviderConfig, defaults: ComposedModel | undefined, at: (string | number)[]): ComposedModel {
  const api = def.api ?? config.api ?? defaults?.api;
  if (!api) throw new ComposeError(`Provider ${providerId}, model ${def.id}: no "api" specified. Set at provider or model level.`, at);
  const baseUrl = def.baseUrl ?? config.baseUrl ?? defaults?.baseUrl;
  if (!baseUrl) throw new ComposeError(`Provider ${providerId}: "baseUrl" is required when defining custom models.`, at);
  if (def.contextWindow !== undefined && def.contextWindow <= 0) throw new ComposeError(`Provider ${providerId}, model ${def.id}: invalid contextWindow`, [...at, "contextWindow"]);
  if (def.maxTokens !== undefined && def.maxTokens <= 0) throw new ComposeError(`Provider ${providerId}, model ${def.id}: invalid maxTokens`, [...at, "maxTokens"]);
  const model = customModelFrom(providerId, def, api, baseUrl, mergeCompat(config.compat, def.compat));
  if (def.samplingParams) model.samplingParams = def.samplingParams;
  if (def.samplingParamsByThinkingLevel) model.samplingParamsByThinkingLevel = def.samplingParamsByThinkingLevel;
  return model;
}

const byLevel = (base: BuiltInModel["samplingParamsByThinkingLevel"], override: RawModelOverride["samplingParamsByThinkingLevel"]) => {
  if (!override) return base;
  const merged = { ...base };
  for (const [level, params] of Object.entries(override)) if (params) merged[level] = { ...base?.[level], ...params };
  return merged;
};

/** pi's applyModelOverride (0.80+): the listed fields replace, cost/sampling/compat merge. */
export function applyRuntimeOverride(model: ComposedModel, override: RawModelOverride): ComposedModel {
  const result: ComposedModel = {
    ...model,
    // An empty override, or one of headers only (pi resolves those per request), leaves the model as pi ships it.
    origin: model.origin === "custom" || Object.keys(override).every((key) => key === "headers") ? model.origin : "override",
    name: override.name ?? model.name,
    reasoning: override.reasoning ?? model.reasoning,
    thinkingLevelMap: override.thinkingLevelMap ? { ...model.thinkingLevelMap, ...override.thinkingLevelMap } : model.thinkingLevelMap,
    input: override.input ?? model.input,
    cost: override.cost
      ? {
          input: override.cost.input ?? model.cost.input,
          output: override.cost.output ?? model.cost.output,
          cacheRead: override.cost.cacheRead ?? model.cost.cacheRead,
          cacheWrite: override.cost.cacheWrite ?? model.cost.cacheWrite,
        }
      : model.cost,
    contextWindow: override.contextWindow ?? model.contextWindow,
    maxTokens: override.maxTokens ?? model.maxTokens,
    compat: mergeCompat(model.compat, override.compat),
  };
  const sampling = override.samplingParams ? { ...model.samplingParams, ...override.samplingParams } : model.samplingParams;
  if (sampling) result.samplingParams = sampling;
  const levels = byLevel(model.samplingParamsByThinkingLevel, override.samplingParamsByThinkingLevel);
  if (levels) result.samplingParamsByThinkingLevel = levels;
  return result;
}

/** One provider as pi composes it; an error names the spot in models.json it comes from. */
export function composeProvider(providerId: string, builtIns: BuiltInModel[], config: RawProviderConfig): Composition {
  const at = ["providers", providerId];
  try {
    const overrides = config.modelOverrides ?? {};
    const hasOverrides = Object.keys(overrides).length > 0;
    if (config.oauth && !config.baseUrl) throw new ComposeError(`Provider ${providerId}: "baseUrl" is required when "oauth" is set.`, at);
    if (!config.models?.length && !config.baseUrl && !config.headers && !config.compat && !hasOverrides && !config.apiKey && !config.oauth && config.authHeader === undefined) {
      throw new ComposeError(`Provider ${providerId}: must specify "baseUrl", "headers", "compat", "modelOverrides", or "models".`, at);
    }
    const changesBuiltIns = Boolean(config.baseUrl || config.compat);
    const models: ComposedModel[] = builtIns.map((m) =>
      changesBuiltIns ? { ...m, origin: "override", baseUrl: config.oauth === "radius" ? m.baseUrl : (config.baseUrl ?? m.baseUrl), compat: mergeCompat(m.compat, config.compat) } : { ...m, origin: "built-in" },
    );
    const index = new DefaultsIndex(models);
    (config.models ?? []).forEach((def, i) => {
      const existing = index.indexOf(def.id);
      const model = customModel(providerId, def, config, index.defaults(def.id, def.api ?? config.api), [...at, "models", i]);
      if (existing !== undefined) {
        models[existing] = model;
        index.rebuild();
      } else {
        models.push(model);
        index.note(model, models.length - 1);
      }
    });
    return {
      ok: true,
      models: models.map((m) => (Object.prototype.hasOwnProperty.call(overrides, m.id) ? applyRuntimeOverride(m, overrides[m.id]!) : m)),
    };
  } catch (error) {
    if (error instanceof ComposeError) return { ok: false, error: error.message, path: error.path };
    throw error;
  }
}
