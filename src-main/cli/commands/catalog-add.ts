/**
 * `catalog <model> --add-to <provider> [--variant V] [--pin SLUG]`: the add-model view from a
 * terminal. The catalog entry (and the pinned endpoint) become a pi custom model through the same
 * mapping (core/common/openrouter/model-from-catalog.ts) and the same one `addModel` save, into an
 * existing provider or a new virtual OpenRouter one. Exit 1 with what to do when anything is missing.
 */
import type { ModelVariant } from "../../core/common/openrouter/model-from-catalog.js";
import { baseModelId, modelFromCatalog, OPENROUTER_BASE_URL, parsePresetSlug } from "../../core/common/openrouter/model-from-catalog.js";
import { OpenRouterCatalog } from "../../core/openrouter/catalog.js";
import { cliHint, complain, say } from "../cli-command.js";
import { openService, printJson } from "../open-state.js";

export interface CatalogAddOptions {
  addTo: string;
  variant?: string;
  pin?: string;
  agentDir?: string;
  json?: boolean;
}

const VARIANTS = ["none", "nitro", "floor", "exacto", "free"];

function fail(message: string): void {
  complain(`${message}\n`);
  process.exitCode = 1;
}

/** --variant: none, nitro, floor, exacto, free, or a preset (@preset/<slug>). */
export function parseVariantFlag(value: string | undefined): { ok: true; variant: ModelVariant } | { ok: false; message: string } {
  const v = (value ?? "none").trim().replace(/^:/, "");
  if (VARIANTS.includes(v)) return { ok: true, variant: { kind: v } as ModelVariant };
  if (/^@?preset\//.test(v)) {
    const preset = parsePresetSlug(v);
    return preset.ok ? { ok: true, variant: { kind: "preset", slug: preset.slug } } : preset;
  }
  return { ok: false, message: `--variant ${value} is not one OpenRouter has: use ${VARIANTS.join(", ")} or @preset/<slug>.` };
}

export async function addFromCatalog(modelId: string, opts: CatalogAddOptions): Promise<void> {
  const parsed = parseVariantFlag(opts.variant);
  if (!parsed.ok) return fail(parsed.message);
  const { variant } = parsed;
  const catalog = new OpenRouterCatalog();
  const models = await catalog.models();
  const entryId = variant.kind === "free" ? `${baseModelId(modelId)}:free` : modelId;
  const entry = models.find((m) => m.id === entryId);
  if (!entry) return fail(`OpenRouter's catalog has no ${entryId}${catalog.status().error ? ` (${catalog.status().error})` : ""}: ${cliHint("catalog")} lists the ids.`);
  let endpoint = null;
  if (opts.pin) {
    const endpoints = await catalog.endpoints(entry.id);
    endpoint = endpoints?.find((e) => (e.tag ?? e.slug) === opts.pin || e.slug === opts.pin) ?? null;
    if (!endpoint) return fail(`${entry.id} has no endpoint "${opts.pin}"${endpoints?.length ? `; its endpoints: ${endpoints.map((e) => e.tag ?? e.slug).join(", ")}` : " (no endpoint list: offline without a cache?)"}.`);
  }
  const mapped = modelFromCatalog({ model: entry, variant, endpoint });
  if (!mapped.ok) return fail(mapped.message);
  const service = await openService(opts.agentDir);
  try {
    const snapshot = service.snapshot();
    const exists = snapshot.providers.some((p) => p.name === opts.addTo);
    const { model, routing, notes } = mapped.value;
    const result = await service.execute({
      type: "addModel",
      provider: opts.addTo,
      ...(exists ? {} : { createProvider: { baseUrl: OPENROUTER_BASE_URL, api: "openai-completions", apiKey: snapshot.pi.envKeyReference } }),
      model,
      routing,
      expectedVersion: snapshot.modelsFile.version,
    });
    if (!result.ok) return fail(result.error.message);
    const ref = `${opts.addTo}/${model.id}`;
    if (opts.json) return printJson({ ref, createdProvider: !exists, model, routing, notes });
    const cost = model.cost!;
    say(
      [
        `Added ${ref} to ${service.paths.models}${exists ? "" : ` (new provider ${opts.addTo}, key ${snapshot.pi.envKeyReference})`}.`,
        `  ${model.name}: context ${model.contextWindow ?? "pi's default"}, max output ${model.maxTokens ?? "pi's default"}, reasoning ${model.reasoning ? "yes" : "no"}, input ${model.input?.join("+")}`,
        `  cost per million tokens: $${cost.input} in, $${cost.output} out, $${cost.cacheRead} cache read, $${cost.cacheWrite} cache write`,
        routing ? `  routing: ${JSON.stringify(routing)}` : "",
        ...notes.map((n) => `  ${n}`),
        result.snapshot.pi.afterModelsSave,
      ]
        .filter(Boolean)
        .join("\n") + "\n",
    );
  } finally {
    service.close();
  }
}
