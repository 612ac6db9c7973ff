/**
 * The tray quick-switch as data: a pure function from the snapshot to a menu template. tray.ts
 * turns the template into Electron's Menu and maps each item's `action` (plain data, never a
 * closure) to a command, so everything a user sees in the tray is decided — and unit-tested — here.
 */
import type { KeyHealth, ModelEntry, Snapshot, ThinkingLevel } from "../core/contract.js";

/** Where the window opens when the user clicks a problem line (the renderer's route). */
export type ProblemView = "health" | "models-file" | "settings-file" | "key" | "scope" | "preferences";

export type TrayAction =
  | { kind: "useModel"; ref: string }
  | { kind: "setThinkingLevel"; level: ThinkingLevel }
  | { kind: "openWindow"; view: ProblemView | null }
  | { kind: "testDefault" }
  | { kind: "toggleLaunchAtLogin" }
  | { kind: "quit" };

export interface TrayMenuItem {
  label?: string;
  type?: "normal" | "separator" | "submenu" | "checkbox" | "radio";
  checked?: boolean;
  enabled?: boolean;
  toolTip?: string;
  submenu?: TrayMenuItem[];
  action?: TrayAction;
}

export interface TrayMenuInput {
  /** null while the service is still starting. */
  snapshot: Snapshot | null;
  launchAtLogin: boolean;
  /** A test-prompt feature is plugged into the host. */
  canTest: boolean;
  /** Windows and Linux read "&" in a label as a mnemonic marker; macOS shows it as is. */
  platform: NodeJS.Platform;
  /** The last key-health check (start, tray open): a failing one is a problem line with its fix. */
  keyHealth?: KeyHealth | null;
}

export interface TrayProblem {
  label: string;
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
  // pi missing (with how to install it), or a Node that cannot run it.
  if (!snapshot.pi.found || snapshot.pi.problem) problems.push({ label: truncate(snapshot.pi.problem ?? "pi not found — install pi or set PI_SWITCHBOARD_PI"), view: "health" });
  if (snapshot.modelsFile.exists && !snapshot.modelsFile.valid) {
    problems.push({ label: "models.json is invalid — pi drops all custom models", view: "models-file" });
  }
  if (snapshot.settingsFile.exists && !snapshot.settingsFile.valid) problems.push({ label: "settings.json does not parse", view: "settings-file" });
  const { provider, id, resolved } = snapshot.default;
  if (provider && id && !resolved) problems.push({ label: truncate(`Default ${provider}/${id} is not a model pi has`), view: "health" });
  const defaultModel = snapshot.models.find((m) => m.default);
  if (defaultModel && !defaultModel.available) problems.push({ label: truncate(`No key for ${defaultModel.provider} (the default's provider)`), view: "key" });
  const unmatched = snapshot.scope.unmatched.length;
  if (unmatched > 0) problems.push({ label: `${unmatched} scope pattern${unmatched === 1 ? "" : "s"} match no model`, view: "scope" });
  return problems;
}

/** Which pi the app reads and which Node runs it, short for a menu line; the tooltip has the paths,
 *  Config health the rest. */
export function piLine(pi: Snapshot["pi"]): TrayMenuItem {
  const node = pi.node ? `Node ${pi.node.version ?? "?"}` : "no Node";
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

function modelItem(model: ModelEntry): TrayMenuItem {
  return { label: modelLabel(model), type: "radio", checked: model.default, action: { kind: "useModel", ref: refOf(model) } };
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

/** Native menus read "&" as a mnemonic marker on Windows and Linux; "&&" shows one "&". */
function escapeMnemonics(items: TrayMenuItem[]): TrayMenuItem[] {
  return items.map((item) => ({
    ...item,
    ...(item.label !== undefined ? { label: item.label.replaceAll("&", "&&") } : {}),
    ...(item.submenu ? { submenu: escapeMnemonics(item.submenu) } : {}),
  }));
}

export function buildTrayMenu(input: TrayMenuInput): TrayMenuItem[] {
  const { snapshot } = input;
  const items: TrayMenuItem[] = [];
  if (!snapshot) {
    items.push({ label: "Reading pi's files…", enabled: false });
  } else {
    if (input.keyHealth && !input.keyHealth.ok) items.push({ label: `⚠ ${truncate(input.keyHealth.problem ?? "pi cannot read the OpenRouter key")}`, toolTip: input.keyHealth.fix ?? undefined, action: { kind: "openWindow", view: "key" } });
    for (const problem of trayProblems(snapshot)) items.push({ label: `⚠ ${problem.label}`, action: { kind: "openWindow", view: problem.view } });
    if (items.length) items.push({ type: "separator" });
    items.push(...modelSection(snapshot), { type: "separator" }, thinkingSubmenu(snapshot.default.thinkingLevel, snapshot.pi.thinkingLevels), piLine(snapshot.pi));
  }
  const hasDefault = Boolean(snapshot?.default.resolved);
  items.push(
    { type: "separator" },
    { label: "Open Switchboard…", action: { kind: "openWindow", view: null } },
    { label: "Test the default model", enabled: input.canTest && hasDefault, action: { kind: "testDefault" } },
    { type: "separator" },
    { label: "Launch at login", type: "checkbox", checked: input.launchAtLogin, action: { kind: "toggleLaunchAtLogin" } },
    { label: "Preferences…", action: { kind: "openWindow", view: "preferences" } },
    { label: "Quit Pi Switchboard", action: { kind: "quit" } },
  );
  return input.platform === "darwin" ? items : escapeMnemonics(items);
}
