/**
 * The Preferences feature behind the API (getPreferences / setPreference): checks each change
 * (preference-rules.ts, pi-path-check.ts), has the host apply it live, and only then stores it, so
 * a stored preference is one that worked. Hosts differ only in their storage and what they can
 * apply: the tray app stores with electron-store and applies everything (src-main/electron/main.ts);
 * `serve` cannot register a shortcut or a login item and takes pi and the agent dir from its
 * command line (servePreferences below).
 */
import { EventEmitter } from "node:events";
import { homedir } from "node:os";
import type { ActionResult, PreferenceChange, PreferenceKey, Preferences, PreferencesFeature, PreferencesState } from "../common/index.js";
import { checkPiPath } from "./pi-path-check.js";
import { withRecentModel } from "../common/preferences/model-lists.js";
import { checkPreferenceChange, DEFAULT_PREFERENCES } from "./preference-rules.js";

export interface PreferencesStorage {
  read(): Preferences;
  write(change: PreferenceChange): void;
}

/** Makes a change take effect; returns why it could not (the change is then not stored), or null. */
export type ApplyPreference = (change: PreferenceChange, previous: Preferences) => Promise<string | null>;

export interface AppPreferencesOptions {
  host: PreferencesState["host"];
  storage: PreferencesStorage;
  apply?: ApplyPreference;
  /** Preferences this host cannot change, each with what to do instead. */
  fixed?: Partial<Record<PreferenceKey, string>>;
  agentDirInUse(): string;
  /** What "no agent dir chosen" means here (PI_CODING_AGENT_DIR or ~/.pi/agent). */
  defaultAgentDir: string;
  platform?: NodeJS.Platform;
  home?: string;
}

const KEYS = Object.keys(DEFAULT_PREFERENCES) as PreferenceKey[];
/** Values are plain JSON; the model lists are arrays that storage hands out fresh on every read. */
const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export class AppPreferences implements PreferencesFeature {
  private readonly events = new EventEmitter<{ change: [PreferencesState] }>();
  private readonly platform: NodeJS.Platform;
  /** What the host applied last, so a hand edit of the stored file applies only what differs. */
  private applied: Preferences;
  private shortcutProblem: string | null = null;
  /** Changes run one at a time: a reopen on a new agent dir must finish before the next starts. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AppPreferencesOptions) {
    this.platform = options.platform ?? process.platform;
    this.applied = { ...options.storage.read() };
  }

  values(): Preferences {
    return this.options.storage.read();
  }

  state(): PreferencesState {
    return {
      host: this.options.host,
      platform: this.platform,
      values: this.options.storage.read(),
      defaults: DEFAULT_PREFERENCES,
      fixed: this.options.fixed ?? {},
      agentDirInUse: this.options.agentDirInUse(),
      defaultAgentDir: this.options.defaultAgentDir,
      shortcutProblem: this.shortcutProblem,
    };
  }

  onChange(listener: (state: PreferencesState) => void): () => void {
    this.events.on("change", listener);
    return () => this.events.off("change", listener);
  }

  /** The host's own report on the shortcut (registration at start failed, or works again). */
  setShortcutProblem(problem: string | null): void {
    if (problem === this.shortcutProblem) return;
    this.shortcutProblem = problem;
    this.emitChange();
  }

  set(change: PreferenceChange): Promise<ActionResult<PreferencesState>> {
    const run = this.queue.then(() => this.setNow(change));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async setNow(change: PreferenceChange): Promise<ActionResult<PreferencesState>> {
    const fixed = this.options.fixed?.[change.key];
    if (fixed) return { ok: false, error: { code: "invalid-input", message: fixed } };
    const checked = await checkPreferenceChange(change, this.platform, this.options.home ?? homedir());
    if (!checked.ok) return { ok: false, error: { code: "invalid-input", message: checked.message } };
    const next = checked.change;
    if (next.key === "piPath" && next.value !== null) {
      const pi = checkPiPath(next.value);
      if (!pi.ok) return pi;
    }
    const previous = this.options.storage.read();
    if (sameValue(previous[next.key], next.value) && sameValue(this.applied[next.key], next.value) && !(next.key === "shortcut" && this.shortcutProblem)) return { ok: true, value: this.state() };
    const problem = await this.applyOne(next, previous);
    if (problem) {
      // Put back what worked (the old shortcut stays registered), and say why the new one did not.
      if (!sameValue(this.applied[next.key], next.value)) await this.applyOne({ key: next.key, value: previous[next.key] } as PreferenceChange, previous);
      return { ok: false, error: { code: "conflict", message: problem } };
    }
    this.options.storage.write(next);
    if (next.key === "shortcut") this.shortcutProblem = null;
    this.emitChange();
    return { ok: true, value: this.state() };
  }

  /** A model was made pi's default through the app (the API host calls this after a successful useModel): it heads the recents. */
  recordUsedModel(ref: string): Promise<void> {
    const run = this.queue.then(() => {
      const recents = this.options.storage.read().recentModels;
      const next = withRecentModel(recents, ref);
      if (sameValue(next, recents)) return;
      this.options.storage.write({ key: "recentModels", value: next });
      this.applied = { ...this.applied, recentModels: next };
      this.emitChange();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The stored file changed under us (edited by hand): apply whatever differs from what was applied. */
  reconcile(): Promise<void> {
    const run = this.queue.then(async () => {
      const stored = this.options.storage.read();
      for (const key of KEYS) {
        if (sameValue(stored[key], this.applied[key])) continue;
        const problem = await this.applyOne({ key, value: stored[key] } as PreferenceChange, this.applied);
        if (key === "shortcut") this.shortcutProblem = problem;
      }
      this.emitChange();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async applyOne(change: PreferenceChange, previous: Preferences): Promise<string | null> {
    let problem: string | null;
    try {
      problem = this.options.apply ? await this.options.apply(change, previous) : null;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    if (!problem) this.applied = { ...this.applied, [change.key]: change.value };
    return problem;
  }

  private emitChange(): void {
    this.events.emit("change", this.state());
  }
}

export class MemoryPreferencesStorage implements PreferencesStorage {
  private values: Preferences;
  constructor(initial: Partial<Preferences> = {}) {
    this.values = { ...DEFAULT_PREFERENCES, ...initial };
  }
  read(): Preferences {
    return { ...this.values };
  }
  write(change: PreferenceChange): void {
    this.values = { ...this.values, [change.key]: change.value };
  }
}

export interface ServePreferencesOptions {
  agentDir: string;
  /** --agent-dir as given, when it was. */
  agentDirFlag?: string;
  defaultAgentDir: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/**
 * `serve`'s preferences: the page shows them all, but a browser has no global shortcut, login item
 * or Dock, and serve reads pi and the agent dir from how it was started; the credit threshold
 * and the switcher's favourites and recents last until serve stops.
 */
export function servePreferences(options: ServePreferencesOptions): AppPreferences {
  const env = options.env ?? process.env;
  const trayOnly = "Only the tray app (npm start) has this; serve runs in a browser.";
  return new AppPreferences({
    host: "serve",
    // The health watch is off until asked for: a server left running should not poll OpenRouter unasked.
    storage: new MemoryPreferencesStorage({ piPath: env.PI_SWITCHBOARD_PI || null, agentDir: options.agentDirFlag ? options.agentDir : null, shortcut: "", healthWatch: false }),
    fixed: {
      piPath: "serve uses the pi it found at start: restart it with PI_SWITCHBOARD_PI=/path/to/pi to choose another.",
      agentDir: "serve reads the agent dir it was started on: restart it with --agent-dir DIR (or PI_CODING_AGENT_DIR) to read another.",
      shortcut: trayOnly,
      launchAtLogin: trayOnly,
      showDockIcon: trayOnly,
      trayTitle: trayOnly,
    },
    agentDirInUse: () => options.agentDir,
    defaultAgentDir: options.defaultAgentDir,
    platform: options.platform,
  });
}
