/**
 * `catalog [model] [--json] [--refresh]`: OpenRouter's models, or one model's endpoints (the
 * providers and slugs routing can name), from the disk cache or the network, with the age of
 * what is shown. Exit 1 when there is nothing to show.
 * `catalog --check [--agent-dir DIR]`: what is wrong with pi's routing against each model's
 * endpoints (routing-warnings.ts: unknown slugs with the slug meant, pinned providers without
 * tools or reasoning, context shorter than contextWindow, routing nothing satisfies), each with
 * its fix. Exit 1 when there are any.
 * `catalog <model> --add-to <provider> [--variant V] [--pin SLUG]`: the model into pi (catalog-add.ts).
 */
import type { Command } from "commander";
import type { CatalogEndpoint, CatalogModel, CatalogStatus } from "../../core/common/index.js";
import { OpenRouterCatalog } from "../../core/openrouter/catalog.js";
import { formatAge } from "../../core/common/openrouter/catalog-age.js";
import { endpointFacts } from "../../core/common/openrouter/endpoint-facts.js";
import { routingWarnings } from "../../core/common/openrouter/routing-warnings.js";
import { checkModelsRouting } from "../../core/common/openrouter/slug-check.js";
import { variantEndpoints } from "../../core/openrouter/variant-endpoints.js";
import { cliHint, complain, say } from "../cli-command.js";
import { openService, printJson, printTable } from "../open-state.js";
import { addFromCatalog } from "./catalog-add.js";

const money = (n: number | null) => (n === null ? "-" : `$${n}`);
const count = (n: number | null) => (n === null ? "-" : String(n));

function statusLine(status: CatalogStatus): string {
  const from = status.source === "none" ? "no catalog" : `${status.modelCount} models from ${status.source === "network" ? "OpenRouter" : "the cache"}, fetched ${formatAge(status.fetchedAt)}`;
  return `${from}${status.error ? `\n${status.error}` : ""}\n`;
}

function printModels(models: CatalogModel[]): void {
  printTable(["MODEL", "CONTEXT", "$/M IN", "$/M OUT"], models.map((m) => [m.id, count(m.contextLength), money(m.pricing.prompt), money(m.pricing.completion)]));
}

const yesNo = (b: boolean | null) => (b === null ? "-" : b ? "yes" : "no");

function printEndpoints(endpoints: CatalogEndpoint[]): void {
  printTable(
    ["PROVIDER", "SLUG", "QUANT", "CONTEXT", "$/M IN", "$/M OUT", "UPTIME", "P50 MS", "TOK/S", "MAX OUT", "$/M CACHE", "TOOLS"],
    endpoints.map(endpointFacts).map((e) => [
      e.provider,
      e.tag,
      e.quantization ?? "-",
      count(e.contextLength),
      money(e.pricing.prompt),
      money(e.pricing.completion),
      e.uptime30m === null ? "-" : `${e.uptime30m}%`,
      count(e.latencyP50Ms),
      count(e.throughputP50),
      count(e.maxOutput),
      money(e.pricing.cacheRead),
      yesNo(e.supportsTools),
    ]),
  );
}

export function registerCatalog(program: Command): void {
  program
    .command("catalog [model]")
    .description("OpenRouter's models, or one model's providers and routing slugs (cached for offline use)")
    .option("--json", "machine-readable output")
    .option("--refresh", "fetch from OpenRouter now instead of using a recent cache")
    .option("--check", "check the provider slugs in pi's routing against each model's providers")
    .option("--agent-dir <dir>", "pi's agent dir for --check and --add-to (default: $PI_CODING_AGENT_DIR or ~/.pi/agent)")
    .option("--add-to <provider>", "add the model to pi's models.json under this provider (created as a virtual OpenRouter provider when missing), with its limits and prices")
    .option("--variant <variant>", "with --add-to: none, nitro, floor, exacto, free, or @preset/<slug>")
    .option("--pin <slug>", "with --add-to: pin this endpoint (only + order) and take its limits and prices")
    .action(async (model: string | undefined, opts: { json?: boolean; refresh?: boolean; check?: boolean; agentDir?: string; addTo?: string; variant?: string; pin?: string }) => {
      if (opts.addTo) {
        if (model) return addFromCatalog(model, { ...opts, addTo: opts.addTo });
        complain(`--add-to needs a model id: ${cliHint("catalog <author/slug> --add-to <provider>")}.\n`);
        process.exitCode = 1;
        return;
      }
      const catalog = new OpenRouterCatalog();
      if (opts.check) {
        const service = await openService(opts.agentDir);
        const models = service.snapshot().models;
        service.close();
        // A variant (:floor, @preset/…) is checked against the endpoints that serve it, once per model.
        const lists = new Map<string, ReturnType<typeof variantEndpoints>>();
        const endpointsFor = (modelId: string) => {
          if (!lists.has(modelId)) lists.set(modelId, variantEndpoints(modelId, (id) => catalog.endpoints(id, { fresh: Boolean(opts.refresh) })));
          return lists.get(modelId)!;
        };
        const slugReports = await checkModelsRouting(models, async (id) => (await endpointsFor(id))?.endpoints ?? null);
        const reports = await Promise.all(
          slugReports.map(async (r) => {
            const m = models.find((x) => `${x.provider}/${x.id}` === r.ref)!;
            const list = await endpointsFor(m.id);
            return { ...r, endpointsOf: list?.catalogId ?? null, warnings: list ? routingWarnings(m.routing, list.endpoints, m) : null };
          }),
        );
        if (opts.json) printJson(reports);
        else if (reports.length === 0) say("No routed OpenRouter model names providers (only/order/ignore).\n");
        for (const r of opts.json ? [] : reports) {
          const variant = r.endpointsOf && !r.ref.endsWith(`/${r.endpointsOf}`) ? ` (providers of ${r.endpointsOf})` : "";
          if (r.problems === null) say(`${r.ref}: no provider list for this model (unknown to OpenRouter, or offline without a cache)\n`);
          else if (!r.warnings?.length) say(`${r.ref}: ok${variant}\n`);
          else for (const w of r.warnings) say(`${r.ref}: ${w.message}\n`);
        }
        if (reports.some((r) => r.warnings?.length)) process.exitCode = 1;
        return;
      }
      if (model) {
        const endpoints = await catalog.endpoints(model, { fresh: Boolean(opts.refresh) });
        const status = catalog.status();
        const age = catalog.endpointsAge(model);
        const ageSeconds = age ? Math.max(0, Math.round((Date.now() - Date.parse(age.fetchedAt)) / 1000)) : null;
        if (opts.json) {
          printJson({ model, source: endpoints ? (age?.source ?? null) : null, fetchedAt: age?.fetchedAt ?? null, ageSeconds, endpoints: endpoints?.map(endpointFacts) ?? null, error: status.error });
        }
        if (!endpoints) {
          complain(`No endpoints for ${model}: ${status.error ?? `OpenRouter does not know this model id (author/slug, as ${cliHint("catalog")} lists them).`}\n`);
          process.exitCode = 1;
          return;
        }
        if (!opts.json) {
          if (status.error) process.stderr.write(`${status.error}\n`);
          process.stdout.write(`${endpoints.length} endpoints of ${model} from ${age?.source === "network" ? "OpenRouter" : "the cache"}, fetched ${formatAge(age?.fetchedAt ?? null)} (--refresh fetches them now)\n`);
          printEndpoints(endpoints);
        }
        return;
      }
      const models = opts.refresh ? (await catalog.refresh(), await catalog.models()) : await catalog.models();
      const status = catalog.status();
      if (opts.json) printJson({ status, models });
      else {
        process.stdout.write(statusLine(status));
        printModels(models);
      }
      if (models.length === 0) process.exitCode = 1;
    });
}
