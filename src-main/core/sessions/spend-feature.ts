/**
 * Spend for a UI host: the session files read once and then followed (session-spend.ts), reports
 * by period and grouping (common/spend-report.ts), OpenRouter's verification (verify-spend.ts) and
 * the tray's "today". Nothing is read until a UI asks for spend, so a host whose user never opens
 * the Spend view does no work for it. Also what `spend` on the command line runs, unwatched.
 */
import type { SpendGrouping, SpendReport, SpendVerification } from "../common/contract/spend.js";
import { buildSpendReport, startOfLocalDay } from "../common/spend-report.js";
import type { AgentState } from "../agent-state.js";
import type { GenerationCache } from "../openrouter/generation-cache.js";
import { sessionSpendFor, type SessionSpend } from "./session-spend.js";
import { verifySpend } from "./verify-spend.js";

export interface SpendQueryInput {
  /** ms since the epoch; null: everything. */
  since: number | null;
  by: SpendGrouping;
}

export function spendReport(spend: SessionSpend, query: SpendQueryInput, now = Date.now()): SpendReport {
  return { ...buildSpendReport(spend.entries(), { ...query, now }), source: spend.stats };
}

/** Cost of today's entries (local day), pi's estimate. */
export function spendToday(spend: SessionSpend, now = Date.now()): number {
  const from = startOfLocalDay(now);
  let cost = 0;
  for (const e of spend.entries()) if (e.at >= from) cost += e.cost;
  return cost;
}

export function verifyPeriod(spend: SessionSpend, since: number | null, state: AgentState, cache: GenerationCache, ask: boolean): Promise<SpendVerification> {
  const entries = [...spend.entries()].filter((e) => since === null || e.at >= since);
  return verifySpend(entries, state, cache, { ask });
}

export class SpendFeature {
  private spend: Promise<SessionSpend> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: { agentDir: string; env?: NodeJS.ProcessEnv; state: () => AgentState; cache: GenerationCache }) {}

  /** The session files, read on first use and followed from then on. */
  private started(): Promise<SessionSpend> {
    this.spend ??= (async () => {
      const spend = await sessionSpendFor(this.options.agentDir, this.options.env);
      await spend.refresh();
      spend.watch(() => this.listeners.forEach((l) => l()));
      return spend;
    })();
    return this.spend;
  }

  async report(query: SpendQueryInput): Promise<SpendReport> {
    return spendReport(await this.started(), query);
  }

  async today(): Promise<number> {
    return spendToday(await this.started());
  }

  /** ask: the user opened the view or pressed Verify (uncached records are asked from OpenRouter); else the cache only. */
  async verify(since: number | null, ask: boolean): Promise<SpendVerification> {
    return verifyPeriod(await this.started(), since, this.options.state(), this.options.cache, ask);
  }

  /** After new lines were read; the listener asks again for what it shows. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    void this.spend?.then((s) => s.close());
    this.listeners.clear();
  }
}
