/**
 * pi's models.json schema, mirrored from pi 0.73 (model-registry.ts) with the same library pi uses
 * (typebox), so that "valid" means what it means to pi: objects accept unknown keys, and `compat`
 * is a union whose loosest member accepts any object (which is why pi takes `only: "x"` silently).
 * Keep this in step with the installed pi; the conformance suite fails when it drifts.
 */
import { Type } from "typebox";
import { Compile } from "typebox/compile";

const PercentileCutoffs = Type.Object({
  p50: Type.Optional(Type.Number()),
  p75: Type.Optional(Type.Number()),
  p90: Type.Optional(Type.Number()),
  p99: Type.Optional(Type.Number()),
});

const NumberOrString = Type.Union([Type.Number(), Type.String()]);

export const OpenRouterRoutingSchema = Type.Object({
  allow_fallbacks: Type.Optional(Type.Boolean()),
  require_parameters: Type.Optional(Type.Boolean()),
  data_collection: Type.Optional(Type.Union([Type.Literal("deny"), Type.Literal("allow")])),
  zdr: Type.Optional(Type.Boolean()),
  enforce_distillable_text: Type.Optional(Type.Boolean()),
  order: Type.Optional(Type.Array(Type.String())),
  only: Type.Optional(Type.Array(Type.String())),
  ignore: Type.Optional(Type.Array(Type.String())),
  quantizations: Type.Optional(Type.Array(Type.String())),
  sort: Type.Optional(
    Type.Union([
      Type.String(),
      Type.Object({ by: Type.Optional(Type.String()), partition: Type.Optional(Type.Union([Type.String(), Type.Null()])) }),
    ]),
  ),
  max_price: Type.Optional(
    Type.Object({
      prompt: Type.Optional(NumberOrString),
      completion: Type.Optional(NumberOrString),
      image: Type.Optional(NumberOrString),
      audio: Type.Optional(NumberOrString),
      request: Type.Optional(NumberOrString),
    }),
  ),
  preferred_min_throughput: Type.Optional(Type.Union([Type.Number(), PercentileCutoffs])),
  preferred_max_latency: Type.Optional(Type.Union([Type.Number(), PercentileCutoffs])),
});

/** The keys pi 0.73 knows in openRouterRouting; anything else is passed through unchecked. */
export const KNOWN_ROUTING_KEYS = Object.keys(OpenRouterRoutingSchema.properties);

const VercelGatewayRouting = Type.Object({
  only: Type.Optional(Type.Array(Type.String())),
  order: Type.Optional(Type.Array(Type.String())),
});

const ThinkingLevelMapValue = Type.Union([Type.String(), Type.Null()]);
const ThinkingLevelMap = Type.Object({
  off: Type.Optional(ThinkingLevelMapValue),
  minimal: Type.Optional(ThinkingLevelMapValue),
  low: Type.Optional(ThinkingLevelMapValue),
  medium: Type.Optional(ThinkingLevelMapValue),
  high: Type.Optional(ThinkingLevelMapValue),
  xhigh: Type.Optional(ThinkingLevelMapValue),
});

const OpenAICompletionsCompat = Type.Object({
  supportsStore: Type.Optional(Type.Boolean()),
  supportsDeveloperRole: Type.Optional(Type.Boolean()),
  supportsReasoningEffort: Type.Optional(Type.Boolean()),
  supportsUsageInStreaming: Type.Optional(Type.Boolean()),
  maxTokensField: Type.Optional(Type.Union([Type.Literal("max_completion_tokens"), Type.Literal("max_tokens")])),
  requiresToolResultName: Type.Optional(Type.Boolean()),
  requiresAssistantAfterToolResult: Type.Optional(Type.Boolean()),
  requiresThinkingAsText: Type.Optional(Type.Boolean()),
  requiresReasoningContentOnAssistantMessages: Type.Optional(Type.Boolean()),
  thinkingFormat: Type.Optional(
    Type.Union([
      Type.Literal("openai"),
      Type.Literal("openrouter"),
      Type.Literal("deepseek"),
      Type.Literal("zai"),
      Type.Literal("qwen"),
      Type.Literal("qwen-chat-template"),
    ]),
  ),
  cacheControlFormat: Type.Optional(Type.Literal("anthropic")),
  openRouterRouting: Type.Optional(OpenRouterRoutingSchema),
  vercelGatewayRouting: Type.Optional(VercelGatewayRouting),
  supportsStrictMode: Type.Optional(Type.Boolean()),
  supportsLongCacheRetention: Type.Optional(Type.Boolean()),
});
const OpenAIResponsesCompat = Type.Object({
  sendSessionIdHeader: Type.Optional(Type.Boolean()),
  supportsLongCacheRetention: Type.Optional(Type.Boolean()),
});
const AnthropicMessagesCompat = Type.Object({
  supportsEagerToolInputStreaming: Type.Optional(Type.Boolean()),
  supportsLongCacheRetention: Type.Optional(Type.Boolean()),
});
const ProviderCompat = Type.Union([OpenAICompletionsCompat, OpenAIResponsesCompat, AnthropicMessagesCompat]);

const Input = Type.Array(Type.Union([Type.Literal("text"), Type.Literal("image")]));
const Headers = Type.Record(Type.String(), Type.String());

const ModelDefinition = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.Optional(Type.String({ minLength: 1 })),
  api: Type.Optional(Type.String({ minLength: 1 })),
  baseUrl: Type.Optional(Type.String({ minLength: 1 })),
  reasoning: Type.Optional(Type.Boolean()),
  thinkingLevelMap: Type.Optional(ThinkingLevelMap),
  input: Type.Optional(Input),
  cost: Type.Optional(
    Type.Object({ input: Type.Number(), output: Type.Number(), cacheRead: Type.Number(), cacheWrite: Type.Number() }),
  ),
  contextWindow: Type.Optional(Type.Number()),
  maxTokens: Type.Optional(Type.Number()),
  headers: Type.Optional(Headers),
  compat: Type.Optional(ProviderCompat),
});

const ModelOverride = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1 })),
  reasoning: Type.Optional(Type.Boolean()),
  thinkingLevelMap: Type.Optional(ThinkingLevelMap),
  input: Type.Optional(Input),
  cost: Type.Optional(
    Type.Object({
      input: Type.Optional(Type.Number()),
      output: Type.Optional(Type.Number()),
      cacheRead: Type.Optional(Type.Number()),
      cacheWrite: Type.Optional(Type.Number()),
    }),
  ),
  contextWindow: Type.Optional(Type.Number()),
  maxTokens: Type.Optional(Type.Number()),
  headers: Type.Optional(Headers),
  compat: Type.Optional(ProviderCompat),
});

const ProviderConfig = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1 })),
  baseUrl: Type.Optional(Type.String({ minLength: 1 })),
  apiKey: Type.Optional(Type.String({ minLength: 1 })),
  api: Type.Optional(Type.String({ minLength: 1 })),
  headers: Type.Optional(Headers),
  compat: Type.Optional(ProviderCompat),
  authHeader: Type.Optional(Type.Boolean()),
  models: Type.Optional(Type.Array(ModelDefinition)),
  modelOverrides: Type.Optional(Type.Record(Type.String(), ModelOverride)),
});

export const ModelsConfigSchema = Type.Object({ providers: Type.Record(Type.String(), ProviderConfig) });

let mirrored: ModelsValidator | undefined;
/** The mirrored schema, compiled when first asked: a pi that ships its own (1.x) never needs it, and compiling it is a large share of a CLI start. */
export const mirroredModelsValidator = (): ModelsValidator => (mirrored ??= Compile(ModelsConfigSchema));

/** A compiled models.json schema: ours (above) or the installed pi's own (pi-install.ts). */
export interface ModelsValidator {
  Check(value: unknown): boolean;
  Errors(value: unknown): Iterable<unknown>;
}
export const routingValidator = Compile(OpenRouterRoutingSchema);

export interface RawModelDef {
  id: string;
  name?: string;
  api?: string;
  baseUrl?: string;
  reasoning?: boolean;
  thinkingLevelMap?: Record<string, string | null>;
  input?: string[];
  cost?: { input: number; output: number; cacheRead: number; cacheWrite: number };
  contextWindow?: number;
  maxTokens?: number;
  headers?: Record<string, string>;
  compat?: Record<string, unknown>;
  /** pi 0.84.0 / 1.0.2: checked by the installed pi's schema where it ships one. */
  samplingParams?: Record<string, unknown>;
  samplingParamsByThinkingLevel?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export interface RawModelOverride {
  name?: string;
  reasoning?: boolean;
  thinkingLevelMap?: Record<string, string | null>;
  input?: string[];
  cost?: Partial<{ input: number; output: number; cacheRead: number; cacheWrite: number }>;
  contextWindow?: number;
  maxTokens?: number;
  headers?: Record<string, string>;
  compat?: Record<string, unknown>;
  samplingParams?: Record<string, unknown>;
  samplingParamsByThinkingLevel?: Record<string, Record<string, unknown>>;
}

export interface RawProviderConfig {
  name?: string;
  baseUrl?: string;
  apiKey?: string;
  api?: string;
  headers?: Record<string, string>;
  compat?: Record<string, unknown>;
  authHeader?: boolean;
  /** pi 0.80+: an OAuth gateway login ("radius"). */
  oauth?: string;
  models?: RawModelDef[];
  modelOverrides?: Record<string, RawModelOverride>;
}

export interface RawModelsConfig {
  providers: Record<string, RawProviderConfig>;
}
