/**
 * The OpenRouter features of a host, built once over its service: the catalog and the test-prompt
 * runner, which looks up endpoints in that catalog to map the serving provider's name to its
 * slug. create-host.ts plugs them into the API table.
 */
import type { SwitchboardService } from "./service.js";
import { OpenRouterCatalog } from "./openrouter/catalog.js";
import { catalogProblemSource, LastTestVerdicts } from "./openrouter/routing-problems.js";
import { TestRunner } from "./openrouter/test-prompt.js";

export function openRouterFeatures(service: SwitchboardService, options: { env?: NodeJS.ProcessEnv; cacheDir?: string } = {}): { catalog: OpenRouterCatalog; tests: TestRunner } {
  const catalog = new OpenRouterCatalog({ env: options.env, cacheDir: options.cacheDir });
  const lastTests = new LastTestVerdicts();
  const tests = new TestRunner({
    state: () => service.agentState(),
    endpoints: (id) => catalog.endpoints(id),
    onResult: (result, target) => {
      lastTests.record(result, target.provider ?? null);
      void service.refreshProblems();
    },
  });
  // What OpenRouter says joins the models' problems: slugs by the cached catalog (asked again when it
  // changes), routing not honoured by the last test.
  service.addProblemSource(catalogProblemSource((id) => catalog.cachedEndpoints(id)));
  service.addProblemSource(lastTests.source);
  catalog.onStatus(() => void service.refreshProblems());
  return { catalog, tests };
}
