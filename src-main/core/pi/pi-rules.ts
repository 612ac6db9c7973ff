/**
 * What differs between pi releases, in one place: the rule set the engine follows, chosen once
 * from the detected pi version and handed to every module that mirrors pi (loadPiCatalog puts it
 * on the PiCatalog). No other module compares versions; each asks the rules a question named for
 * pi's behaviour. Sources: pi's CHANGELOG and source, release by release (test/conformance/
 * PI-CHANGES.md), checked by the conformance suite against real pi 0.73.1, 0.87.1 and 1.6.0.
 */
import semver from "semver";
import { THINKING_LEVELS, type ThinkingLevel } from "../contract.js";

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

  /** Before 0.78.1 pi sent `provider` only when the model's baseUrl contains openrouter.ai. */
  routingNeedsOpenRouterBaseUrl: boolean;
  /**
   * How config values (apiKey, header values, auth.json keys) read. "name-or-literal" (< 0.78): an
   * env var's name if that var is set, else the text itself. "template" (0.78): `$NAME`/`${NAME}`
   * read the environment, `$$` and `$!` escape, any other text is literal.
   */
  configValues: "name-or-literal" | "template";
  /** 0.78: a provider whose models.json apiKey names an unset `$VAR` counts as not configured. */
  unsetEnvKeyUnconfigures: boolean;
  /** After auth.json: 0.7x tried the provider's env var, then models.json apiKey; 0.78 the reverse. */
  keyOrder: "env-then-models" | "models-then-env";
  /** 0.84.0: models.json `samplingParams`, merged into the request body after `provider`. */
  samplingParams: boolean;
  /** 1.0.2: `samplingParamsByThinkingLevel`, merged over samplingParams for the active level. */
  samplingParamsByThinkingLevel: boolean;
  /** 0.7x accepted any compat object; the ModelRuntime generation (0.80) checks compat strictly. */
  strictCompat: boolean;
  /** 0.80: a rule error (no baseUrl, no api, …) disables only its provider, not the whole file. */
  errorsDisableOnlyTheirProvider: boolean;
  /** 0.80: custom models on a built-in provider take api and baseUrl from that provider's models. */
  customModelDefaultsFromBuiltIns: boolean;
  /** Thinking levels pi accepts (0.80.6 added `max`). */
  thinkingLevels: readonly ThinkingLevel[];
  /** settings.json `modelThinkingLevels` (per-model level over defaultThinkingLevel). */
  modelThinkingLevels: boolean;
  /** Scope (`enabledModels`) matching. */
  scope: {
    /** 0.82.0: a pattern with `[`…`]` is tried as a literal exact id before it is a glob. */
    bracketsExactFirst: boolean;
    /** 1.3.0: a bare id offered by several providers scopes every one (with pi's warning). */
    ambiguousIdAddsAll: boolean;
  };
  /** 0.80.8: pi reads models.json once at start; a change needs a pi restart. */
  restartAfterModelsChange: boolean;
  /** 0.80.8: `models-store.json` holds refreshed catalogs (OpenRouter: the key's own model list). */
  modelsStore: boolean;
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
    routingNeedsOpenRouterBaseUrl: !at(v, "0.78.1"),
    configValues: at(v, "0.78.0") ? "template" : "name-or-literal",
    unsetEnvKeyUnconfigures: at(v, "0.78.0"),
    keyOrder: at(v, "0.78.0") ? "models-then-env" : "env-then-models",
    samplingParams: at(v, "0.84.0"),
    samplingParamsByThinkingLevel: at(v, "1.0.2"),
    strictCompat: at(v, "0.80.0"),
    errorsDisableOnlyTheirProvider: at(v, "0.80.0"),
    customModelDefaultsFromBuiltIns: at(v, "0.80.0"),
    thinkingLevels: at(v, "0.80.6") ? THINKING_LEVELS : THINKING_LEVELS.filter((l) => l !== "max"),
    modelThinkingLevels: at(v, "0.80.6"),
    scope: {
      bracketsExactFirst: at(v, "0.82.0"),
      ambiguousIdAddsAll: at(v, "1.3.0"),
    },
    restartAfterModelsChange: at(v, "0.80.8"),
    modelsStore: at(v, "0.80.8"),
  };
  return { ...rules, assumes: describeRules(rules, parsed) };
}

function describeRules(rules: Omit<PiRules, "assumes">, parsed: string | null): string {
  const order = rules.keyOrder === "env-then-models" ? "--api-key, auth.json, env var, models.json apiKey" : "--api-key, auth.json, models.json apiKey, env var";
  const routing = rules.routingNeedsOpenRouterBaseUrl ? "routing sent for openai-completions models whose baseUrl contains openrouter.ai" : "routing sent for every openai-completions model";
  const values = rules.configValues === "template" ? "config values: $NAME/${NAME} read the environment, other text is literal" : "config values: an env var name if set, else literal";
  let which = `pi ${rules.basis} rules`;
  if (rules.version === null) which = `pi not found: assuming pi ${rules.basis} rules`;
  else if (parsed === null) which = `pi version "${rules.version}" not understood: assuming pi ${rules.basis} rules`;
  else if (semver.gt(parsed, NEWEST_KNOWN_PI)) which = `pi ${rules.version} is newer than ${NEWEST_KNOWN_PI}, the newest release this app knows: applying ${NEWEST_KNOWN_PI} rules; pi's own verdict decides`;
  else if (semver.lt(parsed, OLDEST_KNOWN_PI)) which = `pi ${rules.version} is older than ${OLDEST_KNOWN_PI}, the oldest release this app knows: applying ${OLDEST_KNOWN_PI} rules`;
  return `${which}: key order ${order}; ${routing}; ${values}`;
}
