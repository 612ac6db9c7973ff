/**
 * What the wire suites share: a loopback capture server that answers like OpenRouter (a streamed
 * chat completion, or an Anthropic messages stream for OpenRouter's Anthropic models), a copy of a
 * case's agent dir whose baseUrls point at it, `pi -p` run by any test pi on its own Node, and the
 * request the core says pi sends (URL, model, `provider`, the body fields samplingParams merge in,
 * the key header). The cases: test/fixtures/wire*, plus the corpus dirs that carry a difference
 * between pi versions on the wire (WIRE_CORPUS).
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { AgentState } from "../../src-main/core/agent-state.js";
import { THINKING_LEVELS, type ThinkingLevel } from "../../src-main/core/common/index.js";
import { resolveRequestAuth } from "../../src-main/core/openrouter/resolve-key.js";
import type { ResolvedModel } from "../../src-main/core/pi/model-registry.js";
import { samplingParamsFor } from "../../src-main/core/pi/routing.js";
import { clampThinkingLevel, DEFAULT_THINKING_LEVEL } from "../../src-main/core/pi/start-model.js";
import { CORPUS, REPO } from "./corpus.js";
import type { TestPi } from "./pi-versions.js";

export interface WireCase {
  /** Unique across the suites' lists: the fixture dir name, or `<corpus case>` / `<corpus case>#<n>`. */
  name: string;
  dir: string;
  /** `provider/id[:level]`, as passed to `pi --model`. */
  model: string;
  env: Record<string, string>;
}

/** One request as the capture server saw it; `path` is the URL path below the run's own prefix. */
export interface Captured {
  method: string;
  path: string;
  authorization: string | undefined;
  xApiKey: string | undefined;
  body: Record<string, unknown>;
}

/** Wire fixtures: test/fixtures/<set>/<case>/ with case.json `model` and {{BASE_URL}} in models.json. */
export function loadWireFixtures(...sets: string[]): WireCase[] {
  return sets.flatMap((set) => {
    const root = join(REPO, "test", "fixtures", set);
    return readdirSync(root)
      .filter((name) => existsSync(join(root, name, "case.json")))
      .sort()
      .map((name) => {
        const meta = JSON.parse(readFileSync(join(root, name, "case.json"), "utf8")) as { model: string; env?: Record<string, string> };
        return { name, dir: join(root, name), model: meta.model, env: meta.env ?? {} };
      });
  });
}

/**
 * Corpus dirs (test/fixtures/agent-dirs, see PI-CHANGES.md) whose request differs between pi
 * versions, each with the models that show it: routing through a proxy baseUrl (0.79.0),
 * samplingParams with and without `provider` (0.84.0), key order (0.80.8), `$NAME`/`${NAME}`/bare
 * names (0.77.0/0.79.4), OpenRouter's Anthropic models on anthropic-messages (no `provider`), a
 * virtual provider, and an OpenRouter OAuth login (its access token is the key from 0.82.0).
 */
const WIRE_CORPUS: { case: string; models: string[] }[] = [
  { case: "routing-proxy-baseurl", models: ["litellm-proxy/openai/gpt-4o"] },
  { case: "sampling-params-provider-key", models: ["openrouter-sp/openai/gpt-4o"] },
  { case: "sampling-params-no-provider-key", models: ["openrouter-temp/deepseek/deepseek-chat", "openrouter/openai/gpt-4o-mini"] },
  { case: "key-order-models-vs-env", models: ["openrouter/openai/gpt-4o"] },
  { case: "key-order-auth-models-env", models: ["openrouter/openai/gpt-4o"] },
  { case: "cfg-dollar-env-set", models: ["openrouter-dollar/anthropic/claude-sonnet-4.5"] },
  { case: "cfg-braced-env-template", models: ["openrouter-braced/anthropic/claude-sonnet-4.5", "openrouter-template/anthropic/claude-sonnet-4.5"] },
  { case: "cfg-bare-name-literal", models: ["openrouter-bare/anthropic/claude-sonnet-4.5"] },
  { case: "routing-openrouter-anthropic-model", models: ["openrouter/anthropic/claude-sonnet-4.5", "openrouter/openai/gpt-4o"] },
  { case: "virtual-providers", models: ["openrouter-novita-fp8/moonshotai/kimi-k2.6"] },
  { case: "auth-openrouter-oauth-login", models: ["openrouter/openai/gpt-4o"] },
];

export function loadWireCorpus(): WireCase[] {
  return WIRE_CORPUS.flatMap(({ case: name, models }) => {
    const dir = join(CORPUS, name);
    const meta = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as { env?: Record<string, string> };
    return models.map((model, i) => ({ name: i === 0 ? name : `${name}#${i + 1}`, dir, model, env: meta.env ?? {} }));
  });
}

/** The least a client needs to finish a turn: one content chunk, a stop with usage, [DONE]. */
function answerCompletions(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream" });
  const chunk = (delta: object, finish: string | null, usage?: object) =>
    res.write(`data: ${JSON.stringify({ id: "gen-wire", provider: "Capture", model: "wire", object: "chat.completion.chunk", created: 0, choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`);
  chunk({ role: "assistant", content: "ok" }, null);
  chunk({}, "stop", { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, cost: 0.000001 });
  res.end("data: [DONE]\n\n");
}

/** The same for Anthropic's messages API (OpenRouter serves it at /api/v1/messages). */
function answerMessages(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream" });
  const event = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  event("message_start", { message: { id: "msg-wire", type: "message", role: "assistant", model: "wire", content: [], stop_reason: null, usage: { input_tokens: 1, output_tokens: 0 } } });
  event("content_block_start", { index: 0, content_block: { type: "text", text: "" } });
  event("content_block_delta", { index: 0, delta: { type: "text_delta", text: "ok" } });
  event("content_block_stop", { index: 0 });
  event("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 1 } });
  event("message_stop", {});
  res.end();
}

export interface CaptureServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Requests by the first path segment (each run's own prefix). */
  requests: Map<string, Captured[]>;
  close(): Promise<void>;
}

/** A capture server on loopback only; each run sends under its own `/<tag>/…` prefix. */
export async function startCaptureServer(): Promise<CaptureServer> {
  const requests = new Map<string, Captured[]>();
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      // The app's test prompt reads OpenRouter's record of its answer afterwards: a lookup, not a model call.
      if (req.method === "GET" && url.pathname.endsWith("/generation")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ data: { id: url.searchParams.get("id"), provider_name: "Capture", model: "wire", total_cost: 0 } }));
        return;
      }
      const [, tag = "", ...rest] = url.pathname.split("/");
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // Recorded with an empty body; the comparison fails on it.
      }
      const list = requests.get(tag) ?? [];
      list.push({ method: req.method ?? "", path: `/${rest.join("/")}`, authorization: req.headers.authorization, xApiKey: req.headers["x-api-key"] as string | undefined, body });
      requests.set(tag, list);
      if (url.pathname.endsWith("/messages")) answerMessages(res);
      else answerCompletions(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * A copy of the case's agent dir at `target` whose every baseUrl goes to `<origin>/<tag>/<host>/…`
 * (so an openrouter.ai URL keeps "openrouter.ai" in it and a proxy's does not) and whose
 * {{BASE_URL}} is `<origin>/<tag>/openrouter.ai/api/v1`. A case that runs a model of built-in
 * `openrouter` without moving it gets `providers.openrouter.baseUrl` added, as users point it at
 * a proxy. Both sides of a comparison read the same kind of copy.
 */
export function wireAgentDir(c: WireCase, target: string, origin: string, tag: string): string {
  cpSync(c.dir, target, { recursive: true });
  const base = `${origin}/${tag}`;
  const modelsPath = join(target, "models.json");
  let text = existsSync(modelsPath) ? readFileSync(modelsPath, "utf8") : "";
  text = text.replace(/("baseUrl"\s*:\s*")https?:\/\//g, `$1${base}/`).replaceAll("{{BASE_URL}}", `${base}/openrouter.ai/api/v1`);
  if (c.model.startsWith("openrouter/")) {
    const models = (text.trim() ? JSON.parse(text) : {}) as { providers?: Record<string, { baseUrl?: string }> };
    const providers = (models.providers ??= {});
    const entry = (providers.openrouter ??= {});
    if (!entry.baseUrl) {
      entry.baseUrl = `${base}/openrouter.ai/api/v1`;
      text = `${JSON.stringify(models, null, 2)}\n`;
    }
  }
  if (text) writeFileSync(modelsPath, text);
  return target;
}

export interface PiRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `pi -p hi --model <model>` by a test pi on its own Node, everything but the model call switched
 * off (--offline: no startup network; no tools, extensions, skills, templates, themes, context
 * files; no session), HOME an empty dir and the agent dir the given copy. Never throws: a pi that
 * refuses (no key, no such model) is an answer too.
 */
export function piPrint(pi: TestPi, options: { agentDir: string; home: string; cwd: string; model: string; env: Record<string, string> }): Promise<PiRun> {
  mkdirSync(options.home, { recursive: true });
  mkdirSync(options.cwd, { recursive: true });
  const args = [pi.cli, "-p", "hi", "--model", options.model, "--no-session", "--offline", "--no-tools", "--no-extensions", "--no-skills", "--no-prompt-templates", "--no-themes", "--no-context-files"];
  const env = { PATH: process.env.PATH ?? "", ...options.env, HOME: options.home, PI_CODING_AGENT_DIR: options.agentDir, PI_OFFLINE: "1", PI_TELEMETRY: "0", PI_SKIP_VERSION_CHECK: "1" };
  return new Promise((resolve) => {
    // pi -p reads piped stdin into the prompt and waits for its end: stdin is closed at once.
    const child = spawn(pi.node, args, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `work` over `items`, `size` at a time (pi takes a core for a second or two to start). */
export async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: size }, worker));
}

/** `provider/id:level` as pi's --model reads it (the corpus has no id that ends in `:<level>`). */
export function splitLevel(model: string): { ref: string; level?: ThinkingLevel } {
  const colon = model.lastIndexOf(":");
  const suffix = model.slice(colon + 1);
  return colon > model.indexOf("/") && (THINKING_LEVELS as readonly string[]).includes(suffix) ? { ref: model.slice(0, colon), level: suffix as ThinkingLevel } : { ref: model };
}

export const findModel = (state: AgentState, model: string): ResolvedModel | undefined => state.models.find((m) => `${m.provider}/${m.id}` === splitLevel(model).ref);

/** Every body key a model's samplingParams (any level) could merge in, `provider` aside. */
export function samplingKeys(model: ResolvedModel | undefined): string[] {
  if (!model) return [];
  const levels = Object.values(model.samplingParamsByThinkingLevel ?? {});
  return [...new Set([model.samplingParams ?? {}, ...levels].flatMap((p) => Object.keys(p ?? {})))].filter((k) => k !== "provider" && k !== "messages" && k !== "stream").sort();
}

/** The fields of a request body that the wire suites compare: model, provider, sampling keys. */
export function comparedFields(body: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(["model", "provider", ...keys].map((k) => [k, body[k] ?? null]));
}

/** The request the core says pi sends for `ref`, or why it sends none. */
export type CoreRequest =
  | { sent: true; path: string; fields: Record<string, unknown>; providerJson: string; keyHeader: { name: "authorization" | "x-api-key"; value: string } }
  | { sent: false; reason: string };

/**
 * The core's answer, from the snapshot and resolve-key: the URL below baseUrl by API
 * (openai-completions → /chat/completions; anthropic-messages → the Anthropic SDK's /v1/messages),
 * the snapshot's model id and routing at the level pi runs (`:level` as typed, else the model's, the
 * default, or pi's own medium; clamped to the model: the snapshot's routingByLevel entry for it, else
 * its routing), the samplingParams pi merges into the body at that level, and the key header
 * (Bearer, or x-api-key for anthropic-messages).
 */
export async function coreRequest(state: AgentState, typed: string, origin: string, tag: string): Promise<CoreRequest> {
  const { ref, level: asked } = splitLevel(typed);
  const model = findModel(state, ref);
  const entry = state.snapshot.models.find((m) => `${m.provider}/${m.id}` === ref);
  if (!model || !entry) return { sent: false, reason: `the core has no model ${ref}` };
  const auth = await resolveRequestAuth(model, state);
  if (!auth.ok) return { sent: false, reason: auth.message };
  const prefix = `${origin}/${tag}`;
  if (!model.baseUrl.startsWith(prefix)) return { sent: false, reason: `the core sends ${ref} to ${model.baseUrl}, not to the capture server` };
  const below = model.baseUrl.slice(prefix.length).replace(/\/+$/, "");
  const messages = model.api === "anthropic-messages";
  const level = clampThinkingLevel(model, asked ?? entry.thinkingLevel ?? state.snapshot.default.thinkingLevel ?? DEFAULT_THINKING_LEVEL, state.rules.thinkingLevels);
  const atLevel = entry.routingByLevel?.find((l) => l.level === level);
  const routing = atLevel ? atLevel.routing : entry.routing;
  const sampling = model.api === "openai-completions" ? (samplingParamsFor(model, level, state.rules) ?? {}) : {};
  const body: Record<string, unknown> = { ...sampling, model: model.id, provider: routing };
  return {
    sent: true,
    path: `${below}${messages ? "/v1/messages" : "/chat/completions"}`,
    fields: comparedFields(body, samplingKeys(model)),
    providerJson: JSON.stringify(routing ?? null),
    keyHeader: messages ? { name: "x-api-key", value: auth.apiKey } : { name: "authorization", value: `Bearer ${auth.apiKey}` },
  };
}
