/**
 * Routed test prompts: a short prompt sent through exactly the route pi would use — the model's
 * own baseUrl, the key and headers pi would send (resolve-key.ts), the model id and the
 * `provider` object pi puts in the body (routing.ts requestRouting) — streamed: openai-completions
 * models with the official `openai` SDK, anthropic-messages models (OpenRouter's Claude models in
 * pi ≥ 0.87) as Anthropic Messages requests without a `provider` object, as pi sends them
 * (messages-request.ts). Reports who served it, time to first token, total time, tokens and cost,
 * and whether the serving provider honours the routing — which a model on anthropic-messages with
 * openRouterRouting never does, since pi does not send it. Runs on the main side only: the key
 * never leaves this module except in the request to the model's own baseUrl. Implements TestFeature.
 */
import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import type { ActionResult, CatalogEndpoint, RoutingObject, TestEvent, TestFeature, TestGeneration, TestPromptRequest, TestResult, TestTarget, ThinkingLevel } from "../common/index.js";
import type { AgentState } from "../agent-state.js";
import type { ResolvedModel } from "../pi/model-registry.js";
import { requestRouting, samplingParamsFor } from "../pi/routing.js";
import { clampThinkingLevel, DEFAULT_THINKING_LEVEL } from "../pi/start-model.js";
import { slugFromName } from "./catalog.js";
import { fetchGeneration } from "./generation.js";
import { describeHttpError, networkError, redact, type ErrorContext, type TestError } from "./openrouter-errors.js";
import { buildMessagesBody, messagesApiBase, messagesHeaders, MessagesHttpError, MessagesStreamError, messagesUrl, streamMessages, type MessagesRequestBody } from "./messages-request.js";
import { destinationHost, isOpenRouterDestination } from "../common/secret-destination.js";
import { commandLog, resolveRequestAuth } from "./resolve-key.js";
import { createStreamRedactor } from "./stream-redact.js";
import { variableNameAsKey } from "./variable-name-key.js";
import { checkRoutingSlugs } from "../common/openrouter/slug-check.js";
import { ConcurrencyLimit, TEST_CONCURRENCY } from "./concurrency-limit.js";

export const DEFAULT_TIMEOUT_MS = 60_000;
/** How long the routing verdict may wait for the catalog to map a display name to its slug. */
const ENDPOINT_LOOKUP_MS = 3_000;

export type EndpointLookup = (modelId: string) => Promise<CatalogEndpoint[] | null>;

export interface TestRequestBody {
  model: string;
  messages: { role: "user"; content: string }[];
  stream: true;
  stream_options?: { include_usage: true };
  provider?: RoutingObject;
  usage?: { include: true };
}

/** The routing a target sends: pi's own, or pinned to one provider to compare a model's providers. */
export function targetRouting(routing: RoutingObject | null, forcedProvider: string | undefined): RoutingObject | null {
  if (!forcedProvider) return routing;
  return { ...routing, only: [forcedProvider], order: [forcedProvider], allow_fallbacks: false };
}

/**
 * The body pi would send for a one-message prompt, as far as routing and billing go (pi-ai
 * openai-completions buildParams): model id, stream, stream_options unless the model's compat
 * turns usage streaming off, `provider` verbatim, then the model's samplingParams merged over the
 * body (pi 0.84.0; they may replace `provider`). `messages` and `stream` stay ours: the test reads
 * a streamed answer to its own prompt. `usage: {include: true}` asks OpenRouter for cost on
 * accounts where it is not yet automatic; it does not change the route.
 */
export function buildTestBody(model: ResolvedModel, prompt: string, routing: RoutingObject | null, sampling: Record<string, unknown> | null = null): TestRequestBody {
  const body: TestRequestBody = { model: model.id, messages: [{ role: "user", content: prompt }], stream: true };
  if (model.compat?.supportsUsageInStreaming !== false) body.stream_options = { include_usage: true };
  if (routing) body.provider = routing;
  if (sampling) {
    const { messages: _messages, stream: _stream, ...rest } = sampling;
    Object.assign(body, rest);
  }
  body.usage = { include: true };
  return body;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const base = (slug: string) => slug.split("/")[0]!.toLowerCase();

/** Did the provider that served the answer honour only/ignore/order? null when nothing can be checked. */
export function routingVerdict(routing: RoutingObject | null, servedBy: string | null, endpoints: CatalogEndpoint[] | null): { respected: boolean | null; note: string | null } {
  const only = strings(routing?.only);
  const order = strings(routing?.order);
  const ignore = strings(routing?.ignore);
  if (!routing || (only.length === 0 && order.length === 0 && ignore.length === 0)) return { respected: null, note: null };
  if (!servedBy) return { respected: null, note: "OpenRouter did not say which provider served the answer." };
  const endpoint = endpoints?.find((e) => e.providerName.toLowerCase() === servedBy.toLowerCase());
  const served = endpoint ? base(endpoint.slug) : slugFromName(servedBy);
  const names = (entry: string) => base(entry) === served;
  if (only.length && !only.some(names)) {
    return { respected: false, note: `Served by ${servedBy} (${served}), which is not in only [${only.join(", ")}].` };
  }
  if (ignore.some(names)) return { respected: false, note: `Served by ${servedBy} (${served}), which ignore excludes.` };
  if (order.length && routing.allow_fallbacks === false && !names(order[0]!)) {
    const where = order.some(names) ? `not by the first of order (${order[0]})` : `outside order [${order.join(", ")}]`;
    return { respected: false, note: `Served by ${servedBy} (${served}), ${where}, although fallbacks are off: the first provider was unavailable or filtered out.` };
  }
  return { respected: true, note: null };
}

/** A pinned comparison must keep its own `provider`: drop the one samplingParams would merge in. */
function withoutProvider(sampling: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!sampling) return null;
  const { provider: _provider, ...rest } = sampling;
  return rest;
}

function findModel(state: AgentState, ref: string): ResolvedModel | undefined {
  return state.models.find((m) => `${m.provider}/${m.id}` === ref);
}

async function lookupEndpoints(lookup: EndpointLookup | undefined, modelId: string): Promise<CatalogEndpoint[] | null> {
  if (!lookup) return null;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ENDPOINT_LOOKUP_MS)));
  try {
    return await Promise.race([lookup(modelId).catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RunOptions {
  state: AgentState;
  target: TestTarget;
  prompt: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  onDelta?: (text: string) => void;
  endpoints?: EndpointLookup;
}

type ChunkExtras = { id?: unknown; provider?: unknown; model?: unknown; usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number; cost?: number } | null };

/** The APIs a test prompt speaks, as pi speaks them to OpenRouter. */
const TESTABLE_APIS = new Set(["openai-completions", "anthropic-messages"]);

/** What either API's stream tells the result, as it arrives. */
interface StreamReader {
  text(delta: string): void;
  provider(name: string): void;
  id(id: string): void;
  model(name: string): void;
  usage(promptTokens: number, completionTokens: number, totalTokens: number | null, cost: number | null): void;
}

/** The request of one test, by API: where it goes, what it sends, and how its answer is read. */
type TestRequest =
  | { api: "openai-completions"; url: string; body: TestRequestBody }
  | { api: "anthropic-messages"; url: string; body: MessagesRequestBody };

export async function runTestPrompt(options: RunOptions): Promise<TestResult> {
  const { state, target, prompt } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const model = findModel(state, target.ref);
  const result: TestResult = { ...emptyResult(target), request: { url: "", model: model?.id ?? "", provider: null } };
  const fail = (error: TestError) => ({ ...result, error });
  if (!model) return fail({ status: null, message: `pi has no model ${target.ref}.`, hint: "Check the spelling (provider/id), or that models.json is valid (`pi-switchboard check`)." });
  if (!TESTABLE_APIS.has(model.api)) {
    return fail({ status: null, message: `${target.ref} uses the ${model.api} API; test prompts cover the APIs pi uses for OpenRouter: openai-completions and anthropic-messages.`, hint: "Test an OpenRouter model, or test this one with pi itself." });
  }
  // The level pi runs this model at decides which samplingParamsByThinkingLevel apply (1.0.2):
  // the one asked for (`REF:level`), else the level pi switches to for this model, else the session's
  // (defaultThinkingLevel, else pi's own default, medium), clamped to the model as pi does.
  const entry = state.snapshot.models.find((m) => m.provider === model.provider && m.id === model.id);
  const level = target.thinkingLevel ?? entry?.thinkingLevel ?? state.snapshot.default.thinkingLevel ?? DEFAULT_THINKING_LEVEL;
  const request = buildTestRequest(model, prompt, target, level, state);
  result.request = { url: request.url, model: model.id, provider: request.body.provider ?? null, thinkingLevel: clampThinkingLevel(model, level, state.rules.thinkingLevels) };
  // The app exists for OpenRouter routing, and a test sends pi's key, headers and command output:
  // nothing is resolved, run or sent for a model whose baseUrl is not OpenRouter's own API.
  if (!isOpenRouterDestination(model.baseUrl, state.keyContext.env)) {
    return fail({
      status: null,
      message: `${target.ref} does not go to OpenRouter: its baseUrl is ${destinationHost(model.baseUrl)}, and test prompts send pi's key and headers to OpenRouter only, so nothing was sent.`,
      hint: `If ${model.provider} is meant to be OpenRouter, set its baseUrl to https://openrouter.ai/api/v1; otherwise test it with pi itself.`,
    });
  }

  const auth = await commandLog.run(result.commandsRun, () => resolveRequestAuth(model, state));
  // A command may print a literal key (`!printf %s sk-…`): what ran is shown, the key in it is not.
  if (auth.ok) result.commandsRun = [...new Set(result.commandsRun.map((c) => redact(c, auth.apiKey)))];
  if (!auth.ok) return fail({ status: null, message: auth.message, hint: auth.hint });
  // pi would send a variable's name as the key (one that is unset, or not read as a variable): no request, the variable named.
  const nameAsKey = variableNameAsKey(auth.apiKey, entry?.keySource, model.provider, state.rules);
  if (nameAsKey) return fail({ status: null, ...nameAsKey });
  // A model that echoes the key must not show it: streamed text is redacted like every other output.
  const redactor = createStreamRedactor(auth.apiKey);
  const emit = (text: string) => {
    if (!text) return;
    result.text += text;
    options.onDelta?.(text);
  };
  const sentRouting = request.body.provider ?? null;
  const ctx: ErrorContext = { ref: target.ref, url: model.baseUrl, keySummary: auth.summary, hasRouting: Boolean(sentRouting) };

  const controller = new AbortController();
  let reason: "timeout" | "cancelled" | null = null;
  const timer = setTimeout(() => {
    reason = "timeout";
    controller.abort();
  }, timeoutMs);
  const onAbort = () => {
    reason ??= "cancelled";
    controller.abort();
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort);

  const started = performance.now();
  let generationId: string | null = null;
  // Names in the stream are shown too: a key echoed there is scrubbed like the text.
  const reader: StreamReader = {
    text: (delta) => {
      result.ttftMs ??= Math.round(performance.now() - started);
      emit(redactor.push(delta));
    },
    provider: (name) => void (result.servedBy ??= redact(name, auth.apiKey)),
    id: (id) => void (generationId ??= id),
    model: (name) => void (result.model = redact(name, auth.apiKey)),
    usage: (promptTokens, completionTokens, totalTokens, cost) => {
      result.usage = { promptTokens, completionTokens, totalTokens: totalTokens ?? promptTokens + completionTokens };
      if (cost !== null) result.cost = cost;
    },
  };
  try {
    if (request.api === "anthropic-messages") {
      await readMessages(request.url, messagesHeaders(auth.apiKey, auth.headers), request.body, controller.signal, reader);
    } else {
      // maxRetries 0: a test prompt reports what happened instead of retrying behind the user's back.
      const client = new OpenAI({ apiKey: auth.apiKey, baseURL: model.baseUrl, defaultHeaders: auth.headers, maxRetries: 0, timeout: timeoutMs });
      await readCompletions(client, request.body, controller.signal, reader);
    }
    emit(redactor.flush());
    // A stream cut off by the timer or a cancel may end quietly instead of throwing: it is a failure.
    if (reason) throw new Error(reason);
    result.totalMs = Math.round(performance.now() - started);
  } catch (error) {
    emit(redactor.flush());
    result.totalMs = Math.round(performance.now() - started);
    const failure = describeFailure(error, reason, timeoutMs, ctx, auth.apiKey);
    if (failure.status === 404 && sentRouting) {
      // The usual cause is a slug that names no provider of the model: say which, and what was meant.
      const endpoints = await lookupEndpoints(options.endpoints, model.id);
      const problems = endpoints ? checkRoutingSlugs(sentRouting, endpoints, model.id) : [];
      if (problems.length) failure.hint = `${problems.map((p) => p.message).join(" ")} ${failure.hint}`;
    }
    return reason === "cancelled" ? { ...fail(failure), cancelled: true } : fail(failure);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
  // OpenRouter's own record decides the verdict; the stream's `provider` only when there is none.
  const apiBase = request.api === "anthropic-messages" ? messagesApiBase(model.baseUrl) : model.baseUrl;
  const record = await readGeneration(apiBase, generationId, auth, options.signal);
  result.generation = record.generation;
  result.generationNote = record.note;
  const servedBy = record.generation?.provider ?? result.servedBy;
  // What the user's routing asks: what was sent, or the openRouterRouting pi leaves out on anthropic-messages.
  const unsent = sentRouting ? null : unsentRouting(model, request.api);
  const checked = sentRouting ?? unsent;
  const verdict = routingVerdict(checked, servedBy, checked ? await lookupEndpoints(options.endpoints, model.id) : null);
  result.routingRespected = unsent ? false : verdict.respected;
  const disagree = record.generation?.provider && result.servedBy && record.generation.provider !== result.servedBy;
  const notes = [
    unsent ? unsentRoutingNote(unsent, servedBy, verdict.respected) : verdict.note,
    disagree ? `The stream said ${result.servedBy}; OpenRouter's record says ${record.generation!.provider}, which the verdict follows.` : null,
  ].filter(Boolean);
  result.routingNote = notes.length ? notes.join(" ") : null;
  return result;
}

/**
 * The request pi sends for the model: openai-completions with its `provider` object and sampling
 * params, or an Anthropic Messages request, which pi sends without either. A comparison pinned to one
 * provider (target.provider) is not pi's route in either API: it carries OpenRouter's `provider`
 * pin, which the Messages API accepts too.
 */
function buildTestRequest(model: ResolvedModel, prompt: string, target: TestTarget, level: ThinkingLevel, state: AgentState): TestRequest {
  if (model.api === "anthropic-messages") {
    return { api: "anthropic-messages", url: messagesUrl(model.baseUrl), body: buildMessagesBody(model, prompt, target.provider ? targetRouting(null, target.provider) : null) };
  }
  const sampling = samplingParamsFor(model, level, state.rules);
  const routing = targetRouting(requestRouting(model, state.rules, level), target.provider);
  const body = buildTestBody(model, prompt, routing, target.provider ? withoutProvider(sampling) : sampling);
  return { api: "openai-completions", url: `${model.baseUrl.replace(/\/+$/, "")}/chat/completions`, body };
}

/** The openRouterRouting a model has that pi does not send: every key of it, on anthropic-messages (routing.ts requestRouting). */
function unsentRouting(model: ResolvedModel, api: TestRequest["api"]): RoutingObject | null {
  if (api !== "anthropic-messages") return null;
  const routing = model.compat?.openRouterRouting;
  return routing && typeof routing === "object" && Object.keys(routing).length > 0 ? (routing as RoutingObject) : null;
}

function unsentRoutingNote(routing: RoutingObject, servedBy: string | null, withinIt: boolean | null): string {
  const who = servedBy ? `${servedBy} served it` : "OpenRouter did not say who served it";
  const luck = withinIt === true ? ", which the routing happens to allow, but nothing holds OpenRouter to it" : withinIt === false ? ", which the routing would have excluded" : "";
  return `pi sends no routing for anthropic-messages: this model's openRouterRouting (${Object.keys(routing).join(", ")}) was not sent, so OpenRouter chose the provider by its own defaults; ${who}${luck}. Switch the model to openai-completions, which pi routes (the routing editor does it in one click).`;
}

async function readCompletions(client: OpenAI, body: TestRequestBody, signal: AbortSignal, reader: StreamReader): Promise<void> {
  const stream = await client.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsStreaming, { signal });
  for await (const chunk of stream) {
    const extras = chunk as unknown as ChunkExtras;
    if (typeof extras.provider === "string") reader.provider(extras.provider);
    if (typeof extras.id === "string") reader.id(extras.id);
    if (typeof extras.model === "string") reader.model(extras.model);
    const delta = chunk.choices?.[0]?.delta?.content;
    if (delta) reader.text(delta);
    if (extras.usage) {
      const u = extras.usage;
      reader.usage(u.prompt_tokens ?? 0, u.completion_tokens ?? 0, u.total_tokens ?? null, typeof u.cost === "number" ? u.cost : null);
    }
  }
}

/** Anthropic's usage comes in two parts: input tokens at message_start, the final output (and OpenRouter's cost) at message_delta. */
async function readMessages(url: string, headers: Headers, body: MessagesRequestBody, signal: AbortSignal, reader: StreamReader): Promise<void> {
  let input = 0;
  let output = 0;
  for await (const event of streamMessages({ url, headers, body, signal })) {
    if (event.type === "text") {
      reader.text(event.text);
      continue;
    }
    if (event.type === "start") {
      if (event.id) reader.id(event.id);
      if (event.model) reader.model(event.model);
      if (event.provider) reader.provider(event.provider);
    }
    input = event.usage.inputTokens ?? input;
    output = event.usage.outputTokens ?? output;
    reader.usage(input, output, null, event.usage.cost);
  }
}

/**
 * OpenRouter's record of the test's generation, from the OpenRouter host the test went to (runTestPrompt
 * checked it); `apiBase` is that host's …/api/v1. What the record says is shown, so its texts are
 * scrubbed of the key like the stream.
 */
async function readGeneration(apiBase: string, id: string | null, auth: { apiKey: string; headers: Record<string, string> }, signal?: AbortSignal): Promise<{ generation: TestGeneration | null; note: string | null }> {
  if (!id) return { generation: null, note: "The answer carried no generation id, so OpenRouter's record cannot be read; the verdict uses the stream's provider." };
  const found = await fetchGeneration({ baseUrl: apiBase, id, apiKey: auth.apiKey, headers: auth.headers, signal });
  if (!found.ok) return { generation: null, note: redact(found.note, auth.apiKey) };
  const { generation } = found;
  const clean = (text: string | null) => (text === null ? null : redact(text, auth.apiKey));
  return { generation: { ...generation, id: redact(generation.id, auth.apiKey), provider: clean(generation.provider), model: clean(generation.model), finishReason: clean(generation.finishReason) }, note: null };
}

function describeFailure(error: unknown, reason: "timeout" | "cancelled" | null, timeoutMs: number, ctx: ErrorContext, key: string): TestError {
  const clean = (e: Omit<TestError, "status">, status: number | null): TestError => ({ status, message: redact(e.message, key), hint: redact(e.hint, key) });
  if (reason === "timeout" || error instanceof OpenAI.APIConnectionTimeoutError) {
    return clean({ message: `No complete answer from ${ctx.ref} within ${timeoutMs} ms.`, hint: "Retry, raise the timeout, or route to a faster provider (order, or sort: latency)." }, null);
  }
  if (reason === "cancelled") return clean({ message: `Test of ${ctx.ref} cancelled.`, hint: "Start it again when you are ready." }, null);
  if (error instanceof MessagesHttpError) return clean(describeHttpError(error.status, error.said, ctx, error.retryAfter), error.status);
  if (error instanceof MessagesStreamError) return clean({ message: `The stream from ${ctx.ref} ended with an error: ${error.message}`, hint: "Retry; if it persists, route to another provider." }, null);
  if (error instanceof TypeError && error.message === "fetch failed") {
    // fetch's network failures name their cause (ECONNREFUSED, ENOTFOUND, …) one level down.
    const cause = error.cause as { code?: string; message?: string } | undefined;
    return clean(networkError(ctx, cause?.code ?? cause?.message ?? "connection failed"), null);
  }
  if (error instanceof OpenAI.APIError) {
    const inner = error.error as { code?: unknown; message?: unknown } | undefined;
    const status = error.status ?? (typeof inner?.code === "number" ? inner.code : null);
    const said = typeof inner?.message === "string" ? inner.message : error.message;
    if (status === null && error instanceof OpenAI.APIConnectionError) {
      const cause = (error.cause as { code?: string; message?: string } | undefined);
      return clean(networkError(ctx, cause?.code ?? cause?.message ?? "connection failed"), null);
    }
    if (status === null) return clean({ message: `The stream from ${ctx.ref} ended with an error: ${said}`, hint: "Retry; if it persists, route to another provider." }, null);
    return clean(describeHttpError(status, said, ctx, error.headers?.get?.("retry-after") ?? null), status);
  }
  return clean({ message: `Test of ${ctx.ref} failed: ${(error as Error).message ?? String(error)}`, hint: "Check the model's baseUrl and key in models.json." }, null);
}

/** What a target that never started reports: the run was cancelled while it waited for a slot. */
export function cancelledResult(target: TestTarget): TestResult {
  return { ...emptyResult(target), error: { status: null, message: `Test of ${target.ref} cancelled before it started.`, hint: "Start it again when you are ready." }, cancelled: true };
}

function failedResult(target: TestTarget, error: unknown): TestResult {
  return { ...emptyResult(target), error: { status: null, message: `Test of ${target.ref} failed: ${(error as Error)?.message ?? String(error)}`, hint: "Retry; if it persists, check the model's baseUrl and key in models.json." } };
}

/** A result with nothing measured yet. */
function emptyResult(target: TestTarget): TestResult {
  return {
    ref: target.ref,
    provider: target.provider ?? null,
    servedBy: null,
    model: null,
    ttftMs: null,
    totalMs: null,
    usage: null,
    cost: null,
    routingRespected: null,
    routingNote: null,
    generation: null,
    generationNote: null,
    commandsRun: [],
    request: { url: "", model: "", provider: null },
    text: "",
    error: null,
  };
}

export interface RunTargetsOptions extends Omit<RunOptions, "target" | "onDelta"> {
  targets: TestTarget[];
  /** Shared by every run of a host, so two runs together still keep to the limit. */
  slots: ConcurrencyLimit;
  /** A target got its slot and is being sent. */
  onStart?: (index: number, target: TestTarget) => void;
  onDelta?: (index: number, text: string) => void;
  onDone?: (index: number, result: TestResult) => void;
}

/**
 * Every target of one prompt, at most `slots.limit` at once, in the given order; a cancel (the
 * signal) stops the ones in flight and skips the queued ones, which report `cancelled` without
 * having sent anything. Results come back in the targets' order.
 */
export function runTargets(options: RunTargetsOptions): Promise<TestResult[]> {
  const { targets, slots, onStart, onDelta, onDone, ...rest } = options;
  return Promise.all(
    targets.map(async (target, index) => {
      const outcome = await slots.run(
        async () => {
          // A throw here would leave the run without its "finished" event: it becomes the column's error.
          const result = await runTestPrompt({ ...rest, target, onDelta: onDelta && ((text) => onDelta(index, text)) }).catch((error: unknown) => failedResult(target, error));
          // Reported before the slot passes on, so a column is done before the next one starts.
          onDone?.(index, result);
          return result;
        },
        options.signal,
        () => onStart?.(index, target),
      );
      if (outcome.ran) return outcome.value;
      const skipped = cancelledResult(target);
      onDone?.(index, skipped);
      return skipped;
    }),
  );
}

export interface TestRunnerOptions {
  /** The current main-side state (service.agentState()). */
  state: () => AgentState;
  endpoints?: EndpointLookup;
  /** How many test prompts may be in flight at once, over all runs (default TEST_CONCURRENCY). */
  concurrency?: number;
  /** Each finished test, for what outlives the run (the last routing verdict per model: routing-problems.ts). */
  onResult?: (result: TestResult, target: TestTarget) => void;
}

/** Runs test requests side by side (a few at a time), streams their events, and cancels them on request. */
export class TestRunner implements TestFeature {
  private readonly running = new Map<string, AbortController>();
  private readonly slots: ConcurrencyLimit;

  constructor(private readonly options: TestRunnerOptions) {
    this.slots = new ConcurrencyLimit(options.concurrency ?? TEST_CONCURRENCY);
  }

  start(request: TestPromptRequest, onEvent: (event: TestEvent) => void): ActionResult<{ runId: string }> {
    const state = this.options.state();
    const unknown = request.targets.find((t) => !findModel(state, t.ref));
    if (unknown) return { ok: false, error: { code: "not-found", message: `pi has no model ${unknown.ref}. Check the spelling (provider/id) or that models.json is valid.` } };
    const runId = randomUUID();
    const controller = new AbortController();
    this.running.set(runId, controller);
    void this.run(runId, request, state, controller.signal, onEvent);
    return { ok: true, value: { runId } };
  }

  cancel(runId: string): boolean {
    const controller = this.running.get(runId);
    controller?.abort();
    return Boolean(controller);
  }

  private async run(runId: string, request: TestPromptRequest, state: AgentState, signal: AbortSignal, onEvent: (event: TestEvent) => void): Promise<void> {
    await runTargets({
      state,
      targets: request.targets,
      prompt: request.prompt,
      timeoutMs: request.timeoutMs,
      signal,
      endpoints: this.options.endpoints,
      slots: this.slots,
      onStart: (index, target) => onEvent({ runId, index, type: "start", target }),
      onDelta: (index, text) => onEvent({ runId, index, type: "delta", text }),
      onDone: (index, result) => {
        onEvent({ runId, index, type: "done", result });
        this.options.onResult?.(result, request.targets[index]!);
      },
    });
    this.running.delete(runId);
    onEvent({ runId, type: "finished" });
  }
}
