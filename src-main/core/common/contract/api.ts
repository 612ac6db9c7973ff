/**
 * The API every UI host exposes: one method table, one event table. Electron IPC and `serve` are
 * two transports over the same handlers (src-main/core/api-handlers.ts).
 */

import type { ActionResult, Command, CommandResult } from "./commands.js";
import type { EndpointSwitch, HealthReport } from "./health.js";
import type { CreditsInfo, KeyStatus } from "./keys.js";
import type { ScopePreview, Snapshot } from "./models.js";
import type { BackupEntry, FilePreview, FileText, PiVerdict, ReadableFile } from "./pi-info.js";
import type { PiPathCheck, PreferenceChange, PreferencesState } from "./preferences.js";
import type { ProjectEntry, ProjectView } from "./projects.js";
import type { CatalogEndpoint, CatalogModel, CatalogStatus, ModelEndpoints } from "./providers.js";
import type { ProfilePlan, ProfileScope, ProfilesState, RoutingTarget } from "./routing.js";
import type { SpendGrouping, SpendReport, SpendVerification } from "./spend.js";
import type { TestEvent, TestPromptRequest } from "./test-prompts.js";

export interface ApiMethods {
  getSnapshot: { input: null; output: Snapshot };
  execute: { input: Command; output: CommandResult };
  previewCommand: { input: Command; output: ActionResult<FilePreview> };
  /** What a draft of enabledModels would scope, resolved as the snapshot's scope is; writes nothing. */
  previewScope: { input: { patterns: string[] }; output: ScopePreview };
  /** pi's own verdict on what a models.json command would write (a temporary copy); slower than the preview, never needed to save. */
  previewVerdict: { input: Command; output: ActionResult<PiVerdict> };
  readFileText: { input: { file: ReadableFile }; output: FileText };
  listBackups: { input: null; output: BackupEntry[] };
  /** expectedVersion: the version of the pi file the caller showed previewRestore's diff against; a file changed since is not overwritten (conflict). */
  restoreBackup: { input: { path: string; expectedVersion?: string | null }; output: ActionResult };
  /** What restoring a models.json or settings.json backup would change: before = the file now, after = the backup. */
  previewRestore: { input: { path: string }; output: ActionResult<FilePreview> };
  keyStatus: { input: null; output: KeyStatus };
  keySet: { input: { key: string }; output: ActionResult<KeyStatus> };
  keyCheck: { input: null; output: ActionResult<KeyStatus> };
  keyConnect: { input: null; output: ActionResult<KeyStatus> };
  keyDisconnect: { input: null; output: ActionResult<KeyStatus> };
  /** Removes the vault-key command from one provider (one whose baseUrl left OpenRouter: Snapshot.keyLeaks); the others stay connected. */
  keyDisconnectProvider: { input: { provider: string }; output: ActionResult<KeyStatus> };
  keyForget: { input: null; output: ActionResult<KeyStatus> };
  keyImportFromAuth: { input: null; output: ActionResult<KeyStatus> };
  /** What the key pi would use has left (GET /key, GET /credits); refresh:false answers from the last check when at most 5 minutes old. */
  keyCredits: { input: { refresh: boolean }; output: ActionResult<CreditsInfo> };
  catalogStatus: { input: null; output: CatalogStatus };
  catalogModels: { input: null; output: CatalogModel[] };
  catalogEndpoints: { input: { modelId: string }; output: CatalogEndpoint[] | null };
  catalogRefresh: { input: null; output: CatalogStatus };
  /** catalogEndpoints with the list's age and source; refresh: ask OpenRouter now (the cached copy stays on failure). */
  catalogModelEndpoints: { input: { modelId: string; refresh: boolean }; output: ModelEndpoints };
  testStart: { input: TestPromptRequest; output: ActionResult<{ runId: string }> };
  testCancel: { input: { runId: string }; output: { ok: boolean } };
  /** Spend from pi's session files since a time (ms since the epoch; null: all), rows by a grouping. Reads the files on first use, then follows them. */
  spendReport: { input: { since: number | null; by: SpendGrouping }; output: SpendReport };
  /** OpenRouter's record of the period's OpenRouter answers; ask: look up what the disk cache lacks (the user opened the view or pressed Verify), else the cache only. */
  spendVerify: { input: { since: number | null; ask: boolean }; output: SpendVerification };
  getPreferences: { input: null; output: PreferencesState };
  setPreference: { input: PreferenceChange; output: ActionResult<PreferencesState> };
  /** Whether a path holds a real pi (its package), without changing anything. */
  checkPiPath: { input: { path: string }; output: ActionResult<PiPathCheck> };
  /** The folders pi has sessions for, most recently used first (the project picker's list). */
  listProjects: { input: null; output: ProjectEntry[] };
  /** What pi uses when run in a folder: its .pi/settings.json merged over the agent dir's, by pi's rules; reads the folder, never writes it. */
  projectView: { input: { dir: string }; output: ActionResult<ProjectView> };
  /** The last health check of the pinned providers (Preferences healthWatch). */
  healthStatus: { input: null; output: HealthReport };
  /** Pins a degraded model to the endpoint the last check named (the "Pinned to provider" profile); the answer finds the backup that undoes it. */
  healthSwitch: { input: { ref: string }; output: ActionResult<EndpointSwitch> };
  /** Routing profiles (built-in and the user's) and which targets a profile wrote, with drift. */
  profilesState: { input: null; output: ProfilesState };
  /** What applying a profile would write (the diff), without writing. */
  profilePlan: { input: { profile: string; provider?: string; scope: ProfileScope }; output: ActionResult<ProfilePlan> };
  /** Saves a reviewed plan's command (expectedVersion guards it) and remembers the profile per target. */
  profileApply: { input: { profile: string; provider?: string; command: Extract<Command, { type: "applyRouting" }> }; output: ActionResult<{ profiles: ProfilesState; snapshot: Snapshot }> };
  /** A new profile of the user's from the routing written at a target. */
  profileCreate: { input: { name: string; from: RoutingTarget; mode: "merge" | "replace" }; output: ActionResult<ProfilesState> };
  profileRename: { input: { from: string; to: string }; output: ActionResult<ProfilesState> };
  profileDelete: { input: { name: string }; output: ActionResult<ProfilesState> };
  /** Stop remembering which profile wrote a target's routing (models.json is not touched). */
  profileForget: { input: { target: RoutingTarget }; output: ActionResult<ProfilesState> };
  /** "Forget all": stop remembering these targets (the drifted ones the window showed), in one change. */
  profileForgetAll: { input: { targets: RoutingTarget[] }; output: ActionResult<ProfilesState> };
}

export type ApiMethod = keyof ApiMethods;

/** The largest API input any handler takes, as JSON in UTF-8 bytes (checked in api-handlers.ts).
 *  `serve`'s WebSocket frame cap is four times this, so every input the API accepts also travels. */
export const MAX_API_INPUT_BYTES = 256 * 1024;

/** `serve`'s WebSocket subprotocol, and the prefix of the one that carries the session secret
 *  (src-main/cli/serve-session.ts): the credential travels in the handshake, never in a cookie or URL. */
export const SERVE_PROTOCOL = "switchboard.v1";

export const SERVE_SESSION_PROTOCOL_PREFIX = "switchboard.session.";

export interface ApiEvents {
  snapshot: Snapshot;
  keyStatus: KeyStatus;
  /** Sent after every successful credits check (the window, the tray and the low-balance notification share it). */
  credits: CreditsInfo;
  catalog: CatalogStatus;
  test: TestEvent;
  /** After pi wrote to its session files (once a UI asked for spend): today's cost, pi's estimate. */
  spend: { today: number };
  preferences: PreferencesState;
  /** After every profile change and every snapshot (drift follows models.json). */
  profiles: ProfilesState;
  /** After every health check of the pinned providers, and when the watch starts or stops. */
  health: HealthReport;
}

export type ApiEvent = keyof ApiEvents;

/** What the renderer holds: window.switchboard under Electron, a WebSocket client under serve. */
export interface SwitchboardApi {
  invoke<M extends ApiMethod>(method: M, input: ApiMethods[M]["input"]): Promise<ApiMethods[M]["output"]>;
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}
