/**
 * Provider names pi changed: an entry under the old name in models.json, auth.json or settings.json
 * silently stops applying (pi 1.0.3 renamed `azure-openai-responses` to `azure`; the env vars
 * stayed). pi says so only in its CHANGELOG; the app says it where the old name is written.
 */
import type { FileProblem } from "../common/index.js";
import type { PiRules } from "./pi-rules.js";
import type { SourceLocator } from "./pi-json.js";

type Locate = (path: (string | number)[]) => { line: number | null; column: number | null };

function problem(oldName: string, newName: string, where: string, path: (string | number)[], locate: Locate, rules: Pick<PiRules, "basis">): FileProblem {
  return {
    message: `pi ${rules.basis} renamed the provider "${oldName}" to "${newName}": this ${where} no longer applies.`,
    path: path.join("."),
    hint: `Rename "${oldName}" to "${newName}" here.`,
    ...locate(path),
  };
}

/** Warnings for each old provider name the files still use, per file. */
export function renamedProviderWarnings(
  locators: { models: SourceLocator | null; settings: SourceLocator | null; auth: SourceLocator | null },
  parsed: { modelsProviders: string[]; authProviders: string[]; defaultProvider: string | undefined; enabledModels: string[] | undefined; modelThinkingLevels: string[] },
  rules: Pick<PiRules, "basis" | "renamedProviders">,
): { models: FileProblem[]; settings: FileProblem[]; auth: FileProblem[] } {
  const out = { models: [] as FileProblem[], settings: [] as FileProblem[], auth: [] as FileProblem[] };
  const renamed = Object.entries(rules.renamedProviders);
  if (renamed.length === 0) return out;
  const locator = (located: SourceLocator | null): Locate => (path) => located?.at(path) ?? { line: null, column: null };
  const [models, settings, auth] = [locator(locators.models), locator(locators.settings), locator(locators.auth)];
  for (const [oldName, newName] of renamed) {
    if (parsed.modelsProviders.includes(oldName)) out.models.push(problem(oldName, newName, "provider entry", ["providers", oldName], models, rules));
    if (parsed.authProviders.includes(oldName)) out.auth.push(problem(oldName, newName, "login", [oldName], auth, rules));
    if (parsed.defaultProvider === oldName) out.settings.push(problem(oldName, newName, "default model", ["defaultProvider"], settings, rules));
    (parsed.enabledModels ?? []).forEach((pattern, i) => {
      if (typeof pattern === "string" && pattern.toLowerCase().startsWith(`${oldName}/`)) out.settings.push(problem(oldName, newName, "scope pattern", ["enabledModels", i], settings, rules));
    });
    for (const ref of parsed.modelThinkingLevels) if (ref.startsWith(`${oldName}/`)) out.settings.push(problem(oldName, newName, "thinking level", ["modelThinkingLevels", ref], settings, rules));
  }
  return out;
}
