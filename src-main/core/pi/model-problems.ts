/**
 * One list of problems per model: what will make the user's pi fail on it, or not do what its
 * files say, under the detected pi's rules. Computed with the snapshot (agent-state.ts) so every
 * place the user acts on a model — the Models row, the quick switcher, "Make default", the tray,
 * Config health, `models --json` — says the same sentence. Pure: file data, key sources and the
 * environment in, problems out. Reuses the lints that already know each rule (key-name-as-text.ts,
 * routing-lint.ts routingLoss, config-value.ts, common/key-leaks.ts) instead of restating them.
 */
import type { Command, CustomModelFields, KeyLeak, KeySource, ModelProblem } from "../common/index.js";
import { resolvePlainValue, templateEnvNames } from "./config-value.js";
import { keyNameAsText, type KeyNameAsText } from "./key-name-as-text.js";
import type { AuthData } from "./key-source.js";
import type { ResolvedModel } from "./model-registry.js";
import type { RawModelsConfig } from "./models-schema.js";
import type { PiRules } from "./pi-rules.js";
import { routingLoss } from "./routing-lint.js";
import { isOpenRouter } from "./routing.js";

export interface ModelProblemContext {
  rules: PiRules;
  env: NodeJS.ProcessEnv;
  /** models.json as pi uses it (without the providers it disabled), or null. */
  config: RawModelsConfig | null;
  /** auth.json as pi reads it. */
  auth: AuthData;
  /** Why pi has no model at all (Snapshot.noModel), and the file to fix; null when it has. */
  noModel: { file: "auth.json" | "settings.json"; message: string } | null;
  keySourceOf(provider: string): KeySource;
  isAvailable(provider: string): boolean;
  keyLeaks: readonly KeyLeak[];
}

/**
 * The problems of one model, errors first. `sent`: the `provider` object pi puts in the request
 * (routing.ts requestRouting); `isDefault`: settings.json names it, so a missing key matters even
 * on a provider the user never set up.
 */
export function modelProblems(model: ResolvedModel, sent: unknown, isDefault: boolean, ctx: ModelProblemContext): ModelProblem[] {
  const problems = [...keyProblems(model, isDefault, ctx), ...headerProblems(model, ctx), ...routingProblems(model, sent, ctx)];
  return problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
}

/** The key pi would send, as text, when it is written in pi's files as a literal (never shown: only tested for being a variable's name). */
function literalKeyText(provider: string, source: KeySource, ctx: ModelProblemContext): string | undefined {
  let raw: unknown;
  if (source.origin === "models.json") raw = ctx.config?.providers[provider]?.apiKey;
  else if (source.origin === "auth.json") raw = (ctx.auth[provider] as { key?: unknown } | undefined)?.key;
  return typeof raw === "string" ? resolvePlainValue(raw, ctx.env, ctx.rules) : undefined;
}

/** Per snapshot (its context) and provider: the finding is the provider's, and 10,000 models of one provider asked for it 10,000 times. */
const literalKeyFindings = new WeakMap<ModelProblemContext, Map<string, KeyNameAsText | null>>();

function literalKeyFinding(provider: string, source: KeySource, ctx: ModelProblemContext): KeyNameAsText | null {
  let byProvider = literalKeyFindings.get(ctx);
  if (!byProvider) literalKeyFindings.set(ctx, (byProvider = new Map()));
  let found = byProvider.get(provider);
  if (found === undefined) {
    const text = literalKeyText(provider, source, ctx);
    found = text === undefined ? null : keyNameAsText(text, source, provider, ctx.rules);
    byProvider.set(provider, found);
  }
  return found;
}

/** A provider the user set up (models.json, auth.json) or a model they chose or defined: there a missing key is a problem, not just an unused provider. */
function userWantsKey(model: ResolvedModel, isDefault: boolean, ctx: ModelProblemContext): boolean {
  return isDefault || model.origin !== "built-in" || ctx.config?.providers[model.provider] !== undefined || Object.hasOwn(ctx.auth, model.provider);
}

function keyProblems(model: ResolvedModel, isDefault: boolean, ctx: ModelProblemContext): ModelProblem[] {
  const provider = model.provider;
  const source = ctx.keySourceOf(provider);
  const out: ModelProblem[] = [];
  const leak = ctx.keyLeaks.find((l) => l.provider === provider);
  if (leak) {
    out.push({
      code: "key-leak",
      severity: "error",
      message: `${provider} reads the vault's OpenRouter key, but sends its requests to ${leak.host}: pi would send the key there.`,
      hint: `Remove the key command from ${provider} (Key → Remove the key command), or point its baseUrl back at https://openrouter.ai/api/v1.`,
    });
  }
  if (ctx.noModel !== null) {
    const { file, message } = ctx.noModel;
    if (userWantsKey(model, isDefault, ctx)) out.push({ code: file === "auth.json" ? "no-key" : "pi-stops", severity: "error", message, hint: `Fix ${file} (Config health shows where); pi reads it again when it next starts.` });
    return out;
  }
  if (source.form === "literal") {
    const found = literalKeyFinding(provider, source, ctx);
    if (found) {
      const fix = found.rewriteTo && source.origin === "models.json" ? keyRewriteFix(provider, found.rewriteTo) : undefined;
      out.push({ code: "key-is-variable-name", severity: "error", message: `${found.message} Every request fails with 401.`, hint: found.hint, ...(fix ? { fix } : {}) });
    }
    return out;
  }
  if (source.resolves !== false || !userWantsKey(model, isDefault, ctx)) return out;
  out.push({ code: "no-key", severity: "error", message: noKeyMessage(provider, source, ctx), hint: "Store a key under Key (OpenRouter) or set the variable in the environment pi runs in; pi sees it when it next starts." });
  return out;
}

function noKeyMessage(provider: string, source: KeySource, ctx: ModelProblemContext): string {
  const unavailable = ctx.isAvailable(provider) ? "its requests have no key" : "this model is not available in pi (not in /model, not in the scope)";
  switch (source.form) {
    case "env":
      return `pi reads the ${provider} key from ${source.origin === "environment" ? "" : `${source.origin}'s `}$${source.label}, which is not set: ${unavailable}.`;
    case "oauth":
      return `auth.json holds a login for ${provider} that pi ${ctx.rules.basis} cannot use: ${unavailable}.`;
    default:
      return source.origin === "auth.json" ? `The auth.json entry for ${provider} has no key: ${unavailable}.` : `pi has no key for ${provider}: ${unavailable}.`;
  }
}

function keyRewriteFix(provider: string, apiKey: string): ModelProblem["fix"] {
  return { label: `Write "${apiKey}" as the key`, command: { type: "upsertProvider", provider, fields: { apiKey } } };
}

/**
 * Header values pi resolves like keys, under the detected pi's rules: from 0.77 one that reads an
 * unset variable makes pi fail before sending (resolveHeadersOrThrow; the provider stays available),
 * while 0.73 sends the text as it is (nothing to flag). Real pis on the wire: model-problems-wire.test.ts.
 */
function headerProblems(model: ResolvedModel, ctx: ModelProblemContext): ModelProblem[] {
  const entry = ctx.config?.providers[model.provider];
  if (!entry) return [];
  // pi 1.6 rawModelHeaders: the override's headers, then the model definition's, over the provider's.
  const definition = entry.models?.find((m) => m.id === model.id);
  const places: [string, Record<string, string> | undefined][] = [
    [`provider ${model.provider}`, entry.headers],
    [`model ${model.id}`, { ...entry.modelOverrides?.[model.id]?.headers, ...definition?.headers }],
  ];
  const out: ModelProblem[] = [];
  for (const [where, headers] of places) {
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (value.startsWith("!") || resolvePlainValue(value, ctx.env, ctx.rules) !== undefined) continue;
      const unset = templateEnvNames(value).filter((v) => !ctx.env[v]);
      out.push({
        code: "header-unset",
        severity: "error",
        message: `The ${where} header "${name}" reads ${unset.map((v) => `$${v}`).join(", ")}, which ${unset.length === 1 ? "is" : "are"} not set: pi cannot build the header and fails before sending.`,
        hint: `Set ${unset.join(", ")} in the environment pi runs in, or change the header in models.json.`,
      });
    }
  }
  return out;
}

function routingProblems(model: ResolvedModel, sent: unknown, ctx: ModelProblemContext): ModelProblem[] {
  return [...modelRoutingProblems(model, sent, ctx), ...ignoredLevelRouting(model, ctx)];
}

/**
 * Routing written per thinking level (samplingParamsByThinkingLevel.<level>.provider) that the
 * detected pi does not read: before 1.0.2 pi has no per-level params and sends the model's routing
 * at every level, so the file says something pi does not do.
 */
function ignoredLevelRouting(model: ResolvedModel, ctx: ModelProblemContext): ModelProblem[] {
  if (ctx.rules.samplingParams && ctx.rules.samplingParamsByThinkingLevel) return [];
  const levels = Object.entries(model.samplingParamsByThinkingLevel ?? {}).flatMap(([level, params]) => (params && Object.hasOwn(params, "provider") ? [level] : []));
  if (levels.length === 0) return [];
  return [
    {
      code: "routing-not-sent",
      severity: "warning",
      message: `pi ${ctx.rules.version ?? ctx.rules.basis} ignores per-level routing (samplingParamsByThinkingLevel, pi 1.0.2 and later): the routing written for ${levels.join(", ")} is not sent; pi sends this model's routing at every level.`,
      hint: "Update pi to 1.0.2 or later, or move the routing to the model level (its OpenRouter routing).",
    },
  ];
}

function modelRoutingProblems(model: ResolvedModel, sent: unknown, ctx: ModelProblemContext): ModelProblem[] {
  const loss = routingLoss(model, sent);
  if (loss === null) return [];
  if (loss === "api") {
    const fix = openAiCompletionsFix(model, ctx.config, ctx.rules);
    return [
      {
        code: "routing-not-sent",
        severity: "warning",
        message: `pi sends no routing for the ${model.api} API: this model's OpenRouter routing is ignored and OpenRouter picks the provider.`,
        hint: fix ? "Switch the model to openai-completions, which pi sends routing with." : 'Route it through a provider with "api": "openai-completions" and baseUrl https://openrouter.ai/api/v1.',
        ...(fix ? { fix } : {}),
      },
    ];
  }
  if (loss === "base-url") {
    return [{ code: "routing-not-sent", severity: "warning", message: `pi ${ctx.rules.basis} sends routing only when the baseUrl contains openrouter.ai (pi 0.79.0 and later always do): this model's routing is ignored.`, hint: "Use the baseUrl https://openrouter.ai/api/v1, or update pi." }];
  }
  return [{ code: "routing-not-sent", severity: "warning", message: 'This model\'s samplingParams set "provider", which replaces the OpenRouter routing pi would send.', hint: "Keep routing in one place: remove provider from samplingParams, or remove openRouterRouting." }];
}

/**
 * The one-click fix for routing pi drops on an OpenRouter model: run it on openai-completions,
 * which carries the `provider` object (pi 1.6.0 sends it to /chat/completions). A model the user
 * defined gets `"api": "openai-completions"`; a built-in one (OpenRouter's Claude models) gets a
 * models.json definition of the same id that keeps its name, limits and prices — pi 0.80.8+
 * composes it over the built-in in place and still applies the model's overrides (its routing)
 * to it; older pi would drop those overrides, so it gets no fix there. Null where no such edit
 * applies (not OpenRouter, the provider not in models.json). Also used by the routing editor.
 */
export function openAiCompletionsFix(model: ResolvedModel, config: RawModelsConfig | null, rules: Pick<PiRules, "errorsDisableOnlyTheirProvider">): ModelProblem["fix"] | undefined {
  if (model.api === "openai-completions" || !isOpenRouter(model.provider, model.baseUrl) || !config?.providers[model.provider]) return undefined;
  const label = "Switch to openai-completions, which pi routes";
  // OpenRouter's Anthropic API sits at /api (the SDK adds /v1/messages), its chat completions at /api/v1.
  const trimmed = model.baseUrl.replace(/\/+$/, "");
  const baseUrl = trimmed.endsWith("/api") ? { baseUrl: `${trimmed}/v1` } : {};
  if (model.origin === "custom") return { label, command: { type: "upsertModel", provider: model.provider, model: { id: model.id, api: "openai-completions", ...baseUrl } } };
  if (!rules.errorsDisableOnlyTheirProvider) return undefined;
  const { input, output, cacheRead, cacheWrite } = model.cost;
  const fields: CustomModelFields = {
    id: model.id,
    name: model.name,
    api: "openai-completions",
    ...baseUrl,
    reasoning: model.reasoning,
    contextWindow: model.contextWindow,
    maxTokens: model.maxTokens,
    input: model.input.filter((i): i is "text" | "image" => i === "text" || i === "image"),
    cost: { input, output, cacheRead, cacheWrite },
  };
  const command: Command = { type: "upsertModel", provider: model.provider, model: fields };
  return { label, command };
}
