/**
 * The list of models pi builds. pi 0.7x (ModelRegistry.loadModels): built-ins from pi's catalog
 * with provider-level baseUrl/compat and per-model overrides applied, then custom models merged in
 * by provider+id (a custom model replaces the built-in in place; a later duplicate replaces an
 * earlier one). pi 0.80+ composes provider by provider instead (provider-composer.ts). When
 * models.json is invalid, pi keeps the untouched built-ins only.
 *
 * pi looks duplicates up with a linear scan per model; we keep an index, same result in O(n).
 */
import type { BuiltInModel, PiOAuthProvider } from "./built-in-model.js";
import type { RawModelDef, RawModelOverride, RawModelsConfig } from "./models-schema.js";
import type { PiRules } from "./pi-rules.js";
import { composeProvider, customModelFrom, type Composition } from "./provider-composer.js";
import { mergeCompat } from "./routing.js";

export interface ResolvedModel extends BuiltInModel {
  origin: "built-in" | "custom" | "override";
}

function applyOverride(model: ResolvedModel, override: RawModelOverride): ResolvedModel {
  const result: ResolvedModel = { ...model, origin: "override" };
  if (override.name !== undefined) result.name = override.name;
  if (override.reasoning !== undefined) result.reasoning = override.reasoning;
  if (override.thinkingLevelMap !== undefined) result.thinkingLevelMap = { ...model.thinkingLevelMap, ...override.thinkingLevelMap };
  if (override.input !== undefined) result.input = override.input;
  if (override.contextWindow !== undefined) result.contextWindow = override.contextWindow;
  if (override.maxTokens !== undefined) result.maxTokens = override.maxTokens;
  if (override.cost) {
    result.cost = {
      input: override.cost.input ?? model.cost.input,
      output: override.cost.output ?? model.cost.output,
      cacheRead: override.cost.cacheRead ?? model.cost.cacheRead,
      cacheWrite: override.cost.cacheWrite ?? model.cost.cacheWrite,
    };
  }
  result.compat = mergeCompat(model.compat, override.compat);
  return result;
}

function builtInModels(catalog: Map<string, BuiltInModel[]>, config: RawModelsConfig | null): ResolvedModel[] {
  const out: ResolvedModel[] = [];
  for (const [provider, models] of catalog) {
    const providerConfig = config?.providers[provider];
    // pi records a provider-level override only when baseUrl or compat is set.
    const providerOverride = providerConfig && (providerConfig.baseUrl || providerConfig.compat) ? providerConfig : undefined;
    const overrides = providerConfig?.modelOverrides;
    for (const m of models) {
      let model: ResolvedModel = { ...m, origin: "built-in" };
      if (providerOverride) {
        model = {
          ...model,
          origin: "override",
          baseUrl: providerOverride.baseUrl ?? model.baseUrl,
          compat: mergeCompat(model.compat, providerOverride.compat),
        };
      }
      const override = overrides && Object.prototype.hasOwnProperty.call(overrides, m.id) ? overrides[m.id] : undefined;
      if (override) model = applyOverride(model, override);
      out.push(model);
    }
  }
  return out;
}

function customModel(provider: string, def: RawModelDef, config: RawModelsConfig, catalog: Map<string, BuiltInModel[]>): ResolvedModel | null {
  const providerConfig = config.providers[provider]!;
  const builtInFirst = catalog.get(provider)?.[0];
  const api = def.api ?? providerConfig.api ?? builtInFirst?.api;
  if (!api) return null;
  const baseUrl = def.baseUrl ?? providerConfig.baseUrl ?? builtInFirst?.baseUrl;
  if (!baseUrl) return null;
  return customModelFrom(provider, def, api, baseUrl, mergeCompat(providerConfig.compat, def.compat));
}

/**
 * Every model pi has, in pi's order. pi 0.7x: built-ins by catalog order, then new custom models;
 * pi 0.80+: provider by provider (provider-composer.ts), skipping the entries of `disabled`
 * providers, whose composition failed.
 */
/** `compositions`: pi 0.80+'s per-provider compositions the models.json check already made (models-file.ts), reused. */
export function buildModelList(catalog: Map<string, BuiltInModel[]>, config: RawModelsConfig | null, rules: Pick<PiRules, "errorsDisableOnlyTheirProvider">, compositions?: ReadonlyMap<string, Composition>): ResolvedModel[] {
  if (rules.errorsDisableOnlyTheirProvider) return composedModelList(catalog, config, compositions);
  const merged = builtInModels(catalog, config);
  if (!config) return merged;
  const index = new Map<string, number>();
  merged.forEach((m, i) => index.set(`${m.provider}\u0000${m.id}`, i));
  for (const [provider, providerConfig] of Object.entries(config.providers)) {
    for (const def of providerConfig.models ?? []) {
      const model = customModel(provider, def, config, catalog);
      if (!model) continue;
      const key = `${provider}\u0000${model.id}`;
      const existing = index.get(key);
      if (existing !== undefined) merged[existing] = model;
      else {
        index.set(key, merged.length);
        merged.push(model);
      }
    }
  }
  return merged;
}

/** ModelRuntime's providerIds order: built-in providers, then those only models.json defines. */
function composedModelList(catalog: Map<string, BuiltInModel[]>, config: RawModelsConfig | null, compositions: ReadonlyMap<string, Composition> | undefined): ResolvedModel[] {
  const out: ResolvedModel[] = [];
  const providers = [...catalog.keys(), ...Object.keys(config?.providers ?? {}).filter((p) => !catalog.has(p))];
  for (const provider of providers) {
    const builtIns = catalog.get(provider) ?? [];
    const entry = config?.providers[provider];
    const composed = entry ? (compositions?.get(provider) ?? composeProvider(provider, builtIns, entry)) : null;
    if (composed?.ok) out.push(...composed.models);
    else for (const m of builtIns) out.push({ ...m, origin: "built-in" });
  }
  return out;
}

/**
 * pi's last loadModels step: each OAuth provider with a login in auth.json may change the list
 * (github-copilot moves its models to the login's endpoint). Runs pi's own modifyModels; a model
 * it replaced is no longer pi's untouched built-in.
 */
export function applyOAuthModelChanges(models: ResolvedModel[], auth: Record<string, unknown>, oauthProviders: Map<string, PiOAuthProvider>): ResolvedModel[] {
  let result = models;
  for (const provider of oauthProviders.values()) {
    const credentials = auth[provider.id] as { type?: unknown } | undefined;
    if (credentials?.type !== "oauth" || !provider.modifyModels) continue;
    const before = new Set(result);
    let modified: ResolvedModel[];
    try {
      modified = provider.modifyModels(result, credentials);
    } catch {
      // pi's own hook throws on a malformed login (e.g. a non-string token); the list stays as it was.
      continue;
    }
    result = modified.map((m) => (before.has(m) || m.origin !== "built-in" ? m : { ...m, origin: "override" }));
  }
  return result;
}
