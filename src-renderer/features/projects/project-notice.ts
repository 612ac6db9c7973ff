/**
 * The sentence a default switch adds when it will not reach the project picked in Projects (the
 * quick switcher says it beside its own notice): the pick and its view asked again after the
 * switch, so a switch made the moment the switcher opens is covered too.
 */
import type { SwitchboardApi } from "../../../src-main/core/common/index.js";
import { defaultSwitchReaches } from "../../../src-main/core/common/project-reach";
import { visibleText } from "../../../src-main/core/common/visible-text";

export async function projectNotice(api: SwitchboardApi, ref: string): Promise<string | null> {
  const dir = (await api.invoke("getPreferences", null).catch(() => null))?.values.project;
  if (!dir) return null;
  const result = await api.invoke("projectView", { dir }).catch(() => null);
  if (!result?.ok || !result.value.applies || defaultSwitchReaches(result.value, ref)) return null;
  const { defaultSwitch, default: start } = result.value;
  const there = `In ${visibleText(dir)}, pi still starts with ${visibleText(start.start?.ref ?? "another model")}`;
  return defaultSwitch.reaches === "scoped" ? `${there}: the project's scope (enabledModels) does not hold this model.` : `${there}: the project's .pi/settings.json sets its own default.`;
}
