/**
 * Model problems that need what OpenRouter says, not only pi's files, so they cannot live in the
 * pure snapshot (pi/model-problems.ts): a routing slug that names no provider of the model, by the
 * cached catalog (no network: a snapshot never waits on OpenRouter), and an answer that the
 * model's last test prompt got from outside its routing. SwitchboardService merges them into the
 * snapshot's problems (addProblemSource) so the row, the switcher, the tray, Config health and
 * `models --json` say them like every other problem.
 */
import type { CatalogEndpoint, ModelEntry, ModelProblem, TestResult } from "../common/index.js";
import type { AgentState } from "../agent-state.js";
import { checkRoutingSlugs } from "../common/openrouter/slug-check.js";
import { variantEndpoints } from "./variant-endpoints.js";

/**
 * Model problems that need more than pi's files (OpenRouter's cached catalog, the last test
 * prompts, the health watch): by "provider/id", merged by the service into the snapshot's own
 * (service.ts addProblemSource).
 */
export type ProblemSource = (state: AgentState) => Promise<Map<string, ModelProblem[]>>;

const refOf = (m: { provider: string; id: string }) => `${m.provider}/${m.id}`;

/** Only the OpenRouter models whose routing names providers: a slug check has nothing else to read. */
function namesProviders(model: ModelEntry): boolean {
  const routing = model.routing;
  return model.openRouter && routing !== null && ["only", "order", "ignore"].some((field) => Array.isArray(routing[field]));
}

/** The catalog's cached endpoints say a routing slug matches none of the model's providers. */
export function unknownSlugProblems(model: ModelEntry, endpoints: CatalogEndpoint[], catalogId: string): ModelProblem[] {
  return checkRoutingSlugs(model.routing, endpoints, catalogId).map((slug) => ({
    code: "unknown-slug",
    severity: "warning",
    message: `${slug.message} OpenRouter skips a slug it does not know, so this routing does not pin what it says.`,
    hint: slug.suggestion ? `Change "${slug.slug}" to "${slug.suggestion}" in the routing editor.` : "Pick a provider from the model's endpoint table in the routing editor.",
  }));
}

/** A problem source over the catalog's disk cache: `cachedEndpoints` must never reach the network. */
export function catalogProblemSource(cachedEndpoints: (catalogId: string) => Promise<CatalogEndpoint[] | null>): ProblemSource {
  return async (state) => {
    const out = new Map<string, ModelProblem[]>();
    for (const model of state.snapshot.models.filter(namesProviders)) {
      const found = await variantEndpoints(model.id, cachedEndpoints).catch(() => null);
      const problems = found ? unknownSlugProblems(model, found.endpoints, found.catalogId) : [];
      if (problems.length) out.set(refOf(model), problems);
    }
    return out;
  };
}

/**
 * What each model's last test prompt said about its routing, kept while the host runs: an answer
 * served outside the routing is a problem until a later test is honoured or the routing changes.
 */
export class LastTestVerdicts {
  private readonly byRef = new Map<string, { result: TestResult; routing: string }>();

  /** A finished test of the model's own routing (a comparison pinned to one provider says nothing about it). */
  record(result: TestResult, pinnedProvider: string | null): void {
    if (pinnedProvider || result.error || result.routingRespected === null) return;
    this.byRef.set(result.ref, { result, routing: JSON.stringify(result.request.provider) });
  }

  readonly source: ProblemSource = async (state) => {
    const out = new Map<string, ModelProblem[]>();
    for (const model of state.snapshot.models) {
      const last = this.byRef.get(refOf(model));
      // A routing changed since the test makes its verdict old news.
      if (!last || last.result.routingRespected !== false || last.routing !== JSON.stringify(model.routing)) continue;
      out.set(refOf(model), [
        {
          code: "routing-not-honoured",
          severity: "warning",
          message: `At its last test, OpenRouter served ${model.id} from outside its routing. ${last.result.routingNote ?? ""}`.trim(),
          hint: "Test it again; if it keeps happening, turn allow_fallbacks off or pin the provider that served it.",
        },
      ]);
    }
    return out;
  };
}
