/**
 * auth.json as pi reads it (strict JSON; on a parse error pi carries on with no stored
 * credentials). Read only here: the values are secrets, so this module reports shape and form,
 * and hands the parsed data only to key-source.ts, which never returns a value.
 */
import type { FileProblem } from "../common/index.js";
import type { PiRules } from "./pi-rules.js";
import { parseStrictJson, SourceLocator } from "./pi-json.js";
import type { AuthData } from "./key-source.js";

export interface AuthCheck {
  valid: boolean;
  data: AuthData;
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

/**
 * pi 0.80.8+ lists every stored login's `type` when it checks availability: a `null` entry makes
 * that throw, and pi then has no model available at all.
 */
function nullEntries(data: AuthData, rules: Pick<PiRules, "auth" | "basis">, locate: SourceLocator): FileProblem[] {
  if (rules.auth !== "runtime") return [];
  return Object.entries(data)
    .filter(([, cred]) => cred === null)
    .map(([provider]) => ({
      message: `auth.json entry "${provider}" is null: pi ${rules.basis} fails reading its logins and makes no model available.`,
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

export function checkAuthText(text: string, rules: Pick<PiRules, "auth" | "basis" | "configValues">, isOpenRouterProvider: (provider: string) => boolean = (p) => p === "openrouter"): AuthCheck {
  // pi 0.73 (AuthStorage.parseStorageData) reads an empty file as "no credentials", not an error.
  if (text === "") return { valid: true, data: {}, errors: [], warnings: [] };
  const parsed = parseStrictJson(text);
  if (!parsed.ok) {
    // The parse error may quote the file: keep only the position, never the text around it.
    const { line, column } = parsed.problem;
    return {
      valid: false,
      data: {},
      errors: [{ message: "auth.json is not valid JSON; pi ignores every credential in it.", line, column, hint: parsed.problem.hint ?? "Fix the JSON at this position (the file holds secrets, so it is not quoted here)." }],
      warnings: [],
    };
  }
  if (parsed.value === null || typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
    return { valid: false, data: {}, errors: [{ message: "auth.json must hold a JSON object.", line: 1, column: 1 }], warnings: [] };
  }
  const data = parsed.value as AuthData;
  const locate = new SourceLocator(text);
  const broken = nullEntries(data, rules, locate);
  if (broken.length > 0) return { valid: false, data, errors: broken, warnings: [] };
  const warnings = plaintextKeyProviders(data).map((provider) => ({
    message: `The ${provider} key is stored in auth.json in plain text.`,
    path: provider,
    hint: plaintextHint(provider, isOpenRouterProvider(provider), rules),
    ...locate.at([provider]),
  }));
  return { valid: true, data, errors: [], warnings };
}
