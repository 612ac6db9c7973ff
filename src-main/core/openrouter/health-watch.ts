/**
 * The health watch: every so often, asks OpenRouter for the endpoint stats of the scoped models
 * that are pinned (an `only` list, or an `order` without fallbacks) and notes a model whose every
 * allowed endpoint is degraded (common/endpoint-health.ts), with the endpoint to pin instead. What
 * it found joins the models' problems (the row, the switcher, Config health, the tray, which turns
 * amber), and listeners hear of models that newly degraded (the tray app's notification).
 *
 * Modest on OpenRouter: one endpoint list per pinned model per check, one request at a time, every
 * 10 minutes by default (OpenRouter's endpoint stats cover the last 30 minutes). It needs no key:
 * the endpoints list is public. The timer is unref'd and runs only while the watch is on.
 */
import type { AgentState } from "../agent-state.js";
import type { CatalogEndpoint, DegradedModel, HealthReport, ModelEntry, ModelProblem } from "../common/index.js";
import { DEFAULT_MIN_UPTIME, pinnedHealth, type HealthThresholds } from "../common/openrouter/endpoint-health.js";
import type { ProblemSource } from "./routing-problems.js";
import { endpointListIds, variantEndpoints } from "./variant-endpoints.js";

export const HEALTH_CHECK_INTERVAL_MS = 10 * 60 * 1000;

export interface HealthWatchOptions {
  state: () => AgentState;
  /** A model's endpoints asked of OpenRouter now (the catalog falls back to its cache when offline). */
  freshEndpoints: (catalogId: string) => Promise<CatalogEndpoint[] | null>;
  intervalMs?: number;
  now?: () => Date;
}

const refOf = (m: { provider: string; id: string }) => `${m.provider}/${m.id}`;
/** Only these can be degraded: scoped OpenRouter models whose routing narrows their endpoints. */
const watched = (m: ModelEntry) => m.scoped && m.openRouter && m.routing !== null && (Array.isArray(m.routing.only) || (m.routing.allow_fallbacks === false && Array.isArray(m.routing.order)));

export class HealthWatch {
  private report: HealthReport = { watching: false, checkedAt: null, degraded: [], error: null };
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<HealthReport> | null = null;
  private readonly reportListeners = new Set<(report: HealthReport, newlyDegraded: DegradedModel[]) => void>();
  private thresholds: HealthThresholds = { minUptime: DEFAULT_MIN_UPTIME };
  /** Bumped by stop(): a check that was under way when the watch stopped says nothing. */
  private generation = 0;

  constructor(private readonly options: HealthWatchOptions) {}

  /** The user's threshold (Preferences); the next check applies it. */
  setThresholds(thresholds: HealthThresholds): void {
    this.thresholds = thresholds;
  }

  /** Checks now and then every interval, until stop(). */
  start(): void {
    if (this.timer) return;
    this.report = { ...this.report, watching: true };
    this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? HEALTH_CHECK_INTERVAL_MS);
    this.timer.unref();
    void this.check();
  }

  /** Stops checking and forgets what was found, so no stale warning outlives the switch. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.generation++;
    const was = this.report;
    this.report = { watching: false, checkedAt: null, degraded: [], error: null };
    if (was.watching || was.degraded.length) this.emit([]);
  }

  get active(): boolean {
    return this.timer !== null;
  }

  latest(): HealthReport {
    return this.report;
  }

  onReport(listener: (report: HealthReport, newlyDegraded: DegradedModel[]) => void): () => void {
    this.reportListeners.add(listener);
    return () => this.reportListeners.delete(listener);
  }

  /** One check of every watched model (a check already running is joined, not doubled). */
  check(): Promise<HealthReport> {
    this.running ??= this.checkNow().finally(() => (this.running = null));
    return this.running;
  }

  private async checkNow(): Promise<HealthReport> {
    const generation = this.generation;
    const models = this.options.state().snapshot.models.filter(watched);
    const thresholds = this.thresholds;
    const lists = new Map<string, Promise<{ catalogId: string; endpoints: CatalogEndpoint[] } | null>>();
    const degraded: DegradedModel[] = [];
    const failures: string[] = [];
    // One request at a time; models on the same catalog entry share its list.
    for (const model of models) {
      const key = endpointListIds(model.id)[0]!;
      if (!lists.has(key)) lists.set(key, variantEndpoints(model.id, this.options.freshEndpoints).catch((error: Error) => (failures.push(`${model.id}: ${error.message}`), null)));
      const found = await lists.get(key)!;
      if (!found) continue;
      const health = pinnedHealth(model.routing, found.endpoints, thresholds);
      if (health) degraded.push({ ref: refOf(model), catalogId: found.catalogId, health });
    }
    if (generation !== this.generation) return this.report;
    const before = new Set(this.report.degraded.map((d) => d.ref));
    this.report = { watching: this.active, checkedAt: (this.options.now?.() ?? new Date()).toISOString(), degraded, error: failures.length ? failures.join("; ") : null };
    this.emit(degraded.filter((d) => !before.has(d.ref)));
    return this.report;
  }

  private emit(newlyDegraded: DegradedModel[]): void {
    for (const listener of this.reportListeners) listener(this.report, newlyDegraded);
  }

  /** The last check's findings as model problems (no network: a snapshot never waits on OpenRouter). */
  readonly source: ProblemSource = async () => new Map(this.report.degraded.map((d) => [d.ref, [degradedProblem(d)]]));
}

/** "Novita (novita/fp8)": the provider as people know it, and the slug routing uses when they differ. */
export function endpointName(e: { provider: string; tag: string }): string {
  return e.provider.toLowerCase() === e.tag.toLowerCase() ? e.provider : `${e.provider} (${e.tag})`;
}

export function degradedProblem(d: DegradedModel): ModelProblem {
  const pinned = d.health.pinned.map((p) => `${endpointName(p)}: ${p.degraded}`).join("; ");
  const next = d.health.next;
  return {
    code: "endpoint-degraded",
    severity: "warning",
    message: `Every provider this model is pinned to is degraded on OpenRouter (${pinned}). pi's requests may fail or be slow.`,
    hint: next
      ? `Pin ${endpointName(next)} instead (uptime ${next.uptime ?? "unknown"}%): "Switch" in the tray, or the "Pinned to provider" profile with ${next.tag}.`
      : "No healthy provider of this model is known: wait, or pick another model.",
  };
}
