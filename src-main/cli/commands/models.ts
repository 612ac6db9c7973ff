/**
 * `models [--scoped] [--json] [--verdict] [--agent-dir DIR] [--project DIR]`: the models pi would have that models.json
 * defines or overrides, plus every scoped model; with --scoped, the scope alone in pi's order. With
 * --project, as pi has them when it runs in that folder (its .pi/settings.json merged, core/project-view.ts).
 */
import type { Command } from "commander";
import type { ModelEntry, ProjectView, Snapshot } from "../../core/common/index.js";
import { cliHint, say } from "../cli-command.js";
import { OpenRouterCatalog } from "../../core/openrouter/catalog.js";
import { catalogProblemSource } from "../../core/openrouter/routing-problems.js";
import { openService, printJson, printTable, printVerdict } from "../open-state.js";
import { visibleText } from "../../core/common/visible-text.js";

export function listedModels(snapshot: Snapshot, scopedOnly: boolean): ModelEntry[] {
  const byRef = new Map(snapshot.models.map((m) => [`${m.provider}/${m.id}`, m]));
  const scoped = snapshot.scope.models.map((ref) => byRef.get(ref)!).filter(Boolean);
  if (scopedOnly) return scoped;
  const scopedRefs = new Set(snapshot.scope.models);
  return [...scoped, ...snapshot.models.filter((m) => m.origin !== "built-in" && !scopedRefs.has(`${m.provider}/${m.id}`))];
}

export function modelsReport(snapshot: Snapshot, scopedOnly: boolean) {
  const { agentDir, pi, modelsFile, settingsFile, authFile, noModel, scope, default: defaultModel, verdict } = snapshot;
  return { agentDir, pi, modelsFile, settingsFile, authFile, noModel, default: defaultModel, models: listedModels(snapshot, scopedOnly), scope, ...(verdict ? { verdict } : {}) };
}

/** A project's merged view for people: pi's trust, the values the project overrides, and the switches that do not reach it. */
function printProject(view: ProjectView): void {
  process.stdout.write(`Project: ${visibleText(view.dir)}\n`);
  if (!view.settingsFile.exists) say(`  No .pi/settings.json there: pi uses the agent dir's settings.\n`);
  else if (!view.settingsFile.valid) say(`  ${visibleText(view.settingsFile.path)} does not parse: pi ignores it (${visibleText(view.settingsFile.errors[0]?.message ?? "")}).\n`);
  else say(`  ${visibleText(view.trust.why)}\n`);
  for (const row of view.settings.filter((r) => r.overridden)) process.stdout.write(`  project sets ${row.key}: ${visibleText(JSON.stringify(row.merged))} (agent dir: ${visibleText(JSON.stringify(row.agentDir) ?? "unset")})\n`);
  for (const reach of [view.defaultSwitch, view.scopeSwitch, view.thinkingSwitch]) if (reach.message) say(`  ! ${visibleText(reach.message)}\n`);
}

function printHuman(snapshot: Snapshot, scopedOnly: boolean, project?: ProjectView): void {
  const models = listedModels(snapshot, scopedOnly);
  process.stdout.write(`Agent dir: ${snapshot.agentDir}\n${snapshot.pi.summary}\n`);
  if (project) printProject(project);
  if (snapshot.pi.found && snapshot.pi.problem) say(`${snapshot.pi.problem}\n`);
  if (!snapshot.modelsFile.valid) say(`models.json is invalid: pi drops all its custom models (run ${cliHint("check")}).\n`);
  if (snapshot.noModel) say(`${visibleText(snapshot.noModel)} (${cliHint("check")} says where)\n`);
  process.stdout.write("\n");
  printTable(
    ["", "MODEL", "ROUTING", "KEY", "THINKING"],
    models.map((m) => [
      `${m.default ? "*" : " "}${m.scoped ? "S" : " "}`,
      `${m.provider}/${m.id}`,
      m.badges.map((b) => b.label).join(" ") || (m.openRouter ? "(OpenRouter default)" : "-"),
      m.available ? m.keySource.summary : "no key",
      m.thinkingLevel ?? "",
    ]),
  );
  const withProblems = models.filter((m) => m.problems.length > 0);
  if (withProblems.length) process.stdout.write("\nWhere pi will fail or not do what the files say:\n");
  for (const m of withProblems) {
    for (const p of m.problems) process.stdout.write(`  ${p.severity === "error" ? "✗" : "!"} ${visibleText(`${m.provider}/${m.id}`)}: ${visibleText(p.message)}${p.fix ? ` (the window can apply: ${p.fix.label})` : p.hint ? ` ${visibleText(p.hint)}` : ""}\n`);
  }
  if (snapshot.scope.unmatched.length) process.stdout.write(`\nPatterns that match nothing: ${snapshot.scope.unmatched.map(visibleText).join(", ")}\n`);
  for (const hint of snapshot.scope.hints) say(`  ${visibleText(hint.pattern)}: ${visibleText(hint.message)}\n`);
  for (const advice of snapshot.scope.advice) say(`  ${visibleText(advice.pattern)}: ${visibleText(advice.message)}\n`);
  process.stdout.write(`\n* default  S scoped (${snapshot.scope.models.length} in pi's cycle order)\n`);
  printVerdict(snapshot.verdict);
}

export function registerModels(program: Command): void {
  program
    .command("models")
    .description("List the models pi would have from models.json, and the scoped models")
    .option("--scoped", "only the scoped models, in pi's cycle order")
    .option("--json", "machine-readable output")
    .option("--agent-dir <dir>", "pi's agent dir (default: $PI_CODING_AGENT_DIR or ~/.pi/agent)")
    .option("--verdict", "also ask the installed pi itself and say where it disagrees (a few seconds)")
    .option("--project <dir>", "as pi has them when run in this folder: its .pi/settings.json merged over the agent dir's (read only)")
    .action(async (opts: { scoped?: boolean; json?: boolean; agentDir?: string; verdict?: boolean; project?: string }) => {
      if (opts.project && opts.verdict) throw new Error("--verdict asks pi about the agent dir alone: run it without --project");
      const service = await openService(opts.agentDir, { verdict: Boolean(opts.verdict) });
      // Slugs the cached OpenRouter catalog does not know are problems too (no network: the cache only).
      const catalog = new OpenRouterCatalog();
      service.addProblemSource(catalogProblemSource((id) => catalog.cachedEndpoints(id)));
      await Promise.all([service.settledVerdict(), service.refreshProblems()]);
      const project = opts.project ? await service.projectView(opts.project) : undefined;
      const snapshot = project?.snapshot ?? service.snapshot();
      if (opts.json) printJson({ ...modelsReport(snapshot, Boolean(opts.scoped)), ...(project ? { project: project.view } : {}) });
      else printHuman(snapshot, Boolean(opts.scoped), project?.view);
      service.close();
    });
}
