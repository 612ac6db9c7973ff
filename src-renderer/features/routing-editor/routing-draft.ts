/**
 * The routing editor's model, as pure functions: the fields pi 0.73 accepts in
 * compat.openRouterRouting, pinning in one click (only + order + allow_fallbacks: false, as the
 * routing's original author advises: `only` alone still lets OpenRouter fall back inside the
 * list, `order` alone lets it leave the list), tidying a draft before it is written, and the
 * exact `provider` object pi will send (pi merges provider- and model-level routing shallowly,
 * per key, model keys winning).
 */
import type { ModelEntry, ProviderEntry, RoutingObject, RoutingTarget, Snapshot, ThinkingLevel } from "../../../src-main/core/common/index.js";
import { visibleText } from "../../../src-main/core/common/visible-text";

export const QUANTIZATIONS = ["int4", "int8", "fp4", "fp6", "fp8", "fp16", "bf16", "fp32", "unknown"] as const;
export const SORTS = ["price", "throughput", "latency"] as const;
export const PRICE_KEYS = ["prompt", "completion", "image", "audio", "request"] as const;
export const PERCENTILES = ["p50", "p75", "p90", "p99"] as const;
/** The booleans OpenRouter takes, with its default for each (absent is not false: it is this default). */
export const BOOLEAN_FIELDS = {
  allow_fallbacks: { label: "Allow fallbacks", defaultValue: true, on: "Other providers may serve when the listed ones fail.", off: "Never use a provider outside only/order: requests fail instead." },
  require_parameters: { label: "Require parameters", defaultValue: false, on: "Only providers that support every parameter of the request.", off: "Providers may ignore parameters they do not support." },
  zdr: { label: "Zero data retention", defaultValue: false, on: "Only endpoints that do not retain prompts.", off: "Any endpoint, whatever it retains." },
  enforce_distillable_text: { label: "Distillable text only", defaultValue: false, on: "Only models whose output may be used for distillation.", off: "Any model." },
} as const;
export type BooleanField = keyof typeof BOOLEAN_FIELDS;

export const SLUG_FIELDS = ["only", "order", "ignore"] as const;
export type SlugField = (typeof SLUG_FIELDS)[number];

export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);

/**
 * Adds a slug to only/order/ignore, or takes it out again when it is there. A provider cannot be
 * both used and ignored: adding to ignore drops it from only and order, and the other way round.
 */
export function toggleSlug(draft: RoutingObject, field: SlugField, slug: string): RoutingObject {
  const list = strings(draft[field]);
  if (list.includes(slug)) return setField(draft, field, list.filter((s) => s !== slug));
  let next = setField(draft, field, [...list, slug]);
  const others: SlugField[] = field === "ignore" ? ["only", "order"] : ["ignore"];
  for (const other of others) if (strings(next[other]).includes(slug)) next = setField(next, other, strings(next[other]).filter((s) => s !== slug));
  return next;
}

/** Replaces a slug in place (a did-you-mean fix keeps its position in `order`). */
export function replaceSlug(draft: RoutingObject, field: SlugField, from: string, to: string): RoutingObject {
  const list = strings(draft[field]);
  const next = list.includes(to) ? list.filter((s) => s !== from) : list.map((s) => (s === from ? to : s));
  return setField(draft, field, next);
}

/** One line for people: what a routing object does ("only amazon-bedrock · no fallbacks · sort price"). */
export function routingSummary(routing: RoutingObject | null): string {
  if (!routing || Object.keys(routing).length === 0) return "no routing";
  const parts: string[] = [];
  for (const f of SLUG_FIELDS) if (strings(routing[f]).length) parts.push(`${f} ${strings(routing[f]).map(visibleText).join(", ")}`);
  if (routing.allow_fallbacks === false) parts.push("no fallbacks");
  if (routing.zdr === true) parts.push("ZDR");
  if (routing.data_collection === "deny") parts.push("no data collection");
  if (routing.require_parameters === true) parts.push("require parameters");
  const sort = routing.sort;
  if (typeof sort === "string") parts.push(`sort ${sort}`);
  else if (sort && typeof sort === "object" && typeof (sort as { by?: unknown }).by === "string") parts.push(`sort ${(sort as { by: string }).by}`);
  if (strings(routing.quantizations).length) parts.push(strings(routing.quantizations).join("/"));
  if (routing.max_price && typeof routing.max_price === "object") parts.push("price cap");
  const known = new Set<string>([...SLUG_FIELDS, "allow_fallbacks", "zdr", "data_collection", "require_parameters", "sort", "quantizations", "max_price"]);
  const rest = Object.keys(routing).filter((k) => !known.has(k));
  if (rest.length) parts.push(rest.join(", "));
  return parts.join(" · ") || Object.keys(routing).join(", ");
}

export function pinTo(draft: RoutingObject, slug: string): RoutingObject {
  return { ...draft, only: [slug], order: [slug], allow_fallbacks: false };
}

export function isPinnedTo(draft: RoutingObject, slug: string): boolean {
  const one = (v: unknown) => Array.isArray(v) && v.length === 1 && v[0] === slug;
  return one(draft.only) && one(draft.order) && draft.allow_fallbacks === false;
}

function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.values(v as object).every(isEmptyValue);
  return typeof v === "number" && Number.isNaN(v);
}

/** Drops unset fields and empty lists/objects; null when nothing is left (the key is removed). */
export function tidyRouting(draft: RoutingObject): RoutingObject | null {
  const out: RoutingObject = {};
  for (const [key, value] of Object.entries(draft)) {
    if (isEmptyValue(value)) continue;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => !isEmptyValue(v)));
    } else out[key] = value;
  }
  return Object.keys(out).length ? out : null;
}

export function setField(draft: RoutingObject, key: string, value: unknown): RoutingObject {
  const next = { ...draft };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** How a target is shown (names from pi's files, invisible and bidi characters written out); display only. */
export function targetLabel(t: RoutingTarget): string {
  const provider = visibleText(t.provider);
  if (t.level === "provider") return `${provider} (every model of the provider)`;
  return `${provider}/${visibleText(t.id)}${t.level === "override" ? " (override of a built-in model)" : ""}${t.thinkingLevel ? ` at thinking ${t.thinkingLevel}` : ""}`;
}

/** The model's routing for every level, the target without its thinking level. */
export function withoutLevel(t: RoutingTarget): RoutingTarget {
  if (t.level === "provider" || !t.thinkingLevel) return t;
  const { thinkingLevel: _level, ...rest } = t;
  return rest;
}

/**
 * The thinking levels whose routing the editor offers for a model target (pi 1.0.2's
 * samplingParamsByThinkingLevel): pi's levels for a model that thinks, `off` alone for one that
 * does not (pi clamps every level to off there); none where this pi has no per-level routing or
 * for a provider target (samplingParams live on models only).
 */
export function editableLevels(snapshot: Snapshot, t: RoutingTarget): ThinkingLevel[] {
  const model = modelOf(snapshot, t);
  if (!snapshot.pi.levelRouting || !model) return [];
  return model.reasoning ? snapshot.pi.thinkingLevels : ["off"];
}

export function sameTarget(a: RoutingTarget, b: RoutingTarget): boolean {
  return a.level === b.level && a.provider === b.provider && ("id" in a ? a.id : "") === ("id" in b ? b.id : "");
}

/** Every place routing can be written for OpenRouter models the user has. */
export function routingTargets(snapshot: Snapshot): RoutingTarget[] {
  const out: RoutingTarget[] = [];
  for (const p of snapshot.providers.filter((x) => x.openRouter)) {
    out.push({ level: "provider", provider: p.name });
    p.customModelIds.forEach((id) => out.push({ level: "model", provider: p.name, id }));
    p.overrideIds.forEach((id) => out.push({ level: "override", provider: p.name, id }));
  }
  return out;
}

export function providerOf(snapshot: Snapshot, name: string): ProviderEntry | undefined {
  return snapshot.providers.find((p) => p.name === name);
}

export function modelOf(snapshot: Snapshot, t: RoutingTarget): ModelEntry | undefined {
  return t.level === "provider" ? undefined : snapshot.models.find((m) => m.provider === t.provider && m.id === t.id);
}

/**
 * The `provider` object pi sends for a model-level draft: provider-level keys, then the draft's
 * keys on top (pi 0.73 mergeCompat). For a provider-level draft, models without routing of their
 * own send the draft as is. null when pi sends no `provider` field at all.
 */
export function requestObject(snapshot: Snapshot, target: RoutingTarget, draft: RoutingObject | null): { sent: RoutingObject | null; why: string } {
  const model = modelOf(snapshot, target);
  if (target.level !== "provider" && target.thinkingLevel) return levelRequestObject(model, target.thinkingLevel, draft);
  const provider = providerOf(snapshot, target.provider);
  const baseUrl = model?.baseUrl ?? provider?.baseUrl ?? "";
  const api = model?.api ?? provider?.api ?? "openai-completions";
  if (api !== "openai-completions") return { sent: null, why: `pi sends routing only with the openai-completions API (this is ${api}).` };
  if (!baseUrl.includes("openrouter.ai") && target.provider !== "openrouter") return { sent: null, why: "pi sends routing only when the baseUrl contains openrouter.ai." };
  const base = target.level === "provider" ? {} : (provider?.routing ?? {});
  const merged = { ...base, ...(draft ?? {}) };
  return Object.keys(merged).length ? { sent: merged, why: "" } : { sent: null, why: "No routing: OpenRouter picks providers by its default load balancing." };
}

/**
 * What pi 1.0.2 sends at a thinking level whose routing is being edited: the level's `provider`
 * replaces the routing whole (pi-ai Object.assigns samplingParams over the body), so the draft is
 * sent as it is; with no draft, the level falls back to the model's routing.
 */
function levelRequestObject(model: ModelEntry | undefined, level: ThinkingLevel, draft: RoutingObject | null): { sent: RoutingObject | null; why: string } {
  const api = model?.api ?? "openai-completions";
  if (!["openai-completions", "openai-responses", "azure-openai-responses"].includes(api)) return { sent: null, why: `pi ignores samplingParamsByThinkingLevel with the ${api} API: nothing written here is sent.` };
  if (draft) return { sent: draft, why: "" };
  if (model?.routing) return { sent: model.routing, why: "" };
  return { sent: null, why: `No routing of its own at ${level}, and the model has none: OpenRouter picks providers by its default load balancing.` };
}
