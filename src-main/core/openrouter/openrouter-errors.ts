/**
 * OpenRouter's failures turned into messages a user can act on: what happened and what to
 * change. Statuses follow https://openrouter.ai/docs/api-reference/errors (400 bad request,
 * 401 key, 402 credits, 403 moderation, 404 no endpoint matches the routing or unknown model,
 * 408 timeout, 429 rate limit, 5xx provider down). Every text that leaves here is scrubbed of the
 * key, whatever the SDK or the server put in it.
 */
import type { TestResult } from "../common/index.js";

export type TestError = NonNullable<TestResult["error"]>;

export interface ErrorContext {
  ref: string;
  url: string;
  /** "auth.json → runs `…`": where the key came from, without the key. */
  keySummary: string;
  hasRouting: boolean;
}

export { redactSecret as redact } from "../common/redact-secret.js";

const NO_ENDPOINT = /no (endpoints|allowed providers)/i;

export function describeHttpError(status: number, serverMessage: string, ctx: ErrorContext, retryAfter: string | null = null): Omit<TestError, "status"> {
  const said = serverMessage ? ` OpenRouter said: "${serverMessage}"` : "";
  if (status === 400) {
    return {
      message: `OpenRouter rejected the request for ${ctx.ref} (400).${said}`,
      hint: ctx.hasRouting
        ? "Check the routing (compat.openRouterRouting) in models.json: only, order, ignore and quantizations must be lists of strings, sort one of price/throughput/latency, max_price numbers. Also check the model id."
        : "Check the model id and the provider's settings in models.json.",
    };
  }
  if (status === 401) {
    return {
      message: `OpenRouter rejected the key for ${ctx.ref} (401).${said}`,
      hint: `The key pi would use (${ctx.keySummary}) is wrong, disabled or expired. Store a valid key (\`pi-switchboard key set\`) or fix that entry.`,
    };
  }
  if (status === 402) {
    return {
      message: `The OpenRouter account or key has no credits left (402).${said}`,
      hint: "Add credits at https://openrouter.ai/settings/credits, or raise this key's credit limit at https://openrouter.ai/settings/keys.",
    };
  }
  if (status === 403) {
    return { message: `OpenRouter refused the request for ${ctx.ref} (403).${said}`, hint: "The prompt was flagged by moderation or a guardrail of the account: change the prompt or the account's guardrails." };
  }
  if (status === 404 && NO_ENDPOINT.test(serverMessage)) {
    return {
      message: `No provider of ${ctx.ref} matches its routing (404).${said}`,
      hint: "Loosen the routing in models.json: compare the slugs in only/order/ignore with `pi-switchboard catalog <model>`, and relax quantizations, max_price, zdr/data_collection or require_parameters. A privacy setting of the account (https://openrouter.ai/settings/privacy) can exclude providers too.",
    };
  }
  if (status === 404) {
    return { message: `OpenRouter does not know ${ctx.ref} (404).${said}`, hint: `Check the model id and the baseUrl (${ctx.url}) in models.json.` };
  }
  if (status === 408) {
    return { message: `OpenRouter timed out on ${ctx.ref} (408).${said}`, hint: "Retry; if it keeps happening, allow fallbacks or put a faster provider first in order." };
  }
  if (status === 429) {
    return {
      message: `Rate limited by OpenRouter or the provider (429).${said}`,
      hint: `Wait${retryAfter ? ` ${retryAfter} s` : " a little"} and retry. Free (:free) models have low limits; a paid model or another provider in order avoids them.`,
    };
  }
  if (status >= 500) {
    return {
      message: `The provider serving ${ctx.ref} failed (${status}).${said}`,
      hint: "Retry later, or let OpenRouter fall back: set allow_fallbacks to true or add more providers to order/only.",
    };
  }
  return { message: `OpenRouter answered ${status} for ${ctx.ref}.${said}`, hint: "Check the model's baseUrl, key and routing in models.json." };
}

export function networkError(ctx: ErrorContext, reason: string): Omit<TestError, "status"> {
  return { message: `Could not reach ${ctx.url}: ${reason}.`, hint: "Check the network connection and the provider's baseUrl in models.json." };
}
