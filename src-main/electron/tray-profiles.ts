/**
 * The tray's "Routing profile" submenu, as data (tray-menu.ts hooks it in): which profile the
 * models in pi's scope carry now, and one item per profile that opens the window's Profiles view
 * with that profile's diff for every scoped OpenRouter model.
 *
 * Why not write from the menu and offer Undo in a notification: applying a profile to every
 * scoped model rewrites routing across models.json, and a native menu has no room for the diff.
 * Electron's notification actions (an "Undo" button) exist on macOS only, so on Windows and Linux
 * a click would write unseen with no undo in reach. One more click on Save, after seeing the diff,
 * is the safer trade on every OS; the checkmark still shows the current profile at a glance.
 */
import type { ProfilesState, Snapshot } from "../core/common/index.js";
import { profileLabel } from "../core/common/profiles/profile-rules.js";
import { targetsForScope } from "../core/profiles/profile-targets.js";
import { targetKey } from "../core/common/profiles/routing-at.js";
import type { TrayMenuItem } from "./tray-menu-item.js";

/** What the scoped OpenRouter models carry now: one profile, several, a hand edit since, or none. */
export function scopedProfile(snapshot: Snapshot, profiles: ProfilesState): { label: string; profile: string | null } {
  const { targets } = targetsForScope(snapshot, { kind: "scoped" });
  const byTarget = new Map(profiles.applied.map((a) => [targetKey(a.target), a] as const));
  // A model without a record of its own carries what was applied to its provider (profiles write there when all its models share it).
  const records = targets.map((t) => byTarget.get(targetKey(t.target)) ?? byTarget.get(targetKey({ level: "provider", provider: t.target.provider })));
  if (records.some((r) => r?.state === "drifted")) return { label: "edited by hand", profile: null };
  const names = new Set(records.map((r) => (r ? profileLabel(r.profile, r.provider) : null)));
  if (names.size === 1) {
    const [only] = names;
    return only ? { label: only, profile: records[0]!.profile } : { label: "none", profile: null };
  }
  return { label: "mixed", profile: null };
}

/** The submenu, or nothing while profiles are unknown or no scoped model takes OpenRouter routing. */
export function profileItems(snapshot: Snapshot, profiles: ProfilesState | null | undefined): TrayMenuItem[] {
  if (!profiles || targetsForScope(snapshot, { kind: "scoped" }).targets.length === 0) return [];
  const current = scopedProfile(snapshot, profiles);
  const submenu: TrayMenuItem[] = [
    { label: "Review for every scoped model:", enabled: false },
    ...profiles.profiles.map((p): TrayMenuItem => ({
      label: p.parameter === "provider" ? `${p.name}…` : p.name,
      type: "radio",
      checked: current.profile === p.name,
      toolTip: p.description,
      action: { kind: "openWindow", view: `profiles/apply/${p.name}` },
    })),
    { type: "separator" },
    { label: "Manage profiles…", action: { kind: "openWindow", view: "profiles" } },
  ];
  return [{ label: `Routing profile: ${current.label}`, type: "submenu", submenu }];
}
