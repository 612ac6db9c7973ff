/**
 * OpenRouter routing as pi applies it: detection, the compat merge, the `provider` object pi puts
 * in the request body, and the badges that summarise it. Pure functions; used by model-registry.ts
 * (merge), agent-state.ts (badges), the tray menu and the test prompt (request body).
 */
import type { Badge, LevelRouting, RoutingObject, ThinkingLevel } from "../common/index.js";
import type { PiRules } from "./pi-rules.js";
import { clampThinkingLevel, supportedThinkingLevels } from "./start-model.js";

type Compat = Record<string, unknown> | undefined;

/** "OpenRouter" in pi's sense: the provider is `openrouter` or its baseUrl points at openrouter.ai. */
export function isOpenRouter(provider: string, baseUrl: string | undefined): boolean {
  return provider === "openrouter" || (baseUrl ?? "").includes("openrouter.ai");
}

/**
 * pi's mergeCompat (pi 0.73): a shallow merge where the override wins, except the two routing
 * objects, which are merged one level deeper key by key. Spreads exactly as pi spreads, odd inputs
 * included (a routing string spreads into indexed characters in pi too).
 */
export function mergeCompat(base: Compat, override: Compat): Compat {
  if (!override) return base;
  const merged: Record<string, unknown> = { ...base, ...override };
  for (const key of ["openRouterRouting", "vercelGatewayRouting"]) {
    if (base?.[key] || override[key]) {
      merged[key] = { ...(base?.[key] as object | undefined), ...(override[key] as object | undefined) };
    }
  }
  return merged;
}

/** The pi-ai APIs that merge samplingParams into the request body (1.6.0). */
const SAMPLING_APIS = new Set(["openai-completions", "openai-responses", "azure-openai-responses"]);

type ThinkingLevelParams = Partial<Record<ThinkingLevel, Record<string, unknown>>>;

/** What of a model decides the request body's routing; ResolvedModel has all of it. */
export interface RoutedModel {
  api: string;
  baseUrl: string;
  reasoning?: boolean;
  thinkingLevelMap?: Record<string, string | null> | undefined;
  compat?: Compat;
  samplingParams?: Record<string, unknown>;
  samplingParamsByThinkingLevel?: ThinkingLevelParams;
}

const thinking = (model: RoutedModel) => ({ reasoning: Boolean(model.reasoning), thinkingLevelMap: model.thinkingLevelMap });

/**
 * pi-ai's resolveSamplingParams (0.84.0; per thinking level since 1.0.2): model samplingParams,
 * then the active level's, merged over them key by key (a level's `provider` replaces the model's
 * whole). pi first clamps the level to what the model supports (clampThinkingLevel: a model that
 * cannot think runs at "off"; `xhigh` on a model without it uses `high`'s entry).
 */
export function samplingParamsFor(model: RoutedModel, level: ThinkingLevel, rules: Pick<PiRules, "samplingParams" | "samplingParamsByThinkingLevel" | "thinkingLevels">): Record<string, unknown> | null {
  if (!rules.samplingParams) return null;
  const effective = clampThinkingLevel(thinking(model), level, rules.thinkingLevels);
  const byLevel = rules.samplingParamsByThinkingLevel ? model.samplingParamsByThinkingLevel?.[effective] : undefined;
  return model.samplingParams || byLevel ? { ...model.samplingParams, ...byLevel } : null;
}

/**
 * The `provider` field of the body pi sends (pi-ai openai-completions buildParams): only for the
 * openai-completions API (so never for OpenRouter's Anthropic models on anthropic-messages, 1.4.0);
 * before 0.78.1 only when the baseUrl contains openrouter.ai. The merged openRouterRouting goes in
 * verbatim, even when empty; samplingParams are merged into the body after it (Object.assign), so a
 * `provider` key there, or in the thinking level's samplingParamsByThinkingLevel entry (1.0.2),
 * replaces the routing whole: nothing of openRouterRouting is merged into it (0.84.0). `level`: the
 * thinking level of the request; "off" is what pi sends with thinking off (and what the verdict asks).
 */
export function requestRouting(model: RoutedModel, rules: PiRules, level: ThinkingLevel = "off"): RoutingObject | null {
  const sampling = SAMPLING_APIS.has(model.api) ? samplingParamsFor(model, level, rules) : null;
  if (sampling && Object.prototype.hasOwnProperty.call(sampling, "provider")) return sampling.provider as RoutingObject;
  if (model.api !== "openai-completions") return null;
  if (rules.routingNeedsOpenRouterBaseUrl && !model.baseUrl.includes("openrouter.ai")) return null;
  const routing = model.compat?.openRouterRouting;
  return routing ? (routing as RoutingObject) : null;
}

/**
 * The routing pi sends at each thinking level the model supports where it differs from what it
 * sends with thinking off: levels whose samplingParamsByThinkingLevel entry (pi 1.0.2) carries its
 * own `provider`, or lacks the one `off` has. Levels the model does not support are left out: pi
 * clamps them to a supported one, listed here if it differs. Empty when every level sends the same.
 */
export function levelRoutings(model: RoutedModel, rules: PiRules): LevelRouting[] {
  if (!rules.samplingParams || !rules.samplingParamsByThinkingLevel || !model.samplingParamsByThinkingLevel) return [];
  const atOff = JSON.stringify(requestRouting(model, rules, "off"));
  const levels = supportedThinkingLevels(thinking(model), rules.thinkingLevels);
  return levels.flatMap((level) => {
    const routing = requestRouting(model, rules, level);
    // Compared verbatim, key order too: the row and the test prompt show what pi puts in the body.
    return JSON.stringify(routing) === atOff ? [] : [{ level, routing, badges: routingBadges(routing) }];
  });
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];

function price(value: unknown): string {
  const n = typeof value === "string" ? Number(value) : (value as number);
  return Number.isFinite(n) ? `$${n}` : String(value);
}

function cutoff(value: unknown, unit: string): string {
  if (typeof value === "number") return `${value}${unit}`;
  if (value && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([p, v]) => `${p} ${v}${unit}`)
      .join(", ");
  }
  return String(value);
}

/** Short, ordered badges for a routing object: pins first, then the other constraints. */
export function routingBadges(routing: RoutingObject | null): Badge[] {
  if (!routing) return [];
  const badges: Badge[] = [];
  const only = strings(routing.only);
  const order = strings(routing.order);
  const noFallbacks = routing.allow_fallbacks === false;
  for (const slug of only) badges.push({ kind: "pin", label: slug, title: `Only ${slug} may serve this model (only).` });
  if (only.length === 0 && noFallbacks) {
    for (const slug of order) badges.push({ kind: "pin", label: slug, title: `Pinned to ${slug}: order with fallbacks off.` });
  } else if (order.length > 0) {
    badges.push({ kind: "order", label: `order: ${order.join(" › ")}`, title: `Tried in this order: ${order.join(", ")}.` });
  }
  if (noFallbacks) badges.push({ kind: "fallbacks", label: "no fallbacks", title: "allow_fallbacks: false: no provider outside the list is tried." });
  for (const slug of strings(routing.ignore)) badges.push({ kind: "ignore", label: `−${slug}`, title: `${slug} is never used (ignore).` });
  for (const q of strings(routing.quantizations)) badges.push({ kind: "quantization", label: q, title: `Only endpoints quantized as ${q}.` });
  if (routing.zdr === true) badges.push({ kind: "privacy", label: "zdr", title: "Only zero-data-retention endpoints." });
  if (routing.data_collection === "deny") badges.push({ kind: "privacy", label: "no data collection", title: "Only providers that do not store or train on prompts." });
  if (routing.enforce_distillable_text === true) badges.push({ kind: "privacy", label: "distillable", title: "Only models whose output may be used for distillation." });
  if (routing.require_parameters === true) badges.push({ kind: "parameters", label: "all params", title: "Only providers that support every parameter of the request." });
  if (routing.max_price && typeof routing.max_price === "object") {
    const parts = Object.entries(routing.max_price as Record<string, unknown>).map(([k, v]) => `${k} ≤ ${price(v)}`);
    if (parts.length) badges.push({ kind: "price", label: `max ${parts.join(", ")}`, title: "Maximum price per million tokens (prompt, completion) or per unit." });
  }
  if (routing.sort !== undefined) {
    const by = typeof routing.sort === "string" ? routing.sort : String((routing.sort as { by?: unknown }).by ?? "");
    badges.push({ kind: "sort", label: `sort: ${by}`, title: `Endpoints sorted by ${by} instead of OpenRouter's load balancing.` });
  }
  if (routing.preferred_min_throughput !== undefined) badges.push({ kind: "performance", label: `≥ ${cutoff(routing.preferred_min_throughput, " tok/s")}`, title: "Preferred minimum throughput." });
  if (routing.preferred_max_latency !== undefined) badges.push({ kind: "performance", label: `≤ ${cutoff(routing.preferred_max_latency, " s")}`, title: "Preferred maximum latency." });
  return badges;
}
