/**
 * The one handler table behind every UI transport. Electron's ipcMain (src-main/electron/ipc.ts)
 * and `serve` (src-main/cli/serve.ts) both call `invoke(method, input)` and forward `events`;
 * neither adds behaviour of its own. Every input is validated here, once, before a feature sees it.
 *
 * Features (the key vault, the OpenRouter catalog, test prompts) plug in through the small
 * interfaces of common/contract/features.ts, so the table stays the single list of what a UI can ask for.
 */
import { EventEmitter } from "node:events";
import { Type, type TSchema } from "typebox";
import { Compile } from "typebox/compile";
import type {
  ApiEvent,
  ApiEvents,
  ApiMethod,
  ApiMethods,
  CatalogFeature,
  Command,
  CommandResult,
  HealthFeature,
  KeyFeature,
  PreferencesFeature,
  TestFeature,
} from "./common/index.js";
import { MAX_API_INPUT_BYTES } from "./common/index.js";
import { guardCommandWrites, UNCONFIRMED_CALLER, type ApiCaller } from "./command-guard.js";
import type { SwitchboardService } from "./service.js";
import type { CreditsFeature } from "./openrouter/credits-monitor.js";
import { previewRestore, restoreBackup } from "./edits/restore-backup.js";
import { previewCommand } from "./edits/preview-edit.js";
import { readUiFile } from "./pi/read-ui-file.js";
import { switchToNextEndpoint } from "./profiles/endpoint-switch.js";
import type { ProfilesFeature } from "./profiles/profiles-feature.js";
import { ProfileNameSchema } from "./profiles/profile-store.js";
import { RoutingTargetSchema, ThinkingLevelSchema } from "./edits/command-schema.js";
import { checkPiPath } from "./preferences/pi-path-check.js";
import { SPEND_GROUPINGS } from "./common/spend-report.js";
import type { SpendFeature } from "./sessions/spend-feature.js";
import { projectViewResult } from "./project-view.js";
import { expandHome, PreferenceChangeSchema } from "./preferences/preference-rules.js";

export interface ApiDeps {
  service: SwitchboardService;
  key?: KeyFeature;
  catalog?: CatalogFeature;
  tests?: TestFeature;
  preferences?: PreferencesFeature;
  credits?: CreditsFeature;
  /** Routing profiles (profiles/profiles-feature.ts). */
  profiles?: ProfilesFeature;
  /** The health watch of pinned providers (openrouter/health-watch.ts). */
  health?: HealthFeature;
  /** Spend from pi's session files (sessions/spend-feature.ts). */
  spend?: SpendFeature;
}


const Null = Type.Null();
const inputSchemas: { [M in ApiMethod]: TSchema } = {
  getSnapshot: Null,
  // Commands carry their own, stricter schema (command-schema.ts), checked by the service.
  execute: Type.Object({ type: Type.String({ maxLength: 40 }) }),
  previewCommand: Type.Object({ type: Type.String({ maxLength: 40 }) }),
  // setScope's bounds (command-schema.ts), but a draft may hold the empty pattern being typed.
  previewScope: Type.Object({ patterns: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 1000 }) }, { additionalProperties: false }),
  previewVerdict: Type.Object({ type: Type.String({ maxLength: 40 }) }),
  readFileText: Type.Object({ file: Type.Union([Type.Literal("models.json"), Type.Literal("settings.json")]) }, { additionalProperties: false }),
  listBackups: Null,
  restoreBackup: Type.Object({ path: Type.String({ minLength: 1, maxLength: 4096 }), expectedVersion: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])) }, { additionalProperties: false }),
  previewRestore: Type.Object({ path: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false }),
  keyStatus: Null,
  keySet: Type.Object({ key: Type.String({ minLength: 1, maxLength: 1024 }) }, { additionalProperties: false }),
  keyCheck: Null,
  keyConnect: Null,
  keyDisconnect: Null,
  keyDisconnectProvider: Type.Object({ provider: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
  keyForget: Null,
  keyImportFromAuth: Null,
  keyCredits: Type.Object({ refresh: Type.Boolean() }, { additionalProperties: false }),
  catalogStatus: Null,
  catalogModels: Null,
  catalogEndpoints: Type.Object({ modelId: Type.String({ minLength: 1, maxLength: 400 }) }, { additionalProperties: false }),
  catalogRefresh: Null,
  catalogModelEndpoints: Type.Object({ modelId: Type.String({ minLength: 1, maxLength: 400 }), refresh: Type.Boolean() }, { additionalProperties: false }),
  testStart: Type.Object(
    {
      targets: Type.Array(Type.Object({ ref: Type.String({ minLength: 3, maxLength: 400 }), provider: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), thinkingLevel: Type.Optional(ThinkingLevelSchema) }, { additionalProperties: false }), { minItems: 1, maxItems: 24 }),
      prompt: Type.String({ minLength: 1, maxLength: 20_000 }),
      timeoutMs: Type.Optional(Type.Number({ minimum: 1000, maximum: 600_000 })),
    },
    { additionalProperties: false },
  ),
  testCancel: Type.Object({ runId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
  spendReport: Type.Object({ since: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]), by: Type.Union(SPEND_GROUPINGS.map((g) => Type.Literal(g))) }, { additionalProperties: false }),
  spendVerify: Type.Object({ since: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]), ask: Type.Boolean() }, { additionalProperties: false }),
  getPreferences: Null,
  setPreference: PreferenceChangeSchema,
  checkPiPath: Type.Object({ path: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false }),
  listProjects: Null,
  projectView: Type.Object({ dir: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false }),
  ...profileSchemas(),
};
/** Routing profiles' inputs; the applyRouting command itself is checked again, strictly, by the service. */
function profileSchemas() {
  const Scope = Type.Union([
    Type.Object({ kind: Type.Literal("model"), ref: Type.String({ minLength: 3, maxLength: 400 }) }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal("provider"), provider: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal("scoped") }, { additionalProperties: false }),
  ]);
  const Provider = Type.Optional(Type.String({ minLength: 1, maxLength: 100 }));
  const Mode = Type.Union([Type.Literal("merge"), Type.Literal("replace")]);
  return {
    healthStatus: Null,
    healthSwitch: Type.Object({ ref: Type.String({ minLength: 3, maxLength: 512 }) }, { additionalProperties: false }),
    profilesState: Null,
    profilePlan: Type.Object({ profile: ProfileNameSchema, provider: Provider, scope: Scope }, { additionalProperties: false }),
    profileApply: Type.Object({ profile: ProfileNameSchema, provider: Provider, command: Type.Object({ type: Type.Literal("applyRouting") }) }, { additionalProperties: false }),
    profileCreate: Type.Object({ name: Type.String({ minLength: 1, maxLength: 60 }), from: RoutingTargetSchema, mode: Mode }, { additionalProperties: false }),
    profileRename: Type.Object({ from: ProfileNameSchema, to: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false }),
    profileDelete: Type.Object({ name: ProfileNameSchema }, { additionalProperties: false }),
    profileForget: Type.Object({ target: RoutingTargetSchema }, { additionalProperties: false }),
    // The store holds at most 5000 targets per agent dir (profile-store.ts).
    profileForgetAll: Type.Object({ targets: Type.Array(RoutingTargetSchema, { minItems: 1, maxItems: 5000 }) }, { additionalProperties: false }),
  };
}
const validators = Object.fromEntries(Object.entries(inputSchemas).map(([m, s]) => [m, Compile(s)])) as { [M in ApiMethod]: ReturnType<typeof Compile> };

export class ApiInputError extends Error {}

/** What a transport (IPC, the tray) needs of a host's API: ApiHost, or a HostRelay in front of one. */
export type ApiEndpoint = Pick<ApiHost, "invoke" | "emit" | "onEvent">;

function unavailable(feature: string): never {
  throw new ApiInputError(`${feature} is not available in this host.`);
}

export class ApiHost {
  private readonly events = new EventEmitter();
  private readonly handlers: { [M in ApiMethod]: (input: ApiMethods[M]["input"], caller: ApiCaller) => Promise<ApiMethods[M]["output"]> };
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly deps: ApiDeps) {
    const { service, key, catalog, tests, preferences, credits } = deps;
    const needKey = () => key ?? unavailable("The key vault");
    const needCredits = () => credits ?? unavailable("The credits check");
    const needCatalog = () => catalog ?? unavailable("The OpenRouter catalog");
    const needTests = () => tests ?? unavailable("Test prompts");
    const needPreferences = () => preferences ?? unavailable("Preferences");
    const needProfiles = () => deps.profiles ?? unavailable("Routing profiles");
    const needHealth = () => deps.health ?? unavailable("The health watch");
    const needSpend = () => deps.spend ?? unavailable("Spend");
    this.handlers = {
      getSnapshot: async () => service.snapshot(),
      execute: async (command, caller) => {
        // A write that introduces a `!command` waits for the caller's own prompt (command-guard.ts); the page's word is not enough.
        const guarded = await guardCommandWrites(command, caller, (c) => previewCommand(service.paths, c));
        return this.recordUse(command, guarded.ok ? await service.execute(guarded.command) : guarded.result);
      },
      previewCommand: (command) => previewCommand(service.paths, command),
      previewScope: async ({ patterns }) => service.previewScope(patterns),
      previewVerdict: (command) => service.previewVerdict(command),
      readFileText: ({ file }) => readUiFile(service.paths, file),
      listBackups: () => service.backups.list(),
      restoreBackup: ({ path, expectedVersion }) => restoreBackup(service, path, expectedVersion),
      previewRestore: ({ path }) => previewRestore(service, path),
      keyStatus: () => needKey().status(),
      keySet: ({ key: value }) => needKey().set(value),
      keyCheck: () => needKey().check(),
      keyConnect: () => needKey().connect(),
      keyDisconnect: () => needKey().disconnect(),
      keyDisconnectProvider: ({ provider }) => needKey().disconnectProvider(provider),
      keyForget: () => needKey().forget(),
      keyImportFromAuth: () => needKey().importFromAuth(),
      keyCredits: ({ refresh }) => needCredits().get(refresh),
      catalogStatus: async () => needCatalog().status(),
      catalogModels: () => needCatalog().models(),
      catalogEndpoints: ({ modelId }) => needCatalog().endpoints(modelId),
      catalogRefresh: () => needCatalog().refresh(),
      catalogModelEndpoints: ({ modelId, refresh }) => needCatalog().modelEndpoints(modelId, { refresh }),
      testStart: async (request) => needTests().start(request, (event) => this.emit("test", event)),
      testCancel: async ({ runId }) => ({ ok: needTests().cancel(runId) }),
      spendReport: (query) => needSpend().report(query),
      spendVerify: ({ since, ask }) => needSpend().verify(since, ask),
      getPreferences: async () => needPreferences().state(),
      setPreference: (change) => needPreferences().set(change),
      checkPiPath: async ({ path }) => checkPiPath(expandHome(path.trim())),
      listProjects: () => service.listProjects(),
      projectView: ({ dir }) => projectViewResult(service, expandHome(dir.trim())),
      healthStatus: async () => needHealth().latest(),
      healthSwitch: async ({ ref }) => {
        const switched = await switchToNextEndpoint(needHealth().latest(), needProfiles(), ref);
        // The warning goes once a check finds the new pin healthy, not before.
        if (switched.ok) void needHealth().check();
        return switched;
      },
      profilesState: () => needProfiles().state(),
      profilePlan: (input) => needProfiles().plan(input),
      profileApply: (input) => needProfiles().apply(input),
      profileCreate: (input) => needProfiles().create(input),
      profileRename: (input) => needProfiles().rename(input),
      profileDelete: (input) => needProfiles().delete(input),
      profileForget: (input) => needProfiles().forget(input),
      profileForgetAll: (input) => needProfiles().forgetAll(input),
    };
    const onSnapshot = (snapshot: ApiEvents["snapshot"]) => this.emit("snapshot", snapshot);
    service.on("snapshot", onSnapshot);
    this.unsubscribe.push(() => service.off("snapshot", onSnapshot));
    if (catalog) this.unsubscribe.push(catalog.onStatus((status) => this.emit("catalog", status)));
    if (preferences) this.unsubscribe.push(preferences.onChange((state) => this.emit("preferences", state)));
    if (deps.profiles) this.unsubscribe.push(deps.profiles.onChange((state) => this.emit("profiles", state)));
    if (credits) this.unsubscribe.push(credits.onCredits((info) => this.emit("credits", info)));
    if (deps.health) this.unsubscribe.push(deps.health.onReport((report) => this.emit("health", report)));
    const { spend } = deps;
    if (spend) this.unsubscribe.push(spend.onChange(() => void spend.today().then((today) => this.emit("spend", { today }), () => undefined)));
  }

  /** Recents live in the host, not a UI: the window, the popover, the tray and serve all switch through here. */
  private async recordUse(command: Command, result: CommandResult): Promise<CommandResult> {
    if (result.ok && command.type === "useModel") await this.deps.preferences?.recordUsedModel?.(command.ref).catch(() => undefined);
    return result;
  }

  /** Validates the input, then runs the handler. Unknown methods and bad inputs throw ApiInputError.
   *  `caller` says what the transport can do: only Electron's IPC can ask the user (a native dialog) before a `!command` write. */
  async invoke(method: string, input: unknown, caller: ApiCaller = UNCONFIRMED_CALLER): Promise<unknown> {
    if (!Object.prototype.hasOwnProperty.call(this.handlers, method)) throw new ApiInputError(`Unknown method "${method}".`);
    const m = method as ApiMethod;
    const normalized = input === undefined ? null : input;
    // One bound for every method, below serve's frame cap: schemas with open records stay bounded too.
    const bytes = Buffer.byteLength(JSON.stringify(normalized) ?? "");
    if (bytes > MAX_API_INPUT_BYTES) throw new ApiInputError(`Input too large for ${m} (${bytes} bytes; the limit is ${MAX_API_INPUT_BYTES / 1024} KiB).`);
    if (!validators[m].Check(normalized)) throw new ApiInputError(`Invalid input for ${m}.`);
    const handler = this.handlers[m] as (input: unknown, caller: ApiCaller) => Promise<unknown>;
    return handler(normalized, caller);
  }

  emit<E extends ApiEvent>(event: E, payload: ApiEvents[E]): void {
    this.events.emit("event", event, payload);
  }

  /** Every event, for a transport to forward; returns the unsubscribe function. */
  onEvent(listener: <E extends ApiEvent>(event: E, payload: ApiEvents[E]) => void): () => void {
    this.events.on("event", listener);
    return () => this.events.off("event", listener);
  }

  close(): void {
    this.unsubscribe.forEach((u) => u());
    this.events.removeAllListeners();
  }
}
