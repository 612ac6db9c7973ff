/**
 * What pi sees in an agent dir, computed from the three files' text: one pure function from
 * (file texts, pi's catalog, environment) to the snapshot every view shows. The service calls it
 * on every change; the CLI calls it once. Internal parts (the resolved models with their compat,
 * auth data) stay on the main side; only `snapshot` crosses to a UI.
 */
import { createHash } from "node:crypto";
import { findKeyLeaks } from "./common/key-leaks.js";
import type { FileProblem, FileReport, ModelEntry, ProviderEntry, Snapshot } from "./common/index.js";
import { checkAuthText } from "./pi/auth-file.js";
import { hasConfiguredAuth, keySourceFor, type KeyContext } from "./pi/key-source.js";
import { applyOAuthModelChanges, buildModelList, type ResolvedModel } from "./pi/model-registry.js";
import { modelProblems, type ModelProblemContext } from "./pi/model-problems.js";
import { checkModelsText } from "./pi/models-file.js";
import { applyModelsStore } from "./pi/models-store.js";
import { mirroredModelsValidator, type RawModelsConfig } from "./pi/models-schema.js";
import type { PiCatalog } from "./pi/pi-install.js";
import type { PiRules } from "./pi/pi-rules.js";
import { SourceLocator } from "./pi/pi-json.js";
import { isOpenRouter, levelRoutings, requestRouting, routingBadges } from "./pi/routing.js";
import { renamedProviderWarnings } from "./pi/renamed-providers.js";
import { lintResolvedRouting } from "./pi/routing-lint.js";
import { modelRef, resolveScope } from "./pi/scope.js";
import { checkSettingsText, EMPTY_SETTINGS, type PiSettings } from "./pi/settings-file.js";
import type { SettingsLayer } from "./pi/project-settings.js";
import { modelSwitchLevel, startModel } from "./pi/start-model.js";

/** One of pi's files as read from disk. */
export interface FileText {
  path: string;
  /** null when the file does not exist or could not be read. */
  text: string | null;
  /** Why it could not be read (permissions, a directory, …), when it exists but is unreadable. */
  readError?: string;
}

export interface AgentFiles {
  models: FileText;
  settings: FileText;
  auth: FileText;
  /** pi 0.80.8+'s stored catalogs; absent where a caller reads only pi's three files. */
  modelsStore?: FileText;
}

export interface AgentState {
  snapshot: Omit<Snapshot, "revision" | "watching">;
  models: ResolvedModel[];
  modelsConfig: RawModelsConfig | null;
  settings: PiSettings;
  keyContext: KeyContext;
  /** The detected pi's rules, for what acts on this state (test prompts, edits). */
  rules: PiRules;
  /** Why no model is available whatever the keys (scope advice, here and in the scope editor's preview), or null. */
  keylessBecause: string | null;
}

export function textVersion(text: string | null): string | null {
  return text === null ? null : createHash("sha256").update(text).digest("hex").slice(0, 16);
}

function report(file: FileText, check: { valid: boolean; errors: FileProblem[]; warnings: FileProblem[] } | null): FileReport {
  const exists = file.text !== null || file.readError !== undefined;
  if (file.readError !== undefined) {
    return { path: file.path, exists, valid: false, errors: [{ message: file.readError, line: null, column: null }], warnings: [], version: null };
  }
  // A missing file is valid to pi: it means "nothing configured".
  return { path: file.path, exists, valid: check?.valid ?? true, errors: check?.errors ?? [], warnings: check?.warnings ?? [], version: textVersion(file.text) };
}

/**
 * The catalog with the installed pi's own schema check made ready for these files' models.json
 * (remembered, or pi's schema loaded: pi-schema-check.ts). Only for these files: the check it
 * carries answers for this text alone.
 */
export async function catalogForFiles(catalog: PiCatalog, files: AgentFiles): Promise<PiCatalog> {
  if (!catalog.piSchema || files.models.text === null) return catalog;
  const validator = (await catalog.piSchema.validatorFor(files.models.text)) ?? mirroredModelsValidator();
  return { ...catalog, modelsSchemaCheck: { text: files.models.text, validator } };
}

/** What pi sees in these files, as buildAgentState says, with the installed pi's schema check ready first. */
export async function readAgentState(agentDir: string, files: AgentFiles, catalog: PiCatalog, env: NodeJS.ProcessEnv, project?: (agentDir: SettingsLayer) => PiSettings): Promise<AgentState> {
  return buildAgentState(agentDir, files, await catalogForFiles(catalog, files), env, project);
}

/**
 * `project`: lays a project's `.pi/settings.json` over the agent dir's settings (project-view.ts);
 * the file reports stay the agent dir's. A catalog of a pi with its own schema must come through
 * catalogForFiles (readAgentState does): judging with the mirrored schema instead would be wrong.
 */
export function buildAgentState(agentDir: string, files: AgentFiles, catalog: PiCatalog, env: NodeJS.ProcessEnv, project?: (agentDir: SettingsLayer) => PiSettings): AgentState {
  // Usually the very string catalogForFiles was given, so the comparison costs nothing (hashing the parsed value cost a tenth of a 2 MB file's load).
  if (catalog.piSchema && files.models.text !== null && catalog.modelsSchemaCheck?.text !== files.models.text) throw new Error("pi's own models.json schema was not made ready for this models.json: use readAgentState or catalogForFiles");
  const builtInProviders = new Set(catalog.providers.keys());
  const { rules } = catalog;
  const builtIns = applyModelsStore(catalog.providers, files.modelsStore?.text ?? null, rules, catalog.catalogGeneratedAt);
  // One locator per file: warnings from the checks and the lints below share its index of positions.
  const locate = (f: FileText) => (f.text === null ? null : new SourceLocator(f.text));
  const modelsLocate = locate(files.models);
  const modelsCheck = file(files.models, (t) => checkModelsText(t, builtIns, rules, catalog.modelsSchemaCheck?.validator, modelsLocate ?? undefined));
  const settingsCheck = file(files.settings, (t) => checkSettingsText(t, rules));
  const authCheck = file(files.auth, (t) => checkAuthText(t, rules, (provider) => isOpenRouter(provider, modelsCheck?.config?.providers[provider]?.baseUrl)));

  const config = modelsCheck?.config ?? null;
  const fileSettings = settingsCheck?.settings ?? EMPTY_SETTINGS;
  const settings = project ? project({ settings: fileSettings, raw: settingsCheck?.raw ?? {} }) : fileSettings;
  const modelsApiKeys = new Map<string, string>();
  for (const [name, provider] of Object.entries(config?.providers ?? {})) {
    if (provider.apiKey !== undefined && !modelsCheck?.disabledProviders.has(name)) modelsApiKeys.set(name, provider.apiKey);
  }
  const keyContext: KeyContext = {
    auth: authCheck?.valid ? authCheck.data : {},
    modelsApiKeys,
    envApiKey: (provider) => catalog.envApiKey(provider, env),
    envKeyNames: (provider) => catalog.envKeyNames(provider, env),
    oauthProviders: new Set(catalog.oauthProviders.keys()),
    env,
    rules,
    disabledProviders: modelsCheck?.disabledProviders ?? new Set(),
  };

  const models = applyOAuthModelChanges(buildModelList(builtIns, usableConfig(config, modelsCheck?.disabledProviders), rules, modelsCheck?.compositions), keyContext.auth, catalog.oauthProviders);
  // An auth.json pi cannot list its logins from: pi's availability check throws, and no model is available.
  const authBlock = authCheck?.blocksModels ? authCheck.errors[0]!.message : null;
  const availability = new Map<string, boolean>();
  const isAvailable = (provider: string) => {
    let known = availability.get(provider);
    if (known === undefined) availability.set(provider, (known = authBlock === null && hasConfiguredAuth(provider, keyContext)));
    return known;
  };
  const available = models.filter((m) => isAvailable(m.provider));
  const keylessBecause = authBlock === null ? null : "pi cannot read its logins from auth.json, so no model is available.";
  // Every model too, so an unmatched pattern's advice can tell a missing key from a missing model.
  const scope = resolveScope(settings.enabledModels, available, rules, undefined, models, keylessBecause);
  const scopedRefs = new Set(scope.models);
  const keySources = new Map(Array.from(new Set(models.map((m) => m.provider)), (p) => [p, keySourceFor(p, keyContext)]));

  const defaultRef = settings.defaultProvider && settings.defaultModel ? `${settings.defaultProvider}/${settings.defaultModel}` : null;
  const keyLeaks = findKeyLeaks(keyContext.auth, usableConfig(config, modelsCheck?.disabledProviders)?.providers ?? {}, env);
  // Why pi has no model at all: no logins it can read, or a settings.json it stops on at start.
  const noModel = authBlock !== null ? { file: "auth.json" as const, message: authBlock } : settingsCheck?.stopsPi ? { file: "settings.json" as const, message: settingsCheck.stopsPi } : null;
  const problemContext: ModelProblemContext = { rules, env, config: usableConfig(config, modelsCheck?.disabledProviders), auth: keyContext.auth, noModel, keySourceOf: (p) => keySources.get(p)!, isAvailable, keyLeaks };
  const entries: ModelEntry[] = models.map((m) => {
    const ref = modelRef(m);
    const routing = requestRouting(m, rules);
    const byLevel = levelRoutings(m, rules);
    return {
      provider: m.provider,
      id: m.id,
      name: m.name,
      api: m.api,
      baseUrl: m.baseUrl,
      origin: m.origin,
      openRouter: isOpenRouter(m.provider, m.baseUrl),
      routing,
      badges: routingBadges(routing),
      ...(byLevel.length ? { routingByLevel: byLevel } : {}),
      available: isAvailable(m.provider),
      keySource: keySources.get(m.provider)!,
      scoped: scopedRefs.has(ref),
      thinkingLevel: scope.thinking[ref] ?? modelSwitchLevel(settings, m, rules),
      default: ref === defaultRef,
      reasoning: m.reasoning,
      contextWindow: m.contextWindow,
      maxTokens: m.maxTokens,
      problems: modelProblems(m, routing, ref === defaultRef, problemContext),
      cost: { input: m.cost.input, output: m.cost.output },
    };
  });

  const modelsReport = report(files.models, modelsCheck);
  if (modelsLocate) modelsReport.warnings.push(...lintResolvedRouting(models.filter((m) => m.origin !== "built-in"), (m) => requestRouting(m as ResolvedModel, rules), modelsLocate));
  // models-store.json has no report of its own: one that cannot be read (a FIFO, a device, too big) is said on models.json, whose built-ins it changes.
  if (files.modelsStore?.readError !== undefined) modelsReport.warnings.push({ message: files.modelsStore.readError, line: null, column: null, hint: "The built-in model lists are used without pi's stored ones. Remove it: pi writes a new models-store.json when it next refreshes its model lists." });
  const settingsReport = report(files.settings, settingsCheck);
  const authReport = report(files.auth, authCheck);
  const renamed = renamedProviderWarnings(
    { models: modelsLocate, settings: locate(files.settings), auth: locate(files.auth) },
    { modelsProviders: Object.keys(config?.providers ?? {}), authProviders: Object.keys(keyContext.auth), defaultProvider: settings.defaultProvider, enabledModels: settings.enabledModels, modelThinkingLevels: Object.keys(settings.modelThinkingLevels ?? {}) },
    rules,
  );
  modelsReport.warnings.push(...renamed.models);
  settingsReport.warnings.push(...renamed.settings);
  authReport.warnings.push(...renamed.auth);
  for (const leak of keyLeaks) {
    authReport.warnings.push({
      message: `${leak.provider} reads the vault's OpenRouter key (key connect), but sends its requests to ${leak.host}: pi would send the key there.`,
      line: null,
      column: null,
      path: leak.provider,
      hint: `Remove the key command from ${leak.provider} (Key → Remove the key command, or \`key disconnect --provider ${leak.provider}\`), or point its baseUrl back at https://openrouter.ai/api/v1.`,
    });
  }
  for (const warning of scope.warnings) settingsReport.warnings.push({ message: warning, line: null, column: null, path: "enabledModels" });
  const { scoped: _scoped, warnings: _warnings, ...scopeReport } = scope;

  return {
    snapshot: {
      agentDir,
      pi: catalog.info,
      modelsFile: modelsReport,
      settingsFile: settingsReport,
      authFile: authReport,
      models: entries,
      scope: scopeReport,
      default: {
        provider: settings.defaultProvider ?? null,
        id: settings.defaultModel ?? null,
        thinkingLevel: settings.defaultThinkingLevel ?? null,
        resolved: defaultRef !== null && entries.some((e) => e.default),
        // With auth.json unreadable pi starts with no model, or does not start at all (PiRules.unreadableAuthStopsStart).
        start: noModel !== null ? null : startModel({
          settings,
          scoped: scope.scoped.map((m) => ({ model: m, thinkingLevel: scope.thinking[modelRef(m)] })),
          all: models,
          available,
          isAvailable,
          defaultModelPerProvider: catalog.defaultModelPerProvider,
          rules,
        }),
      },
      providers: providerEntries(modelsCheck?.config ?? null, builtInProviders, keyContext),
      keyLeaks,
      noModel: noModel?.message ?? null,
    },
    models,
    modelsConfig: config,
    settings,
    keyContext,
    rules,
    keylessBecause,
  };
}

/** The config pi composes models from: without the providers it disabled (pi 0.80+). */
function usableConfig(config: RawModelsConfig | null, disabled: Set<string> | undefined): RawModelsConfig | null {
  if (!config || !disabled?.size) return config;
  return { ...config, providers: Object.fromEntries(Object.entries(config.providers).filter(([name]) => !disabled.has(name))) };
}

function file<T>(f: FileText, check: (text: string) => T): T | null {
  return f.text === null ? null : check(f.text);
}

function providerEntries(config: RawModelsConfig | null, builtIn: Set<string>, keys: KeyContext): ProviderEntry[] {
  return Object.entries(config?.providers ?? {}).map(([name, p]) => {
    const routing = p.compat?.openRouterRouting;
    const keySource = keySourceFor(name, keys);
    return {
      name,
      builtIn: builtIn.has(name),
      baseUrl: p.baseUrl ?? null,
      api: p.api ?? null,
      openRouter: isOpenRouter(name, p.baseUrl),
      routing: routing && typeof routing === "object" && !Array.isArray(routing) ? (routing as Record<string, unknown>) : null,
      customModelIds: (p.models ?? []).map((m) => m.id),
      overrideIds: Object.keys(p.modelOverrides ?? {}),
      keySource,
      apiKeyReference: p.apiKey !== undefined && keySource.origin === "models.json" && (keySource.form === "env" || keySource.form === "command") ? p.apiKey : null,
    };
  });
}
