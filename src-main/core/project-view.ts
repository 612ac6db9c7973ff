/**
 * What pi uses when it runs in a project folder: the agent dir's files with the project's
 * `.pi/settings.json` merged over settings.json (pi/project-settings.ts) when pi loads it (project
 * trust, pi/project-trust.ts). Reads the project's files, never writes them. The whole engine
 * (agent-state.ts) runs on the merged settings, so the scope and start model are pi's in that
 * folder. Used by the service (the window's Projects view) and `models --project`.
 */
import { realpath, stat } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import type { ActionResult, FileReport, ProjectView } from "./common/index.js";
import { buildAgentState, textVersion, type AgentFiles, type AgentState, type FileText } from "./agent-state.js";
import { readText } from "./pi/read-agent-files.js";
import type { PiCatalog } from "./pi/pi-install.js";
import { mergeProjectSettings, projectSettingRows, switchReach } from "./pi/project-settings.js";
import { projectTrust } from "./pi/project-trust.js";
import { checkSettingsText } from "./pi/settings-file.js";

export interface ProjectFiles {
  /** The folder as given (absolute). */
  dir: string;
  /** With symlinks resolved: what pi's trust.json keys name. */
  canonicalDir: string;
  settings: FileText;
  trust: FileText;
}

export async function readProjectFiles(agentDir: string, dir: string): Promise<ProjectFiles> {
  const absolute = resolve(dir);
  const [canonicalDir, settings, trust] = await Promise.all([realpath(absolute).catch(() => absolute), readText(join(absolute, ".pi", "settings.json")), readText(join(agentDir, "trust.json"))]);
  return { dir: absolute, canonicalDir, settings, trust };
}

/** `catalog` made ready for `files` (catalogForFiles), as buildAgentState needs it. */
export function buildProjectView(agentDir: string, files: AgentFiles, project: ProjectFiles, catalog: PiCatalog, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): { view: ProjectView; state: AgentState } {
  const { rules } = catalog;
  const check = project.settings.text === null ? null : checkSettingsText(project.settings.text, rules);
  const settingsFile: FileReport = {
    path: project.settings.path,
    exists: project.settings.text !== null || project.settings.readError !== undefined,
    valid: project.settings.readError === undefined && (check?.valid ?? true),
    errors: project.settings.readError !== undefined ? [{ message: project.settings.readError, line: null, column: null }] : (check?.errors ?? []),
    warnings: check?.warnings ?? [],
    version: textVersion(project.settings.text),
  };
  const projectRaw = check?.valid ? (check.raw ?? {}) : {};
  let view: Omit<ProjectView, "scope" | "default" | "defaultSwitch" | "scopeSwitch" | "thinkingSwitch"> | undefined;
  const state = buildAgentState(agentDir, files, catalog, env, (agent) => {
    const trust = projectTrust({ canonicalDir: project.canonicalDir, trustText: project.trust.text, defaultProjectTrust: agent.raw.defaultProjectTrust, caseInsensitive: platform === "win32" }, rules);
    // pi reads an unparsable project file as no project settings (and says so); "ask" is shown as granted.
    const applies = trust.decision !== "untrusted" && check !== null && check.valid;
    view = { dir: project.dir, settingsFile, trust, applies, settings: projectSettingRows(agent.raw, projectRaw, applies) };
    return applies ? mergeProjectSettings(agent, { settings: check!.settings, raw: projectRaw }) : agent.settings;
  });
  const { scope, default: defaultModel } = state.snapshot;
  return { view: { ...view!, scope, default: defaultModel, ...switchReach(view!.settings, "The project's .pi/settings.json", defaultModel.start?.ref ?? null) }, state };
}

/** The API's answer for a folder a user typed or picked: an absolute path to an existing folder, else why not. */
export async function projectViewResult(service: { projectView(dir: string): Promise<{ view: ProjectView }> }, dir: string): Promise<ActionResult<ProjectView>> {
  if (!isAbsolute(dir)) return { ok: false, error: { code: "invalid-input", message: `${dir} is not an absolute path: give the project folder's full path.` } };
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) return { ok: false, error: { code: "not-found", message: `${dir} is not a folder (moved or deleted?).` } };
  return { ok: true, value: (await service.projectView(dir)).view };
}
