/**
 * The one place that assembles an ApiHost for a UI: the service over an agent dir plus whichever
 * features this build has (key vault, OpenRouter catalog, test prompts). Electron main and
 * `serve` both call it, so the two hosts can never offer different abilities. Features are
 * optional: a missing one makes its methods answer "not available", which the UI degrades on.
 */
import type { CatalogFeature, KeyFeature, Preferences, PreferencesFeature, TestFeature } from "./common/index.js";
import { ApiHost } from "./api-handlers.js";
import { CreditsMonitor, type CreditsFeature } from "./openrouter/credits-monitor.js";
import { openRouterFeatures } from "./openrouter-features.js";
import { HealthWatch, type HealthWatchOptions } from "./openrouter/health-watch.js";
import { SwitchboardService, type ServiceOptions } from "./service.js";
import { VaultKeyFeature } from "./vault/key-feature.js";
import { appDataDir } from "./vault/app-data-dir.js";
import { ProfilesFeature } from "./profiles/profiles-feature.js";
import { ProfileStore } from "./profiles/profile-store.js";
import { GenerationCache } from "./openrouter/generation-cache.js";
import { SpendFeature } from "./sessions/spend-feature.js";

export interface HostFeatures {
  key?: KeyFeature;
  catalog?: CatalogFeature;
  tests?: TestFeature;
  preferences?: PreferencesFeature;
  credits?: CreditsFeature;
}

export interface HostOptions extends ServiceOptions {
  /** Explicit features (tests pass ones over the fake OpenRouter). */
  features?: HostFeatures;
  /** Ask OpenRouter for the key's credits now and every 15 minutes while the host runs (the tray app, serve). */
  checkCredits?: boolean;
}

export interface SwitchboardHost {
  service: SwitchboardService;
  api: ApiHost;
  /** The vault feature, for the shells' key-health checks (tray open). */
  key: VaultKeyFeature;
  /** What the key pi would use has left, for the low-balance notification. */
  credits: CreditsMonitor;
  /** The pinned providers' health, for the tray's amber icon, its notification and its one-click switch. */
  health: HealthWatch;
  /** Spend from pi's session files, for the tray's "today". */
  spend: SpendFeature;
  close(): void;
}

export async function createHost(options: HostOptions): Promise<SwitchboardHost> {
  const { features, checkCredits, ...serviceOptions } = options;
  const service = await SwitchboardService.open(serviceOptions);
  const key = new VaultKeyFeature({ agentDir: serviceOptions.agentDir, env: serviceOptions.env });
  // Test prompts compare with the vault's key only to keep it away from hosts other than OpenRouter's.
  const vaultKey = () => key.vault.read().catch(() => null);
  const credits = new CreditsMonitor({ state: () => service.agentState(), vaultKey, env: serviceOptions.env });
  // Routing profiles live in the app's data dir, with the key hand-off's state (never in pi's files).
  const profiles = new ProfilesFeature(service, new ProfileStore(appDataDir(serviceOptions.env)));
  const openRouter = openRouterFeatures(service, { env: serviceOptions.env });
  const { health, unwatch } = watchHealth(service, (id) => openRouter.catalog.endpoints(id, { fresh: true }), features?.preferences);
  // Spend reads pi's session files only once a UI asks; OpenRouter's records of them are cached beside the profiles.
  const spend = new SpendFeature({ agentDir: serviceOptions.agentDir, env: serviceOptions.env, state: () => service.agentState(), cache: GenerationCache.inDataDir(appDataDir(serviceOptions.env)) });
  const api = new ApiHost({ service, key, credits, profiles, health, spend, ...openRouter, ...features });
  if (checkCredits) credits.start();
  // Key health on every start: does the command pi runs for the key still print it? (key-health.ts)
  void key.checkHealth().then((status) => api.emit("keyStatus", status), () => undefined);
  return {
    service,
    api,
    key,
    credits,
    health,
    spend,
    close() {
      credits.stop();
      spend.close();
      unwatch();
      api.close();
      service.close();
    },
  };
}

/**
 * The health watch over the service's models, switched on and off by the host's preferences
 * (healthWatch, healthMinUptime: on in the tray app, off in serve). A host without preferences
 * (tests, one-shot callers) gets a watch that runs only when started by hand.
 */
function watchHealth(service: SwitchboardService, freshEndpoints: HealthWatchOptions["freshEndpoints"], preferences: PreferencesFeature | undefined): { health: HealthWatch; unwatch: () => void } {
  const health = new HealthWatch({ state: () => service.agentState(), freshEndpoints });
  service.addProblemSource(health.source);
  const stopReports = health.onReport(() => void service.refreshProblems());
  const follow = (values: Preferences) => {
    health.setThresholds({ minUptime: values.healthMinUptime });
    if (values.healthWatch) health.start();
    else health.stop();
  };
  // The stored values, not state(): state() asks the host that is open, and this one is still opening.
  if (preferences) follow(preferences.values());
  const stopFollowing = preferences?.onChange((state) => follow(state.values)) ?? (() => undefined);
  return {
    health,
    unwatch() {
      stopFollowing();
      stopReports();
      health.stop();
    },
  };
}
