/**
 * Read what only the installed pi knows: its version, its built-in model catalog and which
 * environment variable holds each built-in provider's key. Which pi that is (the user's, not
 * ours), where, and which Node runs it: locate-pi.ts.
 *
 * We read the catalog from the code pi runs instead of keeping a copy, so the answer is the
 * installed pi's by construction and follows its upgrades: a pi whose CLI is a bundle (0.84.3+)
 * carries its own pi-ai, asked in a child on pi's Node (bundled-catalog.ts); an older pi imports
 * the pi-ai Node resolves beside it, whose models.generated.js and env-api-keys.js have no
 * dependencies and load here in tens of milliseconds. Which env var holds a provider's key comes
 * from that pi-ai beside pi in both cases (the bundle does not export getEnvApiKey; the two agree
 * on every pi the conformance run checks). Used by agent-state.ts; the CLI and the app share one PiCatalog.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { PiInfo, PiStartFailure } from "../common/index.js";
import { appCacheDir } from "../files/cache-dir.js";
import type { BuiltInModel, PiOAuthProvider } from "./built-in-model.js";
import { bundledSdkEntry, readBundledCatalog } from "./bundled-catalog.js";
import { findPiInstall, type LocateOptions, type PiInstall } from "./locate-pi.js";
import type { ModelsValidator } from "./models-schema.js";
import { rulesFor, rulesInfo, type PiRules, type RulesInfoKeys } from "./pi-rules.js";
import { findDependencyDir, importPiModelsValidator, importRuntimeCatalog, piSchemaFiles, type RuntimeCatalog } from "./pi-runtime-catalog.js";
import { piModelsSchema, type PiModelsSchema } from "./pi-schema-check.js";
import { checkPiStarts, startFailureProblem } from "./pi-start-check.js";
import { readDefaultModelPerProvider } from "./start-model.js";

export interface PiCatalog {
  info: PiInfo;
  /** Built-in providers in pi's order, each with its models in pi's order. */
  providers: Map<string, BuiltInModel[]>;
  /** pi-ai's getEnvApiKey in `env`: the value pi would take from that environment, if any. */
  envApiKey(provider: string, env: NodeJS.ProcessEnv): string | undefined;
  /** pi-ai's findEnvKeys in `env`: names of the env vars that hold the provider's key. */
  envKeyNames(provider: string, env: NodeJS.ProcessEnv): string[];
  /** pi-ai's OAuth registry: the only providers for which an OAuth login in auth.json yields a key. */
  oauthProviders: Map<string, PiOAuthProvider>;
  /** How this pi reads its files, chosen from its version (pi-rules.ts). */
  rules: PiRules;
  /** The installed pi's own models.json schema check, where it exports one (1.x); readAgentState asks it for the files' validator. */
  piSchema?: PiModelsSchema;
  /** The schema check made ready for one models.json text (catalogForFiles); buildAgentState uses it for that text only. */
  modelsSchemaCheck?: { text: string; validator: ModelsValidator };
  /** When pi's shipped catalog was generated (pi 0.80.8+), for models-store.json overlays. */
  catalogGeneratedAt?: number;
  /** pi's defaultModelPerProvider (model-resolver.js): what it starts with for a provider that has a key. */
  defaultModelPerProvider: Record<string, string>;
}


function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

interface PiAiKeys {
  getEnvApiKey(provider: string): string | undefined;
  findEnvKeys(provider: string): string[] | undefined;
  oauthProviders: PiOAuthProvider[];
}

type PiAiModels = Record<string, Record<string, BuiltInModel>>;

/** pi-ai's OAuth registry (utils/oauth, no network at import); an older pi-ai without it has none. */
async function importOAuthProviders(piAiDir: string): Promise<PiOAuthProvider[]> {
  const oauth = join(piAiDir, "dist", "utils", "oauth", "index.js");
  if (!isFile(oauth)) return [];
  const module = await import(pathToFileURL(oauth).href);
  return typeof module.getOAuthProviders === "function" ? (module.getOAuthProviders() as PiOAuthProvider[]) : [];
}

/** pi-ai's public entry point, for a pi-ai laid out differently: it has the same functions (slower to load). */
async function importPiAiIndex(piAiDir: string) {
  const pkg = JSON.parse(readFileSync(join(piAiDir, "package.json"), "utf8")) as { main?: string; exports?: unknown };
  return import(pathToFileURL(join(piAiDir, pkg.main ?? "dist/index.js")).href);
}

/** Which env vars hold each provider's key, and the OAuth logins: from env-api-keys.js, which has no dependencies. */
async function importPiAiKeys(piAiDir: string): Promise<PiAiKeys> {
  const envKeys = join(piAiDir, "dist", "env-api-keys.js");
  const [e, oauthProviders] = await Promise.all([isFile(envKeys) ? import(pathToFileURL(envKeys).href) : importPiAiIndex(piAiDir), importOAuthProviders(piAiDir)]);
  return { getEnvApiKey: e.getEnvApiKey, findEnvKeys: e.findEnvKeys, oauthProviders };
}

/**
 * pi-ai's shipped catalog (models.generated.js), for a pi that does not compose its providers
 * itself (before 0.80): the largest module pi-ai has, so it is imported only then.
 */
async function importPiAiModels(piAiDir: string): Promise<PiAiModels> {
  const generated = join(piAiDir, "dist", "models.generated.js");
  if (isFile(generated)) return (await import(pathToFileURL(generated).href)).MODELS as PiAiModels;
  const index = await importPiAiIndex(piAiDir);
  const MODELS: PiAiModels = {};
  for (const provider of index.getProviders() as string[]) {
    MODELS[provider] = Object.fromEntries((index.getModels(provider) as BuiltInModel[]).map((m) => [m.id, m]));
  }
  return MODELS;
}

/**
 * pi-ai reads process.env at call time and takes no env argument; the snapshot is computed for a
 * given env (the service's, a test case's), so that env stands in for process.env during the call.
 * Synchronous, so nothing else can observe the swap.
 */
function inEnv<T>(env: NodeJS.ProcessEnv, read: () => T): T {
  const saved = process.env;
  process.env = env;
  try {
    return read();
  } finally {
    process.env = saved;
  }
}

/** A catalog with no built-in models: pi missing, or its catalog unreadable. */
function emptyCatalog(info: Omit<PiInfo, RulesInfoKeys>): PiCatalog {
  const rules = rulesFor(info.version);
  return { info: { ...info, ...rulesInfo(rules) }, providers: new Map(), envApiKey: () => undefined, envKeyNames: () => [], oauthProviders: new Map(), rules, defaultModelPerProvider: {} };
}

export interface CatalogOptions extends LocateOptions {
  /** Run `pi --version` to learn whether pi starts at all (default true; it runs beside the catalog import). */
  checkStart?: boolean;
}

/** `pi --version` for a pi the app could run; null when there is nothing to run or it starts. */
function startCheck(install: PiInstall, env: NodeJS.ProcessEnv, options: CatalogOptions): Promise<PiStartFailure | null> {
  const { info } = install;
  if (options.checkStart === false || !install.package || !info.path || !info.node || info.node.satisfiesEngines === false) return Promise.resolve(null);
  return checkPiStarts({ node: info.node.path, packageDir: install.package.realDir, piPath: info.path, foundBy: info.foundBy, env });
}

/** The catalog with what `pi --version` said: a pi that fails to start is the problem people must see first. */
function withStart(catalog: PiCatalog, failure: PiStartFailure | null): PiCatalog {
  if (!failure) return catalog;
  return { ...catalog, info: { ...catalog.info, startFailure: failure, problem: startFailureProblem(catalog.info.version, failure) } };
}

/** The installed pi's catalog, and whether pi starts; where pi is and which Node runs it come from locate-pi.ts. */
export async function loadPiCatalog(env: NodeJS.ProcessEnv = process.env, options: CatalogOptions = {}): Promise<PiCatalog> {
  const install: PiInstall = await findPiInstall(env, options);
  const starts = startCheck(install, env, options);
  return withStart(await readCatalog(install, env), await starts);
}

/**
 * The built-ins pi composes: the bundle's own when pi's CLI is one (run on pi's Node, so only when
 * that Node can run pi), else pi-ai 0.80+'s providers/all beside pi; null for an older pi-ai.
 */
async function readRuntime(install: PiInstall, piAiDir: string, env: NodeJS.ProcessEnv): Promise<{ runtime: RuntimeCatalog | null; from: string }> {
  const sdk = bundledSdkEntry(install.package!.realDir);
  const node = install.info.node;
  if (sdk && node && node.satisfiesEngines !== false) return { runtime: await readBundledCatalog(node.path, sdk, env), from: `pi's own bundle (${dirname(sdk)})` };
  return { runtime: await importRuntimeCatalog(piAiDir), from: piAiDir };
}

async function readCatalog(install: PiInstall, env: NodeJS.ProcessEnv): Promise<PiCatalog> {
  const found = install.info;
  if (!found.found) {
    return emptyCatalog({ ...found, catalog: "pi was not found (install it, or set PI_SWITCHBOARD_PI to its path): built-in models are unknown, only models.json is read" });
  }
  if (!install.package) {
    return emptyCatalog({ ...found, catalog: `pi at ${found.path} is not a Node package install; its built-in models could not be read` });
  }
  const pkg = install.package.json;
  // Node resolves pi's dependencies from its real location (a symlinked package dir included).
  const pkgDir = install.package.realDir;
  const piAiName = Object.keys(pkg.dependencies ?? {}).find((name) => /(^|\/)pi-ai$/.test(name));
  const piAiDir = piAiName ? findDependencyDir(pkgDir, piAiName) : null;
  if (!piAiDir) {
    return emptyCatalog({ ...found, catalog: "pi's model catalog (pi-ai) was not found next to it" });
  }
  try {
    const [keys, { runtime, from }] = await Promise.all([importPiAiKeys(piAiDir), readRuntime(install, piAiDir, env)]);
    const rules = rulesFor(found.version);
    // pi 0.80+ composes its providers itself: take them as it does, with their OAuth logins.
    let providers = runtime?.providers;
    if (!providers) {
      providers = new Map<string, BuiltInModel[]>();
      for (const [provider, models] of Object.entries(await importPiAiModels(piAiDir))) providers.set(provider, Object.values(models));
    }
    const count = [...providers.values()].reduce((n, list) => n + list.length, 0);
    const schemaFiles = piSchemaFiles(pkgDir);
    return {
      info: { ...found, catalog: `${count} built-in models from ${runtime ? from : piAiDir}`, ...rulesInfo(rules) },
      rules,
      defaultModelPerProvider: readDefaultModelPerProvider(pkgDir),
      providers,
      envApiKey: (provider, env) => inEnv(env, () => keys.getEnvApiKey(provider)),
      envKeyNames: (provider, env) => inEnv(env, () => keys.findEnvKeys(provider) ?? []),
      oauthProviders: new Map([...keys.oauthProviders.map((p): [string, PiOAuthProvider] => [p.id, p]), ...[...(runtime?.oauthProviders ?? [])].map((id): [string, PiOAuthProvider] => [id, { id }])]),
      ...(schemaFiles ? { piSchema: piModelsSchema(schemaFiles, join(appCacheDir(env), "pi-schema-checks"), () => importPiModelsValidator(schemaFiles)) } : {}),
      ...(runtime?.generatedAt !== undefined ? { catalogGeneratedAt: runtime.generatedAt } : {}),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return emptyCatalog({ ...found, catalog: `pi's model catalog could not be loaded: ${reason}` });
  }
}
