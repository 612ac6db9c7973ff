/**
 * The contract every side shares: the snapshot of what pi sees, the commands that change pi's
 * files, and the errors those commands return. Electron IPC, the preload bridge, the renderer and
 * `serve` all speak exactly these types; change a type here and every side that disagrees stops
 * compiling. Plain data only (structured-clone and JSON safe), never a secret.
 */
import type { KeyLeak } from "./common/key-leaks.js";

export type { KeyLeak };

/** Every level some pi accepts; which ones the detected pi accepts is PiRules.thinkingLevels (`max`: 0.80.6). */
export const THINKING_LEVELS = ["off", "minimal", "low", "medium", "high", "xhigh", "max"] as const;
export type ThinkingLevel = (typeof THINKING_LEVELS)[number];

/** A position in a file, 1-based like an editor shows it. */
export interface FileProblem {
  message: string;
  line: number | null;
  column: number | null;
  /** JSON path of the offending value, e.g. "providers.openrouter-bedrock.models.0.id". */
  path?: string;
  /** What the user can do about it. */
  hint?: string;
}

export interface FileReport {
  path: string;
  exists: boolean;
  /** pi's verdict: for models.json false means pi drops every custom model of the file. */
  valid: boolean;
  errors: FileProblem[];
  /** Things pi accepts but that OpenRouter would reject or that the user surely did not mean. */
  warnings: FileProblem[];
  /** Content hash of the text read; commands may pass it back to detect concurrent edits. */
  version: string | null;
}

/** How the app found pi (src-main/core/pi/locate-pi.ts): the override, a PATH, or a global install dir. */
export type PiFoundBy = "PI_SWITCHBOARD_PI" | "login shell" | "shell PATH" | `global prefix: ${string}`;

/** The Node that runs pi (pi's bin is `#!/usr/bin/env node`). */
export interface PiNodeInfo {
  path: string;
  /** `node --version` without the "v"; null when it did not run. */
  version: string | null;
  /** Whether it meets pi's package.json engines.node; null when either is unknown. */
  satisfiesEngines: boolean | null;
}

/** pi itself does not start (`pi --version` exits non-zero): a broken install, or a release that crashes on today's dependencies. */
export interface PiStartFailure {
  /** pi's own error line, e.g. "SyntaxError: The requested module … does not provide an export named …". */
  firstErrorLine: string;
  /** What the user runs to see it: "pi --version", or the path when the shell does not find this pi. */
  command: string;
  exitCode: number | null;
}

export interface PiInfo {
  found: boolean;
  version: string | null;
  /** The `pi` the user's shell runs (or PI_SWITCHBOARD_PI's value). */
  path: string | null;
  /** "@earendil-works/pi-coding-agent" (0.74+) or "@mariozechner/pi-coding-agent" (to 0.73.1). */
  packageName: string | null;
  packageDir: string | null;
  foundBy: PiFoundBy | null;
  /** pi's engines.node, e.g. ">=22.19.0". */
  engines: string | null;
  node: PiNodeInfo | null;
  /** One line for people: "pi 1.6.0 at <dir> (Node 22.23.5 at <node>)", or how to install pi. */
  summary: string;
  /** What keeps pi from being found or from running, with the fix; null when nothing does. */
  problem: string | null;
  /** Set when pi was found but does not start (pi-start-check.ts); `problem` then says so. */
  startFailure?: PiStartFailure | null;
  /** Where the built-in model list came from, or why there is none. */
  catalog: string;
  /** Which pi behaviour the answers assume (key order, routing rules). */
  assumes: string;
  /** The thinking levels this pi accepts, in its order (`max`: pi 0.80.6). */
  thinkingLevels: ThinkingLevel[];
  /** What a running pi needs to see a saved models.json (restart since pi 0.80.8), said after every save. */
  afterModelsSave: string;
  /** How this pi reads an env var in models.json: "$OPENROUTER_API_KEY" (0.77+) or the bare name (0.7x). */
  envKeyReference: string;
}

export type KeyOrigin = "auth.json" | "environment" | "models.json" | "none";
export type KeyForm = "literal" | "env" | "command" | "oauth" | "none";

/** Which credential pi would use for a provider, described without the secret itself. */
export interface KeySource {
  origin: KeyOrigin;
  form: KeyForm;
  /** Env var name, or the command pi runs (commands are configuration, not secrets). */
  label: string | null;
  /** true: pi gets a value; false: it would fail; null: a command that was not run to find out. */
  resolves: boolean | null;
  /** One sentence for people: "auth.json → !secret-tool lookup …". */
  summary: string;
}

export interface Badge {
  /** "pin" for a provider the model is pinned to; the rest are constraints. */
  kind: "pin" | "order" | "ignore" | "fallbacks" | "quantization" | "privacy" | "price" | "sort" | "performance" | "parameters";
  label: string;
  /** What the constraint means, for a tooltip. */
  title: string;
}

export type RoutingObject = Record<string, unknown>;

export interface ModelEntry {
  provider: string;
  id: string;
  name: string;
  api: string;
  baseUrl: string;
  /** built-in: from pi's catalog untouched; custom: defined in models.json; override: built-in changed by models.json. */
  origin: "built-in" | "custom" | "override";
  openRouter: boolean;
  /** Exactly the `provider` object pi puts in the request body, or null when pi sends none. */
  routing: RoutingObject | null;
  badges: Badge[];
  /** pi's getAvailable(): auth is configured for the provider. */
  available: boolean;
  keySource: KeySource;
  scoped: boolean;
  /**
   * Thinking level pi asks for when switching to this model: the scope pattern's, else (pi 0.84.3)
   * settings.json modelThinkingLevels; null: the session's level (defaultThinkingLevel). pi clamps it to the model.
   */
  thinkingLevel: ThinkingLevel | null;
  default: boolean;
  reasoning: boolean;
  contextWindow: number;
  maxTokens: number;
  /** USD per million tokens, as pi prices the model (its catalog or models.json `cost`); 0 when pi lists none. */
  cost: { input: number; output: number };
  /** What will make pi fail on this model, or not do what its files say, under the detected pi's rules (core/pi/model-problems.ts); errors first. */
  problems: ModelProblem[];
}

/**
 * One thing wrong with a model as the user's pi will use it, said in plain words: "error" where
 * pi's requests fail (a key that cannot authenticate, an unset header variable), "warning" where
 * pi works but not as the files say (routing pi does not send). `fix`, where the app can apply one,
 * is an ordinary command: the UI previews its diff before running it.
 */
export interface ModelProblem {
  code: ModelProblemCode;
  severity: "error" | "warning";
  /** What is wrong and what it means for pi, in a sentence or two, without internal names. */
  message: string;
  /** What the user can do about it, when the app cannot do it for them (or besides the fix). */
  hint?: string;
  fix?: { label: string; command: Command };
}

export type ModelProblemCode =
  /** The key pi sends is a variable's name, not a key (pi sends it as written: 401). */
  | "key-is-variable-name"
  /** pi has no key for the model's provider, or the variable it names is unset. */
  | "no-key"
  /** A header reads an environment variable that is not set: pi fails before sending. */
  | "header-unset"
  /** The model has routing, but pi sends none for its api (or baseUrl, or samplingParams replace it). */
  | "routing-not-sent"
  /** The provider reads the vault's OpenRouter key but sends requests elsewhere. */
  | "key-leak"
  /** The routing names a provider slug none of the model's endpoints has (OpenRouter's cached catalog). */
  | "unknown-slug"
  /** The model's last test prompt was served from outside its routing. */
  | "routing-not-honoured";

export interface ScopeMatch {
  pattern: string;
  models: string[];
}

export interface ScopeReport {
  patterns: string[];
  /** "provider/id" in pi's cycle order. */
  models: string[];
  thinking: Record<string, ThinkingLevel>;
  unmatched: string[];
  /** For each pattern the models it pulled in (first pattern to match a model wins). */
  matches: ScopeMatch[];
  /** Hints for the usual mistakes, one per pattern at most. */
  hints: { pattern: string; message: string }[];
  /** Why each unmatched pattern matches nothing, with the pattern to write instead where one exists (core/pi/scope-advice.ts). */
  advice: ScopeAdvice[];
  /** true when enabledModels is absent or empty: pi then cycles every available model. */
  unset: boolean;
}

/**
 * The real cause of an enabledModels pattern matching nothing, found by running pi's matcher on
 * candidate corrections: a glob whose `*` does not cross `/`, a provider prefix that is wrong or
 * misspelt, an id pi does not know, or models whose provider has no key.
 */
export interface ScopeAdvice {
  pattern: string;
  cause: "glob-slash" | "provider-prefix" | "not-in-catalog" | "no-key";
  /** The cause in plain words, naming what was found. */
  message: string;
  /** The pattern to write instead; present only when it scopes at least one model with a key, as the detected pi resolves it. */
  fix?: string;
}

/** How a scope pattern picked its models: named exactly, a glob, pi's fuzzy substring pick, or nothing. */
export type ScopePatternKind = "exact" | "glob" | "fuzzy" | "none";

/** What a draft of enabledModels would scope (the scope editor's live preview, core/pi/scope.ts previewScope). */
export interface ScopePreview extends ScopeReport {
  /** pi's own warnings for the draft (a bare id on several providers, a bad :level). */
  warnings: string[];
  /** Per entry of `matches`, how that pattern matched. */
  kinds: ScopePatternKind[];
}

export interface DefaultModel {
  provider: string | null;
  id: string | null;
  /** settings.json defaultThinkingLevel, when it is a level the detected pi accepts. */
  thinkingLevel: ThinkingLevel | null;
  /** The default names a model pi has. */
  resolved: boolean;
  /** What a new pi session (no --model/--thinking) starts with; null when pi has no model to start. */
  start: StartModel | null;
}

/** The model and thinking level pi starts a new session with (src-main/core/pi/start-model.ts). */
export interface StartModel {
  /** "provider/id". */
  ref: string;
  /** After the scope's :level, modelThinkingLevels (pi 0.84.3), defaultThinkingLevel, and clamping to the model (non-reasoning → off). */
  thinkingLevel: ThinkingLevel;
  /**
   * Why pi picks it: the saved default inside the scope, the first scoped model, the saved default,
   * pi's default for a provider with a key, or the first available model.
   */
  via: "scope-default" | "scope-first" | "default" | "provider-default" | "first-available";
}

export interface Snapshot {
  agentDir: string;
  /** Increments with every new snapshot of this service. */
  revision: number;
  pi: PiInfo;
  modelsFile: FileReport;
  settingsFile: FileReport;
  authFile: FileReport;
  models: ModelEntry[];
  scope: ScopeReport;
  default: DefaultModel;
  /** Providers defined in models.json, for editing. */
  providers: ProviderEntry[];
  /** Providers whose vault-key command (key connect) would send the key to a host that is not OpenRouter's. */
  keyLeaks: KeyLeak[];
  /** How the agent dir is being watched ("native", or why it fell back). */
  watching: string;
  /** pi's own verdict on these files (src-main/core/pi/verdict/pi-verdict.ts); absent where the host does not ask pi (one-shot CLI). */
  verdict?: PiVerdict;
}

/**
 * What the user's pi itself (its SDK, its Node, on a copy of the files, offline) makes of the agent
 * dir, compared with the app's engine. Where they disagree, pi's answer is what pi will act on.
 */
export interface PiVerdict {
  /** pending: being asked; unavailable: pi cannot be run (why: note); timeout/error: pi did not answer. */
  state: "pending" | "agrees" | "disagrees" | "unavailable" | "timeout" | "error";
  piVersion: string | null;
  /** When pi answered (ISO time); null while pending or when pi was not run. */
  checkedAt: string | null;
  /** Where pi and the engine differ, field by field (the first 50; the rest are counted in moreDifferences). */
  differences: VerdictDifference[];
  /** Differences left out of `differences`. */
  moreDifferences: number;
  /** One line for people: "pi 1.6.0 agrees", "pi 1.6.0 disagrees on 2 things", or why there is no verdict. */
  note: string;
  /** The pi release whose rules the engine applies; differs from piVersion when pi is newer than the app knows. */
  rulesBasis: string | null;
  /** pi is newer than any release the app knows: its verdict decides, show it prominently. */
  leanOnPi: boolean;
  /** Whether pi accepts models.json (keeps its custom models); null when pi did not answer. */
  modelsJsonAccepted: boolean | null;
}

export type VerdictField = "models.json" | "settings.json" | "files" | "models" | "routing" | "available" | "scope" | "unmatched" | "default" | "key";

/** One disagreement; `pi` and `app` are short texts for people ("openrouter/x: {\"only\":[\"groq\"]}"). */
export interface VerdictDifference {
  field: VerdictField;
  /** The model ("provider/id") or provider it is about, when it is about one. */
  ref?: string;
  pi: string;
  app: string;
}

export interface ProviderEntry {
  name: string;
  builtIn: boolean;
  baseUrl: string | null;
  api: string | null;
  openRouter: boolean;
  /** Provider-level compat.openRouterRouting as written, or null. */
  routing: RoutingObject | null;
  customModelIds: string[];
  overrideIds: string[];
  keySource: KeySource;
  /** models.json apiKey as written when it is a reference (env var or !command), to edit in place; null for a literal key, which is never shown. */
  apiKeyReference: string | null;
}

/** Where routing is written: provider level, a custom model, or an override of a built-in model. */
export type RoutingTarget =
  | { level: "provider"; provider: string }
  | { level: "model"; provider: string; id: string }
  | { level: "override"; provider: string; id: string };

/** One place routing is written and what to write there (null removes it): a part of an `applyRouting` command. */
export interface RoutingWrite {
  target: RoutingTarget;
  routing: RoutingObject | null;
}

/**
 * A named routing preset (src-main/core/profiles). `merge`: the profile's keys replace the same keys
 * at the target and every other key stays (Private keeps an `only` list; Cheapest replaces `sort`);
 * `replace`: the target's routing becomes exactly the profile's.
 */
export interface RoutingProfile {
  name: string;
  /** What it sets, for people. */
  description: string;
  builtIn: boolean;
  mode: "merge" | "replace";
  routing: RoutingObject;
  /** "provider": the profile is "Pinned to provider X"; X is chosen when applying. */
  parameter?: "provider";
}

/** Where a profile is applied: one model, a provider (provider-level routing), or every OpenRouter model in scope. */
export type ProfileScope = { kind: "model"; ref: string } | { kind: "provider"; provider: string } | { kind: "scoped" };

/** What the app remembers about a profile it applied, and whether models.json still says so. */
export interface AppliedProfile {
  target: RoutingTarget;
  /** The profile's name ("Pinned to provider" for a pin) and, for a pin, the provider slug. */
  profile: string;
  provider?: string;
  /** The routing the profile wrote at the target (null: it removed the routing). */
  routing: RoutingObject | null;
  appliedAt: string;
  /** drifted: models.json's routing at the target, or what the model inherits from its provider, is no longer what the app left there (a hand edit). */
  state: "applied" | "drifted";
  /** The routing models.json has there now. */
  current: RoutingObject | null;
  /** A model or override target: the routing pi merges for it (its provider's under its own) when the app last wrote it, and now. */
  merged?: { applied: RoutingObject | null; now: RoutingObject | null };
}

export interface ProfilesState {
  profiles: RoutingProfile[];
  applied: AppliedProfile[];
}

/** One target of a profile plan: the routing written there now and what applying writes. */
export interface ProfilePlanChange {
  target: RoutingTarget;
  before: RoutingObject | null;
  after: RoutingObject | null;
  /** The models ("provider/id") whose request this changes. */
  models: string[];
  /** Why this target changes when it is not where the profile is written: a copy a profile wrote here moves to the provider level. */
  note?: string;
}

/** What applying a profile would do: the one command (preview and save), per target, and the models it cannot route. */
export interface ProfilePlan {
  profile: string;
  provider?: string;
  command: Extract<Command, { type: "applyRouting" }>;
  changes: ProfilePlanChange[];
  skipped: { ref: string; why: string }[];
  preview: FilePreview;
}

export interface ProviderFields {
  baseUrl?: string;
  api?: string;
  apiKey?: string;
  name?: string;
}

export interface CustomModelFields {
  id: string;
  name?: string;
  api?: string;
  /** The model's own baseUrl, over the provider's (OpenRouter's chat-completions API is at /api/v1, its Anthropic one at /api). */
  baseUrl?: string;
  reasoning?: boolean;
  contextWindow?: number;
  maxTokens?: number;
  input?: ("text" | "image")[];
  cost?: { input: number; output: number; cacheRead: number; cacheWrite: number };
}

/** Every command the service takes. `expectedVersion` (a FileReport.version) makes a write fail
 *  with `conflict` when the file changed on disk since the caller looked at it. */
export type Command =
  | { type: "useModel"; ref: string; thinkingLevel?: ThinkingLevel | null }
  | { type: "setThinkingLevel"; level: ThinkingLevel }
  | { type: "setScope"; patterns: string[]; expectedVersion?: string | null }
  | { type: "toggleScoped"; ref: string; scoped: boolean; expectedVersion?: string | null }
  | { type: "upsertProvider"; provider: string; fields: ProviderFields; expectedVersion?: string | null }
  | { type: "removeProvider"; provider: string; expectedVersion?: string | null }
  | { type: "upsertModel"; provider: string; model: CustomModelFields; expectedVersion?: string | null }
  /** A custom model and the routing that pins it, in one save; `createProvider` makes the provider when models.json has none of that name. */
  | { type: "addModel"; provider: string; createProvider?: ProviderFields; model: CustomModelFields; routing?: RoutingObject | null; expectedVersion?: string | null }
  | { type: "removeModel"; provider: string; id: string; expectedVersion?: string | null }
  | { type: "setOverride"; provider: string; id: string; override: Record<string, unknown> | null; expectedVersion?: string | null }
  | { type: "setRouting"; target: RoutingTarget; routing: RoutingObject | null; expectedVersion?: string | null }
  /** Several routing writes in one save of models.json (one backup, one undo): routing profiles. */
  | { type: "applyRouting"; targets: RoutingWrite[]; expectedVersion?: string | null };

export type CommandType = Command["type"];

export type ErrorCode =
  | "invalid-input"
  | "unparseable-file"
  | "conflict"
  | "not-found"
  | "locked"
  | "io"
  /** The OS credential vault is missing or locked; the message says how to get one. */
  | "vault-unavailable"
  /** The command would write a new `!command` value (pi runs it) and the user said no when the main process asked (command-guard.ts). */
  | "command-declined"
  /** The same, from a host that cannot ask the user (serve, the tray): refused outright. */
  | "command-refused"
  /** The answer needs a `!command` of pi's files (`commands`), which runs only when the user asks (Refresh, Check key). */
  | "command-on-request";

export interface CommandError {
  code: ErrorCode;
  message: string;
  /** The file the error is about, when there is one. */
  file?: string;
  /** The `!command` values a refused or declined command would write. */
  commands?: string[];
}

export type CommandResult = { ok: true; snapshot: Snapshot; changed: string[] } | { ok: false; error: CommandError };

// ---------------------------------------------------------------------------------------------
// The OpenRouter key (vault). The UI sees status only, never the key.

export interface KeyCheck {
  ok: boolean;
  checkedAt: string;
  /** OpenRouter's answer for GET /key, when ok. */
  label?: string | null;
  limit?: number | null;
  limitRemaining?: number | null;
  usage?: number | null;
  isFreeTier?: boolean;
  /** Why the check failed ("rejected by OpenRouter (401)", "offline", …). */
  error?: string;
}

/** Whether the command `key connect` wrote still prints the vault key when pi runs it (key-health.ts). */
export interface KeyHealth {
  ok: boolean;
  checkedAt: string;
  command: string;
  /** What is wrong, for people; null when ok. */
  problem: string | null;
  /** What to do about it; null when ok. */
  fix: string | null;
}

export interface KeyStatus {
  vault: { available: boolean; backend: string; message: string | null };
  stored: boolean;
  /** Last four characters of the stored key, for recognition. */
  last4: string | null;
  /** OpenRouter providers (built-in and virtual) that read the key from the vault via `key connect`. */
  connectedProviders: string[];
  /** OpenRouter providers pi knows that do not read the vault key. */
  unconnectedProviders: string[];
  /** Providers whose key sits in auth.json in plain text (offer to migrate). */
  plaintextInAuth: string[];
  /** The command pi runs to read the key, as configured by `key connect`. */
  command: string | null;
  lastCheck: KeyCheck | null;
  /** The last key-health check (every start and tray open), null when pi is not connected or nothing was checked yet. */
  health: KeyHealth | null;
}

/** What the key pi would use has left, from OpenRouter's GET /key and GET /credits (core/openrouter/key-info.ts). Never the key. */
export interface CreditsInfo {
  /** Where the key asked about comes from, as people say it ("the vault", "OPENROUTER_API_KEY in the environment", "auth.json"). */
  keyUsed: string;
  checkedAt: string;
  /** USD bought on the account, used, and left; null when OpenRouter did not say (credits need a management key). */
  credits: { total: number; used: number; remaining: number } | null;
  /** The key's own credit limit (USD), what is left of it and how it resets; null when the key has no limit. */
  limit: { limit: number | null; remaining: number | null; reset: string | null } | null;
  usage: { daily: number | null; weekly: number | null; monthly: number | null } | null;
  /** Why a part is missing, or what is wrong; null when all is well. */
  note: string | null;
  /** The lowest of credits.remaining and limit.remaining that is known: what the low-balance threshold compares. */
  balance: number | null;
}

export type ActionResult<T = undefined> = { ok: true; value: T } | { ok: false; error: CommandError };

// ---------------------------------------------------------------------------------------------
// OpenRouter's catalog of models and their endpoints (providers).

export interface CatalogEndpoint {
  /** Display name ("Amazon Bedrock"). */
  providerName: string;
  /** The slug routing uses ("amazon-bedrock", or a tag such as "deepinfra/fp8"). */
  slug: string;
  quantization: string | null;
  contextLength: number | null;
  /** USD per million tokens; cache prices only where the provider caches prompts. */
  pricing: { prompt: number | null; completion: number | null; cacheRead?: number | null; cacheWrite?: number | null };
  /** Uptime over the last 30 minutes, 0–100, when OpenRouter gives it. */
  uptime: number | null;
  status: number | null;
  // The fields below are absent from catalog caches written before they existed (endpoint-facts.ts reads them as null).
  /** The endpoint's own tag as OpenRouter lists it ("deepinfra/fp8"), null when it has none. */
  tag?: string | null;
  /** max_completion_tokens: the longest answer this endpoint gives. */
  maxOutput?: number | null;
  uptime5m?: number | null;
  uptime1d?: number | null;
  /** Time to first token over the last 30 minutes, in milliseconds. */
  latencyMs?: Percentiles | null;
  /** Tokens per second over the last 30 minutes. */
  throughput?: Percentiles | null;
  /** Request parameters the endpoint accepts ("tools", "reasoning", …); null when not listed. */
  supportedParameters?: string[] | null;
}

export interface Percentiles {
  p50: number | null;
  p75: number | null;
  p90: number | null;
  p99: number | null;
}

export interface CatalogModel {
  id: string;
  name: string;
  contextLength: number | null;
  /** USD per million tokens (OpenRouter lists USD per token); cache prices where the model caches prompts. */
  pricing: { prompt: number | null; completion: number | null; cacheRead?: number | null; cacheWrite?: number | null };
  // The fields below are absent from catalog caches written before they existed (the catalog refreshes such a cache).
  /** Request parameters some endpoint of the model accepts ("tools", "reasoning", …). */
  supportedParameters?: string[] | null;
  /** architecture.input_modalities: "text", "image", "file", "audio". */
  inputModalities?: string[] | null;
  /** top_provider.max_completion_tokens: the longest answer of the model's top endpoint. */
  maxCompletionTokens?: number | null;
  /** The model can think: OpenRouter lists `reasoning` among its supported parameters. */
  reasoning?: boolean | null;
}

export interface CatalogStatus {
  source: "network" | "cache" | "none";
  fetchedAt: string | null;
  modelCount: number;
  refreshing: boolean;
  error: string | null;
}

/** A model's endpoints with where they came from, for the routing editor's table (age, offline, refresh). */
export interface ModelEndpoints {
  modelId: string;
  /** null: OpenRouter does not know the model, or nothing is known offline. */
  endpoints: CatalogEndpoint[] | null;
  /** network: fetched by this app session; cache: the disk copy (offline, or a refresh is under way); none: nothing known. */
  source: "network" | "cache" | "none";
  fetchedAt: string | null;
  /** Why the last fetch failed (what is shown is then the cached copy, if any); null when it did not. */
  error: string | null;
}

// ---------------------------------------------------------------------------------------------
// Routed test prompts, run on the main side with the key pi would use.

export interface TestTarget {
  ref: string;
  /** Force this one provider (only + order, no fallbacks) to compare a model's providers. */
  provider?: string;
}

export interface TestPromptRequest {
  targets: TestTarget[];
  prompt: string;
  timeoutMs?: number;
}

export interface TestResult {
  ref: string;
  provider: string | null;
  /** The `provider` field OpenRouter reported for the generation. */
  servedBy: string | null;
  model: string | null;
  ttftMs: number | null;
  totalMs: number | null;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
  /** USD, from OpenRouter's usage accounting. */
  cost: number | null;
  /** false when the serving provider breaks the routing (outside `only`, not first of `order` with fallbacks off); decided from `generation` when OpenRouter gave it. */
  routingRespected: boolean | null;
  routingNote: string | null;
  /** OpenRouter's own record of the answer (GET /generation), null when it could not be read (see generationNote). */
  generation?: TestGeneration | null;
  /** Why there is no generation record (not an OpenRouter host, not recorded in time, …), null when there is one. */
  generationNote?: string | null;
  /** The `!command`s from pi's files the app ran for this test (key, headers), as written: the user sees what ran. */
  commandsRun: string[];
  request: { url: string; model: string; provider: RoutingObject | null };
  text: string;
  error: { status: number | null; message: string; hint: string } | null;
  /** true when the user cancelled the run before this answer was complete (or before it was sent: it waited for a slot). */
  cancelled?: boolean;
}

/** OpenRouter's record of one generation: who served it, its cost (USD), its times (ms) and native token counts. */
export interface TestGeneration {
  id: string;
  provider: string | null;
  model: string | null;
  totalCost: number | null;
  latencyMs: number | null;
  generationTimeMs: number | null;
  tokens: { prompt: number | null; completion: number | null; cached: number | null; reasoning: number | null };
  finishReason: string | null;
}

export type TestEvent =
  | { runId: string; index: number; type: "start"; target: TestTarget }
  | { runId: string; index: number; type: "delta"; text: string }
  | { runId: string; index: number; type: "done"; result: TestResult }
  | { runId: string; type: "finished" };

// ---------------------------------------------------------------------------------------------
// The app's own preferences (src-main/core/preferences). Never a secret. Each host stores and
// applies what it can: the tray app all of them, `serve` only what a browser page can use.

export interface Preferences {
  /** The pi executable or package dir the user chose; null: the one detected (snapshot.pi). */
  piPath: string | null;
  /** The agent dir the user chose; null: PI_CODING_AGENT_DIR, else ~/.pi/agent. */
  agentDir: string | null;
  /** Global shortcut that opens the quick-switch, as an Electron accelerator; "" turns it off. */
  shortcut: string;
  launchAtLogin: boolean;
  /** macOS: show the Dock icon (a menu-bar app has none by default). */
  showDockIcon: boolean;
  /** Warn when the key's remaining credit (USD) falls below this; null: never. */
  lowCreditThreshold: number | null;
  /** "provider/id" refs the user starred in the quick switcher, shown first there and in the tray (at most 50). */
  favouriteModels: string[];
  /** The last models made pi's default through the app, newest first (at most 8; recorded by the API host). */
  recentModels: string[];
  /** macOS: show the default model's short name next to the menu-bar icon. */
  trayTitle: boolean;
}

export type PreferenceKey = keyof Preferences;
export type PreferenceChange = { [K in PreferenceKey]: { key: K; value: Preferences[K] } }[PreferenceKey];

export interface PreferencesState {
  host: "electron" | "serve";
  platform: string;
  values: Preferences;
  defaults: Preferences;
  /** Why a preference cannot be changed in this host (and how to set it instead); absent when it can. */
  fixed: Partial<Record<PreferenceKey, string>>;
  /** The agent dir the service reads now, and what a null agentDir means here. */
  agentDirInUse: string;
  defaultAgentDir: string;
  /** Why the stored shortcut is not active (taken by another app, invalid); null when it is, or is off. */
  shortcutProblem: string | null;
}

/** A pi found at a chosen path (preferences/pi-path-check.ts). */
export interface PiPathCheck {
  path: string;
  packageName: string;
  version: string | null;
  packageDir: string;
}

// ---------------------------------------------------------------------------------------------
// The API every UI host exposes: one method table, one event table. Electron IPC and `serve`
// are two transports over the same handlers (src-main/core/api-handlers.ts).

export interface BackupEntry {
  file: string;
  path: string;
  createdAt: string;
  size: number;
}

/** A pi file's text for the UI (to show an error's spot); auth.json is never offered: it holds keys. */
export type ReadableFile = "models.json" | "settings.json";

export interface FileText {
  path: string;
  text: string | null;
  version: string | null;
}

/** What a command would write, computed like the real write but without touching the file. */
export interface FilePreview {
  path: string;
  before: string | null;
  after: string;
  /** The version the preview was computed from; pass it as expectedVersion to save exactly this. */
  version: string | null;
}

export interface ApiMethods {
  getSnapshot: { input: null; output: Snapshot };
  execute: { input: Command; output: CommandResult };
  previewCommand: { input: Command; output: ActionResult<FilePreview> };
  /** What a draft of enabledModels would scope, resolved as the snapshot's scope is; writes nothing. */
  previewScope: { input: { patterns: string[] }; output: ScopePreview };
  /** pi's own verdict on what a models.json command would write (a temporary copy); slower than the preview, never needed to save. */
  previewVerdict: { input: Command; output: ActionResult<PiVerdict> };
  readFileText: { input: { file: ReadableFile }; output: FileText };
  listBackups: { input: null; output: BackupEntry[] };
  /** expectedVersion: the version of the pi file the caller showed previewRestore's diff against; a file changed since is not overwritten (conflict). */
  restoreBackup: { input: { path: string; expectedVersion?: string | null }; output: ActionResult };
  /** What restoring a models.json or settings.json backup would change: before = the file now, after = the backup. */
  previewRestore: { input: { path: string }; output: ActionResult<FilePreview> };
  keyStatus: { input: null; output: KeyStatus };
  keySet: { input: { key: string }; output: ActionResult<KeyStatus> };
  keyCheck: { input: null; output: ActionResult<KeyStatus> };
  keyConnect: { input: null; output: ActionResult<KeyStatus> };
  keyDisconnect: { input: null; output: ActionResult<KeyStatus> };
  /** Removes the vault-key command from one provider (one whose baseUrl left OpenRouter: Snapshot.keyLeaks); the others stay connected. */
  keyDisconnectProvider: { input: { provider: string }; output: ActionResult<KeyStatus> };
  keyForget: { input: null; output: ActionResult<KeyStatus> };
  keyImportFromAuth: { input: null; output: ActionResult<KeyStatus> };
  /** What the key pi would use has left (GET /key, GET /credits); refresh:false answers from the last check when at most 5 minutes old. */
  keyCredits: { input: { refresh: boolean }; output: ActionResult<CreditsInfo> };
  catalogStatus: { input: null; output: CatalogStatus };
  catalogModels: { input: null; output: CatalogModel[] };
  catalogEndpoints: { input: { modelId: string }; output: CatalogEndpoint[] | null };
  catalogRefresh: { input: null; output: CatalogStatus };
  /** catalogEndpoints with the list's age and source; refresh: ask OpenRouter now (the cached copy stays on failure). */
  catalogModelEndpoints: { input: { modelId: string; refresh: boolean }; output: ModelEndpoints };
  testStart: { input: TestPromptRequest; output: ActionResult<{ runId: string }> };
  testCancel: { input: { runId: string }; output: { ok: boolean } };
  getPreferences: { input: null; output: PreferencesState };
  setPreference: { input: PreferenceChange; output: ActionResult<PreferencesState> };
  /** Whether a path holds a real pi (its package), without changing anything. */
  checkPiPath: { input: { path: string }; output: ActionResult<PiPathCheck> };
  /** Routing profiles (built-in and the user's) and which targets a profile wrote, with drift. */
  profilesState: { input: null; output: ProfilesState };
  /** What applying a profile would write (the diff), without writing. */
  profilePlan: { input: { profile: string; provider?: string; scope: ProfileScope }; output: ActionResult<ProfilePlan> };
  /** Saves a reviewed plan's command (expectedVersion guards it) and remembers the profile per target. */
  profileApply: { input: { profile: string; provider?: string; command: Extract<Command, { type: "applyRouting" }> }; output: ActionResult<{ profiles: ProfilesState; snapshot: Snapshot }> };
  /** A new profile of the user's from the routing written at a target. */
  profileCreate: { input: { name: string; from: RoutingTarget; mode: "merge" | "replace" }; output: ActionResult<ProfilesState> };
  profileRename: { input: { from: string; to: string }; output: ActionResult<ProfilesState> };
  profileDelete: { input: { name: string }; output: ActionResult<ProfilesState> };
  /** Stop remembering which profile wrote a target's routing (models.json is not touched). */
  profileForget: { input: { target: RoutingTarget }; output: ActionResult<ProfilesState> };
  /** "Forget all": stop remembering these targets (the drifted ones the window showed), in one change. */
  profileForgetAll: { input: { targets: RoutingTarget[] }; output: ActionResult<ProfilesState> };
}

export type ApiMethod = keyof ApiMethods;

/** The largest API input any handler takes, as JSON in UTF-8 bytes (checked in api-handlers.ts).
 *  `serve`'s WebSocket frame cap is four times this, so every input the API accepts also travels. */
export const MAX_API_INPUT_BYTES = 256 * 1024;
/** `serve`'s WebSocket subprotocol, and the prefix of the one that carries the session secret
 *  (src-main/cli/serve-session.ts): the credential travels in the handshake, never in a cookie or URL. */
export const SERVE_PROTOCOL = "switchboard.v1";
export const SERVE_SESSION_PROTOCOL_PREFIX = "switchboard.session.";

export interface ApiEvents {
  snapshot: Snapshot;
  keyStatus: KeyStatus;
  /** Sent after every successful credits check (the window, the tray and the low-balance notification share it). */
  credits: CreditsInfo;
  catalog: CatalogStatus;
  test: TestEvent;
  preferences: PreferencesState;
  /** After every profile change and every snapshot (drift follows models.json). */
  profiles: ProfilesState;
}

export type ApiEvent = keyof ApiEvents;

/** What the renderer holds: window.switchboard under Electron, a WebSocket client under serve. */
export interface SwitchboardApi {
  invoke<M extends ApiMethod>(method: M, input: ApiMethods[M]["input"]): Promise<ApiMethods[M]["output"]>;
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}
