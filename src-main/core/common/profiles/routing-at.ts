/**
 * The routing exactly as written at one place in models.json, and whether two routing objects say
 * the same thing. The snapshot carries only the merged result per model; profiles need the object
 * at the target itself (to merge into it, and to see a hand edit of it). For a custom model the
 * last definition of an id wins, as in pi. A target with a thinking level reads that level's
 * `samplingParamsByThinkingLevel.<level>.provider` (pi 1.0.2).
 */
import { THINKING_LEVELS, type RoutingObject, type RoutingTarget, type ThinkingLevel } from "../index.js";

type Json = Record<string, unknown>;
export const obj = (v: unknown): Json | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined);

/** `file` is models.json parsed (pi-json.ts parseLenientJson); null when the target has no routing object. */
export function writtenRoutingAt(file: unknown, target: RoutingTarget): RoutingObject | null {
  const provider = obj(obj(obj(file)?.providers)?.[target.provider]);
  let holder: Json | undefined;
  if (target.level === "provider") holder = provider;
  else if (target.level === "override") holder = obj(obj(provider?.modelOverrides)?.[target.id]);
  else {
    const models = Array.isArray(provider?.models) ? (provider.models as unknown[]) : [];
    holder = models.map(obj).filter((m) => m?.id === target.id).pop();
  }
  if (target.level !== "provider" && target.thinkingLevel) return obj(obj(obj(holder?.samplingParamsByThinkingLevel)?.[target.thinkingLevel])?.provider) ?? null;
  return obj(obj(holder?.compat)?.openRouterRouting) ?? null;
}

/**
 * The routing pi merges for the model at a model or override target: the provider's
 * openRouterRouting under the target's own, key by key, model keys winning (pi's mergeCompat,
 * core/pi/routing.ts). A provider target, or a thinking level's, merges nothing. This is what a model inherits from
 * a virtual provider's routing (e.g. Bedrock's `only`), so a hand edit there reaches the model too.
 */
export function mergedRoutingAt(file: unknown, target: RoutingTarget): RoutingObject | null {
  const own = writtenRoutingAt(file, target);
  // A thinking level's `provider` replaces the routing whole in the body (pi 1.0.2): nothing is merged into it.
  if (target.level === "provider" || target.thinkingLevel) return own;
  return mergeRouting(writtenRoutingAt(file, { level: "provider", provider: target.provider }), own);
}

/**
 * A provider's routing with a model's own over it, as pi merges them; null when nothing is left.
 * pi's mergeCompat merges the two openRouterRouting objects one level deep, key by key, which for
 * two routing objects is a spread (kept here rather than imported, so this stays renderer-safe).
 */
export function mergeRouting(provider: RoutingObject | null, own: RoutingObject | null): RoutingObject | null {
  const merged: RoutingObject = { ...provider, ...own };
  return Object.keys(merged).length ? merged : null;
}

/** JSON with object keys sorted: the same routing written in another key order compares equal. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Json).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Same keys and values, in any key order; no routing and an empty object are the same (pi sends neither). */
export function sameRouting(a: RoutingObject | null | undefined, b: RoutingObject | null | undefined): boolean {
  const norm = (r: RoutingObject | null | undefined) => (r && Object.keys(r).length ? canonical(r) : "null");
  return norm(a) === norm(b);
}

export function targetKey(target: RoutingTarget): string {
  if (target.level === "provider") return `provider:${target.provider}`;
  return `${target.level}:${target.provider}/${target.id}${target.thinkingLevel ? `@${target.thinkingLevel}` : ""}`;
}

/**
 * The thinking levels with routing of their own at a model or override target
 * (samplingParamsByThinkingLevel.<level>.provider, pi 1.0.2), as written: what pi sends at those
 * levels instead of the target's routing, so a profile written there does not reach them. Empty
 * for a provider target (samplingParams live on models only).
 */
export function writtenLevelRoutingAt(file: unknown, target: RoutingTarget): Partial<Record<ThinkingLevel, RoutingObject>> {
  if (target.level === "provider") return {};
  const out: Partial<Record<ThinkingLevel, RoutingObject>> = {};
  for (const level of THINKING_LEVELS) {
    const routing = writtenRoutingAt(file, { ...target, thinkingLevel: level });
    if (routing) out[level] = routing;
  }
  return out;
}

/** Same levels with the same routing each (routing-at.ts sameRouting). */
export function sameLevelRouting(a: Partial<Record<ThinkingLevel, RoutingObject>>, b: Partial<Record<ThinkingLevel, RoutingObject>>): boolean {
  return THINKING_LEVELS.every((level) => sameRouting(a[level], b[level]));
}
