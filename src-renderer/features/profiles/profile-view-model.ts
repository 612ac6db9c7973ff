/**
 * The Profiles view's pure helpers: how a routing object and a target read for people, which
 * models and providers a profile can be applied to, the per-target profile state, and the hash
 * route the tray opens ("#/profiles/apply/<name>": review that profile for every scoped model).
 */
import type { AppliedProfile, ModelEntry, ProfilePlanChange, ProfileScope, RoutingObject, RoutingProfile, RoutingTarget, Snapshot } from "../../../src-main/core/common/index.js";
import { profileLabel } from "../../../src-main/core/common/profiles/profile-rules";
import { sameRouting } from "../../../src-main/core/common/profiles/routing-at";

export { profileLabel };

/** "sort: price · zdr: true · only: [amazon-bedrock]"; "no routing" for none. */
export function describeRouting(routing: RoutingObject | null): string {
  if (!routing || Object.keys(routing).length === 0) return "no routing (OpenRouter's default)";
  return Object.entries(routing)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? `[${value.join(", ")}]` : typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)}`)
    .join(" · ");
}

/** What the merge rule means for this profile, said once in the UI. */
export function mergeRule(profile: RoutingProfile): string {
  if (profile.mode === "replace") return "Replaces the target's whole routing with this.";
  const keys = profile.parameter === "provider" ? ["only", "order", "allow_fallbacks"] : Object.keys(profile.routing);
  return `Sets ${keys.join(", ")}; keeps every other field the target has.`;
}

/** The routing a profile sets, for its card (a pin shows its parameter). */
export function profileSets(profile: RoutingProfile): string {
  if (profile.parameter === "provider") return "only: [provider] · order: [provider] · allow_fallbacks: false";
  return describeRouting(profile.routing);
}

export const isRoutable = (m: ModelEntry) => m.openRouter && m.api === "openai-completions";
const refOf = (m: ModelEntry) => `${m.provider}/${m.id}`;

/** Models a profile can go on: the scoped ones first, then the user's own (custom, overridden), then the rest. */
export function modelChoices(snapshot: Snapshot): { label: string; refs: string[] }[] {
  const routable = snapshot.models.filter(isRoutable);
  const scoped = routable.filter((m) => m.scoped).map(refOf);
  const own = routable.filter((m) => !m.scoped && m.origin !== "built-in").map(refOf);
  const rest = routable.filter((m) => !m.scoped && m.origin === "built-in").map(refOf);
  return [
    { label: "In pi's scope", refs: scoped },
    { label: "Your models", refs: own },
    { label: "Other OpenRouter models", refs: rest },
  ].filter((g) => g.refs.length);
}

export function providerChoices(snapshot: Snapshot): string[] {
  const names = new Set(snapshot.providers.filter((p) => p.openRouter).map((p) => p.name));
  snapshot.models.filter((m) => m.openRouter).forEach((m) => names.add(m.provider));
  return [...names];
}

export function scopedRoutableCount(snapshot: Snapshot): number {
  return snapshot.scope.unset ? 0 : snapshot.models.filter((m) => m.scoped && isRoutable(m)).length;
}

/** The scope that re-applies a profile to exactly one remembered target. */
export function scopeForTarget(t: RoutingTarget): ProfileScope {
  return t.level === "provider" ? { kind: "provider", provider: t.provider } : { kind: "model", ref: `${t.provider}/${t.id}` };
}

/** A drift that comes from the provider's routing, which the model inherits, while its own is as the app left it. */
export function isInheritedDrift(a: AppliedProfile): boolean {
  return a.state === "drifted" && sameRouting(a.current, a.routing) && a.merged !== undefined && !sameRouting(a.merged.applied, a.merged.now);
}

/** One sentence per remembered target: the profile, or that it (or the provider routing it inherits) was edited by hand since. */
export function appliedStateText(a: AppliedProfile): string {
  const name = profileLabel(a.profile, a.provider);
  if (a.state === "applied") return name;
  return isInheritedDrift(a) ? `Its provider's routing was edited by hand since ${name} was applied` : `Edited by hand since ${name} was applied`;
}

/** The profile the tray asked to review, from "#/profiles/apply/<name>"; null for any other hash. */
export function profileFromHash(hash: string): string | null {
  const m = /^#\/?profiles\/apply\/(.+)$/.exec(hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** The routing at a target, said as the plan shows it: a model without its own says so (its provider's applies). */
export function describeAt(target: RoutingTarget, routing: RoutingObject | null): string {
  if (target.level !== "provider" && (!routing || Object.keys(routing).length === 0)) return "none of its own";
  return describeRouting(routing);
}

/**
 * The `provider` object pi sends after the change: the provider's routing under the model's (pi
 * merges per key, model keys win). `changes`: the whole plan, whose provider-level write (if any)
 * is the provider's routing after it.
 */
export function sentAfter(snapshot: Snapshot, target: RoutingTarget, after: RoutingObject | null, changes: readonly ProfilePlanChange[] = []): RoutingObject | null {
  if (target.level === "provider") return after;
  const planned = changes.find((c) => c.target.level === "provider" && c.target.provider === target.provider);
  const base = (planned ? planned.after : snapshot.providers.find((p) => p.name === target.provider)?.routing) ?? {};
  const merged = { ...base, ...(after ?? {}) };
  return Object.keys(merged).length ? merged : null;
}
