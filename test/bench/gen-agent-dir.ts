/**
 * Builds a large, realistic agent dir for the load benchmark: virtual OpenRouter providers with
 * routing at provider and model level, overrides of built-in openrouter models, and a mix of
 * enabledModels patterns (exact, provider/id, fuzzy, globs, thinking suffixes) like a heavy user's.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface GeneratedDir {
  dir: string;
  bytes: number;
}

export function generateAgentDir(dir: string, opts: { models: number; overrides: number; patterns: number; builtInOpenRouterIds: string[] }): GeneratedDir {
  mkdirSync(dir, { recursive: true });
  const providers: Record<string, unknown> = {};
  const upstreams = ["amazon-bedrock", "google-vertex", "novita", "deepinfra", "together", "fireworks", "groq", "baseten", "parasail", "chutes"];
  const perProvider = 100;
  const providerCount = Math.ceil(opts.models / perProvider);
  for (let p = 0; p < providerCount; p++) {
    const upstream = upstreams[p % upstreams.length]!;
    const models = [];
    for (let m = 0; m < perProvider && p * perProvider + m < opts.models; m++) {
      const n = p * perProvider + m;
      models.push({
        id: `vendor${n % 37}/model-${n}${n % 9 === 0 ? ":free" : ""}`,
        name: `Vendor ${n % 37} Model ${n}`,
        reasoning: n % 2 === 0,
        contextWindow: 128000 + n,
        ...(n % 3 === 0 ? { compat: { openRouterRouting: { order: [upstream, upstreams[(p + 1) % upstreams.length]] } } } : {}),
      });
    }
    providers[`openrouter-${upstream}-${p}`] = {
      baseUrl: "https://openrouter.ai/api/v1",
      api: "openai-completions",
      apiKey: "OPENROUTER_API_KEY",
      compat: { openRouterRouting: { only: [upstream], allow_fallbacks: false, ...(p % 4 === 0 ? { quantizations: ["fp8"] } : {}) } },
      models,
    };
  }
  const overrides: Record<string, unknown> = {};
  for (const id of opts.builtInOpenRouterIds.slice(0, opts.overrides)) {
    overrides[id] = { compat: { openRouterRouting: { only: ["novita"], quantizations: ["fp8"] } } };
  }
  for (let i = Object.keys(overrides).length; i < opts.overrides; i++) overrides[`synthetic/override-${i}`] = { name: `Override ${i}` };
  // An empty modelOverrides would make pi reject the whole file ("must specify …").
  if (opts.overrides > 0) providers.openrouter = { modelOverrides: overrides };
  const text = JSON.stringify({ providers }, null, 2);
  writeFileSync(join(dir, "models.json"), text);

  const patterns: string[] = [];
  for (let i = 0; i < opts.patterns; i++) {
    const p = i % providerCount;
    const upstream = upstreams[p % upstreams.length]!;
    switch (i % 5) {
      case 0: patterns.push(`openrouter-${upstream}-${p}/vendor${(p * 100) % 37}/model-${p * 100}${(p * 100) % 9 === 0 ? ":free" : ""}`); break;
      case 1: patterns.push(`openrouter-${upstream}-${p}/**:high`); break;
      case 2: patterns.push(`model-${i * 7}`); break;
      case 3: patterns.push(`*vendor${i % 37}/model-${i}?`); break;
      default: patterns.push(`Vendor ${i % 37} Model ${i * 3}:low`);
    }
  }
  writeFileSync(join(dir, "settings.json"), JSON.stringify({ enabledModels: patterns, defaultProvider: "openrouter", defaultModel: opts.builtInOpenRouterIds[0] ?? "x" }, null, 2));
  return { dir, bytes: text.length };
}
