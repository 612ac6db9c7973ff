/**
 * Config health: pi's verdict on models.json and settings.json — errors with line and column and
 * the spot in the source, warnings, what each means for pi — and the backups the app took before
 * changing a file, with restore.
 */
import { useCallback, useEffect, useState } from "react";
import type { BackupEntry, FileProblem, FileReport, ReadableFile } from "../../../src-main/core/common/index.js";
import { useSwitchboard } from "../../api/context";
import { useConfirm } from "../../ui/Dialog";
import { EmptyState, Notice } from "../../ui/Notice";
import { PiStartFailureNotice } from "./PiStartFailure";
import { PiVerdictLine } from "./PiVerdictLine";
import { sourceExcerpt } from "./source-excerpt";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { groupProblems, plainRules } from "../model-problems/problem-groups";
import { useProblemFix, type FixOutcome } from "../model-problems/use-problem-fix";

function Problem({ problem, kind, text }: { problem: FileProblem; kind: "error" | "warning"; text: string | null }) {
  const where = problem.line ? `line ${problem.line}, column ${problem.column ?? 1}` : null;
  return (
    <li className={`problem problem-${kind}`}>
      <div>
        <strong>{kind === "error" ? "Error" : "Warning"}</strong>
        {where && <span className="where"> · {where}</span>}
        {problem.path && <code className="muted"> {visibleText(problem.path)}</code>}
      </div>
      <div>{visibleText(problem.message)}</div>
      {problem.hint && <div className="hint">→ {visibleText(problem.hint)}</div>}
      {text !== null && problem.line && (
        <pre className="excerpt" role="figure" aria-label={`Source around ${where}`}>
          {sourceExcerpt(text, problem.line).map((l) => (
            <div key={l.line} className={l.isTarget ? "excerpt-target" : undefined}>
              <span className="gutter">{l.line}</span>
              {visibleText(l.text)}
              {l.isTarget && (
                <div className="caret" aria-hidden="true">
                  <span className="gutter" />
                  {/* Under the same character of the shown line, markers included. */}
                  {" ".repeat(visibleText(l.text.slice(0, Math.max(0, (problem.column ?? 1) - 1))).length)}^
                </div>
              )}
            </div>
          ))}
        </pre>
      )}
    </li>
  );
}

function FileHealth({ name, report, consequence }: { name: ReadableFile; report: FileReport; consequence: string }) {
  const { api } = useSwitchboard();
  const [text, setText] = useState<string | null>(null);
  const hasSpots = [...report.errors, ...report.warnings].some((p) => p.line);
  useEffect(() => {
    if (!hasSpots) return;
    let live = true;
    api.invoke("readFileText", { file: name }).then((f) => live && setText(f.text), () => live && setText(null));
    return () => {
      live = false;
    };
  }, [api, name, report.version, hasSpots]);

  const status = !report.exists ? "absent" : report.valid && report.errors.length === 0 ? "valid" : "invalid";
  return (
    <section className="card" aria-labelledby={`health-${name}`}>
      <h3 id={`health-${name}`}>
        {name} <span className={`status status-${status}`}>{status}</span>
      </h3>
      <p className="muted small">{report.path}</p>
      {!report.exists && <p>{name === "models.json" ? "No models.json: pi uses its built-in models only. Add a provider in Providers to create one." : "No settings.json: pi uses its defaults. Making a model the default or scoping one creates it."}</p>}
      {status === "invalid" && <Notice tone="error">{consequence}</Notice>}
      {report.errors.length + report.warnings.length > 0 ? (
        <ul className="problems">
          {report.errors.map((p, i) => <Problem key={`e${i}`} problem={p} kind="error" text={text} />)}
          {report.warnings.map((p, i) => <Problem key={`w${i}`} problem={p} kind="warning" text={text} />)}
        </ul>
      ) : (
        report.exists && <p className="ok-line">pi reads it without complaint.</p>
      )}
    </section>
  );
}

/** Every model problem of the snapshot, each sentence once with the models it is about; a fix shared by them all is one click (after its diff). */
function ModelProblems() {
  const { snapshot } = useSwitchboard();
  const [outcome, setOutcome] = useState<FixOutcome | null>(null);
  const [fix, fixDialog] = useProblemFix(setOutcome);
  if (!snapshot) return null;
  const groups = groupProblems(snapshot.models);
  const shownRefs = (refs: string[]) => (refs.length > 4 ? `${refs.slice(0, 4).map(visibleText).join(", ")} and ${refs.length - 4} more` : refs.map(visibleText).join(", "));
  return (
    <section className="card" aria-labelledby="model-problems-title">
      <h3 id="model-problems-title">
        Models pi will fail on or not route as written <span className={`status status-${groups.length ? "invalid" : "valid"}`}>{groups.length ? groups.length : "none"}</span>
      </h3>
      {fixDialog}
      {outcome && <Notice tone={outcome.tone} onDismiss={() => setOutcome(null)}>{outcome.text}</Notice>}
      {groups.length === 0 ? (
        <p className="ok-line">Every model pi has works as its files say.</p>
      ) : (
        <ul className="problems">
          {groups.map((g) => (
            <li key={`${g.problem.severity}-${g.problem.message}`} className={`model-problem-group problem-${g.problem.severity}`}>
              <div>
                <strong>{g.problem.severity === "error" ? "pi fails" : "Not as written"}</strong>
                <span className="where refs"> · {shownRefs(g.refs)}</span>
              </div>
              <div>{visibleText(g.problem.message)}</div>
              {g.problem.hint && <div className="hint">→ {visibleText(g.problem.hint)}</div>}
              {g.sharedFix ? (
                <button type="button" className="small-button" onClick={() => void fix(g.refs[0]!, g.problem)}>
                  {g.sharedFix.label}…
                </button>
              ) : (
                g.problem.fix && <div className="hint">→ Each model has its own fix on its row in Models.</div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Backups() {
  const { api, snapshot } = useSwitchboard();
  const [backups, setBackups] = useState<BackupEntry[] | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const refresh = useCallback(() => void api.invoke("listBackups", null).then(setBackups, (e: Error) => setMessage({ tone: "error", text: e.message })), [api]);
  useEffect(refresh, [refresh, snapshot?.revision]);
  const [confirm, confirmDialog] = useConfirm();

  async function restore(b: BackupEntry) {
    const taken = new Date(b.createdAt).toLocaleString();
    if (!(await confirm({ title: `Restore ${b.file}?`, description: `${b.file} goes back to how it was at ${taken}. The current file is backed up first, so this can be undone from this list.`, confirmLabel: `Restore ${b.file}` }))) return;
    const result = await api.invoke("restoreBackup", { path: b.path });
    setMessage(result.ok ? { tone: "success", text: `${b.file} restored.` } : { tone: "error", text: result.error.message });
    refresh();
  }

  return (
    <section className="card" aria-labelledby="backups-title">
      <h3 id="backups-title">Backups</h3>
      {confirmDialog}
      {message && <Notice tone={message.tone} onDismiss={() => setMessage(null)}>{message.text}</Notice>}
      {backups === null ? null : backups.length === 0 ? (
        <p className="muted">No backups yet. Before its first change to a file in a session, the app copies it to switchboard-backups/ in the agent dir.</p>
      ) : (
        <table className="table">
          <thead>
            <tr><th>File</th><th>Taken</th><th>Size</th><th><span className="visually-hidden">Action</span></th></tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.path}>
                <td>{b.file}</td>
                <td>{new Date(b.createdAt).toLocaleString()}</td>
                <td className="nowrap">{b.size} B</td>
                <td><button type="button" onClick={() => void restore(b)} aria-label={`Restore ${b.file} from ${b.createdAt}`}>Restore</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Which pi's rules the answers follow, in sentences (the details open on request). */
function RulesLine({ assumes }: { assumes: string }) {
  const { which, details } = plainRules(assumes);
  if (details.length === 0) return <p className="muted small">{which}</p>;
  return (
    <details className="muted small rules-line">
      <summary>{which}</summary>
      <ul className="plain">
        {details.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
    </details>
  );
}

export function HealthView() {
  const { snapshot } = useSwitchboard();
  if (!snapshot) return null;
  return (
    <section className="view" aria-labelledby="health-title">
      <header className="view-header">
        <h2 id="health-title">Config health</h2>
        <p className="muted pi-line" title={snapshot.pi.path ?? undefined}>
          {snapshot.pi.summary}
          {snapshot.pi.foundBy && <span className="small"> · found by {snapshot.pi.foundBy}</span>}
        </p>
        <RulesLine assumes={snapshot.pi.assumes} />
        <PiVerdictLine verdict={snapshot.verdict} />
      </header>
      {!snapshot.pi.found ? (
        <EmptyState title="pi is not installed where the app can see it">
          Install it with <code>npm install -g @earendil-works/pi-coding-agent</code> (needs Node ≥ 22.19), or set <code>PI_SWITCHBOARD_PI</code> to it; until
          then the app checks your files against its own copy of pi's rules.
        </EmptyState>
      ) : snapshot.pi.startFailure ? (
        <PiStartFailureNotice pi={snapshot.pi} />
      ) : (
        snapshot.pi.problem && <Notice tone="warning">{snapshot.pi.problem}</Notice>
      )}
      <ModelProblems />
      <FileHealth name="models.json" report={snapshot.modelsFile} consequence="pi drops every custom model of models.json until this is fixed (built-in models stay)." />
      <FileHealth
        name="settings.json"
        report={snapshot.settingsFile}
        consequence={snapshot.settingsFile.valid ? "pi reads settings.json, but stops with an error at start on it until this is fixed." : "pi cannot read settings.json: its scope and default model are ignored until this is fixed."}
      />
      <section className="card">
        <h3>auth.json</h3>
        <p className="muted small">{snapshot.authFile.path}</p>
        <p>{!snapshot.authFile.exists ? "No auth.json." : snapshot.authFile.valid ? "Parses. Its contents are keys and never shown here." : "pi cannot read its logins from it. Its contents are keys and never shown here."}</p>
        {/* What pi does then depends on its version and on the fault, so the errors say it. */}
        {snapshot.authFile.errors.length + snapshot.authFile.warnings.length > 0 && (
          <ul className="problems">
            {/* No source text: auth.json holds keys, so its lines are never shown. */}
            {snapshot.authFile.errors.map((p, i) => <Problem key={`e${i}`} problem={p} kind="error" text={null} />)}
            {snapshot.authFile.warnings.map((p, i) => <Problem key={`w${i}`} problem={p} kind="warning" text={null} />)}
          </ul>
        )}
      </section>
      <Backups />
    </section>
  );
}
