/**
 * Whether making one model pi's default (tray, switcher, Models view) changes what pi starts with in
 * a project: the project view's defaultSwitch, applied to that model. Pure; the renderer and the tray share it.
 */
import type { ProjectView } from "./contract/projects.js";

export function defaultSwitchReaches(view: Pick<ProjectView, "defaultSwitch" | "scope">, ref: string): boolean {
  const { reaches } = view.defaultSwitch;
  return reaches === "yes" || (reaches === "scoped" && view.scope.models.includes(ref));
}
