/**
 * The one place that assembles an ApiHost for a UI: the service over an agent dir plus whichever
 * features this build has (key vault, OpenRouter catalog, test prompts). Electron main and
 * `serve` both call it, so the two hosts can never offer different abilities. Features are
 * optional: a missing one makes its methods answer "not available", which the UI degrades on.
 */
import { ApiHost, type CatalogFeature, type KeyFeature, type PreferencesFeature, type TestFeature } from "./api-handlers.js";
import { openRouterFeatures } from "./openrouter/features.js";
import { SwitchboardService, type ServiceOptions } from "./service.js";
import { VaultKeyFeature } from "./vault/key-feature.js";

export interface HostFeatures {
  key?: KeyFeature;
  catalog?: CatalogFeature;
  tests?: TestFeature;
  preferences?: PreferencesFeature;
}

export interface HostOptions extends ServiceOptions {
  /** Explicit features (tests pass ones over the fake OpenRouter). */
  features?: HostFeatures;
}

export interface SwitchboardHost {
  service: SwitchboardService;
  api: ApiHost;
  /** The vault feature, for the shells' key-health checks (tray open). */
  key: VaultKeyFeature;
  close(): void;
}

export async function createHost(options: HostOptions): Promise<SwitchboardHost> {
  const { features, ...serviceOptions } = options;
  const service = await SwitchboardService.open(serviceOptions);
  const key = new VaultKeyFeature({ agentDir: serviceOptions.agentDir, env: serviceOptions.env });
  // Test prompts compare with the vault's key only to keep it away from hosts other than OpenRouter's.
  const vaultKey = () => key.vault.read().catch(() => null);
  const api = new ApiHost({ service, key, ...openRouterFeatures(service, { env: serviceOptions.env, vaultKey }), ...features });
  // Key health on every start: does the command pi runs for the key still print it? (key-health.ts)
  void key.checkHealth().then((status) => api.emit("keyStatus", status), () => undefined);
  return {
    service,
    api,
    key,
    close() {
      api.close();
      service.close();
    },
  };
}
