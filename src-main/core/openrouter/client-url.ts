/**
 * Where the app itself talks to OpenRouter (catalog, key check): https://openrouter.ai/api/v1
 * unless PI_SWITCHBOARD_OPENROUTER_URL says otherwise (tests point it at the fake). Test prompts
 * do not use this: they go to each model's own baseUrl, exactly as pi does.
 */
export const OPENROUTER_API_URL = "https://openrouter.ai/api/v1";

export function openRouterBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.PI_SWITCHBOARD_OPENROUTER_URL?.trim();
  return (override || OPENROUTER_API_URL).replace(/\/+$/, "");
}
