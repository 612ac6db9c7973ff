/**
 * models.json: pi's verdict on it, with errors a user can act on.
 *
 * The verdict mirrors pi 0.73 exactly: lenient parse, typebox schema, then the rules that make pi
 * throw and drop every custom model of the file (ModelRegistry.validateConfig). Where pi stops at
 * the first broken rule we list them all, in pi's order, so the first error is pi's. Warnings
 * (routing-lint.ts) never change the verdict.
 */
import type { FileProblem } from "../contract.js";
import { parseLenientJson, SourceLocator } from "./pi-json.js";
import { modelsConfigValidator, type RawModelsConfig } from "./models-schema.js";
import { lintModelsConfig } from "./routing-lint.js";

export interface ModelsFileCheck {
  valid: boolean;
  /** The parsed config when pi would use it (valid), else null. */
  config: RawModelsConfig | null;
  errors: FileProblem[];
  warnings: FileProblem[];
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

export function checkModelsText(text: string, builtInProviders: Set<string>): ModelsFileCheck {
  const parsed = parseLenientJson(text);
  if (!parsed.ok) return { valid: false, config: null, errors: [parsed.problem], warnings: [] };
  const locate = new SourceLocator(text);
  if (!modelsConfigValidator.Check(parsed.value)) {
    const errors = [...modelsConfigValidator.Errors(parsed.value)].map((e) => schemaProblem(e as unknown as SchemaError, locate));
    if (errors.length === 0) errors.push({ message: "Unknown schema error", line: null, column: null });
    for (const error of errors) error.hint ??= "pi ignores every custom model of this file until this is fixed.";
    return { valid: false, config: null, errors, warnings: [] };
  }
  const config = parsed.value as RawModelsConfig;
  const warnings = lintModelsConfig(config, locate);
  const errors = ruleProblems(config, builtInProviders, locate);
  return { valid: errors.length === 0, config: errors.length === 0 ? config : null, errors, warnings };
}
