/**
 * Routing profiles behind the API (profilesState, profilePlan, profileApply, …). A plan is computed
 * from models.json as it is now and carries the one `applyRouting` command and its diff (at the
 * provider level where all its models share the routing, profile-writes.ts); applying runs that
 * command through the service (pi's lock, one backup, expectedVersion) and only then remembers, per
 * target, which profile wrote what. Every write of the app's own to models.json (the service's
 * `wrote` event: a routing save, a profile, "Undo last save", a restored backup) moves what is
 * remembered with it, so only someone else's edit shows as drift; the state is recomputed on every
 * snapshot, so that edit shows within the watcher's latency.
 */
import { EventEmitter } from "node:events";
import type { ActionResult, CommandError, ProfilePlan, ProfileScope, ProfilesState, RoutingObject, RoutingProfile, RoutingTarget, Snapshot } from "../common/index.js";
import { textVersion } from "../agent-state.js";
import * as modelEdits from "../edits/model-edits.js";
import { EditError } from "../edits/write-pi-file.js";
import { applyJsonChanges, editDepthProblem } from "../files/json-edit.js";
import { readPiFile } from "../files/read-pi-file.js";
import { parseLenientJson } from "../pi/pi-json.js";
import type { OwnWrite } from "../edits/write-pi-file.js";
import type { SwitchboardService } from "../service.js";
import { detectDrift, profileHolds, rebaseAfterOwnWrite, recordAt, type AppliedRecord } from "./drift.js";
import { MAX_JOURNAL, ProfileStore, type ProfileData } from "./profile-store.js";
import { BUILT_IN_PROFILES, isBuiltInName } from "../common/profiles/profile-rules.js";
import { targetsForScope } from "./profile-targets.js";
import { compactChanges, levelsKept, plainChanges, providerChanges } from "./profile-writes.js";
import { targetKey, writtenRoutingAt } from "../common/profiles/routing-at.js";
import { routingFingerprint } from "./routing-fingerprint.js";

type ApplyRoutingCommand = ProfilePlan["command"];

/** A provider slug as OpenRouter writes them ("amazon-bedrock", "deepinfra/fp8"). */
const SLUG = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9._-]+)?$/i;

const fail = (code: CommandError["code"], message: string): { ok: false; error: CommandError } => ({ ok: false, error: { code, message } });

export class ProfilesFeature {
  private readonly events = new EventEmitter<{ change: [ProfilesState] }>();
  private readonly offService: () => void;

  constructor(private readonly service: SwitchboardService, private readonly store: ProfileStore) {
    const onSnapshot = () => void this.state().then((s) => this.events.emit("change", s), () => undefined);
    // Queued before the snapshot that shows the write, so the state computed for it already follows the write.
    const onWrote = (write: OwnWrite) => {
      if (write.path === service.paths.models) void store.update((data) => this.followOwnWrite(data, write)).catch(() => undefined);
    };
    service.on("snapshot", onSnapshot);
    service.on("wrote", onWrote);
    this.offService = () => {
      service.off("snapshot", onSnapshot);
      service.off("wrote", onWrote);
    };
  }

  private get agentDir(): string {
    return this.service.paths.dir;
  }

  /** models.json as it is now: its text (null: no file) and its parsed value (null: absent or unparseable). */
  private async modelsFile(): Promise<{ text: string | null; value: unknown }> {
    const text = await readPiFile(this.service.paths.models).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    if (text === null || text.trim() === "") return { text, value: {} };
    const parsed = parseLenientJson(text);
    return { text, value: parsed.ok ? parsed.value : null };
  }

  private profilesOf(data: ProfileData): RoutingProfile[] {
    const own = data.profiles.map((p): RoutingProfile => ({
      name: p.name,
      description: p.mode === "replace" ? "Your profile: replaces the whole routing with it." : "Your profile: sets its fields, keeps the others.",
      builtIn: false,
      mode: p.mode,
      routing: p.routing,
    }));
    return [...BUILT_IN_PROFILES, ...own];
  }

  /**
   * The app wrote models.json: a file whose routing it has seen before (an undo, a restored backup)
   * gets back what was remembered then; any other write moves the baseline of the targets it
   * touched (drift.ts rebaseAfterOwnWrite). What was remembered before the write is journaled.
   */
  private followOwnWrite(data: ProfileData, write: OwnWrite): void {
    const dir = this.agentDir;
    const records = data.applied[dir] ?? [];
    const journal = data.journal?.[dir] ?? [];
    const seen = journal.find((entry) => entry.fingerprint === routingFingerprint(write.after));
    const next = seen ? seen.records : rebaseAfterOwnWrite(records, write.before, write.after, this.profilesOf(data));
    const entry = { fingerprint: routingFingerprint(write.before), records };
    data.journal = { ...data.journal, [dir]: [entry, ...journal.filter((e) => e.fingerprint !== entry.fingerprint)].slice(0, MAX_JOURNAL) };
    if (next.length) data.applied[dir] = next;
    else delete data.applied[dir];
  }

  async state(): Promise<ProfilesState> {
    const [data, file] = await Promise.all([this.store.settled(), this.modelsFile()]);
    return { profiles: this.profilesOf(data), applied: detectDrift(data.applied[this.agentDir] ?? [], file.value) };
  }

  onChange(listener: (state: ProfilesState) => void): () => void {
    this.events.on("change", listener);
    return () => this.events.off("change", listener);
  }

  private async changed(): Promise<ActionResult<ProfilesState>> {
    const state = await this.state();
    this.events.emit("change", state);
    return { ok: true, value: state };
  }

  private async find(name: string): Promise<RoutingProfile | undefined> {
    return this.profilesOf(await this.store.read()).find((p) => p.name === name);
  }

  async plan(input: { profile: string; provider?: string; scope: ProfileScope }): Promise<ActionResult<ProfilePlan>> {
    const profile = await this.find(input.profile);
    if (!profile) return fail("not-found", `There is no routing profile "${input.profile}".`);
    const provider = profile.parameter === "provider" ? input.provider?.trim() : undefined;
    if (profile.parameter === "provider" && (!provider || !SLUG.test(provider))) return fail("invalid-input", `"${profile.name}" needs a provider slug, such as amazon-bedrock or deepinfra/fp8.`);
    const found = targetsForScope(this.service.snapshot(), input.scope);
    if (found.problem) return fail("not-found", found.problem);
    const [file, data] = await Promise.all([this.modelsFile(), this.store.settled()]);
    if (file.value === null) return fail("unparseable-file", `${this.service.paths.models} does not parse; fix it in Config health first.`);
    const tooDeep = editDepthProblem(file.text ?? "", this.service.paths.models);
    if (tooDeep) return fail("unparseable-file", tooDeep);
    const ctx = { text: file.text ?? "", file: file.value, profile, slug: provider, models: this.service.snapshot().models, records: data.applied[this.agentDir] ?? [], profiles: this.profilesOf(data) };
    const plain = plainChanges(ctx, found.targets);
    const changes = input.scope.kind === "scoped" ? compactChanges(ctx, plain) : input.scope.kind === "provider" ? providerChanges(ctx, plain) : plain;
    const command: ApplyRoutingCommand = { type: "applyRouting", targets: changes.map((c) => ({ target: c.target, routing: c.after })), expectedVersion: textVersion(file.text) };
    try {
      // The same edit the save makes, on the same text the plan was computed from.
      const edits = modelEdits.applyRouting(file.value, command.targets);
      const after = edits.length ? applyJsonChanges(file.text ?? "", edits) : (file.text ?? "");
      const preview = { path: this.service.paths.models, before: file.text, after, version: command.expectedVersion ?? null };
      // Before pi 1.0.2 a level's routing is not sent: the profile reaches every level.
      const kept = this.service.snapshot().pi.levelRouting ? levelsKept(ctx, changes) : [];
      return { ok: true, value: { profile: profile.name, ...(provider ? { provider } : {}), command, changes, skipped: found.skipped, ...(kept.length ? { levelsKept: kept } : {}), preview } };
    } catch (error) {
      if (error instanceof EditError) return { ok: false, error: error.error };
      throw error;
    }
  }

  /** The state after, and the snapshot the save produced (its models.json version is what "Undo last save" checks). */
  async apply(input: { profile: string; provider?: string; command: ApplyRoutingCommand }): Promise<ActionResult<{ profiles: ProfilesState; snapshot: Snapshot }>> {
    const profile = await this.find(input.profile);
    if (!profile) return fail("not-found", `There is no routing profile "${input.profile}".`);
    const result = await this.service.execute(input.command);
    if (!result.ok) return result;
    const appliedAt = new Date().toISOString();
    const provider = profile.parameter === "provider" ? input.provider : undefined;
    const file = await this.modelsFile();
    await this.store.update((data) => {
      const records = new Map((data.applied[this.agentDir] ?? []).map((r) => [targetKey(r.target), r] as const));
      // A target the plan only cleared (a profile's old copy, now carried by its provider) is not where this profile is.
      for (const write of input.command.targets.filter((w) => profileHolds(profile, provider, w.routing))) {
        records.set(targetKey(write.target), recordAt({ target: write.target, profile: profile.name, ...(provider ? { provider } : {}), appliedAt }, file.value));
      }
      if (records.size) data.applied[this.agentDir] = [...records.values()];
    });
    const changed = await this.changed();
    return changed.ok ? { ok: true, value: { profiles: changed.value, snapshot: result.snapshot } } : changed;
  }

  private checkNewName(data: ProfileData, name: string, except?: string): string | null {
    if (!name.trim()) return "Give the profile a name.";
    if (name.length > 60) return "A profile name has at most 60 characters.";
    if (isBuiltInName(name)) return `"${name}" is a built-in profile; choose another name.`;
    if (data.profiles.some((p) => p.name.toLowerCase() === name.toLowerCase() && p.name !== except)) return `You already have a profile named "${name}".`;
    return null;
  }

  async create(input: { name: string; from: RoutingTarget; mode: "merge" | "replace" }): Promise<ActionResult<ProfilesState>> {
    const name = input.name.trim();
    const file = await this.modelsFile();
    const routing: RoutingObject | null = file.value === null ? null : writtenRoutingAt(file.value, input.from);
    if (!routing || Object.keys(routing).length === 0) return fail("not-found", "That target has no routing in models.json to make a profile of: set its routing first.");
    const problem = await this.store.update((data) => {
      const why = this.checkNewName(data, name);
      if (!why) data.profiles.push({ name, mode: input.mode, routing, createdAt: new Date().toISOString() });
      return why;
    });
    return problem ? fail("invalid-input", problem) : this.changed();
  }

  async rename(input: { from: string; to: string }): Promise<ActionResult<ProfilesState>> {
    const to = input.to.trim();
    const problem = await this.store.update((data) => {
      const profile = data.profiles.find((p) => p.name === input.from);
      if (!profile) return isBuiltInName(input.from) ? "Built-in profiles cannot be renamed." : `There is no profile "${input.from}".`;
      const why = this.checkNewName(data, to, input.from);
      if (why) return why;
      profile.name = to;
      // What it applied keeps its name, in every agent dir.
      for (const records of Object.values(data.applied)) for (const r of records) if (r.profile === input.from) r.profile = to;
      return null;
    });
    return problem ? fail("invalid-input", problem) : this.changed();
  }

  async delete(input: { name: string }): Promise<ActionResult<ProfilesState>> {
    const problem = await this.store.update((data) => {
      const before = data.profiles.length;
      data.profiles = data.profiles.filter((p) => p.name !== input.name);
      if (data.profiles.length !== before) return null;
      return isBuiltInName(input.name) ? "Built-in profiles cannot be deleted." : `There is no profile "${input.name}".`;
    });
    return problem ? fail("invalid-input", problem) : this.changed();
  }

  forget(input: { target: RoutingTarget }): Promise<ActionResult<ProfilesState>> {
    return this.forgetAll({ targets: [input.target] });
  }

  /** Forget all: the targets the window listed (the drifted ones), not any that drifted since. */
  async forgetAll(input: { targets: RoutingTarget[] }): Promise<ActionResult<ProfilesState>> {
    const keys = new Set(input.targets.map(targetKey));
    await this.store.update((data) => {
      const kept = (data.applied[this.agentDir] ?? []).filter((r: AppliedRecord) => !keys.has(targetKey(r.target)));
      if (kept.length) data.applied[this.agentDir] = kept;
      else delete data.applied[this.agentDir];
    });
    return this.changed();
  }

  close(): void {
    this.offService();
    this.events.removeAllListeners();
  }
}
