/**
 * Commands that change models.json, compiled to path edits against the file's current content.
 * Each function gets the parsed current file and returns the smallest set of changes; nothing
 * else in the file is rewritten. Pure: the I/O is write-pi-file.ts's.
 */
import type { JSONPath } from "jsonc-parser";
import type { CustomModelFields, ProviderFields, RoutingObject, RoutingTarget, RoutingWrite } from "../common/index.js";
import { sameRouting, writtenRoutingAt } from "../common/profiles/routing-at.js";
import type { JsonChange } from "../files/json-edit.js";
import type { PiRules } from "../pi/pi-rules.js";
import { EditError } from "./write-pi-file.js";

type Json = Record<string, unknown>;

function providers(file: unknown): Json {
  const p = (file as Json).providers;
  return p && typeof p === "object" && !Array.isArray(p) ? (p as Json) : {};
}

function providerOf(file: unknown, name: string): Json | undefined {
  const p = providers(file)[name];
  return p && typeof p === "object" ? (p as Json) : undefined;
}

function modelIndexes(file: unknown, provider: string, id: string): number[] {
  const models = providerOf(file, provider)?.models;
  if (!Array.isArray(models)) return [];
  return models.flatMap((m, i) => ((m as Json | null)?.id === id ? [i] : []));
}

function notFound(message: string): never {
  throw new EditError({ code: "not-found", message });
}

export function upsertProvider(file: unknown, provider: string, fields: ProviderFields): JsonChange[] {
  const base: JSONPath = ["providers", provider];
  if (!providerOf(file, provider)) {
    const value = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ""));
    return [{ path: base, value }];
  }
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => ({ path: [...base, key], value: v === "" ? undefined : v }));
}

export function removeProvider(file: unknown, provider: string): JsonChange[] {
  if (!providerOf(file, provider)) notFound(`models.json has no provider "${provider}".`);
  return [{ path: ["providers", provider], value: undefined }];
}

export function upsertModel(file: unknown, provider: string, model: CustomModelFields): JsonChange[] {
  const p = providerOf(file, provider);
  if (!p) notFound(`models.json has no provider "${provider}"; add the provider first.`);
  const indexes = modelIndexes(file, provider, model.id);
  const defined = Object.fromEntries(Object.entries(model).filter(([, v]) => v !== undefined));
  if (indexes.length === 0) {
    const models = p.models;
    if (!Array.isArray(models)) return [{ path: ["providers", provider, "models"], value: [defined] }];
    return [{ path: ["providers", provider, "models", models.length], value: defined }];
  }
  // pi uses the last definition of a duplicated id, so that is the one we edit.
  const index = indexes[indexes.length - 1]!;
  return Object.entries(defined)
    .filter(([key]) => key !== "id")
    .map(([key, value]) => ({ path: ["providers", provider, "models", index, key], value }));
}

/**
 * A custom model with its routing in one edit (the add-model view): into a new provider with the
 * given fields when models.json has none of that name, else appended to (or updating) the
 * provider's models, the routing written at the model's own compat.openRouterRouting.
 */
export function addModel(file: unknown, c: { provider: string; createProvider?: ProviderFields; model: CustomModelFields; routing?: RoutingObject | null }): JsonChange[] {
  const entry: Json = { ...c.model, ...(c.routing ? { compat: { openRouterRouting: c.routing } } : {}) };
  if (!providerOf(file, c.provider)) {
    if (!c.createProvider) notFound(`models.json has no provider "${c.provider}"; pick an existing one or create it.`);
    const fields = Object.fromEntries(Object.entries(c.createProvider).filter(([, v]) => v !== undefined && v !== ""));
    return [{ path: ["providers", c.provider], value: { ...fields, models: [entry] } }];
  }
  if (modelIndexes(file, c.provider, c.model.id).length === 0) return upsertModel(file, c.provider, entry as unknown as CustomModelFields);
  const changes = upsertModel(file, c.provider, c.model);
  return c.routing === undefined ? changes : [...changes, ...setRouting(file, { level: "model", provider: c.provider, id: c.model.id }, c.routing)];
}

export function removeModel(file: unknown, provider: string, id: string): JsonChange[] {
  const indexes = modelIndexes(file, provider, id);
  if (indexes.length === 0) notFound(`Provider "${provider}" has no custom model "${id}".`);
  // Highest index first, so earlier removals do not shift later ones.
  return indexes.reverse().map((i) => ({ path: ["providers", provider, "models", i], value: undefined }));
}

export function setOverride(file: unknown, provider: string, id: string, override: Json | null): JsonChange[] {
  return [{ path: ["providers", provider, "modelOverrides", id], value: override ?? undefined }];
}

/** The object that holds a target's routing as written (`compat`, or a thinking level's entry); null when there is none. */
function holderAt(file: unknown, target: RoutingTarget): Json | null {
  let node: unknown = file;
  for (const key of routingPath(file, target).slice(0, -1)) node = node && typeof node === "object" ? (node as Json)[key as string] : undefined;
  return node && typeof node === "object" && !Array.isArray(node) ? (node as Json) : null;
}

/**
 * Where a target's routing is written: compat.openRouterRouting, or for a thinking level the
 * `provider` of samplingParamsByThinkingLevel.<level> (pi 1.0.2 merges that entry into the body
 * last, so its `provider` is what pi sends at that level).
 */
function routingPath(file: unknown, target: RoutingTarget): JSONPath {
  if (target.level === "provider") return ["providers", target.provider, "compat", "openRouterRouting"];
  const tail = target.thinkingLevel ? ["samplingParamsByThinkingLevel", target.thinkingLevel, "provider"] : ["compat", "openRouterRouting"];
  if (target.level === "override") return ["providers", target.provider, "modelOverrides", target.id, ...tail];
  const indexes = modelIndexes(file, target.provider, target.id);
  if (indexes.length === 0) notFound(`Provider "${target.provider}" has no custom model "${target.id}".`);
  return ["providers", target.provider, "models", indexes[indexes.length - 1]!, ...tail];
}

/**
 * Routing written at a thinking level (samplingParamsByThinkingLevel.<level>.provider) is read only
 * by pi 1.0.2 and later: an older pi sends the model's routing at every level, so a new level write
 * there would save a file that does not do what it says. The window hides the level picker on such
 * a pi; this refuses the same write from the API or the CLI. Removing one (null) stays allowed.
 */
export function refuseIgnoredLevelRouting(writes: readonly RoutingWrite[], rules: Pick<PiRules, "samplingParams" | "samplingParamsByThinkingLevel" | "version" | "basis">): void {
  if (rules.samplingParams && rules.samplingParamsByThinkingLevel) return;
  for (const { target, routing } of writes) {
    if (routing === null || target.level === "provider" || !target.thinkingLevel) continue;
    throw new EditError({
      code: "invalid-input",
      message: `pi ${rules.version ?? rules.basis} ignores routing per thinking level (samplingParamsByThinkingLevel, pi 1.0.2 and later): it would send ${target.provider}/${target.id}'s own routing at ${target.thinkingLevel} too. Nothing was saved. Update pi to 1.0.2 or later, or set the routing without a thinking level (the model's routing).`,
    });
  }
}

export function setRouting(file: unknown, target: RoutingTarget, routing: RoutingObject | null): JsonChange[] {
  return [{ path: routingPath(file, target), value: routing ?? undefined }];
}

/**
 * Several routing writes in one edit (routing profiles: one save, one backup, one undo). Where a
 * target already has a routing object, only the keys that change are written, so the comments and
 * key order inside it survive; a target without one gets the whole object.
 */
export function applyRouting(file: unknown, writes: RoutingWrite[]): JsonChange[] {
  const changes: JsonChange[] = [];
  for (const { target, routing } of writes) {
    const path = routingPath(file, target);
    const current = writtenRoutingAt(file, target);
    if (sameRouting(current, routing)) continue;
    if (!current || !routing) {
      // Removing the only thing in `compat` (or in a level's entry) removes it too: no empty object is left behind per model.
      const holder = routing ? null : holderAt(file, target);
      const onlyRouting = holder !== null && Object.keys(holder).length === 1 && path[path.length - 1]! in holder;
      changes.push({ path: onlyRouting ? path.slice(0, -1) : path, value: routing ?? undefined });
      continue;
    }
    for (const key of Object.keys(current)) if (!(key in routing)) changes.push({ path: [...path, key], value: undefined });
    for (const [key, value] of Object.entries(routing)) if (!sameRouting({ v: current[key] }, { v: value })) changes.push({ path: [...path, key], value });
  }
  return changes;
}
