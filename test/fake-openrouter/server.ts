/**
 * A fake OpenRouter for tests and demos: a real node:http server on 127.0.0.1 (ephemeral port)
 * that reproduces the parts of OpenRouter's API Pi Switchboard and pi use, as documented:
 *
 * - GET /api/v1/models and GET /api/v1/models/{author}/{slug}/endpoints: the model list and each
 *   model's endpoints (provider_name, tag, quantization, context_length, max_completion_tokens,
 *   per-token price strings incl. input_cache_read/input_cache_write, uptime_last_5m/30m/1d,
 *   latency_last_30m and throughput_last_30m percentiles, supported_parameters, status) —
 *   https://openrouter.ai/docs/api/api-reference/endpoints/list-endpoints
 * - GET /api/v1/key: label, limit, limit_remaining, limit_reset, usage and usage_daily/weekly/monthly,
 *   is_free_tier — https://openrouter.ai/docs/api/api-reference/api-keys/get-current-key
 * - GET /api/v1/credits: total_credits, total_usage of the account; 403 for a key that is not a
 *   management key when `creditsNeedManagementKey` (OpenRouter's current docs) —
 *   https://openrouter.ai/docs/api/api-reference/credits/get-credits. Both answer 401 for an unknown
 *   key and 429 (Retry-After) when told to simulate a rate limit.
 * - POST /api/v1/chat/completions, SSE when `stream: true` (a `: OPENROUTER PROCESSING` comment,
 *   chunks carrying `provider` = the serving provider's display name and `model`, a final chunk
 *   with `usage` incl. `cost`, then `data: [DONE]`), JSON otherwise —
 *   https://openrouter.ai/docs/api-reference/streaming, https://openrouter.ai/docs/use-cases/usage-accounting
 *   (usage is always included, as the current docs say; `usageOnlyWhenAsked` restores the older
 *   behaviour where `usage: {include: true}` or `stream_options.include_usage` asks for it).
 * - POST /api/v1/messages, OpenRouter's Anthropic-compatible Messages API (what pi ≥ 0.87 uses for
 *   OpenRouter's Claude models): the key in `x-api-key` (Anthropic's SDK) or `Authorization: Bearer`
 *   (OpenRouter's docs), an Anthropic body (`model`, `messages`, `max_tokens`, `stream`, and
 *   OpenRouter's optional `provider` routing), answered as Anthropic's server-sent events
 *   (`message_start` whose message carries OpenRouter's `provider`, `ping`, text deltas,
 *   `message_delta` whose usage carries OpenRouter's `cost` and `is_byok`, `message_stop`) or one
 *   JSON message, and errors in Anthropic's shape `{"type": "error", "error": {"type", "message"}}` —
 *   https://openrouter.ai/docs/api/api-reference/anthropic-messages/create-messages. Its id is the
 *   generation id GET /generation knows.
 * - Provider routing on its own endpoint table (routing.ts): only, order, ignore, allow_fallbacks,
 *   quantizations, max_price, sort, require_parameters, data_collection, zdr —
 *   https://openrouter.ai/docs/features/provider-routing. A failing endpoint makes the router fall
 *   back to the next candidate, as OpenRouter does unless allow_fallbacks is false.
 * - GET /api/v1/generation?id=: the record of a finished generation (provider_name, total_cost,
 *   latency and generation_time in ms, tokens and native_tokens_* incl. cached and reasoning),
 *   404 "Generation not found" until it is recorded (`generationReadyAfterMs`) —
 *   https://openrouter.ai/docs/api-reference/get-a-generation
 * - Errors in OpenRouter's shape `{"error": {"code", "message", "metadata"?}}` with the same HTTP
 *   status (https://openrouter.ai/docs/api-reference/errors): 400 malformed body or routing,
 *   401 missing/unknown key, 402 no credits, 404 no endpoint matches the routing, 429 when told to
 *   simulate a rate limit (with Retry-After), 502 when every candidate provider failed.
 *
 * The API lives under any path prefix (default `/openrouter.ai/api/v1`) because pi only sends
 * routing when a model's baseUrl contains "openrouter.ai". Every request is recorded for tests.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { requestedParameters, route } from "./routing.js";
import { defaultKeys, defaultTable, type FakeEndpoint, type FakeKey, type FakeModel } from "./table.js";

export interface FakeOptions {
  models: FakeModel[];
  keys: FakeKey[];
  /** Milliseconds between the response headers and the first token. */
  firstTokenDelayMs: number;
  /** Endpoints (by tag or slug) that fail with this HTTP status when tried. */
  failing: Record<string, number>;
  /** Answer completions with 429 and this Retry-After (seconds); null: no rate limit. */
  rateLimitRetryAfter: number | null;
  /** The assistant's answer; "{provider}" is replaced by the serving provider's name. */
  reply: string;
  usageOnlyWhenAsked: boolean;
  /** GET /generation answers 404 for this long after a generation ends, as OpenRouter does until it has recorded it. */
  generationReadyAfterMs: number;
  /** GET /credits answers 403 unless the key is a management key, as OpenRouter's current docs say; false: any key may ask (older behaviour). */
  creditsNeedManagementKey: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

interface Generation {
  id: string;
  model: string;
  providerName: string;
  promptTokens: number;
  completionTokens: number;
  cost: number;
  streamed: boolean;
  cancelled: boolean;
  createdAt: string;
  /** ms from the request to the first token, and to the end of the answer. */
  latencyMs: number;
  generationTimeMs: number;
  /** Date.now() from which GET /generation knows it. */
  readyAt: number;
}

export interface FakeOpenRouter {
  /** e.g. http://127.0.0.1:PORT/openrouter.ai/api/v1 — a baseUrl for pi and the OpenAI SDK. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Chat completions being answered right now, and the most at once since a test set `peak` to 0 (for bounded-concurrency tests). */
  completionsInFlight: { now: number; peak: number };
  configure(options: Partial<FakeOptions>): void;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly metadata?: Record<string, unknown>, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/** The Messages API names its errors the way Anthropic's does, by status. */
function anthropicErrorType(status: number): string {
  const types: Record<number, string> = { 400: "invalid_request_error", 401: "authentication_error", 402: "billing_error", 403: "permission_error", 404: "not_found_error", 408: "timeout_error", 429: "rate_limit_error", 529: "overloaded_error" };
  return types[status] ?? "api_error";
}

/** OpenRouter writes prices as decimal strings per token ("0.00000057"). */
const perToken = (usdPerMillion: number) => (usdPerMillion / 1_000_000).toFixed(12).replace(/\.?0+$/, "") || "0";
/** A rough token count (4 characters a token), good enough for usage and cost figures. */
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

/** Percentiles around a median: latency grows toward p99, throughput shrinks (slower requests). */
const rounded = (n: number) => Math.round(n * 10) / 10;
const latencyPercentiles = (seconds: number) => ({ p50: rounded(seconds * 1000), p75: rounded(seconds * 1300), p90: rounded(seconds * 1700), p99: rounded(seconds * 3000) });
const throughputPercentiles = (tps: number) => ({ p50: rounded(tps), p75: rounded(tps * 0.85), p90: rounded(tps * 0.65), p99: rounded(tps * 0.35) });

/**
 * One entry of `data.endpoints` as OpenRouter documents it (PublicEndpoint): latency percentiles
 * are milliseconds to first token and throughput tokens per second, over the last 30 minutes.
 */
function endpointJson(model: FakeModel, e: FakeEndpoint) {
  const pricing: Record<string, string> = { prompt: perToken(e.pricing.prompt), completion: perToken(e.pricing.completion), request: "0", image: "0" };
  if (e.pricing.cacheRead !== undefined) pricing.input_cache_read = perToken(e.pricing.cacheRead);
  if (e.pricing.cacheWrite !== undefined) pricing.input_cache_write = perToken(e.pricing.cacheWrite);
  return {
    name: `${e.providerName} | ${model.id}`,
    model_id: model.id,
    model_name: model.name,
    context_length: e.contextLength,
    pricing,
    provider_name: e.providerName,
    tag: e.tag ?? e.slug,
    quantization: e.quantization,
    max_completion_tokens: e.maxOutput,
    max_prompt_tokens: null,
    supported_parameters: e.supportedParameters,
    status: e.status ?? 0,
    uptime_last_30m: e.uptime,
    uptime_last_5m: e.uptime5m ?? null,
    uptime_last_1d: e.uptime1d ?? null,
    supports_implicit_caching: e.pricing.cacheRead !== undefined && e.pricing.cacheWrite === undefined,
    latency_last_30m: latencyPercentiles(e.latency),
    throughput_last_30m: throughputPercentiles(e.throughput),
  };
}

function modelJson(m: FakeModel) {
  const cheapest = [...m.endpoints].sort((a, b) => a.pricing.prompt - b.pricing.prompt)[0];
  return {
    id: m.id,
    canonical_slug: m.id,
    name: m.name,
    created: 1_750_000_000,
    description: `${m.name} (fake)`,
    context_length: m.contextLength,
    architecture: { modality: `${(m.inputModalities ?? ["text"]).join("+")}->text`, input_modalities: m.inputModalities ?? ["text"], output_modalities: ["text"], tokenizer: "Other", instruct_type: null },
    pricing: {
      prompt: perToken(cheapest?.pricing.prompt ?? 0),
      completion: perToken(cheapest?.pricing.completion ?? 0),
      request: "0",
      image: "0",
      ...(cheapest?.pricing.cacheRead !== undefined ? { input_cache_read: perToken(cheapest.pricing.cacheRead) } : {}),
      ...(cheapest?.pricing.cacheWrite !== undefined ? { input_cache_write: perToken(cheapest.pricing.cacheWrite) } : {}),
    },
    // OpenRouter's top provider is the model's first-ranked endpoint.
    top_provider: { context_length: m.endpoints[0]?.contextLength ?? m.contextLength, max_completion_tokens: m.endpoints[0]?.maxOutput ?? null, is_moderated: false },
    supported_parameters: [...new Set(m.endpoints.flatMap((e) => e.supportedParameters))],
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeOpenRouter(options: Partial<FakeOptions> = {}, pathPrefix = "/openrouter.ai"): Promise<FakeOpenRouter> {
  const config: FakeOptions = {
    models: defaultTable(),
    keys: defaultKeys(),
    firstTokenDelayMs: 0,
    failing: {},
    rateLimitRetryAfter: null,
    reply: "Hello from {provider}. Routing works.",
    usageOnlyWhenAsked: false,
    generationReadyAfterMs: 0,
    creditsNeedManagementKey: false,
    ...options,
  };
  const requests: RecordedRequest[] = [];
  const generations = new Map<string, Generation>();
  const completionsInFlight = { now: 0, peak: 0 };

  /** `x-api-key` is accepted only where Anthropic's SDK sends it: the Messages API. */
  const keyOf = (headers: IncomingHttpHeaders, acceptXApiKey = false): FakeKey => {
    const auth = headers.authorization ?? "";
    const xApiKey = acceptXApiKey && typeof headers["x-api-key"] === "string" ? headers["x-api-key"] : "";
    if ((!auth.startsWith("Bearer ") || auth.length <= 7) && !xApiKey) throw new HttpError(401, "No auth credentials found");
    const key = config.keys.find((k) => k.key === (auth.startsWith("Bearer ") && auth.length > 7 ? auth.slice(7) : xApiKey));
    if (!key) throw new HttpError(401, "User not found.");
    return key;
  };

  const findModel = (id: string) => config.models.find((m) => m.id === id);

  /** One answer in the making: the endpoint that serves it, its generation record and its reply. */
  interface Answer {
    model: FakeModel;
    served: FakeEndpoint;
    gen: Generation;
    reply: string;
    pieces: string[];
    /** True once the client has gone away before the answer ended. */
    closed: () => boolean;
    /** Waits out firstTokenDelayMs and notes the latency. */
    firstToken: () => Promise<void>;
  }

  /**
   * What every model call shares, whichever API it came through: the key, credits, rate limit,
   * routing and fallbacks, then a generation record that GET /generation answers once the
   * response has closed.
   */
  function startAnswer(res: ServerResponse, b: Record<string, unknown>, key: FakeKey): Answer {
    const model = findModel(b.model as string);
    if (!model) throw new HttpError(400, `${String(b.model)} is not a valid model ID`);
    if (config.rateLimitRetryAfter !== null) {
      throw new HttpError(429, "Rate limit exceeded: too many requests. Please retry shortly.", undefined, { "retry-after": String(config.rateLimitRetryAfter) });
    }
    if (key.credits <= 0 || (key.limit !== null && key.usage >= key.limit)) {
      throw new HttpError(402, "Insufficient credits. Add more using https://openrouter.ai/settings/credits", { limit_source: key.credits <= 0 ? "openrouter_credits" : "openrouter_key_limit" });
    }
    const routed = route(model.endpoints, b.provider, requestedParameters(b));
    if (!routed.ok) throw new HttpError(routed.error.status, routed.error.message);
    let served: FakeEndpoint | undefined;
    let lastFailure: { status: number; provider: string } | null = null;
    for (const candidate of routed.candidates) {
      const status = config.failing[candidate.tag ?? candidate.slug] ?? config.failing[candidate.slug];
      if (status === undefined) {
        served = candidate;
        break;
      }
      lastFailure = { status, provider: candidate.providerName };
    }
    if (!served) {
      const failure = lastFailure!;
      throw new HttpError(failure.status, "Provider returned error", { provider_name: failure.provider, raw: `upstream error ${failure.status}` });
    }

    const promptText = (b.messages as { content?: unknown }[]).map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content ?? ""))).join("\n");
    const reply = config.reply.replace("{provider}", served.providerName);
    const pieces = reply.match(/\S+\s*/g) ?? [reply];
    const gen: Generation = {
      id: `gen-${randomUUID()}`,
      model: model.id,
      providerName: served.providerName,
      promptTokens: tokens(promptText),
      completionTokens: pieces.length,
      cost: 0,
      streamed: b.stream === true,
      cancelled: false,
      createdAt: new Date().toISOString(),
      latencyMs: 0,
      generationTimeMs: 0,
      readyAt: Infinity,
    };
    const requestedAt = performance.now();
    // Recorded once the answer has ended (or was cut off), and readable a little later.
    res.on("close", () => {
      gen.generationTimeMs = Math.round(performance.now() - requestedAt);
      gen.readyAt = Date.now() + config.generationReadyAfterMs;
    });
    gen.cost = (gen.promptTokens * served.pricing.prompt + gen.completionTokens * served.pricing.completion) / 1_000_000;
    generations.set(gen.id, gen);
    key.usage += gen.cost;
    let closed = false;
    res.on("close", () => {
      if (!res.writableFinished) {
        closed = true;
        gen.cancelled = true;
      }
    });
    const firstToken = async () => {
      if (config.firstTokenDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.firstTokenDelayMs));
      gen.latencyMs = Math.round(performance.now() - requestedAt);
    };
    return { model, served, gen, reply, pieces, closed: () => closed, firstToken };
  }

  /** Counts the model calls being answered, for the bounded-concurrency tests. */
  function countInFlight(res: ServerResponse): void {
    completionsInFlight.now++;
    completionsInFlight.peak = Math.max(completionsInFlight.peak, completionsInFlight.now);
    res.on("close", () => completionsInFlight.now--);
  }

  async function completions(req: IncomingMessage, res: ServerResponse, raw: string, body: unknown): Promise<void> {
    countInFlight(res);
    const key = keyOf(req.headers);
    if (raw && body === undefined) throw new HttpError(400, "Invalid JSON body");
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new HttpError(400, "Invalid request body: expected a JSON object");
    const b = body as Record<string, unknown>;
    if (typeof b.model !== "string") throw new HttpError(400, 'Invalid request: "model" must be a string');
    if (!Array.isArray(b.messages) || b.messages.length === 0) throw new HttpError(400, 'Input required: specify "prompt" or "messages"');
    const { model, served, gen, reply, pieces, closed, firstToken } = startAnswer(res, b, key);
    const asked = (b.usage as { include?: unknown } | undefined)?.include === true || (b.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
    const usage = {
      prompt_tokens: gen.promptTokens,
      completion_tokens: gen.completionTokens,
      total_tokens: gen.promptTokens + gen.completionTokens,
      cost: gen.cost,
      is_byok: false,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0, audio_tokens: 0 },
      cost_details: { upstream_inference_cost: null },
      completion_tokens_details: { reasoning_tokens: 0 },
    };
    const withUsage = !config.usageOnlyWhenAsked || asked;
    const created = Math.floor(Date.now() / 1000);
    const base = { id: gen.id, provider: served.providerName, model: model.id, created };

    if (b.stream !== true) {
      await firstToken();
      if (closed()) return;
      sendJson(res, 200, {
        ...base,
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content: reply }, finish_reason: "stop", native_finish_reason: "stop", logprobs: null }],
        ...(withUsage ? { usage } : {}),
      });
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    // OpenRouter sends SSE comments while the provider prepares the answer.
    res.write(": OPENROUTER PROCESSING\n\n");
    await firstToken();
    const send = (chunk: unknown) => !closed() && res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    pieces.forEach((piece) =>
      send({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta: { role: "assistant", content: piece }, finish_reason: null, native_finish_reason: null, logprobs: null }] }),
    );
    send({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: "stop", native_finish_reason: "stop", logprobs: null }] });
    if (withUsage) send({ ...base, object: "chat.completion.chunk", choices: [], usage });
    if (!closed()) res.end("data: [DONE]\n\n");
  }

  /** OpenRouter's Anthropic-compatible Messages API: the same routing and records, Anthropic's request and stream. */
  async function messages(req: IncomingMessage, res: ServerResponse, raw: string, body: unknown): Promise<void> {
    countInFlight(res);
    const key = keyOf(req.headers, true);
    if (raw && body === undefined) throw new HttpError(400, "Invalid JSON body");
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new HttpError(400, "Invalid request: expected a JSON object");
    const b = body as Record<string, unknown>;
    if (typeof b.model !== "string") throw new HttpError(400, "Invalid request: model is required");
    if (!Array.isArray(b.messages) || b.messages.length === 0) throw new HttpError(400, "Invalid request: messages is required");
    if (b.max_tokens !== undefined && (!Number.isInteger(b.max_tokens) || (b.max_tokens as number) < 1)) throw new HttpError(400, "Invalid request: max_tokens must be a positive integer");
    const { model, served, gen, reply, pieces, closed, firstToken } = startAnswer(res, b, key);
    const usage = { input_tokens: gen.promptTokens, output_tokens: gen.completionTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens_details: null, server_tool_use: null };
    const billing = { cost: gen.cost, is_byok: false, cost_details: { upstream_inference_cost: null } };
    const message = { id: gen.id, type: "message", role: "assistant", model: model.id, provider: served.providerName, container: null, stop_details: null, stop_sequence: null };

    if (b.stream !== true) {
      await firstToken();
      if (closed()) return;
      sendJson(res, 200, { ...message, content: [{ type: "text", text: reply, citations: [] }], stop_reason: "end_turn", usage: { ...usage, ...billing } });
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const send = (type: string, data: object) => !closed() && res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    send("message_start", { message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 0 } } });
    await firstToken();
    send("content_block_start", { index: 0, content_block: { type: "text", text: "" } });
    send("ping", {});
    pieces.forEach((piece) => send("content_block_delta", { index: 0, delta: { type: "text_delta", text: piece } }));
    send("content_block_stop", { index: 0 });
    send("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null, container: null, stop_details: null }, usage: { ...usage, ...billing } });
    send("message_stop", {});
    if (!closed()) res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    requests.push({ method: req.method ?? "GET", path: url.pathname + url.search, headers: req.headers, body: body ?? (raw || undefined) });
    const at = url.pathname.indexOf("/api/v1/");
    const path = at >= 0 ? url.pathname.slice(at + "/api/v1".length) : url.pathname;

    if (req.method === "GET" && path === "/models") return sendJson(res, 200, { data: config.models.map(modelJson) });
    const endpointsPath = /^\/models\/([^/]+)\/(.+)\/endpoints$/.exec(path);
    if (req.method === "GET" && endpointsPath) {
      const model = findModel(`${decodeURIComponent(endpointsPath[1]!)}/${decodeURIComponent(endpointsPath[2]!)}`);
      if (!model) throw new HttpError(404, "Model not found");
      return sendJson(res, 200, { data: { ...modelJson(model), endpoints: model.endpoints.map((e) => endpointJson(model, e)) } });
    }
    if (req.method === "GET" && (path === "/key" || path === "/credits")) {
      const k = keyOf(req.headers);
      if (config.rateLimitRetryAfter !== null) {
        throw new HttpError(429, "Rate limit exceeded: too many requests. Please retry shortly.", undefined, { "retry-after": String(config.rateLimitRetryAfter) });
      }
      if (path === "/credits") {
        if (config.creditsNeedManagementKey) throw new HttpError(403, "Only management keys can perform this operation");
        return sendJson(res, 200, { data: { total_credits: k.credits + k.usage, total_usage: k.usage } });
      }
      return sendJson(res, 200, {
        data: {
          label: k.label,
          limit: k.limit,
          limit_remaining: k.limit === null ? null : k.limit - k.usage,
          limit_reset: k.limitReset ?? null,
          usage: k.usage,
          usage_daily: k.usageDaily ?? k.usage,
          usage_weekly: k.usageWeekly ?? k.usage,
          usage_monthly: k.usageMonthly ?? k.usage,
          byok_usage: 0,
          include_byok_in_limit: false,
          is_free_tier: k.isFreeTier,
          is_provisioning_key: false,
          is_management_key: false,
        },
      });
    }
    if (req.method === "GET" && path === "/generation") {
      keyOf(req.headers);
      const gen = generations.get(url.searchParams.get("id") ?? "");
      if (!gen || Date.now() < gen.readyAt) throw new HttpError(404, "Generation not found");
      return sendJson(res, 200, {
        data: {
          id: gen.id,
          model: gen.model,
          provider_name: gen.providerName,
          total_cost: gen.cost,
          tokens_prompt: gen.promptTokens,
          tokens_completion: gen.completionTokens,
          native_tokens_prompt: gen.promptTokens,
          native_tokens_completion: gen.completionTokens,
          native_tokens_cached: 0,
          native_tokens_reasoning: 0,
          latency: gen.latencyMs,
          generation_time: gen.generationTimeMs,
          moderation_latency: null,
          upstream_inference_cost: null,
          is_byok: false,
          usage: gen.cost,
          native_finish_reason: gen.cancelled ? null : "stop",
          streamed: gen.streamed,
          cancelled: gen.cancelled,
          finish_reason: gen.cancelled ? null : "stop",
          created_at: gen.createdAt,
        },
      });
    }
    if (req.method === "POST" && path === "/chat/completions") return completions(req, res, raw, body);
    if (req.method === "POST" && path === "/messages") return messages(req, res, raw, body);
    throw new HttpError(404, `Not found: ${req.method} ${url.pathname}`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpError && new URL(req.url ?? "/", "http://127.0.0.1").pathname.endsWith("/api/v1/messages")) {
        sendJson(res, error.status, { type: "error", error: { type: anthropicErrorType(error.status), message: error.message }, request_id: null }, error.headers);
      } else if (error instanceof HttpError) {
        sendJson(res, error.status, { error: { code: error.status, message: error.message, ...(error.metadata ? { metadata: error.metadata } : {}) } }, error.headers);
      } else {
        sendJson(res, 500, { error: { code: 500, message: `Internal error: ${(error as Error).message}` } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${pathPrefix}/api/v1`,
    requests,
    completionsInFlight,
    configure: (next) => Object.assign(config, next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
