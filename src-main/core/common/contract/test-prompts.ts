/**
 * Routed test prompts, run on the main side with the key pi would use, and OpenRouter's record of
 * who served them.
 */

import type { ThinkingLevel } from "./pi-info.js";
import type { RoutingObject } from "./routing.js";

export interface TestTarget {
  ref: string;
  /** Force this one provider (only + order, no fallbacks) to compare a model's providers. */
  provider?: string;
  /**
   * The thinking level to send at, as `pi --model REF:level` does (its samplingParamsByThinkingLevel
   * entry, routing included, pi 1.0.2); absent: the level pi switches to for this model, else the default.
   */
  thinkingLevel?: ThinkingLevel;
}

export interface TestPromptRequest {
  targets: TestTarget[];
  prompt: string;
  timeoutMs?: number;
}

export interface TestResult {
  ref: string;
  provider: string | null;
  /** The `provider` field OpenRouter reported for the generation. */
  servedBy: string | null;
  model: string | null;
  ttftMs: number | null;
  totalMs: number | null;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
  /** USD, from OpenRouter's usage accounting. */
  cost: number | null;
  /** false when the serving provider breaks the routing (outside `only`, not first of `order` with fallbacks off); decided from `generation` when OpenRouter gave it. */
  routingRespected: boolean | null;
  routingNote: string | null;
  /** OpenRouter's own record of the answer (GET /generation), null when it could not be read (see generationNote). */
  generation?: TestGeneration | null;
  /** Why there is no generation record (not an OpenRouter host, not recorded in time, …), null when there is one. */
  generationNote?: string | null;
  /** The `!command`s from pi's files the app ran for this test (key, headers), as written: the user sees what ran. */
  commandsRun: string[];
  /** What was sent; thinkingLevel: the level pi would run at, after clamping to the model, that chose the samplingParamsByThinkingLevel entry. */
  request: { url: string; model: string; provider: RoutingObject | null; thinkingLevel?: ThinkingLevel };
  text: string;
  error: { status: number | null; message: string; hint: string } | null;
  /** true when the user cancelled the run before this answer was complete (or before it was sent: it waited for a slot). */
  cancelled?: boolean;
}

/** OpenRouter's record of one generation: who served it, its cost (USD), its times (ms) and native token counts. */
export interface TestGeneration {
  id: string;
  provider: string | null;
  model: string | null;
  totalCost: number | null;
  latencyMs: number | null;
  generationTimeMs: number | null;
  tokens: { prompt: number | null; completion: number | null; cached: number | null; reasoning: number | null };
  finishReason: string | null;
}

export type TestEvent =
  | { runId: string; index: number; type: "start"; target: TestTarget }
  | { runId: string; index: number; type: "delta"; text: string }
  | { runId: string; index: number; type: "done"; result: TestResult }
  | { runId: string; type: "finished" };
