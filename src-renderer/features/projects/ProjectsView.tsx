/**
 * Projects: what pi uses when it runs in a folder whose `.pi/settings.json` is merged over the agent
 * dir's (core/project-view.ts). The user picks one of the folders pi has sessions for (or types
 * one); the view shows pi's trust decision, each model setting on both sides with the ones the
 * project overrides marked, the model and scope pi starts with there, and which switches made in
 * this app (they write the agent dir's settings.json) do not reach that folder. The pick is a
 * preference. Nothing here writes the project's files.
 */
import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { ProjectEntry, ProjectSetting, ProjectView, SwitchReach } from "../../../src-main/core/common/index.js";
import { useSwitchboard } from "../../api/context";
import { EmptyState, Notice } from "../../ui/Notice";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { ProjectPicker } from "./ProjectPicker";

const VIA: Record<string, string> = {
  "scope-default": "the default, which is in the scope",
  "scope-first": "the first scoped model (the default is not in the scope)",
  default: "the default",
  "provider-default": "pi's default model for the first provider with a key",
  "first-available": "the first model with a key",
};

/** A setting's value as written, short: lists and objects as JSON with a space after each comma, so they wrap between entries. */
function shown(value: unknown): string {
  if (value === undefined) return "not set";
  return visibleText(typeof value === "string" ? value : JSON.stringify(value, null, 1).replace(/\n\s*/g, " ").replace(/\[ /g, "[").replace(/ \]/g, "]").replace(/\{ /g, "{").replace(/ \}/g, "}"));
}

export function ProjectsView() {
  const { api, snapshot } = useSwitchboard();
  const [projects, setProjects] = useState<ProjectEntry[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [view, setView] = useState<ProjectView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revision = snapshot?.revision;

  useEffect(() => {
    api.invoke("listProjects", null).then(setProjects, (e: Error) => setError(e.message));
    api.invoke("getPreferences", null).then((p) => setChosen((c) => c ?? p.values.project), () => undefined);
  }, [api]);

  // The project's own files are not watched: re-read them with every new snapshot and when the window comes back.
  const [focusCount, setFocusCount] = useState(0);
  useEffect(() => {
    const onFocus = () => setFocusCount((n) => n + 1);
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, []);
  useEffect(() => {
    if (!chosen) return setView(null);
    let current = true;
    api.invoke("projectView", { dir: chosen }).then(
      (result) => {
        if (!current) return;
        setView(result.ok ? result.value : null);
        setError(result.ok ? null : result.error.message);
      },
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [api, chosen, revision, focusCount]);

  const choose = useCallback(
    (dir: string) => {
      setChosen(dir);
      void api.invoke("setPreference", { key: "project", value: dir }).then((r) => !r.ok && setError(r.error.message), () => undefined);
    },
    [api],
  );

  const typed = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const dir = String(new FormData(e.currentTarget).get("dir") ?? "").trim();
    if (dir) choose(dir);
  };

  return (
    <section className="view projects-view" aria-labelledby="projects-title">
      <header className="view-header">
        <h2 id="projects-title">Projects</h2>
        <p className="muted">pi run in a folder with its own <code>.pi/settings.json</code> uses that file's values over the agent dir's, once you trust the folder. Pick a folder to see what pi uses there. Nothing here changes the project's files.</p>
      </header>
      <div className="card project-pick">
        {projects === null ? <p className="muted">Reading the folders pi has sessions for…</p> : <ProjectPicker projects={projects} value={chosen} onChange={choose} />}
        <form className="row project-typed" onSubmit={typed}>
          <label className="muted small" htmlFor="project-dir">Another folder</label>
          <input id="project-dir" name="dir" type="text" placeholder="/path/to/project" spellCheck={false} />
          <button type="submit">Show</button>
        </form>
      </div>
      {error && <Notice tone="error" onDismiss={() => setError(null)}>{error}</Notice>}
      {!chosen && projects?.length === 0 && <EmptyState title="No project yet">pi has no sessions in this agent dir. Type a folder above to see what pi would use there.</EmptyState>}
      {view && <ProjectDetails view={view} />}
    </section>
  );
}

function ProjectDetails({ view }: { view: ProjectView }) {
  const start = view.default.start;
  const reaches = [view.defaultSwitch, view.scopeSwitch, view.thinkingSwitch].filter((r): r is SwitchReach => r.reaches !== "yes");
  return (
    <div className="project-details" aria-label={`pi in ${visibleText(view.dir)}`}>
      {!view.settingsFile.exists ? (
        <Notice tone="info">No <code>.pi/settings.json</code> in this folder: pi uses the agent dir's settings here, and every switch reaches it.</Notice>
      ) : !view.settingsFile.valid ? (
        <Notice tone="error">
          {visibleText(view.settingsFile.path)} does not parse, so pi ignores it and uses the agent dir's settings: {visibleText(view.settingsFile.errors[0]?.message ?? "")}
          {view.settingsFile.errors[0]?.line ? ` (line ${view.settingsFile.errors[0].line})` : ""}
        </Notice>
      ) : (
        <Notice tone={view.trust.decision === "untrusted" ? "warning" : "info"}>
          <strong>{view.trust.decision === "trusted" ? "Trusted. " : view.trust.decision === "untrusted" ? "Not trusted. " : view.trust.decision === "ask" ? "pi asks. " : ""}</strong>
          {visibleText(view.trust.why)}
        </Notice>
      )}
      {reaches.map((r) => (
        <Notice key={r.message} tone="warning">
          <span className="project-reach">{visibleText(r.message)}</span>
        </Notice>
      ))}
      <div className="card">
        <h3>pi starts with</h3>
        {start ? (
          <p className="project-start">
            <code>{visibleText(start.ref)}</code> at thinking level <strong>{start.thinkingLevel}</strong>
            <span className="muted"> — {VIA[start.via] ?? start.via}</span>
          </p>
        ) : (
          <p className="muted">No model: no provider has a key.</p>
        )}
        <h3>Scope (Ctrl+P cycles)</h3>
        {view.scope.models.length ? (
          <ol className="project-scope">
            {view.scope.models.map((ref) => (
              <li key={ref}>
                <code>{visibleText(ref)}</code>
                {view.scope.thinking[ref] ? <span className="muted"> :{view.scope.thinking[ref]}</span> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No scope: Ctrl+P cycles every model with a key.</p>
        )}
        {view.scope.unmatched.length > 0 && <p className="muted small">Patterns that match nothing here: {view.scope.unmatched.map(visibleText).join(", ")}</p>}
      </div>
      <div className="card">
        <h3>Settings</h3>
        <table className="project-settings">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Agent dir</th>
              <th scope="col">Project</th>
              <th scope="col">pi uses</th>
            </tr>
          </thead>
          <tbody>
            {view.settings.map((row) => (
              <SettingRow key={row.key} row={row} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function SettingRow({ row }: { row: ProjectSetting }) {
  return (
    <tr className={row.overridden ? "overridden" : undefined}>
      <th scope="row">
        <code>{row.key}</code>
        {row.overridden && <span className="badge badge-override" title="The project's value replaces the agent dir's when pi runs there">project</span>}
      </th>
      <td data-label="Agent dir" className={row.overridden ? "superseded" : undefined}>{shown(row.agentDir)}</td>
      <td data-label="Project">{shown(row.project)}</td>
      <td data-label="pi uses">{shown(row.merged)}</td>
    </tr>
  );
}
