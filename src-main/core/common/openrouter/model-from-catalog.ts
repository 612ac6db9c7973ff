/**
 * An OpenRouter model as a pi custom model: from the live catalog entry (GET /models), a routing
 * variant and optionally one pinned endpoint (GET /models/{id}/endpoints) to the fields pi reads
 * (`id`, `name`, `reasoning`, `input`, `contextWindow`, `maxTokens`, `cost` in USD per million
 * tokens, pi's unit — docs/models-configuration.md) and the routing that pins the endpoint. Pure:
 * the add-model view previews and writes what this returns (the `addModel` command), so pi's cost
 * figures are OpenRouter's instead of the $0 a hand-written custom model gets.
 *
 * Variants follow OpenRouter's docs (guides/routing/model-variants): `:nitro`, `:floor` and
 * `:exacto` are routing variants any model id takes; `:free` is a catalog variant, a model entry
 * of its own (`author/slug:free`) with its own prices and limits; a preset is `<model>@preset/<slug>`
 * (guides/features/presets, "combined model and preset").
 */
import type { CatalogEndpoint, CatalogModel, CustomModelFields, RoutingObject } from "../index.js";

export const OPENROUTER_BASE_URL = "https://openrouter.ai/api/v1";

export type RoutingVariant = "nitro" | "floor" | "exacto";
export type ModelVariant = { kind: "none" } | { kind: RoutingVariant } | { kind: "free" } | { kind: "preset"; slug: string };

export interface VariantOption {
  variant: ModelVariant;
  label: string;
  /** What OpenRouter does with it, for people. */
  description: string;
  /** Why it cannot be picked for this model; null when it can. */
  unavailable: string | null;
}

const ROUTING_VARIANTS: { kind: RoutingVariant; label: string; description: string }[] = [
  { kind: "nitro", label: ":nitro", description: "Fastest first: providers sorted by throughput (provider.sort = throughput)." },
  { kind: "floor", label: ":floor", description: "Cheapest first: providers sorted by price (provider.sort = price)." },
  { kind: "exacto", label: ":exacto", description: "Providers OpenRouter measured as the most accurate at tool calls." },
];

/** A catalog id without a variant suffix ("moonshotai/kimi-k2:free" → "moonshotai/kimi-k2"). */
export function baseModelId(id: string): string {
  const colon = id.indexOf(":", id.indexOf("/") + 1);
  return colon > 0 ? id.slice(0, colon) : id;
}

/** The variants a catalog model offers: routing variants on a base id, `:free` where the catalog lists it, a preset always. */
export function variantOptions(model: CatalogModel, catalog: Pick<CatalogModel, "id">[]): VariantOption[] {
  const isVariant = baseModelId(model.id) !== model.id;
  const onVariant = isVariant ? `${model.id} is a variant already; pick the base model ${baseModelId(model.id)} to add a routing variant.` : null;
  const hasFree = !isVariant && catalog.some((m) => m.id === `${model.id}:free`);
  return [
    { variant: { kind: "none" }, label: "None", description: "OpenRouter's default routing (load-balanced, cheaper providers preferred).", unavailable: null },
    ...ROUTING_VARIANTS.map((v) => ({ variant: { kind: v.kind }, label: v.label, description: v.description, unavailable: onVariant })),
    {
      variant: { kind: "free" },
      label: ":free",
      description: "The free catalog entry: no cost, lower rate limits, often a shorter context.",
      unavailable: isVariant ? onVariant : hasFree ? null : `OpenRouter lists no ${model.id}:free.`,
    },
    { variant: { kind: "preset", slug: "" }, label: "@preset/…", description: "A preset from openrouter.ai/settings/presets: its routing, prompt and parameters apply.", unavailable: null },
  ];
}

/** `@preset/<slug>`, `preset/<slug>` or a bare slug → the slug; what is wrong otherwise. */
export function parsePresetSlug(input: string): { ok: true; slug: string } | { ok: false; message: string } {
  const slug = input.trim().replace(/^@?preset\//, "");
  if (!slug) return { ok: false, message: "Type the preset's slug, as in openrouter.ai/settings/presets (e.g. @preset/my-coder)." };
  if (!/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/.test(slug) || slug.length > 64) {
    return { ok: false, message: `"${input.trim()}" is not a preset slug: OpenRouter's are lowercase letters, digits and single hyphens or underscores (e.g. @preset/my-coder), at most 64 characters. Copy it from openrouter.ai/settings/presets.` };
  }
  return { ok: true, slug };
}

/** The id to write for a model and variant (`:free` picks the free entry: pass it as the model). */
export function variantModelId(model: CatalogModel, variant: ModelVariant): string {
  switch (variant.kind) {
    case "none":
    case "free":
      return model.id;
    case "preset":
      return `${model.id}@preset/${variant.slug}`;
    default:
      return `${model.id}:${variant.kind}`;
  }
}

/** A provider name for a new virtual provider ("openrouter-<slug>"), as pi's names go: lowercase, digits, hyphens. */
export function virtualProviderName(slug: string): string {
  const clean = slug.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return clean ? `openrouter-${clean}` : "openrouter-custom";
}

export interface ModelChoice {
  /** The catalog entry: the base model, or its `:free` entry when the variant is free. */
  model: CatalogModel;
  variant: ModelVariant;
  /** The endpoint to pin (only + order), or null for OpenRouter's routing. */
  endpoint: CatalogEndpoint | null;
}

export interface MappedModel {
  model: CustomModelFields;
  /** Model-level compat.openRouterRouting to write; null when nothing is pinned. */
  routing: RoutingObject | null;
  /** What the user should know about the figures (unknown prices written as 0, pi's default max tokens, …). */
  notes: string[];
}

export type MapResult = { ok: true; value: MappedModel } | { ok: false; message: string };

/** OpenRouter writes "-1" (negative) for prices it cannot know in advance (routers such as openrouter/auto). */
const knownPrice = (n: number | null | undefined): n is number => typeof n === "number" && n >= 0;

function variantLabel(choice: ModelChoice): string {
  const v = choice.variant;
  const parts = v.kind === "none" || v.kind === "free" ? [] : [v.kind === "preset" ? `preset ${v.slug}` : v.kind];
  if (choice.endpoint) parts.push(`via ${choice.endpoint.providerName}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

export function modelFromCatalog(choice: ModelChoice): MapResult {
  const { model, variant, endpoint } = choice;
  if (variant.kind === "preset") {
    const parsed = parsePresetSlug(variant.slug);
    if (!parsed.ok) return parsed;
    if (parsed.slug !== variant.slug) return modelFromCatalog({ ...choice, variant: { kind: "preset", slug: parsed.slug } });
  }
  if (variant.kind === "free" && !model.id.endsWith(":free")) return { ok: false, message: `Pick the catalog entry ${model.id}:free for the free variant.` };
  if (variant.kind !== "none" && variant.kind !== "free" && baseModelId(model.id) !== model.id) return { ok: false, message: `${model.id} is a variant already; add ${variant.kind} to its base model.` };
  const notes: string[] = [];

  const parameters = endpoint?.supportedParameters ?? model.supportedParameters ?? null;
  const reasoning = parameters ? parameters.includes("reasoning") : Boolean(model.reasoning);
  const input: ("text" | "image")[] = model.inputModalities?.includes("image") ? ["text", "image"] : ["text"];
  const contextWindow = endpoint?.contextLength ?? model.contextLength ?? null;
  const maxTokens = endpoint ? (endpoint.maxOutput ?? null) : (model.maxCompletionTokens ?? null);
  if (contextWindow === null) notes.push("OpenRouter lists no context length: pi assumes its default (128000).");
  if (maxTokens === null) notes.push(`OpenRouter lists no maximum output${endpoint ? ` for ${endpoint.providerName}` : ""}: pi assumes its default (16384).`);

  const prices = endpoint ? endpoint.pricing : model.pricing;
  const from = endpoint ? `${endpoint.providerName}'s prices` : variant.kind === "preset" ? "the model's catalog prices (the preset may route elsewhere)" : "the model's catalog prices";
  if (!knownPrice(prices.prompt) || !knownPrice(prices.completion)) notes.push(`OpenRouter gives no fixed price for ${model.id}: its cost is written as $0, so pi will count it as free.`);
  else notes.push(`Cost from ${from}, in USD per million tokens.`);
  const cost = {
    input: knownPrice(prices.prompt) ? prices.prompt : 0,
    output: knownPrice(prices.completion) ? prices.completion : 0,
    cacheRead: knownPrice(prices.cacheRead) ? prices.cacheRead : 0,
    cacheWrite: knownPrice(prices.cacheWrite) ? prices.cacheWrite : 0,
  };
  if (endpoint && !endpoint.supportedParameters?.includes("tools") && endpoint.supportedParameters) notes.push(`${endpoint.providerName} does not accept tools here, and pi's agent needs tool calls: pick another endpoint.`);

  const fields: CustomModelFields = {
    id: variantModelId(model, variant),
    name: `${model.name}${variantLabel(choice)}`,
    reasoning,
    input,
    ...(contextWindow !== null ? { contextWindow } : {}),
    ...(maxTokens !== null ? { maxTokens } : {}),
    cost,
  };
  const slug = endpoint ? (endpoint.tag ?? endpoint.slug) : null;
  return { ok: true, value: { model: fields, routing: slug ? { only: [slug], order: [slug] } : null, notes } };
}
