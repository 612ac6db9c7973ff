/**
 * Where the app itself talks to OpenRouter (catalog, key check, credits): https://openrouter.ai/api/v1.
 * PI_SWITCHBOARD_OPENROUTER_URL (tests: the fake) stands in for the origin https://openrouter.ai:
 * given as an origin, the API is under its /api/v1; given with a path, that path is the API base.
 * Test prompts do not use this: they go to each model's own baseUrl, exactly as pi does, once
 * secret-destination.ts has said it is OpenRouter's.
 */
import { openRouterOverrideOrigin, OPENROUTER_ORIGIN } from "../common/secret-destination.js";

export const OPENROUTER_API_URL = `${OPENROUTER_ORIGIN}/api/v1`;

export function openRouterBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const origin = openRouterOverrideOrigin(env);
  if (!origin) return OPENROUTER_API_URL;
  const path = new URL(env.PI_SWITCHBOARD_OPENROUTER_URL!.trim()).pathname.replace(/\/+$/, "");
  return `${origin}${path || "/api/v1"}`;
}
