/**
 * The Models row's per-level routing (ModelEntry.routingByLevel, pi 1.0.2): neighbouring thinking
 * levels that send the same `provider` object are shown as one line ("at low–high"), so a model
 * whose `off` has its own routing does not take five lines to say it.
 */
import type { Badge, LevelRouting, RoutingObject, ThinkingLevel } from "../../../src-main/core/common/index.js";

export interface LevelRoutingLine {
  levels: ThinkingLevel[];
  /** "high", or "low–high" for a run of levels. */
  label: string;
  routing: RoutingObject | null;
  badges: Badge[];
}

export function levelRoutingLines(byLevel: readonly LevelRouting[] | undefined, order: readonly ThinkingLevel[]): LevelRoutingLine[] {
  const lines: LevelRoutingLine[] = [];
  let previous: ThinkingLevel | null = null;
  for (const entry of byLevel ?? []) {
    const last = lines[lines.length - 1];
    // Only a level right after the previous one, in pi's order, joins its line.
    const adjacent = previous !== null && order.indexOf(entry.level) === order.indexOf(previous) + 1;
    if (last && adjacent && JSON.stringify(last.routing) === JSON.stringify(entry.routing)) last.levels.push(entry.level);
    else lines.push({ levels: [entry.level], label: "", routing: entry.routing, badges: entry.badges });
    previous = entry.level;
  }
  for (const line of lines) line.label = line.levels.length === 1 ? line.levels[0]! : `${line.levels[0]}–${line.levels[line.levels.length - 1]}`;
  return lines;
}
