/**
 * Spend: what pi's session files say the answers cost (pi's own estimate, `usage.cost.total`), and
 * what OpenRouter's generation records say about the same answers (who served them, what they
 * really cost). Built on the main side from the session files (core/sessions/); the renderer and
 * `spend --json` get these shapes.
 */

export type SpendGrouping = "model" | "provider" | "project" | "day" | "thinking";

/** Sums over a set of billed entries; tokens as pi recorded them. */
export interface SpendTotals {
  /** USD, pi's estimate (usage.cost.total). */
  cost: number;
  /** Assistant answers and usage entries (cache warming); not summaries or tools. */
  requests: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** Answers that ended with stopReason "error" or "aborted". */
  errors: number;
  /** cacheRead / (input + cacheRead + cacheWrite), 0 when no input: how much of the prompt came from cache. */
  cacheReadShare: number;
}

/** One row of a report: the grouping's keys (only those of the grouping are set) and its totals. */
export interface SpendRow extends SpendTotals {
  /** pi's provider name ("openrouter", "openrouter-bedrock"); "" for summaries and tool usage pi attributes to no model. */
  provider?: string;
  model?: string;
  /** The project's path (the session header's cwd, else decoded from the session folder). */
  project?: string;
  /** Local calendar day, YYYY-MM-DD. */
  day?: string;
  thinking?: string;
}

export interface SpendReport {
  /** ISO time from which entries count; null: all of them. */
  since: string | null;
  by: SpendGrouping;
  total: SpendTotals;
  rows: SpendRow[];
  /** Cost per local day over the period (oldest first), for the chart; days without spend are 0. */
  days: { day: string; cost: number }[];
  /** Where the session files were read, and how many. */
  source: { dir: string; files: number; unreadable: number };
}

/** OpenRouter's word on the OpenRouter answers of a period: served-by and real cost beside pi's estimate. */
export interface SpendVerification {
  /** OpenRouter answers (pi provider whose baseUrl is OpenRouter) that carry a responseId. */
  answers: number;
  /** How many of them have OpenRouter's generation record (cached or asked now). */
  verified: number;
  /** pi's estimate and OpenRouter's total_cost over the verified answers. */
  estimatedCost: number;
  realCost: number;
  /** Share per upstream provider over the verified answers (provider_name as OpenRouter writes it). */
  servedBy: { provider: string; answers: number; realCost: number }[];
  /** Per pi model: upstream providers and costs, and how many answers were served outside its `only` list. */
  models: SpendVerifiedModel[];
  /** Answers served outside the model's `only` list ("routing not honoured"). */
  outsideOnly: SpendVerifiedAnswer[];
  /** What is not verified, and why ("offline: 12 answers not verified"); null when everything is. */
  note: string | null;
}

export interface SpendVerifiedModel {
  provider: string;
  model: string;
  answers: number;
  verified: number;
  estimatedCost: number;
  realCost: number;
  servedBy: { provider: string; answers: number }[];
  /** The `only` list the model has now (models.json), null when it pins none. */
  only: string[] | null;
  outsideOnly: number;
}

export interface SpendVerifiedAnswer {
  provider: string;
  model: string;
  responseId: string;
  at: string;
  servedBy: string;
  only: string[];
}
