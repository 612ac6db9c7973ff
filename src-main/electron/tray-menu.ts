/**
 * The tray quick-switch as data: a pure function from the snapshot to a menu template. tray.ts
 * turns the template into Electron's Menu and maps each item's `action` (plain data, never a
 * closure) to a command, so everything a user sees in the tray is decided — and unit-tested — here.
 */
import type { CreditsInfo, KeyHealth, ModelEntry, Snapshot, ThinkingLevel } from "../core/common/index.js";
import { visibleText } from "../core/common/visible-text.js";
import { creditsLine } from "../core/common/openrouter/credits-line.js";
import type { ProfilesState, ProjectView } from "../core/common/index.js";
import type { ProblemView, TrayMenuItem } from "./tray-menu-item.js";
import { profileItems } from "./tray-profiles.js";

export type { ProblemView, TrayAction, TrayMenuItem } from "./tray-menu-item.js";

export interface TrayMenuInput {
  /** null while the service is still starting. */
  snapshot: Snapshot | null;
  launchAtLogin: boolean;
  /** A test-prompt feature is plugged into the host. */
  canTest: boolean;
  /** Windows and Linux read "&" in a label as a mnemonic marker; macOS shows it as is. */
  platform: NodeJS.Platform;
  /** The packaged app on Linux and macOS can put `pi-switchboard` on PATH (cli-install.ts). */
  canInstallCli?: boolean;
  /** The last key-health check (start, tray open): a failing one is a problem line with its fix. */
  keyHealth?: KeyHealth | null;
  /** Routing profiles and what they applied (tray-profiles.ts): the "Routing profile" submenu. */
  profiles?: ProfilesState | null;
  /** Preferences favouriteModels and recentModels ("provider/id"), shown above the scope. */
  favourites?: readonly string[];
  recents?: readonly string[];
  /** The last credits check of the key pi uses, and the low-credit threshold (USD) that marks it. */
  credits?: CreditsInfo | null;
  /** Today's spend from pi's session files (pi's estimate, USD); null until read. */
  spendToday?: number | null;
  lowCreditThreshold?: number | null;
  /** The global shortcut as the system prints it ("⌘⌥P"), "" when off: shown on "Search models…". */
  switcherShortcut?: string;
  /** The health watch's lines (tray-health.ts): a degraded pinned model's switch, and its undo. */
  health?: TrayMenuItem[];
  /** The project picked in the window's Projects view: a line under the model when pi starts with another one there. */
  project?: ProjectView | null;
}

export interface TrayProblem {
  label: string;
  /** More than a menu line holds (pi's own error line when it does not start). */
  toolTip?: string;
  view: ProblemView;
}

/** Up to this many scoped models sit directly in the menu; above it each provider gets a submenu. */
export const INLINE_LIMIT = 20;
/** A provider submenu longer than this is split, so a native menu never outgrows the screen. */
export const CHUNK_SIZE = 25;
const MAX_LABEL = 90;

function refOf(model: ModelEntry): string {
  return `${model.provider}/${model.id}`;
}

function truncate(text: string, max = MAX_LABEL): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Name, then the routing badges and the scope's thinking level, short enough for a menu line. */
export function modelLabel(model: ModelEntry): string {
  const extras = model.badges.map((b) => b.label);
  if (model.thinkingLevel) extras.push(`thinking ${model.thinkingLevel}`);
  if (!model.available) extras.push("no key");
  const name = model.name && model.name !== model.id ? model.name : model.id;
  return truncate(extras.length ? `${name}  [${extras.join(" · ")}]` : name);
}

/** The models the tray offers: pi's Ctrl+P cycle (the scope), or every available model when the scope is unset, as pi does. */
export function quickSwitchModels(snapshot: Snapshot): ModelEntry[] {
  const byRef = new Map(snapshot.models.map((m) => [refOf(m), m] as const));
  if (snapshot.scope.unset) return snapshot.models.filter((m) => m.available);
  return snapshot.scope.models.map((ref) => byRef.get(ref)).filter((m): m is ModelEntry => m !== undefined);
}

/** Providers in order of their first model in the cycle; each provider's models in cycle order. */
export function groupByProvider(models: ModelEntry[]): { provider: string; models: ModelEntry[] }[] {
  const groups = new Map<string, ModelEntry[]>();
  for (const model of models) {
    const group = groups.get(model.provider);
    if (group) group.push(model);
    else groups.set(model.provider, [model]);
  }
  return [...groups].map(([provider, list]) => ({ provider, models: list }));
}

/** What keeps pi from working as the user expects, each with the window view that explains it. */
export function trayProblems(snapshot: Snapshot): TrayProblem[] {
  const problems: TrayProblem[] = [];
  // pi that does not start comes first, in words that fit a menu line; its own error line is the tooltip.
  const failure = snapshot.pi.startFailure;
  if (failure) problems.push({ label: truncate(`pi ${snapshot.pi.version ?? ""} does not start — run ${failure.command}`.replace("pi  ", "pi ")), toolTip: failure.firstErrorLine, view: "health" });
  // pi missing (with how to install it), or a Node that cannot run it.
  else if (!snapshot.pi.found || snapshot.pi.problem) problems.push({ label: truncate(snapshot.pi.problem ?? "pi not found — install pi or set PI_SWITCHBOARD_PI"), view: "health" });
  if (snapshot.modelsFile.exists && !snapshot.modelsFile.valid) {
    problems.push({ label: "models.json is invalid — pi drops all custom models", view: "models-file" });
  }
  if (snapshot.settingsFile.exists && !snapshot.settingsFile.valid) problems.push({ label: "settings.json does not parse", view: "settings-file" });
  // What pi does then depends on the version (no key from it, no model at all, or no start): its error says.
  const authUnreadable = snapshot.authFile.exists && !snapshot.authFile.valid;
  if (authUnreadable) problems.push({ label: "auth.json: pi cannot read its logins", toolTip: truncate(snapshot.authFile.errors[0]?.message ?? "", 300), view: "health" });
  // A settings.json pi reads but stops on (a non-pattern in enabledModels): its error says which item.
  // Said beside an unreadable auth.json too: before pi 0.84.0 that only costs keys, this costs the start.
  const settingsStop = snapshot.settingsFile.valid ? snapshot.settingsFile.errors[0] : undefined;
  if (settingsStop) problems.push({ label: "pi stops at start on settings.json", toolTip: truncate(settingsStop.message, 300), view: "settings-file" });
  const { provider, id, resolved } = snapshot.default;
  if (provider && id && !resolved) problems.push({ label: truncate(`Default ${provider}/${id} is not a model pi has`), view: "health" });
  const defaultModel = snapshot.models.find((m) => m.default);
  if (defaultModel && !defaultModel.available && !authUnreadable) problems.push({ label: truncate(`No key for ${defaultModel.provider} (the default's provider)`), view: "key" });
  const unmatched = snapshot.scope.unmatched.length;
  if (unmatched > 0) problems.push({ label: `${unmatched} scope pattern${unmatched === 1 ? "" : "s"} match no model`, view: "scope" });
  return problems;
}

/** A provider whose vault-key command would send the key to `host`: clicking removes the command from it. */
export function keyLeakItem(leak: Snapshot["keyLeaks"][number]): TrayMenuItem {
  return {
    // The action stays readable however long the names: they are cut, not the words that say what a click does.
    label: `⚠ Key would go to ${truncate(leak.host, 32)} (${truncate(leak.provider, 24)}) — remove key command`,
    toolTip: `${leak.provider} reads the vault's key, but its baseUrl is not OpenRouter's. Click to take the key command out of auth.json for ${leak.provider} only.`,
    action: { kind: "removeKeyCommand", provider: leak.provider },
  };
}

/** Which pi the app reads and which Node runs it, short for a menu line; the tooltip has the paths,
 *  Config health the rest. */
export function piLine(pi: Snapshot["pi"]): TrayMenuItem {
  const node = pi.node ? `Node ${pi.node.version ?? "?"}` : "no Node";
  if (pi.startFailure) return { label: truncate(`pi ${pi.version ?? "?"} · fails to start`), toolTip: `${pi.summary}\n${pi.startFailure.firstErrorLine}`, action: { kind: "openWindow", view: "health" } };
  const label = pi.found ? truncate(`pi ${pi.version ?? "?"} · ${node}`) : "pi not found";
  return { label, toolTip: pi.summary, action: { kind: "openWindow", view: "health" } };
}

/** The tooltip names the current default, as pi would start with it. */
export function trayTooltip(snapshot: Snapshot | null): string {
  if (!snapshot) return "Pi Switchboard — reading pi's files…";
  const { provider, id, thinkingLevel } = snapshot.default;
  if (!provider || !id) return "Pi Switchboard — no default model";
  return truncate(`Pi Switchboard — ${provider}/${id}${thinkingLevel ? ` (thinking ${thinkingLevel})` : ""}`, 120);
}

/** The mark on a model pi will fail on (ModelEntry.problems, an error): seen before the click. */
export const FAILS_MARK = "⚠ ";

/**
 * A model's line. One pi will fail on is marked, its tooltip says why, and a click opens the
 * window's question (#/switch/<ref>, the same as "Make default") instead of switching silently.
 */
function modelItem(model: ModelEntry): TrayMenuItem {
  const errors = model.problems.filter((p) => p.severity === "error");
  if (errors.length === 0) return { label: modelLabel(model), type: "radio", checked: model.default, action: { kind: "useModel", ref: refOf(model) } };
  return {
    label: `${FAILS_MARK}${modelLabel(model)}`,
    type: "radio",
    checked: model.default,
    toolTip: truncate(`pi will fail on this model: ${errors.map((p) => p.message).join(" ")}`, 300),
    action: { kind: "openWindow", view: `switch/${encodeURIComponent(refOf(model))}` },
  };
}

function chunkLabel(models: ModelEntry[], start: number): string {
  const first = models[0];
  const last = models[models.length - 1];
  const range = `${start + 1}–${start + models.length}`;
  return first && last ? truncate(`${range}: ${first.id} … ${last.id}`, 60) : range;
}

function providerSubmenu(provider: string, models: ModelEntry[]): TrayMenuItem {
  const hasDefault = models.some((m) => m.default);
  const label = `${provider} (${models.length})${hasDefault ? " ✓" : ""}`;
  if (models.length <= CHUNK_SIZE) return { label, type: "submenu", submenu: models.map(modelItem) };
  const chunks: TrayMenuItem[] = [];
  for (let start = 0; start < models.length; start += CHUNK_SIZE) {
    const slice = models.slice(start, start + CHUNK_SIZE);
    chunks.push({ label: chunkLabel(slice, start) + (slice.some((m) => m.default) ? " ✓" : ""), type: "submenu", submenu: slice.map(modelItem) });
  }
  return { label, type: "submenu", submenu: chunks };
}

function modelSection(snapshot: Snapshot): TrayMenuItem[] {
  const models = quickSwitchModels(snapshot);
  const items: TrayMenuItem[] = [];
  // The default stays one click away even when it is outside the scope (pi starts with it anyway).
  const defaultModel = snapshot.models.find((m) => m.default);
  if (defaultModel && !models.includes(defaultModel)) items.push(modelItem(defaultModel), { type: "separator" });
  if (models.length === 0) {
    items.push({ label: snapshot.scope.unset ? "No model has a key yet" : "No scoped model", enabled: false });
    return items;
  }
  const groups = groupByProvider(models);
  if (models.length <= INLINE_LIMIT) {
    groups.forEach((group, index) => {
      if (index > 0) items.push({ type: "separator" });
      items.push({ label: group.provider, enabled: false }, ...group.models.map(modelItem));
    });
  } else {
    items.push(...groups.map((g) => providerSubmenu(g.provider, g.models)));
  }
  return items;
}

/** The levels the detected pi accepts (`max` from pi 0.80.6), so the menu never writes one it would not understand. */
function thinkingSubmenu(level: ThinkingLevel | null, levels: readonly ThinkingLevel[]): TrayMenuItem {
  return {
    label: `Thinking level: ${level ?? "pi's default"}`,
    type: "submenu",
    submenu: levels.map((l) => ({ label: l, type: "radio", checked: l === level, action: { kind: "setThinkingLevel", level: l } })),
  };
}

/** Favourites beyond this many go into a "More favourites" submenu; recents beyond it are left out. */
export const LIST_INLINE_LIMIT = 10;
/** The macOS menu-bar title: short, the bar is shared with every other app. */
const TITLE_MAX = 24;

/** A model's name for a tight spot: OpenRouter's "Vendor: " prefix and an id's path dropped. */
export function shortModelName(model: Pick<ModelEntry, "name" | "id">): string {
  const name = model.name && model.name !== model.id ? model.name.replace(/^[^:]{1,30}:\s+/, "") : (model.id.split("/").pop() ?? model.id);
  return name || model.id;
}

/** The menu-bar title next to the icon: the default's short name, on macOS only (tray.setTitle), when the user asked for it. */
export function trayTitle(snapshot: Snapshot | null, enabled: boolean, platform: NodeJS.Platform): string {
  if (!enabled || platform !== "darwin" || !snapshot) return "";
  const current = snapshot.models.find((m) => m.default);
  return current ? truncate(shortModelName(current), TITLE_MAX) : "";
}

/** The thinking level pi starts the default with: what start-model.ts computed, else the saved level. */
function currentThinkingLevel(snapshot: Snapshot, current: ModelEntry): ThinkingLevel | null {
  const start = snapshot.default.start;
  return start && start.ref === refOf(current) ? start.thinkingLevel : snapshot.default.thinkingLevel;
}

/** The first line: which model pi starts with, one click from the switcher. */
/** When the default picked here does not reach the project (its .pi/settings.json sets its own): what pi starts with there. */
export function projectItem(view: ProjectView): TrayMenuItem | null {
  if (!view.applies || view.defaultSwitch.reaches === "yes") return null;
  const name = view.dir.split(/[/\\]/).filter(Boolean).pop() ?? view.dir;
  const start = view.default.start?.ref ?? "no model";
  return { label: truncate(`In ${name}, pi starts with ${start}`), toolTip: `${view.dir}: ${view.defaultSwitch.message}`, action: { kind: "openWindow", view: "projects" } };
}

function currentModelItem(snapshot: Snapshot): TrayMenuItem {
  const current = snapshot.models.find((m) => m.default);
  if (!current) return { label: "No default model — pick one", action: { kind: "openSwitcher" } };
  const level = currentThinkingLevel(snapshot, current);
  return {
    label: truncate(`Default: ${shortModelName(current)}${level ? ` · thinking ${level}` : ""}`),
    toolTip: `${refOf(current)} — key: ${current.keySource.summary}`,
    action: { kind: "openSwitcher" },
  };
}

function creditsItem(credits: CreditsInfo, threshold: number | null, spendToday: number | null): TrayMenuItem {
  const line = creditsLine(credits, threshold);
  // What pi's sessions say today cost (pi's estimate), beside what the key has left.
  const today = spendToday === null ? "" : ` · ${spendDollars(spendToday)} today`;
  return { label: truncate(`${line.text}${today}`), toolTip: spendToday === null ? line.detail : `${line.detail}. Today: pi's estimate from its session files (Spend view).`, action: { kind: "openWindow", view: "key" } };
}

/** Cents, or a fraction of a cent when that is all a day cost so far. */
const spendDollars = (usd: number) => (usd > 0 && usd < 0.01 ? "<$0.01" : `$${usd.toFixed(2)}`);

/** The models a ref list names, in its order; refs pi no longer has are left out (they stay stored). */
function modelsOf(snapshot: Snapshot, refs: readonly string[]): ModelEntry[] {
  const byRef = new Map(snapshot.models.map((m) => [refOf(m), m] as const));
  return refs.map((ref) => byRef.get(ref)).filter((m): m is ModelEntry => m !== undefined);
}

/** Favourites, then recents (without the default and the favourites), each under its header: one click to switch. */
function shortlistSection(snapshot: Snapshot, favouriteRefs: readonly string[], recentRefs: readonly string[]): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  const favourites = modelsOf(snapshot, favouriteRefs);
  if (favourites.length) {
    items.push({ label: "Favourites", enabled: false }, ...favourites.slice(0, LIST_INLINE_LIMIT).map(modelItem));
    const more = favourites.slice(LIST_INLINE_LIMIT);
    if (more.length) items.push({ label: `More favourites (${more.length})`, type: "submenu", submenu: more.map(modelItem) });
  }
  const recents = modelsOf(snapshot, recentRefs).filter((m) => !m.default && !favourites.includes(m)).slice(0, LIST_INLINE_LIMIT);
  if (recents.length) {
    if (items.length) items.push({ type: "separator" });
    items.push({ label: "Recent", enabled: false }, ...recents.map(modelItem));
  }
  return items;
}

/**
 * Every label as the native menu must get it: names from pi's files with bidi and invisible
 * characters written out (visibleText), so "evil\u202Eai.nepo" cannot pass for another model; and on
 * Windows and Linux, which read "&" as a mnemonic marker, "&&" to show one "&".
 */
function nativeLabels(items: TrayMenuItem[], escapeMnemonics: boolean): TrayMenuItem[] {
  return items.map((item) => ({
    ...item,
    ...(item.label !== undefined ? { label: escapeMnemonics ? visibleText(item.label).replaceAll("&", "&&") : visibleText(item.label) } : {}),
    ...(item.submenu ? { submenu: nativeLabels(item.submenu, escapeMnemonics) } : {}),
  }));
}

export function buildTrayMenu(input: TrayMenuInput): TrayMenuItem[] {
  const { snapshot } = input;
  const items: TrayMenuItem[] = [];
  if (!snapshot) {
    items.push({ label: "Reading pi's files…", enabled: false });
  } else {
    // What keeps pi from working comes first; then what pi starts with and what the key has left.
    // A key about to go to another host outranks everything: one click takes the command away.
    for (const leak of snapshot.keyLeaks) items.push(keyLeakItem(leak));
    if (input.keyHealth && !input.keyHealth.ok) items.push({ label: `⚠ ${truncate(input.keyHealth.problem ?? "pi cannot read the OpenRouter key")}`, toolTip: input.keyHealth.fix ?? undefined, action: { kind: "openWindow", view: "key" } });
    for (const problem of trayProblems(snapshot)) items.push({ label: `⚠ ${problem.label}`, ...(problem.toolTip ? { toolTip: problem.toolTip } : {}), action: { kind: "openWindow", view: problem.view } });
    items.push(...(input.health ?? []));
    items.push(currentModelItem(snapshot));
    const project = input.project ? projectItem(input.project) : null;
    if (project) items.push(project);
    if (input.credits) items.push(creditsItem(input.credits, input.lowCreditThreshold ?? null, input.spendToday ?? null));
    items.push({ type: "separator" });
    const shortlist = shortlistSection(snapshot, input.favourites ?? [], input.recents ?? []);
    if (shortlist.length) items.push(...shortlist, { type: "separator" });
    const shortcut = input.switcherShortcut ? ` (${input.switcherShortcut})` : "";
    items.push(...modelSection(snapshot), { type: "separator" }, { label: `Search models…${shortcut}`, action: { kind: "openSwitcher" } }, thinkingSubmenu(snapshot.default.thinkingLevel, snapshot.pi.thinkingLevels), piLine(snapshot.pi));
    items.push(...profileItems(snapshot, input.profiles));
  }
  const hasDefault = Boolean(snapshot?.default.resolved);
  items.push(
    { type: "separator" },
    { label: "Open Switchboard…", action: { kind: "openWindow", view: null } },
    { label: "Test the default model", enabled: input.canTest && hasDefault, action: { kind: "testDefault" } },
    { type: "separator" },
    { label: "Launch at login", type: "checkbox", checked: input.launchAtLogin, action: { kind: "toggleLaunchAtLogin" } },
    { label: "Preferences…", action: { kind: "openWindow", view: "preferences" } },
    ...(input.canInstallCli ? [{ label: "Install command-line tool…", action: { kind: "installCli" } } satisfies TrayMenuItem] : []),
    { label: "Quit Pi Switchboard", action: { kind: "quit" } },
  );
  return nativeLabels(items, input.platform !== "darwin");
}
