/**
 * Asks OpenRouter about the stored key (GET /api/v1/key: label, limit, usage, free tier) for the
 * key status, through the same request as the credits check (openrouter/key-info.ts); the key goes
 * only into the Authorization header, never into the result or an error.
 */
import type { KeyCheck } from "../common/index.js";
import { getData } from "../openrouter/key-info.js";

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

export async function checkKeyWithOpenRouter(key: string, env: NodeJS.ProcessEnv = process.env): Promise<KeyCheck> {
  const checkedAt = new Date().toISOString();
  const answer = await getData(key, "/key", env);
  if (!answer.ok) {
    if (answer.status === 401 || answer.status === 403) {
      return { ok: false, checkedAt, error: `Rejected by OpenRouter (${answer.status}): the key is wrong, revoked or disabled. Create a key at https://openrouter.ai/settings/keys and store it again.` };
    }
    return { ok: false, checkedAt, error: answer.message };
  }
  const d = answer.data;
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
