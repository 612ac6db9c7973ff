/**
 * What pi 0.80+ (the ModelRuntime generation) knows that older pi-ai modules do not say: its
 * built-in providers as pi composes them (pi-ai providers/all builtinProviders: chat models in
 * pi's order, which providers have an OAuth login), and, from 1.x, its own compiled models.json
 * schema (whose answers pi-schema-check.ts remembers). Read from the installed pi's files, so the answer follows its upgrades; loadPiCatalog
 * prefers these over the older modules when they exist. Every import is by absolute file URL
 * from pi's own install, never a bare specifier that could reach our own dependencies.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ModelsValidator } from "./models-schema.js";
import type { PiSchemaFiles } from "./pi-schema-check.js";
import type { BuiltInModel } from "./built-in-model.js";

interface RuntimeProvider {
  id: string;
  auth?: { oauth?: unknown };
  getModels(): BuiltInModel[];
}

export interface RuntimeCatalog {
  providers: Map<string, BuiltInModel[]>;
  /** Providers with an OAuth login method (an OAuth entry in auth.json counts for these only). */
  oauthProviders: Set<string>;
  /** When the shipped catalog was generated: stored catalogs newer than this overlay it (models-store.ts). */
  generatedAt: number | undefined;
}

/** Node's lookup for a dependency of the package at pkgDir (only its folder). */
export function findDependencyDir(pkgDir: string, depName: string): string | null {
  let dir = pkgDir;
  for (;;) {
    const candidate = join(dir, "node_modules", ...depName.split("/"));
    if (existsSync(join(candidate, "package.json"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The file a package's `exports` map gives an ESM import of `subpath` ("." or "./compile"). */
function exportedFile(packageDir: string, subpath: string): string | null {
  const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { exports?: Record<string, unknown>; main?: string };
  const entry = pkg.exports?.[subpath];
  const target = typeof entry === "string" ? entry : entry && typeof entry === "object" ? ((entry as Record<string, unknown>).import ?? (entry as Record<string, unknown>).default) : undefined;
  if (typeof target === "string") return join(packageDir, target);
  return subpath === "." && pkg.main ? join(packageDir, pkg.main) : null;
}

const importFile = (path: string) => import(pathToFileURL(path).href);

/** builtinProviders() of pi-ai 0.80+; null for an older pi-ai, which has no providers/all. */
export async function importRuntimeCatalog(piAiDir: string): Promise<RuntimeCatalog | null> {
  const all = join(piAiDir, "dist", "providers", "all.js");
  if (!existsSync(all)) return null;
  const module = await importFile(all);
  if (typeof module.builtinProviders !== "function") return null;
  const providers = new Map<string, BuiltInModel[]>();
  const oauthProviders = new Set<string>();
  for (const provider of module.builtinProviders() as RuntimeProvider[]) {
    providers.set(provider.id, provider.getModels());
    if (provider.auth?.oauth) oauthProviders.add(provider.id);
  }
  const generatedAt = typeof module.getBuiltinModelDataGeneratedAt === "function" ? (module.getBuiltinModelDataGeneratedAt() as number | undefined) : undefined;
  return { providers, oauthProviders, generatedAt };
}

/** Where the installed pi's own models.json schema lives (1.x model-config.js and the typebox beside pi); null for a pi without one. */
export function piSchemaFiles(pkgDir: string): (PiSchemaFiles & { compileFile: string }) | null {
  const modelConfig = join(pkgDir, "dist", "core", "model-config.js");
  const typeboxDir = findDependencyDir(pkgDir, "typebox");
  if (!existsSync(modelConfig) || !typeboxDir) return null;
  const compileFile = exportedFile(typeboxDir, "./compile");
  if (!compileFile) return null;
  return { modelConfig, piPackageJson: join(pkgDir, "package.json"), typeboxPackageJson: join(typeboxDir, "package.json"), compileFile };
}

/**
 * The installed pi's own models.json schema, compiled by its own typebox (1.x model-config.js
 * ModelsConfigSchema); null when model-config.js exports none, and the mirrored schema applies.
 */
export async function importPiModelsValidator(files: { modelConfig: string; compileFile: string }): Promise<ModelsValidator | null> {
  const [config, compile] = await Promise.all([importFile(files.modelConfig), importFile(files.compileFile)]);
  if (!config.ModelsConfigSchema || typeof compile.Compile !== "function") return null;
  return compile.Compile(config.ModelsConfigSchema) as ModelsValidator;
}
