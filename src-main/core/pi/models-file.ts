/**
 * models.json: pi's verdict on it, with errors a user can act on.
 *
 * The verdict mirrors the detected pi: lenient parse, the schema (the installed pi's own where it
 * ships one), then the rules. pi 0.7x throws at the first broken rule and drops every custom model
 * of the file (ModelRegistry.validateConfig): we list them all, in pi's order, so the first error
 * is pi's. pi 0.80+ composes provider by provider and disables only the broken ones. Warnings
 * (routing-lint.ts) never change the verdict.
 */
import type { FileProblem } from "../common/index.js";
import { parseLenientJson, SourceLocator } from "./pi-json.js";
import { mirroredModelsValidator, type ModelsValidator, type RawModelsConfig } from "./models-schema.js";
import type { BuiltInModel } from "./built-in-model.js";
import type { PiRules } from "./pi-rules.js";
import { composeProvider, type Composition } from "./provider-composer.js";
import { lintModelsConfig } from "./routing-lint.js";

export interface ModelsFileCheck {
  valid: boolean;
  /** The parsed config when pi would use it (valid), else null. */
  config: RawModelsConfig | null;
  errors: FileProblem[];
  warnings: FileProblem[];
  /** pi 0.80+: providers whose entry pi ignores because of an error in it (the rest still counts). */
  disabledProviders: Set<string>;
  /** pi 0.80+: each provider entry as pi composes it, so the model list (model-registry.ts) does not compose it again. */
  compositions?: Map<string, Composition>;
}

function pointerToPath(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .replace(/^\//, "")
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function toSegments(path: string[]): (string | number)[] {
  return path.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  message: string;
  params: { requiredProperties?: string[] };
}

function schemaProblem(error: SchemaError, locate: SourceLocator): FileProblem {
  const path = pointerToPath(error.instancePath);
  const missing = error.keyword === "required" ? error.params.requiredProperties?.[0] : undefined;
  const dotted = [...path, ...(missing ? [missing] : [])].join(".") || "root";
  return { message: `${dotted}: ${error.message}`, path: dotted, ...locate.at(toSegments(path)) };
}

/** pi's validateConfig, collecting every violation instead of throwing at the first. */
function ruleProblems(config: RawModelsConfig, builtInProviders: Set<string>, locate: SourceLocator): FileProblem[] {
  const problems: FileProblem[] = [];
  const add = (message: string, path: (string | number)[], hint: string) =>
    problems.push({ message, path: path.join("."), hint, ...locate.at(path) });
  for (const [providerName, provider] of Object.entries(config.providers)) {
    const isBuiltIn = builtInProviders.has(providerName);
    const models = provider.models ?? [];
    const hasOverrides = provider.modelOverrides !== undefined && Object.keys(provider.modelOverrides).length > 0;
    const at = ["providers", providerName];
    if (models.length === 0) {
      if (!provider.baseUrl && !provider.headers && !provider.compat && !hasOverrides) {
        add(`Provider ${providerName}: must specify "baseUrl", "headers", "compat", "modelOverrides", or "models".`, at, "Add models, or remove the empty provider.");
      }
      continue;
    }
    if (!isBuiltIn) {
      if (!provider.baseUrl) add(`Provider ${providerName}: "baseUrl" is required when defining custom models.`, at, 'For OpenRouter use "baseUrl": "https://openrouter.ai/api/v1".');
      if (!provider.apiKey) add(`Provider ${providerName}: "apiKey" is required when defining custom models.`, at, 'For OpenRouter use "apiKey": "OPENROUTER_API_KEY" (an env var name), or connect the key with Pi Switchboard.');
    }
    models.forEach((model, index) => {
      const mAt = [...at, "models", index];
      if (!provider.api && !model.api && !isBuiltIn) {
        add(`Provider ${providerName}, model ${model.id}: no "api" specified. Set at provider or model level.`, mAt, 'For OpenRouter use "api": "openai-completions".');
      }
      if (model.contextWindow !== undefined && model.contextWindow <= 0) add(`Provider ${providerName}, model ${model.id}: invalid contextWindow`, [...mAt, "contextWindow"], "contextWindow must be a positive number of tokens.");
      if (model.maxTokens !== undefined && model.maxTokens <= 0) add(`Provider ${providerName}, model ${model.id}: invalid maxTokens`, [...mAt, "maxTokens"], "maxTokens must be a positive number of tokens.");
    });
  }
  return problems;
}

/** pi 0.80+: each provider composes on its own; a failure disables that provider only. */
function compositionProblems(config: RawModelsConfig, builtIns: Map<string, BuiltInModel[]>, locate: SourceLocator): { problems: FileProblem[]; disabled: Set<string>; compositions: Map<string, Composition> } {
  const problems: FileProblem[] = [];
  const disabled = new Set<string>();
  const compositions = new Map<string, Composition>();
  for (const [name, provider] of Object.entries(config.providers)) {
    const composed = composeProvider(name, builtIns.get(name) ?? [], provider);
    compositions.set(name, composed);
    if (composed.ok) continue;
    disabled.add(name);
    const fallback = builtIns.has(name) ? `pi keeps ${name}'s built-in models as they ship and ignores this entry` : `pi has no ${name} provider`;
    problems.push({ message: composed.error, path: composed.path.join("."), hint: `${fallback} until this is fixed; the rest of the file still counts.`, ...locate.at(composed.path) });
  }
  return { problems, disabled, compositions };
}

/**
 * pi's verdict on models.json under the detected pi's rules. `builtIns` is pi's catalog (providers
 * and their models); `validator` the installed pi's own schema where it ships one.
 */
export function checkModelsText(text: string, builtIns: Map<string, BuiltInModel[]>, rules: Pick<PiRules, "errorsDisableOnlyTheirProvider" | "modelsJsonBom" | "basis" | "configValues" | "routingNeedsOpenRouterBaseUrl">, validator: ModelsValidator = mirroredModelsValidator(), locate = new SourceLocator(text)): ModelsFileCheck {
  const parsed = parseLenientJson(text, { skipBom: rules.modelsJsonBom });
  if (!parsed.ok) return { valid: false, config: null, errors: [parsed.problem], warnings: [], disabledProviders: new Set() };
  if (!validator.Check(parsed.value)) {
    const errors = [...validator.Errors(parsed.value)].map((e) => schemaProblem(e as unknown as SchemaError, locate));
    if (errors.length === 0) errors.push({ message: "Unknown schema error", line: null, column: null });
    for (const error of errors) error.hint ??= "pi ignores every custom model of this file until this is fixed.";
    return { valid: false, config: null, errors, warnings: [], disabledProviders: new Set() };
  }
  const config = parsed.value as RawModelsConfig;
  const warnings = lintModelsConfig(config, locate, rules);
  if (rules.errorsDisableOnlyTheirProvider) {
    const { problems, disabled, compositions } = compositionProblems(config, builtIns, locate);
    return { valid: problems.length === 0, config, errors: problems, warnings, disabledProviders: disabled, compositions };
  }
  const errors = ruleProblems(config, new Set(builtIns.keys()), locate);
  return { valid: errors.length === 0, config: errors.length === 0 ? config : null, errors, warnings, disabledProviders: new Set() };
}
