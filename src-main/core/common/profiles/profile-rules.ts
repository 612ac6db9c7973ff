/**
 * Routing profiles as data: the built-in presets, and what applying one does to the routing written
 * at a target. Pure; the store (profile-store.ts) keeps the user's own, the feature
 * (profiles-feature.ts) turns a plan into one models.json write.
 *
 * Merge or replace, per field: a built-in profile sets only the keys it is about and keeps every
 * other key at the target, because each answers one question — Cheapest and Fastest replace `sort`
 * (and leave a pin, an `only` list or the privacy keys alone), Private adds `zdr` and
 * `data_collection` (keeping the user's `only`), a pin replaces `only`, `order` and
 * `allow_fallbacks`. A profile of the user's was made from a whole routing object, so by default
 * it replaces the routing at the target with exactly that object (the user can make it merge).
 */
import type { RoutingObject, RoutingProfile } from "../index.js";

/** The name of the parameterised built-in; its provider is chosen when applying. */
export const PINNED_PROFILE = "Pinned to provider";

/**
 * OpenRouter's documented `sort` values are price, throughput and latency ("exacto" is a newer
 * quality sort). Fastest sorts by throughput, like the `:nitro` model suffix; Lowest latency by
 * time to first token, for short interactive turns.
 */
export const BUILT_IN_PROFILES: readonly RoutingProfile[] = [
  { name: "Cheapest", description: "Sorts providers by price, lowest first (sort: price). Keeps every other field.", builtIn: true, mode: "merge", routing: { sort: "price" } },
  { name: "Fastest", description: "Sorts providers by throughput, highest first (sort: throughput, like :nitro). Keeps every other field.", builtIn: true, mode: "merge", routing: { sort: "throughput" } },
  { name: "Lowest latency", description: "Sorts providers by time to first token (sort: latency). Keeps every other field.", builtIn: true, mode: "merge", routing: { sort: "latency" } },
  { name: "Private", description: "Only endpoints with zero data retention that do not collect data (zdr: true, data_collection: deny). Keeps your only/order lists and the rest.", builtIn: true, mode: "merge", routing: { zdr: true, data_collection: "deny" } },
  { name: PINNED_PROFILE, description: "Every request to one provider, no fallbacks (only, order: [provider], allow_fallbacks: false). Keeps the other fields.", builtIn: true, mode: "merge", routing: { allow_fallbacks: false }, parameter: "provider" },
];

export function isBuiltInName(name: string): boolean {
  return BUILT_IN_PROFILES.some((p) => p.name.toLowerCase() === name.trim().toLowerCase());
}

/** The keys a profile writes (for a pin, with the chosen provider). */
export function profileRouting(profile: RoutingProfile, provider?: string): RoutingObject {
  if (profile.parameter === "provider") {
    if (!provider) throw new Error(`"${profile.name}" needs a provider slug (e.g. amazon-bedrock).`);
    // In the routing editor's order (pinTo): only, order, then allow_fallbacks.
    return { only: [provider], order: [provider], ...profile.routing };
  }
  return profile.routing;
}

/** The routing at a target after applying the profile; null when nothing is left (the key is removed). */
export function applyProfile(current: RoutingObject | null, profile: RoutingProfile, provider?: string): RoutingObject | null {
  const sets = profileRouting(profile, provider);
  const next = profile.mode === "replace" ? { ...sets } : { ...(current ?? {}), ...sets };
  return Object.keys(next).length ? next : null;
}

/** The label people see for an applied profile: "Pinned to amazon-bedrock", "Cheapest". */
export function profileLabel(profile: string, provider?: string): string {
  return profile === PINNED_PROFILE && provider ? `Pinned to ${provider}` : profile;
}
