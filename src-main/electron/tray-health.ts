/**
 * The health watch in the tray, as data (tray-menu.ts hooks it in, tray.ts runs the actions): a
 * line per scoped model whose every pinned provider is degraded, which pins the next endpoint in
 * one click, and an undo line per switch made from here, which puts models.json back as it was
 * (the save's backup, the window's "Undo last save" rule). The icon turns amber while any pinned
 * model is degraded.
 */
import type { EndpointSwitch, HealthReport, Snapshot } from "../core/common/index.js";
import type { TrayMenuItem } from "./tray-menu-item.js";
import { shortModelName } from "./tray-menu.js";

/** The tray icon's tone: amber while a pinned model's every provider is degraded. */
export function trayTone(report: HealthReport | null): "normal" | "amber" {
  return report?.degraded.length ? "amber" : "normal";
}

function nameOf(snapshot: Snapshot, ref: string): string {
  const model = snapshot.models.find((m) => `${m.provider}/${m.id}` === ref);
  return model ? shortModelName(model) : ref;
}

export function healthItems(snapshot: Snapshot, report: HealthReport | null, switches: readonly EndpointSwitch[]): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  for (const d of report?.degraded ?? []) {
    const name = nameOf(snapshot, d.ref);
    const why = d.health.pinned.map((p) => `${p.provider} (${p.tag}): ${p.degraded}`).join("\n");
    const next = d.health.next;
    items.push(
      next
        ? { label: `⚠ ${name}: pinned provider degraded — switch to ${next.provider}`, toolTip: `${why}\nPins ${d.ref} to ${next.tag} (uptime ${next.uptime ?? "unknown"}%); undo from this menu.`, action: { kind: "switchEndpoint", ref: d.ref } }
        : { label: `⚠ ${name}: every pinned provider degraded, none healthy`, toolTip: why, action: { kind: "openWindow", view: "health" } },
    );
  }
  for (const s of switches) items.push({ label: `↶ Undo: ${nameOf(snapshot, s.ref)} back to ${s.from.join(", ")}`, toolTip: `Puts models.json back as it was before ${s.ref} was pinned to ${s.to}.`, action: { kind: "undoEndpointSwitch", ref: s.ref } });
  return items;
}

/** Models the new report finds degraded that the previous one did not (each is notified once per episode). */
export function newlyDegraded(previous: HealthReport | null, next: HealthReport): HealthReport["degraded"] {
  const before = new Set(previous?.degraded.map((d) => d.ref) ?? []);
  return next.degraded.filter((d) => !before.has(d.ref));
}

export function degradedNotice(d: HealthReport["degraded"][number], snapshot: Snapshot | null): { title: string; body: string } {
  const name = snapshot ? nameOf(snapshot, d.ref) : d.ref;
  const pinned = d.health.pinned.map((p) => `${p.provider}: ${p.degraded}`).join("; ");
  const next = d.health.next ? ` Switch to ${d.health.next.provider} from the tray menu (undo there too).` : " No healthy provider of this model is known.";
  return { title: `${name}: pinned provider degraded`, body: `${pinned}.${next}` };
}
