/**
 * The Anthropic Messages request pi sends for a model on `anthropic-messages` (OpenRouter's Claude
 * models in pi ≥ 0.87, or any model declared with that api), and its streamed answer, for test
 * prompts (test-prompt.ts). pi-ai builds it with the Anthropic SDK (1.6.0: anthropic-messages.js
 * createClient + buildParams): POST `<baseUrl>/v1/messages` — the built-in baseUrl
 * https://openrouter.ai/api makes that OpenRouter's documented https://openrouter.ai/api/v1/messages —
 * with the key in `x-api-key`, `anthropic-version: 2023-06-01`, the model's headers over those, and
 * a body of model, messages, max_tokens (the model's maxTokens) and stream: no `provider` object,
 * so OpenRouter routes these models by its own defaults whatever openRouterRouting says. pi 0.87+
 * adds `?beta=true` (the SDK's beta endpoint); OpenRouter serves the same API at the plain path,
 * which is the one it documents, so the test uses that.
 *
 * The stream is Anthropic's server-sent events. OpenRouter adds the serving provider's name to
 * `message_start.message.provider` and its billing fields (`cost`, `is_byok`) to `message_delta.usage`
 * (pi reads the cost there too); `message_start.message.id` is the id pi records as the answer's
 * responseId, which the test uses to ask for OpenRouter's generation record.
 */
import { readCappedText, SMALL_ANSWER_MAX_BYTES } from "./capped-body.js";
import type { ResolvedModel } from "../pi/model-registry.js";
import type { RoutingObject } from "../common/index.js";

/** The Anthropic API version the SDK pins in every request (pi 0.73 to 1.6). */
export const ANTHROPIC_VERSION = "2023-06-01";

export interface MessagesRequestBody {
  model: string;
  max_tokens: number;
  messages: { role: "user"; content: string }[];
  stream: true;
  /** Only for a comparison pinned to one provider: OpenRouter's Messages API accepts it, pi never sends it. */
  provider?: RoutingObject;
}

/** The API root OpenRouter's other endpoints (GET /generation) sit under, for a model whose messages go to `<baseUrl>/v1/messages`. */
export function messagesApiBase(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/v1`;
}

export function messagesUrl(baseUrl: string): string {
  return `${messagesApiBase(baseUrl)}/messages`;
}

export function buildMessagesBody(model: ResolvedModel, prompt: string, pinned: RoutingObject | null): MessagesRequestBody {
  const body: MessagesRequestBody = { model: model.id, max_tokens: model.maxTokens, messages: [{ role: "user", content: prompt }], stream: true };
  if (pinned) body.provider = pinned;
  return body;
}

/**
 * The SDK's headers, then the model's (resolve-key.ts: models.json headers, an `authHeader`
 * Authorization): the SDK lets its defaultHeaders override its own, case-insensitively.
 */
export function messagesHeaders(apiKey: string, modelHeaders: Record<string, string>): Headers {
  const headers = new Headers({ "content-type": "application/json", accept: "application/json", "anthropic-version": ANTHROPIC_VERSION, "x-api-key": apiKey });
  for (const [name, value] of Object.entries(modelHeaders)) headers.set(name, value);
  return headers;
}

/** An answer that was not a stream: OpenRouter's HTTP status and what it said (Anthropic's or OpenRouter's error shape). */
export class MessagesHttpError extends Error {
  constructor(
    readonly status: number,
    readonly said: string,
    readonly retryAfter: string | null,
  ) {
    super(said || `HTTP ${status}`);
  }
}

/** The stream broke off: an `error` event, or no `message_stop` after `message_start` (pi fails the same way). */
export class MessagesStreamError extends Error {}

export interface MessagesUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  cost: number | null;
}

/** What a test reads from one event of the stream. */
export type MessagesEvent =
  | { type: "start"; id: string | null; model: string | null; provider: string | null; usage: MessagesUsage }
  | { type: "text"; text: string }
  | { type: "usage"; usage: MessagesUsage };

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown) => (typeof v === "string" ? v : null);

function usageOf(raw: unknown): MessagesUsage {
  const u = (raw ?? {}) as Record<string, unknown>;
  return { inputTokens: num(u.input_tokens), outputTokens: num(u.output_tokens), cost: num(u.cost) };
}

async function errorOf(res: Response): Promise<MessagesHttpError> {
  // An error body is shown, not streamed: read at most a small answer's worth of it.
  const text = await readCappedText(res, SMALL_ANSWER_MAX_BYTES).catch(() => "");
  let said = text.trim().slice(0, 500);
  try {
    // Anthropic's shape {type: "error", error: {type, message}} and OpenRouter's {error: {code, message}} both carry error.message.
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === "string") said = message;
  } catch {
    // Not JSON (a proxy's HTML page): the text itself, cut short, is what there is to show.
  }
  return new MessagesHttpError(res.status, said, res.headers.get("retry-after"));
}

/** One server-sent event: its `event:` name and the joined `data:` lines. */
interface SseEvent {
  event: string | null;
  data: string;
}

/** Far above any event OpenRouter sends (a text delta, usage): past it a line is not an event. */
const MAX_SSE_LINE = 1024 * 1024;

async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  let event: string | null = null;
  let data: string[] = [];
  const line = (text: string): SseEvent | null => {
    if (text === "") {
      const done = event !== null || data.length > 0 ? { event, data: data.join("\n") } : null;
      event = null;
      data = [];
      return done;
    }
    if (text.startsWith(":")) return null;
    const colon = text.indexOf(":");
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? "" : text.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    return null;
  };
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    // A line that never ends (a hostile or broken host) must not grow the app: no event is this big.
    if (buffer.length > MAX_SSE_LINE && buffer.search(/\r|\n/) < 0) throw new MessagesStreamError(`The answer sent a line of over ${MAX_SSE_LINE / 1024 / 1024} MiB without an end; the test stopped reading it.`);
    for (let at = buffer.search(/\r\n|\r|\n/); at >= 0; at = buffer.search(/\r\n|\r|\n/)) {
      const breakLength = buffer.startsWith("\r\n", at) ? 2 : 1;
      const found = line(buffer.slice(0, at));
      buffer = buffer.slice(at + breakLength);
      if (found) yield found;
    }
  }
  buffer += decoder.decode();
  const last = buffer ? line(buffer) : null;
  if (last) yield last;
  const trailing = line("");
  if (trailing) yield trailing;
}

/**
 * Sends the request and yields what a test needs from the stream; throws MessagesHttpError for an
 * error status and MessagesStreamError for a stream that fails or ends early. fetch's own errors
 * (network, abort) pass through.
 */
export async function* streamMessages(request: { url: string; headers: Headers; body: MessagesRequestBody; signal: AbortSignal }): AsyncGenerator<MessagesEvent> {
  const res = await fetch(request.url, { method: "POST", headers: request.headers, body: JSON.stringify(request.body), signal: request.signal });
  if (!res.ok || !res.body) throw await errorOf(res);
  let started = false;
  let stopped = false;
  for await (const sse of sseEvents(res.body)) {
    if (!sse.data) continue;
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(sse.data) as Record<string, unknown>;
    } catch {
      throw new MessagesStreamError(`OpenRouter sent an event that is not JSON (${sse.event ?? "no event name"}).`);
    }
    const type = str(event.type) ?? sse.event;
    if (type === "error") {
      const message = str((event.error as { message?: unknown } | undefined)?.message) ?? sse.data.slice(0, 300);
      throw new MessagesStreamError(message);
    }
    if (type === "message_start") {
      started = true;
      const message = (event.message ?? {}) as Record<string, unknown>;
      yield { type: "start", id: str(message.id), model: str(message.model), provider: str(message.provider), usage: usageOf(message.usage) };
    } else if (type === "content_block_delta") {
      const delta = (event.delta ?? {}) as { type?: unknown; text?: unknown };
      if (delta.type === "text_delta" && typeof delta.text === "string" && delta.text) yield { type: "text", text: delta.text };
    } else if (type === "message_delta") {
      yield { type: "usage", usage: usageOf(event.usage) };
    } else if (type === "message_stop") {
      stopped = true;
    }
  }
  if (request.signal.aborted) return;
  if (!started || !stopped) throw new MessagesStreamError(started ? "The stream ended before message_stop." : "The answer carried no message_start event.");
}
