/**
 * Agent dirs nobody wrote by hand: a seeded generator that combines what users put in pi's files
 * (virtual OpenRouter providers and proxies, built-in overrides, routing at every level,
 * samplingParams, key references in every syntax pi has had, auth.json logins, scope patterns with
 * thinking suffixes, saved defaults) into dirs the core and real pi must read alike. The same seed
 * gives the same dirs, so a failure can be replayed (PI_CONFORMANCE_SEED).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "../seeded-random";

const OR = "https://openrouter.ai/api/v1";
const IDS = ["openai/gpt-4o", "openai/gpt-4o-mini", "anthropic/claude-sonnet-4.5", "deepseek/deepseek-chat", "moonshotai/kimi-k2", "qwen/qwen3-coder", "meta-llama/llama-3.3-70b-instruct", "z-ai/glm-4.6"];
const SLUGS = ["amazon-bedrock", "groq", "deepinfra/fp8", "novita", "together", "baseten", "anthropic"];
const BASE_URLS = [OR, OR, OR, `${OR}/`, "https://proxy.example.com/v1", "http://127.0.0.1:9/openrouter.ai/api/v1"];
const KEYS = ["$OPENROUTER_API_KEY", "${OR_ALT}", "OPENROUTER_API_KEY", "sk-or-v1-models-literal", "$UNSET_KEY_VAR", "sk-${OR_ALT}-tail", undefined];
const WORDS = ["bedrock", "novita", "fast", "cheap", "private", "groq"];
const LEVELS = ["off", "low", "medium", "high", "xhigh", "max"];

/** The environment every generated dir is read in (UNSET_KEY_VAR stays unset on purpose). */
export const GENERATED_ENV = { OPENROUTER_API_KEY: "sk-or-v1-env-generated", OR_ALT: "sk-or-v1-alt-generated" };

export function generateAgentDirs(root: string, seed: number, count: number): { name: string; dir: string }[] {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const chance = (p: number) => rnd() < p;
  const some = <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(list)))];

  const routing = (): Record<string, unknown> => {
    const r: Record<string, unknown> = {};
    if (chance(0.6)) r.only = some(SLUGS, 2);
    if (chance(0.4)) r.order = some(SLUGS, 3);
    if (chance(0.3)) r.allow_fallbacks = chance(0.5);
    if (chance(0.2)) r.ignore = some(SLUGS, 1);
    if (chance(0.2)) r.sort = pick(["price", "throughput", "latency"]);
    if (chance(0.15)) r.zdr = true;
    if (chance(0.1)) r.max_price = { prompt: 1, completion: 2 };
    return r;
  };

  const cases: { name: string; dir: string }[] = [];
  for (let n = 0; n < count; n++) {
    const providers: Record<string, Record<string, unknown>> = {};
    const refs: string[] = [];
    for (let p = 0, total = 1 + Math.floor(rnd() * 3); p < total; p++) {
      const name = `openrouter-${pick(WORDS)}${p}`;
      const entry: Record<string, unknown> = { baseUrl: pick(BASE_URLS) };
      if (chance(0.85)) entry.api = "openai-completions";
      const key = pick(KEYS);
      if (key !== undefined) entry.apiKey = key;
      if (chance(0.5)) entry.compat = { openRouterRouting: routing() };
      entry.models = some(IDS, 3).map((id) => {
        const model: Record<string, unknown> = { id };
        if (entry.api === undefined || chance(0.1)) model.api = chance(0.8) ? "openai-completions" : "anthropic-messages";
        if (chance(0.35)) model.compat = { openRouterRouting: routing() };
        if (chance(0.15)) model.samplingParams = chance(0.5) ? { temperature: 0.3 } : { provider: { only: [pick(SLUGS)] } };
        if (chance(0.2)) model.reasoning = true;
        refs.push(`${name}/${id}`);
        return model;
      });
      providers[name] = entry;
    }
    if (chance(0.4)) {
      const builtIn: Record<string, unknown> = {};
      if (chance(0.5)) builtIn.modelOverrides = Object.fromEntries(some(IDS, 2).map((id) => [id, { compat: { openRouterRouting: routing() } }]));
      if (chance(0.3)) builtIn.compat = { openRouterRouting: routing() };
      if (chance(0.3)) builtIn.apiKey = pick(KEYS.filter(Boolean));
      if (chance(0.2)) builtIn.models = [{ id: `my-org/${pick(WORDS)}` }];
      if (Object.keys(builtIn).length > 0) providers.openrouter = builtIn;
    }

    const auth: Record<string, unknown> = {};
    if (chance(0.3)) auth.openrouter = { type: "api_key", key: pick(["sk-or-v1-auth-generated", "${OR_ALT}", "$UNSET_KEY_VAR"]) };
    if (chance(0.2)) auth[pick(Object.keys(providers))] = { type: "api_key", key: "sk-or-v1-auth-virtual" };

    const settings: Record<string, unknown> = {};
    if (chance(0.8)) {
      const patterns = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => {
        const ref = refs.length && chance(0.7) ? pick(refs) : `openrouter/${pick(IDS)}`;
        const [provider] = ref.split("/");
        const pattern = pick([ref, `${provider}/*`, `${provider}/**`, ref.slice(ref.indexOf("/") + 1), pick(["gpt-4o", "kimi", "claude", "deepseek"])]);
        return chance(0.25) ? `${pattern}:${pick(LEVELS)}` : pattern;
      });
      settings.enabledModels = patterns;
    }
    if (chance(0.4) && refs.length) {
      const ref = pick(refs);
      const slash = ref.indexOf("/");
      settings.defaultProvider = ref.slice(0, slash);
      settings.defaultModel = ref.slice(slash + 1);
    }
    if (chance(0.3)) settings.defaultThinkingLevel = pick(LEVELS);

    const name = `gen-${seed}-${n}`;
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "models.json"), JSON.stringify({ providers }, null, 2));
    if (Object.keys(auth).length) writeFileSync(join(dir, "auth.json"), JSON.stringify(auth, null, 2));
    if (Object.keys(settings).length) writeFileSync(join(dir, "settings.json"), JSON.stringify(settings, null, 2));
    cases.push({ name, dir });
  }
  return cases;
}
