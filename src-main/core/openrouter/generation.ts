/**
 * OpenRouter's own record of a generation (GET /api/v1/generation?id=): which provider served
 * it, what it cost, how long it took, its native and cached tokens. OpenRouter writes the record
 * shortly after the answer ends and answers 404 until then, so the lookup retries with backoff
 * within a time budget. Used by test prompts (test-prompt.ts) to decide "routing honoured" from
 * OpenRouter's record instead of the stream. The key goes only to the OpenRouter host the caller
 * checked (key-destination.ts); no message built here contains it.
 */
import type { TestGeneration } from "../common/index.js";
import { AnswerTooLargeError, readCappedJson, SMALL_ANSWER_MAX_BYTES } from "./capped-body.js";

/** Waits between attempts while OpenRouter answers 404 (not recorded yet). */
export const GENERATION_BACKOFF_MS = [250, 500, 1000, 2000, 4000];
const REQUEST_TIMEOUT_MS = 5_000;

export type GenerationLookup = { ok: true; generation: TestGeneration } | { ok: false; note: string };

export interface GenerationRequest {
  /** The OpenRouter API base the test prompt went to (…/api/v1). */
  baseUrl: string;
  id: string;
  apiKey: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  backoffMs?: number[];
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function parseGeneration(json: unknown): TestGeneration | null {
  const d = (json as { data?: Record<string, unknown> } | null)?.data;
  if (!d || typeof d !== "object") return null;
  return {
    id: typeof d.id === "string" ? d.id : "",
    provider: typeof d.provider_name === "string" ? d.provider_name : null,
    model: typeof d.model === "string" ? d.model : null,
    totalCost: num(d.total_cost),
    latencyMs: num(d.latency),
    generationTimeMs: num(d.generation_time),
    tokens: {
      prompt: num(d.native_tokens_prompt) ?? num(d.tokens_prompt),
      completion: num(d.native_tokens_completion) ?? num(d.tokens_completion),
      cached: num(d.native_tokens_cached),
      reasoning: num(d.native_tokens_reasoning),
    },
    finishReason: typeof d.finish_reason === "string" ? d.finish_reason : null,
  };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

export async function fetchGeneration(request: GenerationRequest): Promise<GenerationLookup> {
  const url = `${request.baseUrl.replace(/\/+$/, "")}/generation?id=${encodeURIComponent(request.id)}`;
  const backoff = request.backoffMs ?? GENERATION_BACKOFF_MS;
  for (let attempt = 0; ; attempt++) {
    if (request.signal?.aborted) return { ok: false, note: "The lookup of OpenRouter's generation record was cancelled." };
    let res: Response;
    try {
      const signal = request.signal ? AbortSignal.any([request.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS);
      res = await fetch(url, { headers: { ...request.headers, Authorization: `Bearer ${request.apiKey}`, accept: "application/json" }, signal });
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError";
      return {
        ok: false,
        note: timedOut
          ? `OpenRouter did not give the generation record within ${REQUEST_TIMEOUT_MS / 1000} s; the verdict uses the stream's provider. Retry the test for OpenRouter's own record.`
          : "OpenRouter could not be reached for the generation record; the verdict uses the stream's provider. Check the connection and retry.",
      };
    }
    if (res.status === 404 && attempt < backoff.length) {
      await res.body?.cancel();
      await sleep(backoff[attempt]!, request.signal);
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      const waited = backoff.reduce((a, b) => a + b, 0) / 1000;
      const note =
        res.status === 404
          ? `OpenRouter had no record of generation ${request.id} after ${waited} s; the verdict uses the stream's provider. Look it up later at https://openrouter.ai/activity.`
          : res.status === 401 || res.status === 403
            ? `OpenRouter refused the generation record (${res.status}); the verdict uses the stream's provider. Check the key (\`pi-switchboard key status --check\`).`
            : res.status === 429
              ? "OpenRouter rate-limited the generation lookup (429); the verdict uses the stream's provider. Retry in a minute."
              : `OpenRouter answered ${res.status} for the generation record; the verdict uses the stream's provider. Retry later.`;
      return { ok: false, note };
    }
    const body = await readCappedJson(res, SMALL_ANSWER_MAX_BYTES).catch((error: unknown) => (error instanceof AnswerTooLargeError ? error : null));
    if (body instanceof AnswerTooLargeError) return { ok: false, note: `${body.message} The verdict uses the stream's provider.` };
    const generation = parseGeneration(body);
    return generation ? { ok: true, generation } : { ok: false, note: "OpenRouter's generation record was not in the documented shape; the verdict uses the stream's provider." };
  }
}
