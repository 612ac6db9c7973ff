/**
 * Warnings for a models.json that pi accepts but that will not do what the user meant: routing
 * OpenRouter would reject or the detected pi would not send, duplicate ids, key references that
 * pi takes literally. They never change pi's verdict; models-file.ts attaches them to a valid
 * parse, and agent-state.ts adds the ones only the resolved models show (lintResolvedRouting).
 */
import type { FileProblem } from "../common/index.js";
import { KNOWN_ROUTING_KEYS, routingValidator, type RawModelsConfig } from "./models-schema.js";
import type { SourceLocator } from "./pi-json.js";
import type { PiRules } from "./pi-rules.js";

type LintRules = Pick<PiRules, "basis" | "configValues" | "routingNeedsOpenRouterBaseUrl">;

type Path = (string | number)[];

function lintRouting(routing: unknown, at: Path, warn: (message: string, path: Path, hint?: string) => void): void {
  if (routing === undefined) return;
  if (routing === null || typeof routing !== "object" || Array.isArray(routing)) {
    warn("openRouterRouting is not an object; pi passes it on and OpenRouter rejects the request.", at, 'Write it as an object, e.g. {"only": ["amazon-bedrock"]}.');
    return;
  }
  const r = routing as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!KNOWN_ROUTING_KEYS.includes(key)) {
      warn(`Unknown routing key "${key}": pi sends it as is and OpenRouter may reject the request.`, [...at, key], `Known keys: ${KNOWN_ROUTING_KEYS.join(", ")}.`);
    }
  }
  const listKeysGivenAsString = new Set<string>();
  for (const key of ["only", "order", "ignore", "quantizations"]) {
    if (typeof r[key] === "string") {
      listKeysGivenAsString.add(key);
      warn(`"${key}" is a string; OpenRouter expects a list.`, [...at, key], `Write "${key}": ["${r[key] as string}"].`);
    }
  }
  if (Array.isArray(r.only) && r.only.length === 0) {
    warn('"only" is empty: no provider is allowed, so OpenRouter cannot serve the model.', [...at, "only"], "Remove \"only\" or name at least one provider slug.");
  }
  if (Array.isArray(r.only) && Array.isArray(r.order) && r.only.length > 0) {
    const only = new Set(r.only.map(String));
    for (const slug of r.order) {
      if (!only.has(String(slug))) warn(`"order" lists "${String(slug)}", which "only" excludes: it is never tried.`, [...at, "order"], `Add "${String(slug)}" to "only" or drop it from "order".`);
    }
  }
  if (Array.isArray(r.only) && Array.isArray(r.ignore)) {
    const ignored = new Set(r.ignore.map(String));
    for (const slug of r.only) if (ignored.has(String(slug))) warn(`"${String(slug)}" is both in "only" and in "ignore".`, [...at, "ignore"], "Keep it in one of the two lists.");
  }
  // A value pi's loose compat union let through although the routing schema itself rejects it.
  if (!routingValidator.Check(r)) {
    const reported = new Set<string>(listKeysGivenAsString);
    for (const error of routingValidator.Errors(r)) {
      const { instancePath, message } = error as unknown as { instancePath: string; message: string };
      const key = instancePath.replace(/^\//, "").split("/")[0] ?? "";
      if (!key || reported.has(key)) continue;
      reported.add(key);
      warn(`Routing "${key}" ${message}; pi sends it anyway and OpenRouter may reject the request.`, [...at, key]);
    }
  }
}

/** How the detected pi reads a models.json apiKey written as an env var reference, and what to write instead. */
function apiKeyReferenceWarning(apiKey: string, rules: LintRules): { message: string; hint: string } | null {
  if (rules.configValues === "name-or-literal" && /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(apiKey)) {
    const bare = apiKey.replace(/^\$\{?|\}$/g, "");
    return { message: `apiKey "${apiKey}" is taken literally by pi ${rules.basis}, which resolves only bare env var names.`, hint: `Write "apiKey": "${bare}".` };
  }
  if (rules.configValues === "template" && ENV_LIKE_NAME.test(apiKey)) {
    return { message: `apiKey "${apiKey}" is sent as the key itself by pi ${rules.basis} (a bare name is literal since pi 0.79.4), so OpenRouter answers 401.`, hint: `Write "apiKey": "$${apiKey}" to read the environment variable.` };
  }
  return null;
}

/** What an all-caps env var name looks like; a real key never does. */
const ENV_LIKE_NAME = /^[A-Z][A-Z0-9]*_[A-Z0-9_]*$/;

export function lintModelsConfig(config: RawModelsConfig, locate: SourceLocator, rules: LintRules): FileProblem[] {
  const warnings: FileProblem[] = [];
  const warn = (message: string, path: Path, hint?: string) =>
    warnings.push({ message, path: path.join("."), ...(hint ? { hint } : {}), ...locate.at(path) });

  for (const [name, provider] of Object.entries(config.providers)) {
    const at: Path = ["providers", name];
    const providerRouting = provider.compat?.openRouterRouting;
    lintRouting(providerRouting, [...at, "compat", "openRouterRouting"], warn);
    const pointsAtOpenRouter = (url: string | undefined) => (url ?? "").includes("openrouter.ai");

    const keyWarning = provider.apiKey ? apiKeyReferenceWarning(provider.apiKey, rules) : null;
    if (keyWarning) warn(keyWarning.message, [...at, "apiKey"], keyWarning.hint);

    const seen = new Map<string, number>();
    (provider.models ?? []).forEach((model, index) => {
      const mAt: Path = [...at, "models", index];
      const first = seen.get(model.id);
      if (first !== undefined) {
        warn(`Model id "${model.id}" appears twice in provider ${name}: pi keeps only the last definition.`, mAt, `Remove one of the two (the other is models[${first}]).`);
      }
      seen.set(model.id, index);
      const routing = (model.compat as Record<string, unknown> | undefined)?.openRouterRouting;
      lintRouting(routing, [...mAt, "compat", "openRouterRouting"], warn);
      const hasRouting = routing !== undefined || providerRouting !== undefined;
      const baseUrl = model.baseUrl ?? provider.baseUrl;
      const api = model.api ?? provider.api;
      if (hasRouting && rules.routingNeedsOpenRouterBaseUrl && baseUrl !== undefined && !pointsAtOpenRouter(baseUrl)) {
        warn(`Model ${name}/${model.id} has OpenRouter routing, but its baseUrl does not contain openrouter.ai, so pi ${rules.basis} does not send it (pi 0.79.0 and later do).`, mAt, 'Use "baseUrl": "https://openrouter.ai/api/v1", or update pi.');
      } else if (hasRouting && api !== undefined && api !== "openai-completions") {
        warn(`Model ${name}/${model.id} has OpenRouter routing, but pi sends routing only with "api": "openai-completions" (this model uses "${api}").`, mAt, 'Use "api": "openai-completions".');
      }
    });
    for (const [id, override] of Object.entries(provider.modelOverrides ?? {})) {
      lintRouting(override.compat?.openRouterRouting, [...at, "modelOverrides", id, "compat", "openRouterRouting"], warn);
    }
  }
  return warnings;
}

/** What of a resolved model the routing lints read (ResolvedModel has it all). */
export interface LintedModel {
  provider: string;
  id: string;
  api: string;
  compat?: Record<string, unknown>;
  samplingParams?: Record<string, unknown>;
}

/**
 * Why pi sends none of a model's openRouterRouting, or something else in its place: "api" (only
 * openai-completions carries a `provider` object; OpenRouter's Anthropic models run on
 * anthropic-messages from pi 1.4), "base-url" (before pi 0.79 only a baseUrl on openrouter.ai gets
 * routing), "sampling-params" (a `provider` key in samplingParams replaces it, 0.84.0); null when
 * pi sends it, or there is none. Shared by the file lints below and model-problems.ts.
 */
export function routingLoss(model: LintedModel, sent: unknown): "api" | "base-url" | "sampling-params" | null {
  const routing = model.compat?.openRouterRouting;
  if (!routing) return null;
  if (sent === null && model.api !== "openai-completions") return "api";
  if (sent !== routing && model.samplingParams && "provider" in model.samplingParams) return "sampling-params";
  return sent === null ? "base-url" : null;
}

/**
 * Routing the user wrote that pi drops, seen on the models pi builds: OpenRouter's Anthropic
 * models run on anthropic-messages (pi 0.87+), which carries no `provider` object, and a
 * `provider` key in samplingParams replaces the routing (0.84.0). One warning per provider, naming
 * its models, at the provider's entry.
 */
export function lintResolvedRouting(models: LintedModel[], sentRouting: (model: LintedModel) => unknown, locate: SourceLocator | null): FileProblem[] {
  const dropped = new Map<string, string[]>();
  const replaced = new Map<string, string[]>();
  for (const model of models) {
    const loss = routingLoss(model, sentRouting(model));
    if (loss === "api") dropped.set(model.provider, [...(dropped.get(model.provider) ?? []), model.id]);
    else if (loss === "sampling-params") replaced.set(model.provider, [...(replaced.get(model.provider) ?? []), model.id]);
  }
  const list = (ids: string[]) => (ids.length > 3 ? `${ids.slice(0, 3).join(", ")} and ${ids.length - 3} more` : ids.join(", "));
  const at = (provider: string) => ({ path: `providers.${provider}`, ...(locate?.at(["providers", provider]) ?? { line: null, column: null }) });
  return [
    ...[...dropped].map(([provider, ids]) => ({
      message: `pi sends no routing for ${provider}'s ${list(ids)}: ${ids.length === 1 ? "it uses" : "they use"} the ${models.find((m) => m.provider === provider && m.id === ids[0])!.api} API, which has no provider object.`,
      hint: 'Route these through a virtual provider with "api": "openai-completions" and baseUrl https://openrouter.ai/api/v1.',
      ...at(provider),
    })),
    ...[...replaced].map(([provider, ids]) => ({
      message: `samplingParams of ${provider}'s ${list(ids)} set "provider", which replaces the openRouterRouting pi would send.`,
      hint: "Keep routing in one place: remove provider from samplingParams, or remove openRouterRouting.",
      ...at(provider),
    })),
  ];
}
