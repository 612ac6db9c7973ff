/**
 * The fake OpenRouter's data: models, their provider endpoints and API keys. Shapes follow
 * OpenRouter's documented responses (GET /models, GET /models/{author}/{slug}/endpoints,
 * GET /key); prices here are USD per million tokens and converted to OpenRouter's per-token
 * strings on the wire. Tests build their own tables or start from `defaultTable()`.
 */

export interface FakeEndpoint {
  /** Display name, as OpenRouter reports it in `provider_name` and in completion chunks. */
  providerName: string;
  /** Routing slug of the provider ("amazon-bedrock"). */
  slug: string;
  /** Endpoint tag ("deepinfra/fp8"); routing may name the provider slug or the tag. Default: slug. */
  tag?: string;
  quantization: string;
  contextLength: number;
  /** Most tokens one answer may have (`max_completion_tokens`), null when the provider sets none. */
  maxOutput: number | null;
  /** USD per million tokens; cache prices only where the provider caches prompts. */
  pricing: { prompt: number; completion: number; cacheRead?: number; cacheWrite?: number };
  /** Uptime in percent over the last 30 minutes (and 5 minutes / 1 day, as the endpoints list gives them). */
  uptime: number;
  uptime5m?: number;
  uptime1d?: number;
  /** OpenRouter's endpoint status: 0 normal (default), negative when degraded or down. */
  status?: number;
  /** Median tokens per second and seconds to first token, for `sort`; the endpoints list reports percentiles around them. */
  throughput: number;
  latency: number;
  /** "allow": the provider may store or train on prompts (excluded by data_collection: "deny"). */
  dataCollection: "allow" | "deny";
  zdr: boolean;
  supportedParameters: string[];
}

export interface FakeModel {
  id: string;
  name: string;
  contextLength: number;
  endpoints: FakeEndpoint[];
  /** architecture.input_modalities (default ["text"]). */
  inputModalities?: string[];
}

export interface FakeKey {
  key: string;
  label: string;
  /** USD credit limit of the key, null for none. */
  limit: number | null;
  usage: number;
  isFreeTier: boolean;
  /** Credits left on the account; 0 makes completions answer 402. GET /credits: total_credits = credits + usage. */
  credits: number;
  /** How the key's limit resets ("daily", "weekly", "monthly"), null for never. */
  limitReset?: string | null;
  /** USD spent with the key this UTC day, week and month (default: all of `usage`). */
  usageDaily?: number;
  usageWeekly?: number;
  usageMonthly?: number;
}

const PARAMS = ["max_tokens", "temperature", "top_p", "tools", "tool_choice", "stop", "reasoning", "include_reasoning", "stream_options"];

function endpoint(e: Partial<FakeEndpoint> & Pick<FakeEndpoint, "providerName" | "slug">): FakeEndpoint {
  return {
    quantization: "unknown",
    contextLength: 131072,
    maxOutput: 16384,
    pricing: { prompt: 1, completion: 3 },
    uptime: 99.5,
    throughput: 50,
    latency: 0.6,
    dataCollection: "deny",
    zdr: false,
    supportedParameters: PARAMS,
    ...e,
  };
}

/** A table with the models the tests and the wire fixtures use (ids that pi 0.73 also knows). */
export function defaultTable(): FakeModel[] {
  return [
    {
      id: "anthropic/claude-sonnet-4",
      name: "Anthropic: Claude Sonnet 4",
      contextLength: 1000000,
      endpoints: [
        endpoint({ providerName: "Anthropic", slug: "anthropic", pricing: { prompt: 3, completion: 15, cacheRead: 0.3, cacheWrite: 3.75 }, maxOutput: 64000, throughput: 60, latency: 1.2, zdr: true, contextLength: 1000000, uptime5m: 100, uptime1d: 99.7 }),
        endpoint({ providerName: "Amazon Bedrock", slug: "amazon-bedrock", pricing: { prompt: 3, completion: 15, cacheRead: 0.3, cacheWrite: 3.75 }, maxOutput: 64000, throughput: 45, latency: 1.5, zdr: true, contextLength: 200000, uptime5m: 99, uptime1d: 99.2 }),
        endpoint({ providerName: "Google Vertex", slug: "google-vertex", pricing: { prompt: 3, completion: 15, cacheRead: 0.3, cacheWrite: 3.75 }, maxOutput: 64000, throughput: 70, latency: 1.8, contextLength: 1000000, uptime: 97.1 }),
      ],
    },
    {
      id: "moonshotai/kimi-k2",
      name: "MoonshotAI: Kimi K2",
      contextLength: 131072,
      endpoints: [
        endpoint({ providerName: "Novita", slug: "novita", tag: "novita/fp8", quantization: "fp8", pricing: { prompt: 0.57, completion: 2.3 }, throughput: 30, latency: 0.9 }),
        endpoint({ providerName: "DeepInfra", slug: "deepinfra", tag: "deepinfra/fp4", quantization: "fp4", contextLength: 65536, maxOutput: null, pricing: { prompt: 0.5, completion: 2 }, throughput: 40, latency: 0.5, dataCollection: "allow", uptime: 93.4 }),
        endpoint({ providerName: "Groq", slug: "groq", quantization: "fp8", contextLength: 131072, maxOutput: 16384, pricing: { prompt: 1, completion: 3 }, throughput: 300, latency: 0.2, supportedParameters: ["max_tokens", "temperature", "stop"] }),
        endpoint({ providerName: "Together", slug: "together", tag: "together/fp8", quantization: "fp8", pricing: { prompt: 1, completion: 3 }, throughput: 80, latency: 0.4, zdr: true }),
      ],
    },
    {
      id: "openai/gpt-4o-mini",
      name: "OpenAI: GPT-4o-mini",
      contextLength: 128000,
      endpoints: [endpoint({ providerName: "OpenAI", slug: "openai", pricing: { prompt: 0.15, completion: 0.6, cacheRead: 0.075 }, contextLength: 128000 }), endpoint({ providerName: "Azure", slug: "azure", pricing: { prompt: 0.15, completion: 0.6 }, contextLength: 128000 })],
    },
  ];
}

export const DEFAULT_KEY = "sk-or-v1-fake-0123456789abcdef";

export function defaultKeys(): FakeKey[] {
  return [{ key: DEFAULT_KEY, label: "sk-or-v1-fak...def", limit: null, usage: 1.25, isFreeTier: false, credits: 10 }];
}
