/**
 * Which model and thinking level a new pi session starts with (no --model/--thinking flags), as the
 * detected pi decides it: main.js buildSessionOptions (the scope), then sdk.js createAgentSession
 * with model-resolver.js findInitialModel (the saved default, pi's per-provider defaults, the first
 * available model), then the thinking level clamped to what the model supports. Also the level pi
 * applies when switching to a model (agent-session.js _getThinkingLevelForModelSwitch). Used by
 * agent-state.ts; version differences come from PiRules.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { StartModel, ThinkingLevel } from "../common/index.js";
import type { PiRules } from "./pi-rules.js";
import { isThinkingLevel, modelRef, type ScopeCandidate } from "./scope.js";
import type { PiSettings } from "./settings-file.js";

/** pi's DEFAULT_THINKING_LEVEL (core/defaults.js, every known release). */
export const DEFAULT_THINKING_LEVEL: ThinkingLevel = "medium";

export type StartRules = Pick<PiRules, "thinkingLevels" | "modelThinkingLevels" | "savedDefaultNeedsAuth">;

export interface StartCandidate extends ScopeCandidate {
  reasoning: boolean;
  thinkingLevelMap?: Record<string, string | null> | undefined;
}

/** pi-ai's getSupportedThinkingLevels: `levels` is the detected pi's list (0.80.6 added max). */
export function supportedThinkingLevels(model: Pick<StartCandidate, "reasoning" | "thinkingLevelMap">, levels: readonly ThinkingLevel[]): ThinkingLevel[] {
  if (!model.reasoning) return ["off"];
  return levels.filter((level) => {
    const mapped = model.thinkingLevelMap?.[level];
    if (mapped === null) return false;
    // xhigh and max only where the model maps them.
    if (level === "xhigh" || level === "max") return mapped !== undefined;
    return true;
  });
}

/** pi-ai's clampThinkingLevel: the level itself, else the nearest supported above, then below; unknown values get the lowest. */
export function clampThinkingLevel(model: Pick<StartCandidate, "reasoning" | "thinkingLevelMap">, level: unknown, levels: readonly ThinkingLevel[]): ThinkingLevel {
  const available = supportedThinkingLevels(model, levels);
  if (available.includes(level as ThinkingLevel)) return level as ThinkingLevel;
  const requested = levels.indexOf(level as ThinkingLevel);
  if (requested === -1) return available[0] ?? "off";
  for (let i = requested; i < levels.length; i++) if (available.includes(levels[i]!)) return levels[i]!;
  for (let i = requested - 1; i >= 0; i--) if (available.includes(levels[i]!)) return levels[i]!;
  return available[0] ?? "off";
}

/** settings.json modelThinkingLevels for a model, where this pi reads it (0.84.3). */
export function perModelThinkingLevel(settings: PiSettings, model: ScopeCandidate, rules: StartRules): unknown {
  return rules.modelThinkingLevels ? settings.modelThinkingLevels?.[modelRef(model)] : undefined;
}

/** The level pi asks for when switching to a model without a scope :level: its modelThinkingLevels entry (0.84.3), if a level. */
export function modelSwitchLevel(settings: PiSettings, model: ScopeCandidate, rules: StartRules): ThinkingLevel | null {
  const level = perModelThinkingLevel(settings, model, rules);
  return isThinkingLevel(level, rules.thinkingLevels) ? level : null;
}

export interface StartInput<M extends StartCandidate> {
  settings: PiSettings;
  /** The scope in cycle order, each with its pattern's thinking level. */
  scoped: { model: M; thinkingLevel: ThinkingLevel | undefined }[];
  /** Every model pi has (getAll / getModels), in pi's order. */
  all: M[];
  /** The models pi counts as available (getAvailable), in pi's order. */
  available: M[];
  isAvailable(provider: string): boolean;
  /** pi's defaultModelPerProvider table (model-resolver.js), in pi's key order. */
  defaultModelPerProvider: Record<string, string>;
  rules: StartRules;
}

/** The model and level a new session starts with; null when pi has no model to start with. */
export function startModel<M extends StartCandidate>(input: StartInput<M>): StartModel | null {
  const { settings, scoped, all, available, rules } = input;
  const { defaultProvider, defaultModel } = settings;
  // registry.find / runtime.getModel: exact provider and id.
  const saved = defaultProvider && defaultModel ? all.find((m) => m.provider === defaultProvider && m.id === defaultModel) : undefined;
  let model: M | undefined;
  let requested: unknown;
  let via: StartModel["via"];
  if (scoped.length > 0) {
    // main.js: the saved default when it is in scope, else the first scoped model; the pattern's level if it set one.
    const inScope = saved ? scoped.find((s) => s.model.provider === saved.provider && s.model.id === saved.id) : undefined;
    const pick = inScope ?? scoped[0]!;
    model = pick.model;
    requested = pick.thinkingLevel;
    via = inScope ? "scope-default" : "scope-first";
  } else if (saved && (!rules.savedDefaultNeedsAuth || input.isAvailable(saved.provider))) {
    model = saved;
    via = "default";
  } else {
    for (const [provider, id] of Object.entries(input.defaultModelPerProvider)) {
      model = available.find((m) => m.provider === provider && m.id === id);
      if (model) break;
    }
    via = model ? "provider-default" : "first-available";
    model ??= available[0];
  }
  if (!model) return null;
  // sdk.js: the scope's level, else (0.84.3) the model's modelThinkingLevels entry if truthy, else defaultThinkingLevel ?? "medium".
  if (requested === undefined) {
    const perModel = perModelThinkingLevel(settings, model, rules);
    requested = perModel ? perModel : (settings.rawDefaultThinkingLevel ?? DEFAULT_THINKING_LEVEL);
  }
  return { ref: modelRef(model), thinkingLevel: clampThinkingLevel(model, requested, rules.thinkingLevels), via };
}

/**
 * pi's defaultModelPerProvider (the model it starts with for a provider that has a key), read from
 * the installed pi's model-resolver.js as text: importing it would load all of pi-ai. Key order is
 * pi's search order. Empty when the file or table is not found.
 */
export function readDefaultModelPerProvider(piPackageDir: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(join(piPackageDir, "dist", "core", "model-resolver.js"), "utf8");
  } catch {
    return {};
  }
  const body = /export const defaultModelPerProvider = \{([\s\S]*?)\n\};/.exec(text)?.[1];
  const table: Record<string, string> = {};
  for (const entry of body?.matchAll(/^\s*(?:"([^"]+)"|([A-Za-z_$][\w$]*))\s*:\s*"([^"]*)",?\s*$/gm) ?? []) table[entry[1] ?? entry[2]!] = entry[3]!;
  return table;
}
