/**
 * Models and scope: every model pi sees, its badges and problems, what enabledModels scopes, the
 * default, and the snapshot that carries them all.
 */

import type { Command } from "./commands.js";
import type { KeyLeak, KeySource } from "./keys.js";
import type { FileReport, PiInfo, PiVerdict, ThinkingLevel } from "./pi-info.js";
import type { ProviderEntry } from "./providers.js";
import type { RoutingObject } from "./routing.js";

export interface Badge {
  /** "pin" for a provider the model is pinned to; the rest are constraints. */
  kind: "pin" | "order" | "ignore" | "fallbacks" | "quantization" | "privacy" | "price" | "sort" | "performance" | "parameters";
  label: string;
  /** What the constraint means, for a tooltip. */
  title: string;
}

export interface ModelEntry {
  provider: string;
  id: string;
  name: string;
  api: string;
  baseUrl: string;
  /** built-in: from pi's catalog untouched; custom: defined in models.json; override: built-in changed by models.json. */
  origin: "built-in" | "custom" | "override";
  openRouter: boolean;
  /** Exactly the `provider` object pi puts in the request body with thinking off (and at every level not in routingByLevel), or null when pi sends none. */
  routing: RoutingObject | null;
  badges: Badge[];
  /**
   * The levels the model supports at which pi sends other routing (samplingParamsByThinkingLevel's
   * `provider`, pi 1.0.2), in pi's level order; absent when every level sends `routing`.
   */
  routingByLevel?: LevelRouting[];
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

/** What pi sends at one thinking level: that level's `provider` object replaces the model's routing whole. */
export interface LevelRouting {
  level: ThinkingLevel;
  /** Exactly the `provider` object pi puts in the body at this level, or null when it sends none. */
  routing: RoutingObject | null;
  badges: Badge[];
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
  /** pi stops with an error at start on these files (Snapshot.noModel), so no model works. */
  | "pi-stops"
  /** A header reads an environment variable that is not set: pi fails before sending. */
  | "header-unset"
  /** The model has routing, but pi sends none for its api (or baseUrl, or samplingParams replace it). */
  | "routing-not-sent"
  /** The provider reads the vault's OpenRouter key but sends requests elsewhere. */
  | "key-leak"
  /** The routing names a provider slug none of the model's endpoints has (OpenRouter's cached catalog). */
  | "unknown-slug"
  /** The model's last test prompt was served from outside its routing. */
  | "routing-not-honoured"
  /** Every provider the model is pinned to is degraded on OpenRouter (the health watch, core/openrouter/health-watch.ts). */
  | "endpoint-degraded";

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
  /**
   * Why pi has no model at all, in an error's own sentence: it cannot list its logins from auth.json,
   * or it stops at start with these files (a non-pattern in enabledModels); else null.
   */
  noModel: string | null;
  /** How the agent dir is being watched ("native", or why it fell back). */
  watching: string;
  /** pi's own verdict on these files (src-main/core/pi/verdict/pi-verdict.ts); absent where the host does not ask pi (one-shot CLI). */
  verdict?: PiVerdict;
}
