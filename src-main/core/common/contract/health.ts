/**
 * The health watch of pinned providers (core/openrouter/health-watch.ts): which scoped models are
 * pinned only to degraded endpoints, the endpoint to pin instead, and a switch the user made from
 * it (with what undoes it).
 */

/** One endpoint's health in the names people read. */
export interface EndpointHealth {
  /** What routing names it by ("deepinfra/fp8", "groq"). */
  tag: string;
  provider: string;
  /** Uptime over the last 30 minutes, percent. */
  uptime: number | null;
  latencyP50Ms: number | null;
  /** Why it counts as degraded, in a phrase; null when it is healthy. */
  degraded: string | null;
}

export interface PinnedHealth {
  /** The endpoints the routing allows, all degraded. */
  pinned: EndpointHealth[];
  /** The healthy endpoint to pin instead (best uptime, then latency, then price); null when there is none. */
  next: EndpointHealth | null;
}

export interface DegradedModel {
  /** "provider/id" as pi names the model. */
  ref: string;
  /** The OpenRouter catalog id whose endpoints were checked. */
  catalogId: string;
  health: PinnedHealth;
}

export interface HealthReport {
  /** Whether the watch runs (Preferences healthWatch). */
  watching: boolean;
  /** ISO time of the last finished check; null before the first. */
  checkedAt: string | null;
  degraded: DegradedModel[];
  /** Why the last check could not ask about some models (offline, OpenRouter's error); null when it could. */
  error: string | null;
}

/** A model re-pinned to its next endpoint by the health watch's switch; `savedAt`/`version` find the save's backup to undo it. */
export interface EndpointSwitch {
  ref: string;
  /** The pinned endpoints it left, and the one it is pinned to now. */
  from: string[];
  to: string;
  toProvider: string;
  savedAt: string;
  version: string | null;
}
