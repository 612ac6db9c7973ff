/**
 * What a host's features offer the API table (src-main/core/api-handlers.ts): the key vault, the
 * OpenRouter catalog, test prompts, the app's preferences and the health watch. Their implementations live in the
 * domain they belong to (vault/key-feature.ts, openrouter/catalog.ts, openrouter/test-prompt.ts,
 * preferences/app-preferences.ts, openrouter/health-watch.ts) and implement these types from here, below them, so no domain
 * imports the host. Main side only: the renderer reaches them through ApiMethods.
 */
import type { ActionResult } from "./commands.js";
import type { HealthReport } from "./health.js";
import type { KeyStatus } from "./keys.js";
import type { PreferenceChange, Preferences, PreferencesState } from "./preferences.js";
import type { CatalogEndpoint, CatalogModel, CatalogStatus, ModelEndpoints } from "./providers.js";
import type { TestEvent, TestPromptRequest } from "./test-prompts.js";

export interface KeyFeature {
  status(): Promise<KeyStatus>;
  set(key: string): Promise<ActionResult<KeyStatus>>;
  check(): Promise<ActionResult<KeyStatus>>;
  connect(): Promise<ActionResult<KeyStatus>>;
  disconnect(): Promise<ActionResult<KeyStatus>>;
  disconnectProvider(provider: string): Promise<ActionResult<KeyStatus>>;
  forget(): Promise<ActionResult<KeyStatus>>;
  importFromAuth(): Promise<ActionResult<KeyStatus>>;
}

export interface CatalogFeature {
  status(): CatalogStatus;
  models(): Promise<CatalogModel[]>;
  endpoints(modelId: string): Promise<CatalogEndpoint[] | null>;
  refresh(): Promise<CatalogStatus>;
  modelEndpoints(modelId: string, options: { refresh: boolean }): Promise<ModelEndpoints>;
  onStatus(listener: (status: CatalogStatus) => void): () => void;
}

export interface TestFeature {
  start(request: TestPromptRequest, onEvent: (event: TestEvent) => void): ActionResult<{ runId: string }>;
  cancel(runId: string): boolean;
}

/** The app's preferences (preferences/app-preferences.ts): each host stores and applies what it can. */
export interface PreferencesFeature {
  state(): PreferencesState;
  /** The stored values alone: what a host being opened reads (state() also asks the host that is open). */
  values(): Preferences;
  set(change: PreferenceChange): Promise<ActionResult<PreferencesState>>;
  onChange(listener: (state: PreferencesState) => void): () => void;
  /** A model was made pi's default through this host: it heads the switcher's recents (model-lists.ts). */
  recordUsedModel?(ref: string): Promise<void>;
}

/** The health watch of pinned providers. */
export interface HealthFeature {
  latest(): HealthReport;
  check(): Promise<HealthReport>;
  onReport(listener: (report: HealthReport) => void): () => void;
}
