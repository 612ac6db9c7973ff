/**
 * Warnings for a models.json that pi accepts but that will not do what the user meant: routing
 * OpenRouter would reject or pi would not send, duplicate ids, key references pi 0.7x takes
 * literally. They never change pi's verdict; models-file.ts attaches them to a valid parse.
 */
import type { FileProblem } from "../contract.js";
import { KNOWN_ROUTING_KEYS, routingValidator, type RawModelsConfig } from "./models-schema.js";
import type { SourceLocator } from "./pi-json.js";

type Path = (string | number)[];

function lintRouting(routing: unknown, at: Path, warn: (message: string, path: Path, hint?: string) => void): void {
  if (routing === undefined) return;
  if (routing === null || typeof routing !== "object" || Array.isArray(routing)) {
    warn("openRouterRouting is not an object; pi passes it on and OpenRouter rejects the request.", at, 'Write it as an object, e.g. {"only": ["amazon-bedrock"]}.');
    return;
  }
  const r = routing as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!KNOWN_ROUTING_KEYS.includes(key)) {
      warn(`Unknown routing key "${key}": pi sends it as is and OpenRouter may reject the request.`, [...at, key], `Known keys: ${KNOWN_ROUTING_KEYS.join(", ")}.`);
    }
  }
  const listKeysGivenAsString = new Set<string>();
  for (const key of ["only", "order", "ignore", "quantizations"]) {
    if (typeof r[key] === "string") {
      listKeysGivenAsString.add(key);
      warn(`"${key}" is a string; OpenRouter expects a list.`, [...at, key], `Write "${key}": ["${r[key] as string}"].`);
    }
  }
  if (Array.isArray(r.only) && r.only.length === 0) {
    warn('"only" is empty: no provider is allowed, so OpenRouter cannot serve the model.', [...at, "only"], "Remove \"only\" or name at least one provider slug.");
  }
  if (Array.isArray(r.only) && Array.isArray(r.order) && r.only.length > 0) {
    const only = new Set(r.only.map(String));
    for (const slug of r.order) {
      if (!only.has(String(slug))) warn(`"order" lists "${String(slug)}", which "only" excludes: it is never tried.`, [...at, "order"], `Add "${String(slug)}" to "only" or drop it from "order".`);
    }
  }
  if (Array.isArray(r.only) && Array.isArray(r.ignore)) {
    const ignored = new Set(r.ignore.map(String));
    for (const slug of r.only) if (ignored.has(String(slug))) warn(`"${String(slug)}" is both in "only" and in "ignore".`, [...at, "ignore"], "Keep it in one of the two lists.");
  }
  // A value pi's loose compat union let through although the routing schema itself rejects it.
  if (!routingValidator.Check(r)) {
    const reported = new Set<string>(listKeysGivenAsString);
    for (const error of routingValidator.Errors(r)) {
      const { instancePath, message } = error as unknown as { instancePath: string; message: string };
      const key = instancePath.replace(/^\//, "").split("/")[0] ?? "";
      if (!key || reported.has(key)) continue;
      reported.add(key);
      warn(`Routing "${key}" ${message}; pi sends it anyway and OpenRouter may reject the request.`, [...at, key]);
    }
  }
}

export function lintModelsConfig(config: RawModelsConfig, locate: SourceLocator): FileProblem[] {
  const warnings: FileProblem[] = [];
  const warn = (message: string, path: Path, hint?: string) =>
    warnings.push({ message, path: path.join("."), ...(hint ? { hint } : {}), ...locate.at(path) });

  for (const [name, provider] of Object.entries(config.providers)) {
    const at: Path = ["providers", name];
    const providerRouting = provider.compat?.openRouterRouting;
    lintRouting(providerRouting, [...at, "compat", "openRouterRouting"], warn);
    const pointsAtOpenRouter = (url: string | undefined) => (url ?? "").includes("openrouter.ai");

    if (provider.apiKey && /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(provider.apiKey)) {
      const bare = provider.apiKey.replace(/^\$\{?|\}$/g, "");
      warn(`apiKey "${provider.apiKey}" is taken literally by pi 0.7x, which resolves only bare env var names.`, [...at, "apiKey"], `Write "apiKey": "${bare}".`);
    }

    const seen = new Map<string, number>();
    (provider.models ?? []).forEach((model, index) => {
      const mAt: Path = [...at, "models", index];
      const first = seen.get(model.id);
      if (first !== undefined) {
        warn(`Model id "${model.id}" appears twice in provider ${name}: pi keeps only the last definition.`, mAt, `Remove one of the two (the other is models[${first}]).`);
      }
      seen.set(model.id, index);
      const routing = (model.compat as Record<string, unknown> | undefined)?.openRouterRouting;
      lintRouting(routing, [...mAt, "compat", "openRouterRouting"], warn);
      const hasRouting = routing !== undefined || providerRouting !== undefined;
      const baseUrl = model.baseUrl ?? provider.baseUrl;
      const api = model.api ?? provider.api;
      if (hasRouting && baseUrl !== undefined && !pointsAtOpenRouter(baseUrl)) {
        warn(`Model ${name}/${model.id} has OpenRouter routing, but its baseUrl does not contain openrouter.ai, so pi does not send it.`, mAt, 'Use "baseUrl": "https://openrouter.ai/api/v1".');
      } else if (hasRouting && api !== undefined && api !== "openai-completions") {
        warn(`Model ${name}/${model.id} has OpenRouter routing, but pi sends routing only with "api": "openai-completions" (this model uses "${api}").`, mAt, 'Use "api": "openai-completions".');
      }
    });
    for (const [id, override] of Object.entries(provider.modelOverrides ?? {})) {
      lintRouting(override.compat?.openRouterRouting, [...at, "modelOverrides", id, "compat", "openRouterRouting"], warn);
    }
  }
  return warnings;
}
