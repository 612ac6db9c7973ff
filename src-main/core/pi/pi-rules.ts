/**
 * What differs between pi releases, in one place: the rule set the engine follows, chosen once
 * from the detected pi version and handed to every module that mirrors pi (loadPiCatalog puts it
 * on the PiCatalog). No other module compares versions; each asks the rules a question named for
 * pi's behaviour. Sources: pi's CHANGELOG and source, release by release (test/conformance/
 * PI-CHANGES.md, which names the release of each change), checked by the conformance suite against real pi 0.73.1, 0.87.1 and 1.6.0.
 */
import semver from "semver";
import { THINKING_LEVELS, type PiInfo, type ThinkingLevel } from "../common/index.js";

/** The releases whose rules the app knows; the newest is what a newer pi is assumed to follow. */
export const NEWEST_KNOWN_PI = "1.6.0";
const OLDEST_KNOWN_PI = "0.73.1";

export interface PiRules {
  /** The pi version these rules were chosen for (null: pi not found, newest rules assumed). */
  version: string | null;
  /** The release whose behaviour the rules describe. */
  basis: string;
  /** Said in every report: which behaviour the answers assume, and why. */
  assumes: string;

  /** Before 0.79.0 pi sent `provider` only when the model's baseUrl contains openrouter.ai. */
  routingNeedsOpenRouterBaseUrl: boolean;
  /**
   * How config values (apiKey, header values, auth.json keys) read. "name-or-literal" (< 0.77): an
   * env var's name if that var is set, else the text itself. "template-or-name" (0.77.0):
   * `$NAME`/`${NAME}` read the environment, `$$` and `$!` escape, and a bare name still reads its
   * env var when set. "template" (0.79.4): a bare name is literal text.
   */
  configValues: "name-or-literal" | "template-or-name" | "template";
  /**
   * How keys are resolved: "registry" (0.7x ModelRegistry + AuthStorage) or "runtime" (0.80.8's
   * ModelRuntime: stored credential, models.json apiKey, env var; OAuth only where pi has it).
   */
  auth: "registry" | "runtime";
  /**
   * 0.84.0 (#7319: every credential read re-reads auth.json): an auth.json that does not parse
   * leaves pi no model available. Before, pi read it once and took a parse error as no credentials.
   */
  unparseableAuthBlocksModels: boolean;
  /**
   * When pi cannot list its logins from auth.json (a file that holds `null`, one that does not parse
   * from 0.84.0, a `null` entry from 0.80.8), no model is available, and: "always" (< 0.84.0) pi
   * stops with an uncaught error at start; "with-scope" (0.84.0) pi starts and says "No models
   * available", but stops at start when settings.json scopes models (resolving the scope throws).
   */
  unreadableAuthStopsStart: "always" | "with-scope";
  /**
   * 0.77.0 (isConfigValueConfigured in ModelRegistry.hasConfiguredAuth): a models.json apiKey whose
   * `$VAR` is unset or empty gives its provider no auth, so its models are not available (before: any
   * apiKey counted). The runtime generation (0.80.8) keeps this.
   */
  unsetKeyVarMeansNoAuth: boolean;
  /** After auth.json (registry generation): the provider's env var, then models.json apiKey. */
  keyOrder: "env-then-models" | "models-then-env";
  /** 0.84.3: a UTF-8 byte order mark at the start of models.json is skipped (before: a parse error). */
  modelsJsonBom: boolean;
  /** 0.84.0: models.json `samplingParams`, merged into the request body after `provider`. */
  samplingParams: boolean;
  /** 1.0.2: `samplingParamsByThinkingLevel`, merged over samplingParams for the active level. */
  samplingParamsByThinkingLevel: boolean;
  /**
   * 0.80.8 (ModelRuntime): providers compose one by one, so a rule error (no baseUrl, no api, …)
   * disables only its provider, and custom models on a built-in provider take api and baseUrl from
   * that provider's models. Strict compat (1.x) needs no rule: the installed pi's own schema applies.
   */
  errorsDisableOnlyTheirProvider: boolean;
  /** Thinking levels pi accepts, in pi's order (0.80.6 added `max`). */
  thinkingLevels: readonly ThinkingLevel[];
  /** 0.84.3: settings.json `modelThinkingLevels` ("provider/id" → level) wins over defaultThinkingLevel for that model. */
  modelThinkingLevels: boolean;
  /** 0.80.4: at start, a saved default (defaultProvider/defaultModel) whose provider has no key is skipped. */
  savedDefaultNeedsAuth: boolean;
  /** 0.84.3: a UTF-8 BOM at the start of settings.json is ignored (before: a parse error). */
  settingsIgnoresBom: boolean;
  /** Scope (`enabledModels`) matching. */
  scope: {
    /** 0.82.0: a glob-looking pattern (`[`…`]`, `*`, `?`) is tried as an exact id before it is a glob. */
    bracketsExactFirst: boolean;
    /**
     * 1.3.0 (resolveModelReference): an id offered by several providers scopes every one, with pi's
     * "matches several providers" warning; `provider/text` also fuzzy-matches within that provider.
     */
    ambiguousIdAddsAll: boolean;
    /** How `provider/…` finds its provider: the text before the first "/" (to 1.4), or the longest provider name it starts with (1.5.0). */
    providerPrefix: "first-slash" | "longest-provider";
  };
  /**
   * What makes a running pi see a saved models.json. "model-picker" (0.7x): /model re-reads it.
   * "restart" (0.80.8): only a restart. "restart-or-reselect" (0.82.0): /model re-reads the file,
   * but the running session keeps its model (routing, baseUrl) until it is re-selected.
   */
  modelsChangeApplies: "model-picker" | "restart" | "restart-or-reselect";
  /** Old provider name → new one, for names the detected pi no longer knows (1.0.3: azure-openai-responses → azure). */
  renamedProviders: Record<string, string>;
  /** 1.2.0: a per-key OpenRouter model list stored in models-store.json replaces OpenRouter's catalog. */
  storedOpenRouterListReplacesCatalog: boolean;
  /**
   * Whether pi asks before it merges a project's `.pi/settings.json` over the agent dir's (project
   * trust). "none" (< 0.79.0): always merged. "saved-or-ask" (0.79.0): the nearest decision in
   * `<agentDir>/trust.json`, else ask. "saved-or-default" (0.79.1): with no saved decision, the agent
   * dir's `defaultProjectTrust` ("ask" unless "always"/"never").
   */
  projectTrust: "none" | "saved-or-ask" | "saved-or-default";
}

const at = (version: string, since: string) => semver.gte(version, since);

/** The rules for a pi version; null or unparsable: the newest known rules, said so. */
export function rulesFor(version: string | null): PiRules {
  const parsed = version ? semver.valid(semver.coerce(version)) : null;
  const basisVersion = parsed === null ? NEWEST_KNOWN_PI : semver.gt(parsed, NEWEST_KNOWN_PI) ? NEWEST_KNOWN_PI : semver.lt(parsed, OLDEST_KNOWN_PI) ? OLDEST_KNOWN_PI : parsed;
  const v = basisVersion;
  const rules: Omit<PiRules, "assumes"> = {
    version,
    basis: v,
    routingNeedsOpenRouterBaseUrl: !at(v, "0.79.0"),
    configValues: at(v, "0.79.4") ? "template" : at(v, "0.77.0") ? "template-or-name" : "name-or-literal",
    auth: at(v, "0.80.8") ? "runtime" : "registry",
    unparseableAuthBlocksModels: at(v, "0.84.0"),
    unreadableAuthStopsStart: at(v, "0.84.0") ? "with-scope" : "always",
    unsetKeyVarMeansNoAuth: at(v, "0.77.0"),
    keyOrder: at(v, "0.80.8") ? "models-then-env" : "env-then-models",
    modelsJsonBom: at(v, "0.84.3"),
    samplingParams: at(v, "0.84.0"),
    samplingParamsByThinkingLevel: at(v, "1.0.2"),
    errorsDisableOnlyTheirProvider: at(v, "0.80.8"),
    thinkingLevels: at(v, "0.80.6") ? THINKING_LEVELS : THINKING_LEVELS.filter((l) => l !== "max"),
    modelThinkingLevels: at(v, "0.84.3"),
    savedDefaultNeedsAuth: at(v, "0.80.4"),
    settingsIgnoresBom: at(v, "0.84.3"),
    scope: {
      bracketsExactFirst: at(v, "0.82.0"),
      ambiguousIdAddsAll: at(v, "1.3.0"),
      providerPrefix: at(v, "1.5.0") ? "longest-provider" : "first-slash",
    },
    modelsChangeApplies: at(v, "0.82.0") ? "restart-or-reselect" : at(v, "0.80.8") ? "restart" : "model-picker",
    storedOpenRouterListReplacesCatalog: at(v, "1.2.0"),
    projectTrust: at(v, "0.79.1") ? "saved-or-default" : at(v, "0.79.0") ? "saved-or-ask" : "none",
    renamedProviders: at(v, "1.0.3") ? { "azure-openai-responses": "azure" } : {},
  };
  return { ...rules, assumes: describeRules(rules, parsed) };
}

function describeRules(rules: Omit<PiRules, "assumes">, parsed: string | null): string {
  const order = rules.keyOrder === "env-then-models" ? "--api-key, auth.json, env var, models.json apiKey" : "--api-key, auth.json, models.json apiKey, env var";
  const routing = rules.routingNeedsOpenRouterBaseUrl ? "routing sent for openai-completions models whose baseUrl contains openrouter.ai" : "routing sent for every openai-completions model";
  const values = {
    template: "config values: $NAME/${NAME} read the environment, other text is literal",
    "template-or-name": "config values: $NAME/${NAME} or a set env var's name read the environment, other text is literal",
    "name-or-literal": "config values: an env var name if set, else literal",
  }[rules.configValues];
  let which = `pi ${rules.basis} rules`;
  if (rules.version === null) which = `pi not found: assuming pi ${rules.basis} rules`;
  else if (parsed === null) which = `pi version "${rules.version}" not understood: assuming pi ${rules.basis} rules`;
  else if (semver.gt(parsed, NEWEST_KNOWN_PI)) which = `pi ${rules.version} is newer than ${NEWEST_KNOWN_PI}, the newest release this app knows: applying ${NEWEST_KNOWN_PI} rules; pi's own verdict decides`;
  else if (semver.lt(parsed, OLDEST_KNOWN_PI)) which = `pi ${rules.version} is older than ${OLDEST_KNOWN_PI}, the oldest release this app knows: applying ${OLDEST_KNOWN_PI} rules`;
  return `${which}: key order ${order}; ${routing}; ${values}`;
}

/** What a running pi needs to see a saved models.json, in one sentence for after every save. */
export function modelsSaveNotice(rules: Pick<PiRules, "basis" | "modelsChangeApplies">): string {
  switch (rules.modelsChangeApplies) {
    case "restart":
      return `pi ${rules.basis} reads models.json only when it starts: restart pi to use this change.`;
    case "restart-or-reselect":
      return `A running pi ${rules.basis} keeps its current model as it was: restart pi, or pick the model again with /model, to use this change.`;
    default:
      return `pi ${rules.basis} re-reads models.json when you open /model; a new pi uses this change right away.`;
  }
}

/** The facts PiInfo carries about the rules; the rest of PiInfo comes from locate-pi.ts. */
export type RulesInfoKeys = "assumes" | "thinkingLevels" | "afterModelsSave" | "envKeyReference" | "levelRouting";

export function rulesInfo(rules: PiRules): Pick<PiInfo, RulesInfoKeys> {
  return {
    assumes: rules.assumes,
    thinkingLevels: [...rules.thinkingLevels],
    levelRouting: rules.samplingParams && rules.samplingParamsByThinkingLevel,
    afterModelsSave: modelsSaveNotice(rules),
    // A bare name is literal from 0.79.4; `$NAME` reads the environment from 0.77.0.
    envKeyReference: rules.configValues === "name-or-literal" ? "OPENROUTER_API_KEY" : "$OPENROUTER_API_KEY",
  };
}
