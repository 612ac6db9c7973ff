/**
 * What a key has left, from OpenRouter: GET /api/v1/key (the key's limit, its reset, its usage
 * today/this week/this month) and GET /api/v1/credits (the account's credits bought and used).
 * Both are asked of OpenRouter's API (client-url.ts) only, with a timeout each, and every failure
 * becomes a message that says what to do. The key goes into the Authorization header and nowhere
 * else: not into the result, not into a message. Used by `key status` and the key view.
 */
import { AnswerTooLargeError, readCappedJson, SMALL_ANSWER_MAX_BYTES } from "./capped-body.js";
import { openRouterBaseUrl } from "./client-url.js";

const TIMEOUT_MS = 10_000;

export interface KeyCredits {
  /** USD bought on the account, used, and left (total − used). */
  credits: { total: number; used: number; remaining: number } | null;
  /** The key's own credit limit (USD), what is left of it and how it resets ("monthly"…); null when the key has no limit. */
  limit: { limit: number | null; remaining: number | null; reset: string | null } | null;
  /** USD spent with this key in the current UTC day, week and month. */
  usage: { daily: number | null; weekly: number | null; monthly: number | null; total: number | null } | null;
  label: string | null;
  isFreeTier: boolean | null;
  /** Why a part is missing (credits need a management key, …), or what is wrong (no credits left); null when all is well. */
  note: string | null;
}

export type KeyCreditsResult = { ok: true; value: KeyCredits } | { ok: false; status: number | null; message: string };

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const round = (n: number) => Math.round(n * 1e8) / 1e8;

/** OpenRouter's `data` object, or why there is none: the HTTP status (null: no answer) and what to do. */
export type OpenRouterAnswer = { ok: true; data: Record<string, unknown> } | { ok: false; status: number | null; message: string };

function failure(path: string, status: number, retryAfter: string | null, url: string): OpenRouterAnswer {
  if (status === 401) return { ok: false, status, message: `OpenRouter rejected the key (401) at ${path}: it is wrong, revoked or disabled. Create a key at https://openrouter.ai/settings/keys and store it (\`pi-switchboard key set\`), or fix the entry pi reads.` };
  if (status === 402) return { ok: false, status, message: "OpenRouter says the account has no credits left (402). Add credits at https://openrouter.ai/settings/credits." };
  if (status === 429) return { ok: false, status, message: `OpenRouter rate-limited the request for ${path} (429). Wait${retryAfter ? ` ${retryAfter} s` : " a minute"} and ask again.` };
  return { ok: false, status, message: `OpenRouter answered ${status} for ${path} (${url}). Try again later; https://status.openrouter.ai shows outages.` };
}

/** GET `path` of OpenRouter's API with the key (also the vault's key check, vault/key-check.ts). */
export async function getData(key: string, path: string, env: NodeJS.ProcessEnv): Promise<OpenRouterAnswer> {
  const url = `${openRouterBaseUrl(env)}${path}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { Authorization: `Bearer ${key}`, accept: "application/json" }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    return { ok: false, status: null, message: timedOut ? `OpenRouter did not answer ${path} within ${TIMEOUT_MS / 1000} s (${url}); try again.` : `OpenRouter could not be reached (${url}); check the connection and try again.` };
  }
  if (!res.ok) {
    const body = (await readCappedJson(res, SMALL_ANSWER_MAX_BYTES).catch(() => null)) as { error?: { message?: unknown } } | null;
    const answer = failure(path, res.status, res.headers.get("retry-after"), url);
    // 403 on /credits is OpenRouter's "management key required": not an error of the key itself.
    if (res.status === 403 && !answer.ok) answer.message = typeof body?.error?.message === "string" ? body.error.message : "forbidden";
    return answer;
  }
  const body = (await readCappedJson(res, SMALL_ANSWER_MAX_BYTES).catch((error: unknown) => (error instanceof AnswerTooLargeError ? error : null))) as { data?: unknown } | AnswerTooLargeError | null;
  if (body instanceof AnswerTooLargeError) return { ok: false, status: res.status, message: body.message };
  if (!body || typeof body.data !== "object" || body.data === null) return { ok: false, status: res.status, message: `OpenRouter's answer to ${path} was not in the documented shape; try again later.` };
  return { ok: true, data: body.data as Record<string, unknown> };
}

export async function fetchKeyCredits(key: string, env: NodeJS.ProcessEnv = process.env): Promise<KeyCreditsResult> {
  const [keyAnswer, creditsAnswer] = await Promise.all([getData(key, "/key", env), getData(key, "/credits", env)]);
  if (!keyAnswer.ok) return { ok: false, status: keyAnswer.status, message: keyAnswer.message };
  const k = keyAnswer.data;
  const notes: string[] = [];
  let credits: KeyCredits["credits"] = null;
  if (creditsAnswer.ok) {
    const total = num(creditsAnswer.data.total_credits);
    const used = num(creditsAnswer.data.total_usage);
    if (total !== null && used !== null) credits = { total, used, remaining: round(total - used) };
    if (credits && credits.remaining <= 0) notes.push("The account has no credits left: requests fail with 402. Add credits at https://openrouter.ai/settings/credits.");
  } else if (creditsAnswer.status === 403) {
    notes.push(`OpenRouter shows the account's credits only to a management key (${creditsAnswer.message}); the key's own limit and usage are shown. See the balance at https://openrouter.ai/settings/credits.`);
  } else notes.push(`Credits unknown: ${creditsAnswer.message}`);
  const limitValue = num(k.limit);
  const limit = limitValue === null ? null : { limit: limitValue, remaining: num(k.limit_remaining), reset: typeof k.limit_reset === "string" ? k.limit_reset : null };
  if (limit?.remaining !== null && limit?.remaining !== undefined && limit.remaining <= 0) {
    notes.push(`The key's limit of $${limit.limit}${limit.reset ? ` (reset ${limit.reset})` : ""} is used up: raise it at https://openrouter.ai/settings/keys${limit.reset ? " or wait for the reset" : ""}.`);
  }
  return {
    ok: true,
    value: {
      credits,
      limit,
      usage: { daily: num(k.usage_daily), weekly: num(k.usage_weekly), monthly: num(k.usage_monthly), total: num(k.usage) },
      label: typeof k.label === "string" ? k.label : null,
      isFreeTier: typeof k.is_free_tier === "boolean" ? k.is_free_tier : null,
      note: notes.length ? notes.join(" ") : null,
    },
  };
}
