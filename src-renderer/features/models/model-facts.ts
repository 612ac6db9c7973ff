/**
 * The facts people choose a model by, as one short line for the Models rows and the quick
 * switcher: price in and out per million tokens, context, and the provider the model is pinned to.
 * The price is pi's own (the model's `cost`, what pi's cost figures use); where pi lists none
 * (0/0, as for a custom model written without `cost`), OpenRouter's cached catalog gives it, and
 * the line says so. Pure, so what a row shows is tested without a DOM.
 */
import type { CatalogModel, ModelEntry } from "../../../src-main/core/common/index.js";
import { visibleText } from "../../../src-main/core/common/visible-text";

export interface ModelFacts {
  /** "$3 in · $15 out /M", "free", or null when neither pi nor the catalog prices the model. */
  price: string | null;
  /** Where the price comes from, for the tooltip. */
  priceSource: "pi" | "catalog" | null;
  /** "200K context". */
  context: string;
  /** The provider slug every request is pinned to (the routing's pin badge), or null. */
  pinned: string | null;
}

const usd = (n: number) => (n === 0 ? "$0" : `$${Number(n.toPrecision(3))}`);

export function tokens(n: number | null | undefined): string {
  if (n === null || n === undefined || n <= 0) return "?";
  if (n >= 1_000_000) return `${Number((n / 1_000_000).toFixed(2))}M`;
  return n >= 1000 ? `${Math.round(n / 1000)}K` : String(n);
}

function priceLine(input: number, output: number): string {
  return input === 0 && output === 0 ? "free" : `${usd(input)} in · ${usd(output)} out /M`;
}

/** The catalog entry of an OpenRouter model: its id, or its base id for a variant (`:floor`, `@preset/…`). */
export function catalogEntryFor(model: Pick<ModelEntry, "id" | "openRouter">, catalog: ReadonlyMap<string, CatalogModel> | null): CatalogModel | null {
  if (!model.openRouter || !catalog) return null;
  return catalog.get(model.id) ?? catalog.get(model.id.replace(/(:[a-z]+|@preset\/.*)$/, "")) ?? null;
}

export function modelFacts(model: ModelEntry, catalog: ReadonlyMap<string, CatalogModel> | null): ModelFacts {
  const pinned = model.badges.find((b) => b.kind === "pin")?.label ?? null;
  const context = `${tokens(model.contextWindow)} context`;
  if (model.cost.input > 0 || model.cost.output > 0) return { price: priceLine(model.cost.input, model.cost.output), priceSource: "pi", context, pinned };
  const entry = catalogEntryFor(model, catalog);
  if (entry && entry.pricing.prompt !== null && entry.pricing.completion !== null && entry.pricing.prompt >= 0 && entry.pricing.completion >= 0) {
    return { price: priceLine(entry.pricing.prompt, entry.pricing.completion), priceSource: "catalog", context, pinned };
  }
  return { price: null, priceSource: null, context, pinned };
}

/** The line as it reads, and its longer form for a tooltip and an accessible name. */
export function factsLine(facts: ModelFacts): { text: string; title: string } {
  const parts = [facts.price ?? "price unknown", facts.context, ...(facts.pinned ? [`pinned to ${visibleText(facts.pinned)}`] : [])];
  const source = facts.priceSource === "pi" ? "Price per million tokens as pi lists it" : facts.priceSource === "catalog" ? "Price per million tokens from OpenRouter's catalog (pi lists none for this model)" : "Neither pi nor OpenRouter's catalog lists a price";
  return { text: parts.join(" · "), title: `${source}; ${facts.context}${facts.pinned ? `; every request goes to ${visibleText(facts.pinned)}` : ""}.` };
}

/** The cached OpenRouter catalog by model id, for modelFacts. */
export function catalogById(models: readonly CatalogModel[]): Map<string, CatalogModel> {
  return new Map(models.map((m) => [m.id, m]));
}
