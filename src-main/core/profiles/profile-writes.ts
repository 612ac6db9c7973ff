/**
 * What a profile writes where. The plain plan writes the profile's keys at every target (one per
 * model, profile-targets.ts). When every model of a provider would then route alike, one write at
 * the provider level says the same thing in a few lines instead of a routing object per model: a
 * 12-model virtual provider does not grow by 12 copies. The provider-level write is taken only
 * when, for every model that provider has (picked or not), the routing pi merges (the provider's
 * under the model's own, routing-at.ts mergeRouting) is what the per-model plan would give, and
 * when it leaves routing in fewer places (then: fewer lines). Copies of the profile's keys that a profile wrote at a model
 * earlier (the app's records say which) go, since the provider level now carries them; the user's
 * own keys stay, and a model whose own key would win gets its own write, as before. Pure.
 */
import type { ModelEntry, ProfilePlanChange, RoutingObject, RoutingProfile, RoutingTarget, ThinkingLevel } from "../common/index.js";
import * as modelEdits from "../edits/model-edits.js";
import { applyJsonChanges } from "../files/json-edit.js";
import { parseLenientJson } from "../pi/pi-json.js";
import { detectDrift, type AppliedRecord } from "./drift.js";
import { applyProfile, profileRouting } from "../common/profiles/profile-rules.js";
import { modelTarget, type ProfileTarget } from "./profile-targets.js";
import { mergeRouting, sameRouting, targetKey, writtenLevelRoutingAt, writtenRoutingAt } from "../common/profiles/routing-at.js";

export interface WriteContext {
  /** models.json as read: its text and parsed value. */
  text: string;
  file: unknown;
  profile: RoutingProfile;
  /** The pinned provider slug, for a pin. */
  slug?: string;
  /** Every model pi has (the snapshot's), to know all the models of a provider. */
  models: readonly ModelEntry[];
  /** What the app remembers applying in this agent dir, and every profile there is, to tell a profile's copy from the user's own key. */
  records: readonly AppliedRecord[];
  profiles: readonly RoutingProfile[];
}

const refOf = (m: ModelEntry) => `${m.provider}/${m.id}`;
const MOVED_NOTE = "A profile wrote this here before; the provider level now carries it, and pi sends this model what a write here would.";
const CLEARED_NOTE = "A profile wrote this here before; it goes, so the provider's new routing reaches this model.";

/** The change a profile makes at each target on its own: the plain per-model (or per-provider) plan. */
export function plainChanges(ctx: WriteContext, targets: readonly ProfileTarget[]): ProfilePlanChange[] {
  return targets.map(({ target, models }) => {
    const before = writtenRoutingAt(ctx.file, target);
    return { target, models, before, after: applyProfile(before, ctx.profile, ctx.slug) };
  });
}

/** Keys at a target that an applied profile wrote and nobody changed since (a drifted record vouches for nothing). */
function copiedKeys(ctx: WriteContext): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const record of detectDrift(ctx.records, ctx.file)) {
    const profile = ctx.profiles.find((p) => p.name === record.profile);
    if (record.state !== "applied" || !profile || !record.routing) continue;
    let keys: string[];
    try {
      keys = profile.mode === "replace" ? Object.keys(record.routing) : Object.keys(profileRouting(profile, record.provider));
    } catch {
      continue;
    }
    const set = out.get(targetKey(record.target)) ?? new Set<string>();
    keys.forEach((k) => set.add(k));
    out.set(targetKey(record.target), set);
  }
  return out;
}

/** The model's own routing without the profile's copies that the provider level now carries (the same key, or the same value). */
function withoutCopies(own: RoutingObject | null, providerAfter: RoutingObject | null, sets: RoutingObject, copied: Set<string> | undefined): RoutingObject | null {
  if (!own || !copied) return own;
  const kept = Object.fromEntries(
    Object.entries(own).filter(([k, v]) => !(copied.has(k) && providerAfter && k in providerAfter && (k in sets || sameRouting({ v }, { v: providerAfter[k] })))),
  );
  return Object.keys(kept).length ? kept : null;
}

/** The provider-level write plus the model writes it needs, or null when some model of the provider would route differently than under the plain plan. */
function providerLevel(ctx: WriteContext, provider: string, plain: readonly ProfilePlanChange[], copied: Map<string, Set<string>>): ProfilePlanChange[] | null {
  const providerTarget: RoutingTarget = { level: "provider", provider };
  const providerBefore = writtenRoutingAt(ctx.file, providerTarget);
  const providerAfter = applyProfile(providerBefore, ctx.profile, ctx.slug);
  const sets = profileRouting(ctx.profile, ctx.slug);
  const picked = new Map(plain.map((c) => [targetKey(c.target), c] as const));
  const models = ctx.models.filter((m) => m.provider === provider);
  const changes: ProfilePlanChange[] = [{ target: providerTarget, models: models.map(refOf), before: providerBefore, after: providerAfter }];
  for (const model of models) {
    const target = modelTarget(model);
    const own = writtenRoutingAt(ctx.file, target);
    const mine = picked.get(targetKey(target));
    // What pi would send this model under the plain plan: the picked ones get the profile, the others stay as they are.
    const want = mergeRouting(providerBefore, mine ? mine.after : own);
    let after = mine ? withoutCopies(own, providerAfter, sets, copied.get(targetKey(target))) : own;
    let note: string | undefined = MOVED_NOTE;
    if (!sameRouting(mergeRouting(providerAfter, after), want)) {
      // The model's own key would win over the provider level: it is written per model, as the plain plan does.
      if (!mine || !sameRouting(mergeRouting(providerAfter, mine.after), want)) return null;
      after = mine.after;
      note = undefined;
    }
    if (!sameRouting(after, own)) changes.push({ target, models: [refOf(model)], before: own, after, ...(note ? { note } : {}) });
  }
  return changes;
}

/** How the file reads after the changes: the places that hold a routing object for the provider and its models, then its length in lines. */
function sizeAfter(ctx: WriteContext, provider: string, changes: readonly ProfilePlanChange[]): [places: number, lines: number] {
  const edits = modelEdits.applyRouting(ctx.file, changes.map((c) => ({ target: c.target, routing: c.after })));
  const text = edits.length ? applyJsonChanges(ctx.text, edits) : ctx.text;
  const parsed = parseLenientJson(text);
  const file = parsed.ok ? parsed.value : ctx.file;
  const targets: RoutingTarget[] = [{ level: "provider", provider }, ...ctx.models.filter((m) => m.provider === provider).map(modelTarget)];
  const places = targets.filter((t) => Object.keys(writtenRoutingAt(file, t) ?? {}).length > 0).length;
  return [places, text.split("\n").length];
}

const changedCount = (changes: readonly ProfilePlanChange[]) => changes.filter((c) => !sameRouting(c.before, c.after)).length;

/** Fewer places with routing first (the issue: routing per model where the provider shares it), then fewer lines, then fewer changes. */
function isSmaller(a: [number, number, number], b: [number, number, number]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/**
 * The changes for a set of model targets (every scoped model): per provider, the provider-level
 * write where it routes every model of that provider as the plain plan would and leaves routing in
 * fewer places (or as many, in fewer lines); the plain per-model changes elsewhere.
 */
export function compactChanges(ctx: WriteContext, plain: readonly ProfilePlanChange[]): ProfilePlanChange[] {
  const copied = copiedKeys(ctx);
  const byProvider = new Map<string, ProfilePlanChange[]>();
  for (const change of plain) {
    if (change.target.level === "provider") continue;
    byProvider.set(change.target.provider, [...(byProvider.get(change.target.provider) ?? []), change]);
  }
  let out = [...plain];
  for (const [provider, group] of byProvider) {
    const candidate = providerLevel(ctx, provider, group, copied);
    if (!candidate) continue;
    // In the plan's order: the provider's changes where its first model was.
    const at = out.indexOf(group[0]!);
    const next = [...out.slice(0, at).filter((c) => !group.includes(c)), ...candidate, ...out.slice(at).filter((c) => !group.includes(c))];
    if (isSmaller([...sizeAfter(ctx, provider, next), changedCount(candidate)], [...sizeAfter(ctx, provider, out), changedCount(group)])) out = next;
  }
  return out;
}

/**
 * A profile applied to a whole provider: its provider-level write, and the copies of the profile's
 * keys a profile wrote at its models earlier removed, so the new provider-level value is the one
 * pi sends (a key the user wrote at a model stays and still wins, as pi's merge says).
 */
export function providerChanges(ctx: WriteContext, plain: readonly ProfilePlanChange[]): ProfilePlanChange[] {
  const copied = copiedKeys(ctx);
  const sets = profileRouting(ctx.profile, ctx.slug);
  const out = [...plain];
  for (const change of plain) {
    if (change.target.level !== "provider") continue;
    for (const model of ctx.models.filter((m) => m.provider === change.target.provider)) {
      const target = modelTarget(model);
      const own = writtenRoutingAt(ctx.file, target);
      const after = withoutCopies(own, change.after, sets, copied.get(targetKey(target)));
      if (!sameRouting(after, own)) out.push({ target, models: [refOf(model)], before: own, after, note: CLEARED_NOTE });
    }
  }
  return out;
}

/**
 * The models a plan reaches whose thinking levels have routing of their own in models.json
 * (samplingParamsByThinkingLevel.<level>.provider): pi 1.0.2 sends that at those levels, in place
 * of whatever the profile writes, so the review says so instead of promising every level.
 */
export function levelsKept(ctx: Pick<WriteContext, "file" | "models">, changes: readonly ProfilePlanChange[]): { ref: string; levels: ThinkingLevel[] }[] {
  const reached = new Set(changes.flatMap((c) => c.models));
  return ctx.models.flatMap((m) => {
    if (!reached.has(refOf(m))) return [];
    const levels = Object.keys(writtenLevelRoutingAt(ctx.file, modelTarget(m))) as ThinkingLevel[];
    return levels.length ? [{ ref: refOf(m), levels }] : [];
  });
}
