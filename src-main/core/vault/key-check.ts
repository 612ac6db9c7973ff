/**
 * Asks OpenRouter about the stored key (GET /api/v1/key: label, limit, usage, free tier) for the
 * key status. A minimal call kept here until src-main/core/openrouter/key-info.ts offers one;
 * the key goes only into the Authorization header, never into the result or an error.
 */
import type { KeyCheck } from "../common/index.js";
import { AnswerTooLargeError, readCappedJson, SMALL_ANSWER_MAX_BYTES } from "../openrouter/capped-body.js";
import { openRouterBaseUrl } from "../openrouter/client-url.js";

const TIMEOUT_MS = 10_000;

interface KeyAnswer {
  data?: { label?: unknown; limit?: unknown; limit_remaining?: unknown; usage?: unknown; is_free_tier?: unknown };
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

export async function checkKeyWithOpenRouter(key: string, env: NodeJS.ProcessEnv = process.env): Promise<KeyCheck> {
  const checkedAt = new Date().toISOString();
  const url = `${openRouterBaseUrl(env)}/key`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { Authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    return { ok: false, checkedAt, error: timedOut ? `OpenRouter did not answer within ${TIMEOUT_MS / 1000} s (${url}).` : `OpenRouter could not be reached (${url}); check your connection.` };
  }
  if (res.status === 401 || res.status === 403) {
    return { ok: false, checkedAt, error: `Rejected by OpenRouter (${res.status}): the key is wrong, revoked or disabled. Create a key at https://openrouter.ai/settings/keys and store it again.` };
  }
  if (!res.ok) return { ok: false, checkedAt, error: `OpenRouter answered ${res.status} to the key check; try again later.` };
  let body: KeyAnswer;
  try {
    body = (await readCappedJson(res, SMALL_ANSWER_MAX_BYTES)) as KeyAnswer;
  } catch (error) {
    return { ok: false, checkedAt, error: error instanceof AnswerTooLargeError ? error.message : "OpenRouter's answer to the key check was not JSON." };
  }
  const d = body.data ?? {};
  return {
    ok: true,
    checkedAt,
    label: typeof d.label === "string" ? d.label : null,
    limit: num(d.limit),
    limitRemaining: num(d.limit_remaining),
    usage: num(d.usage),
    isFreeTier: d.is_free_tier === true,
  };
}
