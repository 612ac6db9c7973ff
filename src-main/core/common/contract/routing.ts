/**
 * Routing (compat.openRouterRouting): where it is written and the named profiles that write it.
 */

import type { Command } from "./commands.js";
import type { FilePreview, ThinkingLevel } from "./pi-info.js";

export type RoutingObject = Record<string, unknown>;

/**
 * Where routing is written: provider level, a custom model, or an override of a built-in model.
 * With `thinkingLevel` (a model or override, pi 1.0.2): that level's
 * `samplingParamsByThinkingLevel.<level>.provider`, which pi sends at that level instead of the
 * model's routing (it replaces it whole; nothing is merged in).
 */
export type RoutingTarget =
  | { level: "provider"; provider: string }
  | { level: "model"; provider: string; id: string; thinkingLevel?: ThinkingLevel }
  | { level: "override"; provider: string; id: string; thinkingLevel?: ThinkingLevel };

/** One place routing is written and what to write there (null removes it): a part of an `applyRouting` command. */
export interface RoutingWrite {
  target: RoutingTarget;
  routing: RoutingObject | null;
}

/**
 * A named routing preset (src-main/core/profiles). `merge`: the profile's keys replace the same keys
 * at the target and every other key stays (Private keeps an `only` list; Cheapest replaces `sort`);
 * `replace`: the target's routing becomes exactly the profile's.
 */
export interface RoutingProfile {
  name: string;
  /** What it sets, for people. */
  description: string;
  builtIn: boolean;
  mode: "merge" | "replace";
  routing: RoutingObject;
  /** "provider": the profile is "Pinned to provider X"; X is chosen when applying. */
  parameter?: "provider";
}

/** Where a profile is applied: one model, a provider (provider-level routing), or every OpenRouter model in scope. */
export type ProfileScope = { kind: "model"; ref: string } | { kind: "provider"; provider: string } | { kind: "scoped" };

/** What the app remembers about a profile it applied, and whether models.json still says so. */
export interface AppliedProfile {
  target: RoutingTarget;
  /** The profile's name ("Pinned to provider" for a pin) and, for a pin, the provider slug. */
  profile: string;
  provider?: string;
  /** The routing the profile wrote at the target (null: it removed the routing). */
  routing: RoutingObject | null;
  appliedAt: string;
  /** drifted: models.json's routing at the target, or what the model inherits from its provider, is no longer what the app left there (a hand edit). */
  state: "applied" | "drifted";
  /** The routing models.json has there now. */
  current: RoutingObject | null;
  /** A model or override target: the routing pi merges for it (its provider's under its own) when the app last wrote it, and now. */
  merged?: { applied: RoutingObject | null; now: RoutingObject | null };
  /** Set when the thinking levels with routing of their own there (samplingParamsByThinkingLevel, pi 1.0.2) changed by hand since: what they were and are. */
  levels?: { applied: Partial<Record<ThinkingLevel, RoutingObject>>; now: Partial<Record<ThinkingLevel, RoutingObject>> };
}

export interface ProfilesState {
  profiles: RoutingProfile[];
  applied: AppliedProfile[];
}

/** One target of a profile plan: the routing written there now and what applying writes. */
export interface ProfilePlanChange {
  target: RoutingTarget;
  before: RoutingObject | null;
  after: RoutingObject | null;
  /** The models ("provider/id") whose request this changes. */
  models: string[];
  /** Why this target changes when it is not where the profile is written: a copy a profile wrote here moves to the provider level. */
  note?: string;
}

/** What applying a profile would do: the one command (preview and save), per target, and the models it cannot route. */
export interface ProfilePlan {
  profile: string;
  provider?: string;
  command: Extract<Command, { type: "applyRouting" }>;
  changes: ProfilePlanChange[];
  skipped: { ref: string; why: string }[];
  /** Models it reaches whose thinking levels have routing of their own (samplingParamsByThinkingLevel, pi 1.0.2): pi sends that at those levels, not the profile's. */
  levelsKept?: { ref: string; levels: ThinkingLevel[] }[];
  preview: FilePreview;
}
