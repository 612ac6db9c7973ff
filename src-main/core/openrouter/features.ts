/**
 * The OpenRouter features of a host, built once over its service: the catalog and the test-prompt
 * runner, which looks up endpoints in that catalog to map the serving provider's name to its
 * slug. create-host.ts plugs them into the API table.
 */
import type { SwitchboardService } from "../service.js";
import { OpenRouterCatalog } from "./catalog.js";
import { TestRunner } from "./test-prompt.js";

export function openRouterFeatures(service: SwitchboardService, options: { env?: NodeJS.ProcessEnv; cacheDir?: string } = {}): { catalog: OpenRouterCatalog; tests: TestRunner } {
  const catalog = new OpenRouterCatalog({ env: options.env, cacheDir: options.cacheDir });
  const tests = new TestRunner({ state: () => service.agentState(), endpoints: (id) => catalog.endpoints(id) });
  return { catalog, tests };
}
