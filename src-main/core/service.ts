/**
 * The one service every host uses (Electron main, `serve`, the CLI, tests): it owns the agent
 * dir, keeps the current snapshot of what pi sees, pushes a new one on every change (the app's
 * own writes and everybody else's), and runs commands. Hosts only adapt it to a transport.
 */
import { EventEmitter, once } from "node:events";
import type { ActionResult, Command, CommandResult, ModelEntry, ModelProblem, PiVerdict, ProjectEntry, ProjectView, ScopePreview, Snapshot } from "./common/index.js";
import { catalogForFiles, readAgentState, type AgentState } from "./agent-state.js";
import { checkCommand } from "./edits/command-schema.js";
import * as modelEdits from "./edits/model-edits.js";
import * as settingsEdits from "./edits/settings-edits.js";
import { leaksCreatedBy } from "./common/key-leaks.js";
import { EditError, writePiFile, type OwnWrite, type PiFileEdit } from "./edits/write-pi-file.js";
import { removeStaleTemps } from "./files/atomic-write.js";
import { authFileModeWarning } from "./files/auth-permissions.js";
import { removeStaleLocks } from "./files/pi-lock.js";
import { Backups } from "./files/backup.js";
import type { JsonChange } from "./files/json-edit.js";
import { readAgentFiles } from "./pi/read-agent-files.js";
import { readPiFile } from "./files/read-pi-file.js";
import { DirWatcher } from "./files/watch.js";
import { agentPaths, MODELS_STORE, PI_FILES, type AgentPaths } from "./pi/agent-dir.js";
import { parseLenientJson, parseStrictJson } from "./pi/pi-json.js";
import { loadPiCatalog, type PiCatalog } from "./pi/pi-install.js";
import { previewModelsCommand } from "./edits/preview-edit.js";
import type { ProblemSource } from "./openrouter/routing-problems.js";
import { previewScope } from "./pi/scope.js";
import { listSessionProjects } from "./pi/session-projects.js";
import { buildProjectView, readProjectFiles } from "./project-view.js";
import { initialVerdict, PiVerdictAsker, VerdictScheduler, type VerdictOptions } from "./pi/verdict/pi-verdict.js";
import { verdictCacheDir } from "./pi/verdict/verdict-cache.js";

export interface ServiceOptions {
  agentDir: string;
  env?: NodeJS.ProcessEnv;
  /** Reuse a catalog (tests, benchmarks); by default the installed pi is found and read. */
  catalog?: PiCatalog;
  /** The user's login-shell environment (Electron, shell-env.ts): pi is looked for on its PATH first. */
  loginShellEnv?: Record<string, string> | null;
  /** false for one-shot use (the CLI): no watcher. */
  watch?: boolean;
  /**
   * Ask the user's pi for its own verdict after each snapshot (pi-verdict.ts); off unless set.
   * true: as the window and `serve` do, one warm worker and pi's answers cached on disk.
   */
  verdict?: boolean | VerdictOptions;
}

export interface ServiceEvents {
  snapshot: [Snapshot];
  /** Emitted before the snapshot that shows the write: what the app remembers about the file (routing profiles) moves with it. */
  wrote: [OwnWrite];
}

export class SwitchboardService extends EventEmitter<ServiceEvents> {
  readonly paths: AgentPaths;
  readonly backups: Backups;
  private state!: AgentState;
  private lastFiles: string[] | null = null;
  private revision = 0;
  private watcher: DirWatcher | null = null;
  private reloading = false;
  private reloadAgain = false;
  /** Callers of reload() waiting for a load that starts after their call. */
  private reloadWaiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private verdict: PiVerdict | undefined;
  private readonly problemSources: ProblemSource[] = [];
  private extraProblems = new Map<string, ModelProblem[]>();
  private problemsRun: Promise<void> = Promise.resolve();
  private verdicts: { asker: PiVerdictAsker; scheduler: VerdictScheduler } | null = null;
  /** Aborted by close(): whoever waits for pi's verdict stops waiting. */
  private readonly closing = new AbortController();

  private constructor(private readonly catalog: PiCatalog, private readonly options: ServiceOptions) {
    super();
    this.paths = agentPaths(options.agentDir);
    this.backups = new Backups(options.agentDir);
  }

  static async open(options: ServiceOptions): Promise<SwitchboardService> {
    const catalog = options.catalog ?? (await loadPiCatalog(options.env, { loginShellEnv: options.loginShellEnv }));
    const service = new SwitchboardService(catalog, options);
    await removeStaleTemps(options.agentDir);
    await removeStaleLocks([service.paths.models, service.paths.settings, service.paths.auth]);
    if (options.verdict) service.startVerdicts(options.verdict === true ? { worker: true, cacheDir: verdictCacheDir(options.env ?? process.env) } : options.verdict);
    await service.load();
    if (options.watch !== false) {
      service.watcher = new DirWatcher(options.agentDir, {
        names: [...PI_FILES, MODELS_STORE],
        onChange: () => void service.reload(),
        // The files did not change, only how we watch them: a new snapshot says so to the UI.
        onModeChange: () => {
          if (service.revision === 0) return;
          service.revision++;
          service.emit("snapshot", service.snapshot());
        },
      });
    }
    return service;
  }

  snapshot(): Snapshot {
    const snapshot: Snapshot = { ...this.state.snapshot, revision: this.revision, watching: this.watcher?.mode ?? "off" };
    if (this.verdict) snapshot.verdict = this.verdict;
    if (this.extraProblems.size) snapshot.models = snapshot.models.map((m) => withProblems(m, this.extraProblems.get(`${m.provider}/${m.id}`)));
    return snapshot;
  }

  /** Adds a source of model problems and asks it about the current files (the answer comes as one more snapshot). */
  addProblemSource(source: ProblemSource): void {
    this.problemSources.push(source);
    void this.refreshProblems();
  }

  /**
   * Asks every problem source again (the catalog was refreshed, a test finished); emits a snapshot
   * when the answer changed. Resolves when done; a source that fails adds nothing.
   */
  refreshProblems(): Promise<void> {
    const state = this.state;
    this.problemsRun = this.problemsRun.then(async () => {
      if (this.problemSources.length === 0 || state !== this.state) return;
      const next = new Map<string, ModelProblem[]>();
      for (const source of this.problemSources) {
        const found = await source(state).catch(() => new Map<string, ModelProblem[]>());
        for (const [ref, problems] of found) next.set(ref, [...(next.get(ref) ?? []), ...problems]);
      }
      if (state !== this.state || JSON.stringify([...next]) === JSON.stringify([...this.extraProblems])) return;
      this.extraProblems = next;
      this.revision++;
      this.emit("snapshot", this.snapshot());
    });
    return this.problemsRun;
  }

  private startVerdicts(options: VerdictOptions): void {
    const asker = new PiVerdictAsker(this.catalog, this.options.env ?? process.env, options);
    // pi's answer arrives as one more snapshot, after the engine's: only while it is about the current files.
    const scheduler = new VerdictScheduler(asker, this.options.agentDir, (state, verdict) => {
      if (state !== this.state) return;
      this.verdict = verdict;
      this.revision++;
      this.emit("snapshot", this.snapshot());
    }, options.debounceMs);
    this.verdicts = { asker, scheduler };
  }

  /** pi's verdict on the current files once pi has answered (or timed out); undefined when this service does not ask pi. */
  async settledVerdict(): Promise<PiVerdict | undefined> {
    try {
      while (this.verdict?.state === "pending") await once(this, "snapshot", { signal: this.closing.signal });
    } catch {
      // closed while pi was being asked: the verdict stays pending
    }
    return this.verdict;
  }

  /** pi's verdict on what a models.json command would write, from a temporary copy; the write never waits for it. */
  async previewVerdict(command: unknown): Promise<ActionResult<PiVerdict>> {
    const preview = await previewModelsCommand(this.paths.models, command);
    if (!preview.ok) return preview;
    if (!this.verdicts) return { ok: true, value: { ...initialVerdict(this.catalog), state: "unavailable", note: "This host does not ask pi for its verdict." } };
    return { ok: true, value: await this.verdicts.asker.verdictOnProposal(this.options.agentDir, preview.value.after) };
  }

  /** What a draft of enabledModels would scope: the snapshot's own resolution, over the models pi has a key for now. */
  previewScope(patterns: string[]): ScopePreview {
    return previewScope(patterns, this.state.snapshot.models.filter((m) => m.available), this.state.rules, this.state.snapshot.models, this.state.keylessBecause);
  }

  /**
   * What pi uses in a project folder: these files with the project's `.pi/settings.json` merged as
   * pi merges it (project-view.ts), and the snapshot of that merged view. Reads the project, never writes it.
   */
  async projectView(dir: string): Promise<{ view: ProjectView; snapshot: Snapshot }> {
    const [files, project] = await Promise.all([readAgentFiles(this.options.agentDir), readProjectFiles(this.options.agentDir, dir)]);
    const { view, state } = buildProjectView(this.options.agentDir, files, project, await catalogForFiles(this.catalog, files), this.options.env ?? process.env);
    const models = state.snapshot.models.map((m) => withProblems(m, this.extraProblems.get(`${m.provider}/${m.id}`)));
    return { view, snapshot: { ...state.snapshot, models, revision: this.revision, watching: this.watcher?.mode ?? "off" } };
  }

  /** The folders pi has sessions for in this agent dir, most recently used first (the project list). */
  listProjects(): Promise<ProjectEntry[]> {
    return listSessionProjects(this.options.agentDir);
  }

  /** Internal state for main-side features (test prompts, key hand-off); never sent to a UI. */
  agentState(): AgentState {
    return this.state;
  }

  private async load(): Promise<boolean> {
    const files = await readAgentFiles(this.options.agentDir);
    // The snapshot is a pure function of the files (pi's three and the models-store.json pi 0.80.8+
    // keeps, with the fixed catalog and env): when their text is what we last built from, nothing
    // pi sees changed and there is nothing to do.
    const authMode = await authFileModeWarning(this.paths.auth);
    const key = [files.models, files.settings, files.auth, files.modelsStore].map((f) => `${f?.readError ?? ""}\u0000${f?.text ?? "\u0001"}`);
    key.push(authMode?.message ?? "");
    if (this.state && this.lastFiles?.every((k, i) => k === key[i])) return false;
    this.state = await readAgentState(this.options.agentDir, files, this.catalog, this.options.env ?? process.env);
    this.lastFiles = key;
    // auth.json readable by others is a warning with its fix (files/auth-permissions.ts).
    if (authMode) this.state.snapshot.authFile = { ...this.state.snapshot.authFile, warnings: [...this.state.snapshot.authFile.warnings, authMode] };
    this.revision++;
    if (this.verdicts) {
      this.verdict = initialVerdict(this.catalog);
      if (this.verdict.state === "pending") this.verdicts.scheduler.schedule(this.state);
    }
    // New files: the old extra problems are about other text. Sources answer again after this snapshot.
    this.extraProblems = new Map();
    if (this.problemSources.length) void Promise.resolve().then(() => this.refreshProblems());
    return true;
  }

  /**
   * Re-read the files; emits a snapshot when what pi sees changed. Concurrent calls coalesce, and
   * each resolves after the first load that began after it: waiting for the whole run of loads
   * would keep a command waiting for as long as another process (pi) keeps writing.
   */
  reload(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.reloadWaiters.push({ resolve, reject });
      if (this.reloading) this.reloadAgain = true;
      else void this.runReloads();
    });
  }

  private async runReloads(): Promise<void> {
    this.reloading = true;
    do {
      this.reloadAgain = false;
      const served = this.reloadWaiters.splice(0);
      try {
        if (await this.load()) this.emit("snapshot", this.snapshot());
        served.forEach((w) => w.resolve());
      } catch (error) {
        served.forEach((w) => w.reject(error));
      }
    } while (this.reloadAgain);
    this.reloading = false;
  }

  /** Validates and runs a command; the result carries the snapshot after it. */
  async execute(input: unknown): Promise<CommandResult> {
    const checked = checkCommand(input);
    if (!checked.ok) return { ok: false, error: { code: "invalid-input", message: checked.message } };
    try {
      const changed = await this.run(checked.command);
      await this.reload();
      return { ok: true, snapshot: this.snapshot(), changed };
    } catch (error) {
      if (error instanceof EditError) return { ok: false, error: error.error };
      return { ok: false, error: { code: "io", message: (error as Error).message } };
    }
  }

  private editSettings(changes: (current: unknown) => JsonChange[], expectedVersion?: string | null): PiFileEdit {
    return { path: this.paths.settings, usePiLock: true, parse: parseStrictJson, changes, expectedVersion, backups: this.backups };
  }

  private editModels(changes: (current: unknown) => JsonChange[], expectedVersion?: string | null): PiFileEdit {
    // Every models.json save gets its own backup, so "Undo last save" can restore exactly the file before it.
    return { path: this.paths.models, usePiLock: true, parse: parseLenientJson, changes, expectedVersion, backups: this.backups, backupEachChange: true };
  }

  /**
   * A provider that reads the vault's key (key connect) keeps pointing at OpenRouter: an edit that
   * moves its baseUrl (or a model's) elsewhere would make pi send the key there, so it is refused
   * with the fix. A move by hand is caught by the snapshot instead (Snapshot.keyLeaks).
   */
  private refuseKeyLeak(auth: Record<string, unknown>, before: unknown, after: unknown): void {
    const [leak] = leaksCreatedBy(auth, before, after, this.options.env ?? process.env);
    if (!leak) return;
    throw new EditError({
      code: "conflict",
      message: `${leak.provider} reads the vault's OpenRouter key (key connect), so it cannot be pointed at ${leak.host}: pi would send the key there. Nothing was saved. Remove the key command from ${leak.provider} first (Key → Remove the key command), then change its baseUrl; or keep it on https://openrouter.ai/api/v1.`,
      file: this.paths.models,
    });
  }

  private findModel(ref: string) {
    const slash = ref.indexOf("/");
    const provider = ref.slice(0, slash);
    const id = ref.slice(slash + 1);
    const model = this.state.models.find((m) => m.provider === provider && m.id === id);
    if (!model) throw new EditError({ code: "not-found", message: `pi has no model ${ref}. Check the spelling, or that models.json is valid.` });
    return model;
  }

  private async run(command: Command): Promise<string[]> {
    let edit: PiFileEdit;
    switch (command.type) {
      case "useModel": {
        const model = this.findModel(command.ref);
        edit = this.editSettings(() => settingsEdits.useModel(model.provider, model.id, command.thinkingLevel, this.catalog.rules));
        break;
      }
      case "setThinkingLevel":
        edit = this.editSettings(() => settingsEdits.setThinkingLevel(command.level, this.catalog.rules));
        break;
      case "setScope":
        edit = this.editSettings(() => settingsEdits.setScope(command.patterns), command.expectedVersion);
        break;
      case "toggleScoped":
        this.findModel(command.ref);
        edit = this.editSettings((current) => settingsEdits.toggleScoped(current, this.state.snapshot.scope, command.ref, command.scoped), command.expectedVersion);
        break;
      case "upsertProvider":
        edit = this.editModels((f) => modelEdits.upsertProvider(f, command.provider, command.fields), command.expectedVersion);
        break;
      case "removeProvider":
        edit = this.editModels((f) => modelEdits.removeProvider(f, command.provider), command.expectedVersion);
        break;
      case "upsertModel":
        edit = this.editModels((f) => modelEdits.upsertModel(f, command.provider, command.model), command.expectedVersion);
        break;
      case "removeModel":
        edit = this.editModels((f) => modelEdits.removeModel(f, command.provider, command.id), command.expectedVersion);
        break;
      case "addModel":
        edit = this.editModels((f) => modelEdits.addModel(f, command), command.expectedVersion);
        break;
      case "setOverride":
        edit = this.editModels((f) => modelEdits.setOverride(f, command.provider, command.id, command.override), command.expectedVersion);
        break;
      case "setRouting":
        modelEdits.refuseIgnoredLevelRouting([command], this.catalog.rules);
        edit = this.editModels((f) => modelEdits.setRouting(f, command.target, command.routing), command.expectedVersion);
        break;
      case "applyRouting":
        modelEdits.refuseIgnoredLevelRouting(command.targets, this.catalog.rules);
        edit = this.editModels((f) => modelEdits.applyRouting(f, command.targets), command.expectedVersion);
        break;
    }
    // The last check of the edit sees exactly the parsed file before and after the write that is committed.
    let written = null as OwnWrite | null;
    const check = edit.path === this.paths.models ? await this.keyLeakCheck() : null;
    edit.refuse = (before, after) => {
      check?.(before, after);
      written = { path: edit.path, before, after };
    };
    if (!(await writePiFile(edit))) return [];
    if (written) this.emit("wrote", written);
    return [edit.path];
  }

  private async keyLeakCheck(): Promise<(before: unknown, after: unknown) => void> {
    // auth.json as it is now, not as last loaded: `key connect` may have written it a moment ago.
    const auth = await this.readAuthEntries();
    return (before, after) => this.refuseKeyLeak(auth, before, after);
  }

  /** auth.json's entries as pi would read them now; none when it is missing or does not parse (pi reads none either). */
  private async readAuthEntries(): Promise<Record<string, unknown>> {
    const text = await readPiFile(this.paths.auth).catch(() => null);
    const parsed = text === null ? null : parseStrictJson(text);
    return parsed?.ok && parsed.value && typeof parsed.value === "object" && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : {};
  }

  close(): void {
    this.closing.abort();
    this.verdicts?.scheduler.close();
    this.watcher?.close();
    this.removeAllListeners();
  }
}

/** A model with more problems, errors first as pi/model-problems.ts orders them. */
function withProblems(model: ModelEntry, extra: ModelProblem[] | undefined): ModelEntry {
  if (!extra?.length) return model;
  const problems = [...model.problems, ...extra];
  return { ...model, problems: problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1)) };
}
