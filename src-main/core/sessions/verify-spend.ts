/**
 * "Verified by OpenRouter": for the answers pi's sessions record from an OpenRouter provider (its
 * baseUrl is OpenRouter's API host, secret-destination.ts), OpenRouter's generation record by the
 * answer's responseId says which upstream provider served it and what it really cost. Records come
 * from the disk cache first (generation-cache.ts); the rest are asked only when the caller allows
 * (the user opened the Spend view or ran `spend --verify`), a few at a time (ConcurrencyLimit),
 * with the key pi uses for that provider (resolve-key.ts), sent to OpenRouter only. What could not
 * be verified is counted and said, so an offline run still shows what the cache knows.
 */
import type { AgentState } from "../agent-state.js";
import type { SpendVerification, SpendVerifiedAnswer, SpendVerifiedModel } from "../common/contract/spend.js";
import type { ThinkingLevel } from "../common/index.js";
import { isOpenRouterDestination } from "../common/secret-destination.js";
import type { SpendEntry } from "../common/spend-report.js";
import { ConcurrencyLimit } from "../openrouter/concurrency-limit.js";
import { fetchGeneration } from "../openrouter/generation.js";
import type { CachedGeneration, GenerationCache } from "../openrouter/generation-cache.js";
import { CommandNotRun, resolveRequestAuth } from "../openrouter/resolve-key.js";
import { routingVerdict } from "../openrouter/test-prompt.js";
import type { ResolvedModel } from "../pi/model-registry.js";
import { requestRouting } from "../pi/routing.js";

/** Generation lookups at once: OpenRouter rate-limits per key, and these are never urgent. */
export const VERIFY_CONCURRENCY = 4;
/** An answer is asked for at most this long after it ended: OpenRouter answers 404 until it has recorded it. */
const RECENT_BACKOFF_MS = [500, 1000];

export interface VerifyOptions {
  /** false: the cache only (nobody asked, or offline). */
  ask: boolean;
  signal?: AbortSignal;
  now?: number;
}

interface Group {
  model: ResolvedModel | undefined;
  answers: SpendEntry[];
}

const modelKey = (provider: string, model: string) => `${provider}/${model}`;

export async function verifySpend(entries: Iterable<SpendEntry>, state: AgentState, cache: GenerationCache, options: VerifyOptions): Promise<SpendVerification> {
  const env = state.keyContext.env;
  const providerBase = new Map<string, string>();
  for (const m of state.models) if (!providerBase.has(m.provider)) providerBase.set(m.provider, m.baseUrl);
  // What models.json says wins: a provider pi lists no model of now (a catalog not read) still has its baseUrl there.
  for (const [name, p] of Object.entries(state.modelsConfig?.providers ?? {})) if (p.baseUrl) providerBase.set(name, p.baseUrl);
  const groups = new Map<string, Group>();
  for (const e of entries) {
    if (!e.responseId || !isOpenRouterDestination(providerBase.get(e.provider), env)) continue;
    const key = modelKey(e.provider, e.model);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { model: state.models.find((m) => m.provider === e.provider && m.id === e.model), answers: [] }));
    group.answers.push(e);
  }

  const records = new Map<string, CachedGeneration>();
  const toAsk: SpendEntry[] = [];
  for (const group of groups.values()) {
    for (const e of group.answers) {
      const cached = await cache.get(e.responseId!);
      if (cached) records.set(e.responseId!, cached);
      else toAsk.push(e);
    }
  }
  const failures: string[] = [];
  if (options.ask && toAsk.length > 0) await askOpenRouter(toAsk, state, cache, records, failures, options);

  return summarize(groups, records, state, failures, options.ask);
}

/** Looks up the uncached ids, per pi provider with that provider's key; found records go to the cache. */
async function askOpenRouter(toAsk: SpendEntry[], state: AgentState, cache: GenerationCache, records: Map<string, CachedGeneration>, failures: string[], options: VerifyOptions): Promise<void> {
  const limit = new ConcurrencyLimit(VERIFY_CONCURRENCY);
  const now = options.now ?? Date.now();
  const byProvider = new Map<string, SpendEntry[]>();
  for (const e of toAsk) byProvider.set(e.provider, [...(byProvider.get(e.provider) ?? []), e]);
  for (const [provider, answers] of byProvider) {
    const model = state.models.find((m) => m.provider === provider);
    if (!model) {
      failures.push(`pi has no model of ${provider} now, so the key it would use for it is unknown.`);
      continue;
    }
    let auth;
    try {
      auth = await resolveRequestAuth(model, state);
    } catch (error) {
      failures.push(error instanceof CommandNotRun ? error.message : `The key for ${provider} could not be resolved.`);
      continue;
    }
    if (!auth.ok) {
      failures.push(`${auth.message} ${auth.hint}`);
      continue;
    }
    const { apiKey, headers } = auth;
    let stop: string | null = null;
    await Promise.all(
      answers.map((e) =>
        limit.run(async () => {
          if (stop) return;
          // Only a fresh answer may still be unrecorded: an old 404 is final, so it is not waited for.
          const backoffMs = now - e.at < 60_000 ? RECENT_BACKOFF_MS : [];
          const found = await fetchGeneration({ baseUrl: model.baseUrl, id: e.responseId!, apiKey, headers, backoffMs, ...(options.signal ? { signal: options.signal } : {}) });
          if (found.ok) {
            const record = { provider: found.generation.provider, model: found.generation.model, totalCost: found.generation.totalCost };
            records.set(e.responseId!, record);
            await cache.set(e.responseId!, record);
          } else if (!/no record of generation/.test(found.note)) {
            // Unreachable, refused or rate-limited: the rest would fail alike, so stop asking.
            stop = found.note.replace(/; the verdict uses the stream's provider\.?/, ".");
          }
        }, options.signal),
      ),
    );
    if (stop) failures.push(stop);
  }
  await cache.save().catch(() => undefined);
}

function summarize(groups: Map<string, Group>, records: Map<string, CachedGeneration>, state: AgentState, failures: string[], asked: boolean): SpendVerification {
  const servedBy = new Map<string, { answers: number; realCost: number }>();
  const models: SpendVerifiedModel[] = [];
  const outsideOnly: SpendVerifiedAnswer[] = [];
  let answers = 0;
  let verified = 0;
  let estimatedCost = 0;
  let realCost = 0;
  for (const group of groups.values()) {
    const first = group.answers[0]!;
    const row: SpendVerifiedModel = { provider: first.provider, model: first.model, answers: group.answers.length, verified: 0, estimatedCost: 0, realCost: 0, servedBy: [], only: null, outsideOnly: 0 };
    const perProvider = new Map<string, number>();
    for (const e of group.answers) {
      answers++;
      const record = records.get(e.responseId!);
      if (!record) continue;
      verified++;
      row.verified++;
      const cost = record.totalCost ?? 0;
      row.estimatedCost += e.cost;
      row.realCost += cost;
      const name = record.provider ?? "unknown";
      perProvider.set(name, (perProvider.get(name) ?? 0) + 1);
      const share = servedBy.get(name) ?? { answers: 0, realCost: 0 };
      share.answers++;
      share.realCost += cost;
      servedBy.set(name, share);
      // The routing pi sends now, at the answer's thinking level: the files may have changed since.
      const routing = group.model ? requestRouting(group.model, state.rules, (e.thinking || "off") as ThinkingLevel) : null;
      const only = Array.isArray(routing?.only) ? routing.only.filter((s): s is string => typeof s === "string") : [];
      if (only.length) {
        row.only = only;
        if (record.provider && routingVerdict({ only }, record.provider, null).respected === false) {
          row.outsideOnly++;
          outsideOnly.push({ provider: e.provider, model: e.model, responseId: e.responseId!, at: new Date(e.at).toISOString(), servedBy: record.provider, only });
        }
      }
    }
    estimatedCost += row.estimatedCost;
    realCost += row.realCost;
    row.servedBy = [...perProvider].map(([provider, n]) => ({ provider, answers: n })).sort((a, b) => b.answers - a.answers);
    models.push(row);
  }
  models.sort((a, b) => b.realCost - a.realCost || b.answers - a.answers);
  const missing = answers - verified;
  const why = failures.length ? failures.join(" ") : asked ? "OpenRouter has no record of them (yet)." : "Not asked: only OpenRouter records already on this computer were used.";
  return {
    answers,
    verified,
    estimatedCost,
    realCost,
    servedBy: [...servedBy].map(([provider, s]) => ({ provider, ...s })).sort((a, b) => b.answers - a.answers),
    models,
    outsideOnly: outsideOnly.sort((a, b) => b.at.localeCompare(a.at)),
    note: missing > 0 ? `${missing} of ${answers} OpenRouter answer${answers === 1 ? "" : "s"} not verified. ${why}` : null,
  };
}
