/**
 * auth.json as pi reads it (strict JSON). A file pi cannot list its logins from leaves it no model
 * at all, and may stop it at start (PiRules.unreadableAuthStopsStart); before 0.84.0 a parse error
 * only meant no stored credentials. Read only here: the values are secrets, so this module reports
 * shape and form, and hands the parsed data only to key-source.ts, which never returns a value.
 */
import type { FileProblem } from "../common/index.js";
import type { PiRules } from "./pi-rules.js";
import { parseStrictJson, SourceLocator } from "./pi-json.js";
import type { AuthData } from "./key-source.js";

export interface AuthCheck {
  valid: boolean;
  data: AuthData;
  /** pi cannot list its logins from this file, so no model is available (errors[0] says what pi does). */
  blocksModels: boolean;
  errors: FileProblem[];
  warnings: FileProblem[];
}

/** Providers whose key sits in auth.json as plain text (a literal, not an env name or a command). */
export function plaintextKeyProviders(data: AuthData): string[] {
  return Object.entries(data)
    .filter(([, cred]) => {
      const c = cred as { type?: unknown; key?: unknown } | null;
      return c?.type === "api_key" && typeof c.key === "string" && !c.key.startsWith("!") && !/^[A-Z_][A-Z0-9_]*$/.test(c.key);
    })
    .map(([provider]) => provider);
}

type AuthRules = Pick<PiRules, "auth" | "basis" | "configValues" | "unparseableAuthBlocksModels" | "unreadableAuthStopsStart">;

/** What pi does with an auth.json it cannot list its logins from, to end a sentence (checked against real pi 0.73.1 to 1.6.0). */
function unreadableConsequence(rules: Pick<PiRules, "basis" | "unreadableAuthStopsStart">): string {
  return rules.unreadableAuthStopsStart === "always"
    ? `pi ${rules.basis} stops with an error at start, and no model is available`
    : `pi ${rules.basis} has no model available, and stops with an error at start when settings.json scopes models (enabledModels)`;
}

/** pi 0.80.8+ lists every stored login's `type` when it checks availability: a `null` entry makes that throw. */
function nullEntries(data: AuthData, rules: Pick<PiRules, "auth" | "basis" | "unreadableAuthStopsStart">, locate: SourceLocator): FileProblem[] {
  if (rules.auth !== "runtime") return [];
  return Object.entries(data)
    .filter(([, cred]) => cred === null)
    .map(([provider]) => ({
      message: `auth.json entry "${provider}" is null: ${unreadableConsequence(rules)}.`,
      path: provider,
      hint: `Remove the "${provider}" entry, or log in again with /login.`,
      ...locate.at([provider]),
    }));
}

/**
 * `key import-from-auth` moves OpenRouter keys only (built-in openrouter and virtual providers):
 * any other plain-text key gets the way pi itself offers to keep it out of the file.
 */
function plaintextHint(provider: string, isOpenRouter: boolean, rules: Pick<PiRules, "configValues">): string {
  if (isOpenRouter) return "Move it into the OS credential vault: `key import-from-auth`.";
  const name = `${provider.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_API_KEY`;
  const envForm = rules.configValues === "name-or-literal" ? name : `$${name}`;
  return `pi reads it as written. To keep it out of the file, make "key" a command that prints it from your secret manager ("!<command>") or read it from an environment variable ("${envForm}").`;
}

export function checkAuthText(text: string, rules: AuthRules, isOpenRouterProvider: (provider: string) => boolean = (p) => p === "openrouter"): AuthCheck {
  // pi 0.73 (AuthStorage.parseStorageData) reads an empty file as "no credentials", not an error.
  if (text === "") return { valid: true, data: {}, blocksModels: false, errors: [], warnings: [] };
  const parsed = parseStrictJson(text);
  if (!parsed.ok) {
    // The parse error may quote the file: keep only the position, never the text around it.
    const { line, column } = parsed.problem;
    const blocksModels = rules.unparseableAuthBlocksModels;
    const message = blocksModels ? `auth.json is not valid JSON: ${unreadableConsequence(rules)}.` : "auth.json is not valid JSON; pi ignores every credential in it.";
    return {
      valid: false,
      data: {},
      blocksModels,
      errors: [{ message, line, column, hint: parsed.problem.hint ?? "Fix the JSON at this position (the file holds secrets, so it is not quoted here)." }],
      warnings: [],
    };
  }
  // Every pi reads the logins of a `null` file with Object.entries or a property lookup, which throws.
  if (parsed.value === null) {
    return { valid: false, data: {}, blocksModels: true, errors: [{ message: `auth.json holds null: ${unreadableConsequence(rules)}.`, line: 1, column: 1, hint: "Write {} instead (no logins), then log in again with /login." }], warnings: [] };
  }
  if (typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
    return { valid: false, data: {}, blocksModels: false, errors: [{ message: "auth.json must hold a JSON object.", line: 1, column: 1 }], warnings: [] };
  }
  const data = parsed.value as AuthData;
  const locate = new SourceLocator(text);
  const broken = nullEntries(data, rules, locate);
  if (broken.length > 0) return { valid: false, data, blocksModels: true, errors: broken, warnings: [] };
  const warnings = plaintextKeyProviders(data).map((provider) => ({
    message: `The ${provider} key is stored in auth.json in plain text.`,
    path: provider,
    hint: plaintextHint(provider, isOpenRouterProvider(provider), rules),
    ...locate.at([provider]),
  }));
  return { valid: true, data, blocksModels: false, errors: [], warnings };
}
