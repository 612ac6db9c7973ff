/**
 * The scope editor: add, edit, remove and reorder settings.json `enabledModels` patterns, with a
 * live preview of what each pattern matches and of the whole Ctrl+P cycle, in pi's order, and pi's
 * diagnostics (fuzzy picks, and for a pattern that matches nothing its real cause with a one-click
 * fix: the corrected pattern replaces it and the settings.json diff opens). The preview comes from
 * the core (`previewScope`: the same resolution as the snapshot's scope), never from a second
 * matcher here. Reorder by dragging the handle or from the keyboard (Move up / Move down, or
 * Alt+↑/↓ in a row). Saving shows the settings.json diff first and writes through `setScope`
 * with the version the diff was computed from, so an edit made meanwhile is never overwritten.
 */
import { Fragment, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import type { FilePreview, ScopePreview } from "../../../src-main/core/common/index.js";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { useSwitchboard } from "../../api/context";
import { DiffView } from "../../ui/DiffView";
import { Notice } from "../../ui/Notice";
import { answersFor, draftOf, move, newPattern, patternsOf, sameList, type DraftPattern, type PatternAnswer } from "./scope-draft";

const PREVIEW_DELAY_MS = 150;

/** A "provider/id" that may wrap after each "/" in a narrow column, never inside a name. */
function Ref({ value }: { value: string }) {
  const parts = value.split("/");
  return (
    <code>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <>
              /<wbr />
            </>
          )}
          {part}
        </Fragment>
      ))}
    </code>
  );
}
const SHOWN_REFS = 4;
const SHOWN_CYCLE = 40;

function AnswerLine({ answer, onFix }: { answer: PatternAnswer | null; onFix: (fix: string) => void }) {
  if (!answer) return <p className="pattern-answer muted small">…</p>;
  const refs = (list: string[]) => (
    <>
      {list.slice(0, SHOWN_REFS).map((r, i) => (
        <span key={r}>
          {i > 0 && ", "}
          <Ref value={r} />
        </span>
      ))}
      {list.length > SHOWN_REFS && <span className="muted"> and {list.length - SHOWN_REFS} more</span>}
    </>
  );
  let body;
  if (answer.kind === "none") {
    const cause = answer.advice?.message ?? answer.hint;
    const fix = answer.advice?.fix;
    body = answer.unmatched ? (
      <>
        <span className="verdict-warn">
          <strong>Matches no model</strong>
          {cause ? `: ${visibleText(cause)}` : ". pi leaves it out."}
        </span>
        {fix !== undefined && (
          <>
            {" "}
            <button type="button" className="small-button" onClick={() => onFix(fix)} aria-label={`Use ${visibleText(fix)} instead`}>
              Use <code>{visibleText(fix)}</code>
            </button>
          </>
        )}
      </>
    ) : (
      <span className="muted">Adds nothing: the patterns above already scope what it matches.</span>
    );
  } else if (answer.kind === "exact") {
    body = <span className="verdict-ok">Exactly {refs(answer.models)}</span>;
  } else if (answer.kind === "glob") {
    body = (
      <span>
        Glob, {answer.models.length} {answer.models.length === 1 ? "model" : "models"}: {refs(answer.models)}
      </span>
    );
  } else {
    body = (
      <span className="verdict-warn">
        <strong>Fuzzy pick</strong>: pi chose {refs(answer.models)}; write the full provider/id to be sure.
      </span>
    );
  }
  return (
    <div className="pattern-answer small" role="status">
      {body}
      {answer.kind !== "none" && answer.hint && <div className="verdict-warn">{answer.hint}</div>}
      {answer.warnings.map((w) => (
        <div key={w} className="verdict-warn">
          pi: {w}
        </div>
      ))}
    </div>
  );
}

export function ScopeEditor({ focusPattern }: { focusPattern?: string | null }) {
  const { api, snapshot, execute } = useSwitchboard();
  const filePatterns = useMemo(() => snapshot?.scope.patterns ?? [], [snapshot]);
  const [baseline, setBaseline] = useState<string[]>(filePatterns);
  const [draft, setDraft] = useState<DraftPattern[]>(() => draftOf(filePatterns));
  const [preview, setPreview] = useState<ScopePreview | null>(null);
  const [review, setReview] = useState<FilePreview | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success" | "info"; text: string } | null>(null);
  const [adding, setAdding] = useState("");
  const [dragKey, setDragKey] = useState<number | null>(null);
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const reviewRef = useRef<HTMLDivElement>(null);
  const refocus = useRef<{ key: number; control: string } | null>(null);
  const requestSeq = useRef(0);

  const patterns = useMemo(() => patternsOf(draft), [draft]);
  const dirty = !sameList(patterns, baseline);
  const patternsKey = JSON.stringify(patterns);

  // The file changed (a save here, pi, an editor): follow it unless the user has unsaved edits.
  const fileKey = JSON.stringify(filePatterns);
  useEffect(() => {
    if (!sameList(patternsOf(draft), baseline)) return;
    if (!sameList(patternsOf(draft), filePatterns)) setDraft(draftOf(filePatterns));
    setBaseline(filePatterns);
    setReview(null);
  }, [fileKey]);

  // The live preview, from the core, a moment after the last keystroke; a slower, older answer never replaces a newer one.
  useEffect(() => {
    const seq = ++requestSeq.current;
    const timer = setTimeout(() => {
      api.invoke("previewScope", { patterns: JSON.parse(patternsKey) as string[] }).then(
        (next) => {
          if (seq === requestSeq.current) setPreview(next);
        },
        (error: Error) => {
          if (seq === requestSeq.current) setMessage({ tone: "error", text: `No preview: ${error.message}` });
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, patternsKey]);

  // Keep focus on the control the user was using when their row moved.
  useEffect(() => {
    const target = refocus.current;
    if (!target) return;
    refocus.current = null;
    listRef.current?.querySelector<HTMLElement>(`[data-key="${target.key}"] [data-control="${target.control}"]`)?.focus();
  });

  // The diff opens below the list: bring it into view, above all after a fix clicked in a row far up.
  useEffect(() => {
    if (review) reviewRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [review]);

  useEffect(() => {
    if (!focusPattern) return;
    const row = draft.find((p) => p.text === focusPattern);
    if (!row) return;
    const input = listRef.current?.querySelector<HTMLInputElement>(`[data-key="${row.key}"] input`);
    input?.focus();
    input?.scrollIntoView?.({ block: "center" });
    // Only when asked to open a pattern, not on every edit.
  }, [focusPattern]);

  if (!snapshot) return null;
  const answers = answersFor(draft, preview);

  function edit(next: DraftPattern[]) {
    setDraft(next);
    setReview(null);
    setMessage(null);
  }

  function moveRow(index: number, to: number, control?: string) {
    if (to < 0 || to >= draft.length) return;
    const key = draft[index]!.key;
    if (control) refocus.current = { key, control };
    edit(move(draft, index, to));
    setMessage({ tone: "info", text: `Moved “${draft[index]!.text}” to position ${to + 1} of ${draft.length}.` });
  }

  function remove(index: number) {
    const gone = draft[index]!;
    const next = draft.filter((_, i) => i !== index);
    const neighbour = next[Math.min(index, next.length - 1)];
    if (neighbour) refocus.current = { key: neighbour.key, control: "text" };
    edit(next);
    setMessage({ tone: "info", text: `Removed “${gone.text}”. Discard changes brings it back until you save.` });
  }

  function add() {
    const text = adding.trim();
    if (!text) return;
    edit([...draft, newPattern(text)]);
    setAdding("");
  }

  function onRowKey(e: KeyboardEvent<HTMLLIElement>, index: number) {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    e.preventDefault();
    const control = (document.activeElement as HTMLElement | null)?.dataset.control ?? "text";
    moveRow(index, e.key === "ArrowUp" ? index - 1 : index + 1, control);
  }

  function onDrop(e: DragEvent<HTMLLIElement>, index: number) {
    e.preventDefault();
    const from = draft.findIndex((p) => p.key === dragKey);
    setDragKey(null);
    setDropIndex(null);
    if (from !== -1) moveRow(from, index);
  }

  async function openReview(list = patterns) {
    setBusy(true);
    const result = await api.invoke("previewCommand", { type: "setScope", patterns: list, expectedVersion: snapshot!.settingsFile.version });
    setBusy(false);
    if (result.ok) setReview(result.value);
    else setMessage({ tone: "error", text: result.error.message });
  }

  /** One click: the advice's pattern replaces the row's, and the diff opens for saving. */
  async function applyFix(row: DraftPattern, fix: string) {
    const next = draft.map((x) => (x.key === row.key ? { ...x, text: fix } : x));
    edit(next);
    setMessage({ tone: "info", text: `“${visibleText(fix)}” replaces “${visibleText(row.text)}”. Check the settings.json change below and save it, or Discard changes.` });
    await openReview(patternsOf(next));
  }

  async function save() {
    if (!review) return;
    setBusy(true);
    const result = await execute({ type: "setScope", patterns, expectedVersion: review.version });
    setBusy(false);
    if (!result.ok) {
      setReview(null);
      setMessage({ tone: "error", text: result.error.code === "conflict" ? `${result.error.message} Your draft is kept: review it again.` : result.error.message });
      return;
    }
    setBaseline(patterns);
    setReview(null);
    const count = result.snapshot.scope.models.length;
    setMessage({ tone: "success", text: `Saved to ${review.path}: Ctrl+P cycles ${patterns.length === 0 ? "every model with a key (no scope)" : `${count} ${count === 1 ? "model" : "models"}`}. New pi sessions use it; restart a running pi to apply.` });
  }

  const cycle = preview?.models ?? [];
  return (
    <div className="scope-editor">
      <div className="scope-main">
        <h3 id="scope-editor-title">Scope patterns</h3>
        <p className="help">
          settings.json <code>enabledModels</code>: pi's Ctrl+P cycles the models these match, pattern by pattern, first match wins. A pattern is a <code>provider/id</code>, an id, text pi matches fuzzily, or a glob (<code>*</code> does not cross <code>/</code>; <code>**</code> does), with an optional <code>:level</code> such as <code>:high</code>. Reorder by dragging ⠿, with Move up/down, or Alt+↑/↓.
        </p>
        {!baseline.length && !draft.length && <p className="muted">No patterns: pi's Ctrl+P cycles every model that has a key. Add one below to choose.</p>}
        <ol className="scope-patterns" ref={listRef} aria-labelledby="scope-editor-title">
          {draft.map((p, i) => (
            <li
              key={p.key}
              data-key={p.key}
              className={`scope-pattern${dragKey === p.key ? " dragging" : ""}${dropIndex === i && dragKey !== p.key ? " drop-target" : ""}`}
              onKeyDown={(e) => onRowKey(e, i)}
              onDragOver={(e) => {
                if (dragKey === null) return;
                e.preventDefault();
                setDropIndex(i);
              }}
              onDrop={(e) => onDrop(e, i)}
            >
              <div className="pattern-edit">
                <span
                  className="drag-handle"
                  draggable
                  title="Drag to reorder"
                  aria-hidden="true"
                  onDragStart={(e) => {
                    setDragKey(p.key);
                    e.dataTransfer.effectAllowed = "move";
                    e.dataTransfer.setData("text/plain", p.text);
                  }}
                  onDragEnd={() => {
                    setDragKey(null);
                    setDropIndex(null);
                  }}
                >
                  ⠿
                </span>
                <span className="pattern-number muted" aria-hidden="true">
                  {i + 1}
                </span>
                <input
                  type="text"
                  data-control="text"
                  className="pattern-input"
                  aria-label={`Pattern ${i + 1}`}
                  spellCheck={false}
                  value={p.text}
                  onChange={(e) => edit(draft.map((x) => (x.key === p.key ? { ...x, text: e.target.value } : x)))}
                />
                <div className="pattern-buttons">
                  <button type="button" className="ghost" data-control="up" disabled={i === 0} onClick={() => moveRow(i, i - 1, "up")} aria-label={`Move up: pattern ${i + 1}`}>
                    Move up
                  </button>
                  <button type="button" className="ghost" data-control="down" disabled={i === draft.length - 1} onClick={() => moveRow(i, i + 1, "down")} aria-label={`Move down: pattern ${i + 1}`}>
                    Move down
                  </button>
                  <button type="button" className="ghost danger" data-control="remove" onClick={() => remove(i)} aria-label={`Remove: pattern ${i + 1}`}>
                    Remove
                  </button>
                </div>
              </div>
              {p.text.trim() === "" ? <p className="pattern-answer muted small">Empty: not saved.</p> : <AnswerLine answer={answers[i] ?? null} onFix={(fix) => void applyFix(p, fix)} />}
            </li>
          ))}
        </ol>
        <form
          className="add-pattern row"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <input type="text" aria-label="New pattern" placeholder="provider/id, a glob such as openrouter/anthropic/*, or text" spellCheck={false} value={adding} onChange={(e) => setAdding(e.target.value)} />
          <button type="submit" disabled={!adding.trim()}>
            Add pattern
          </button>
        </form>
        {message && (
          <Notice tone={message.tone} onDismiss={() => setMessage(null)}>
            {message.text}
          </Notice>
        )}
        {dirty && !sameList(baseline, filePatterns) && <Notice tone="warning">settings.json changed on disk while you edit. Review shows your draft against the file as it is now.</Notice>}
        <div className="actions">
          <button type="button" className="primary" disabled={!dirty || busy} onClick={() => void openReview()}>
            Review changes
          </button>
          <button
            type="button"
            disabled={!dirty || busy}
            onClick={() => {
              edit(draftOf(filePatterns));
              setBaseline(filePatterns);
            }}
          >
            Discard changes
          </button>
          {!dirty && <span className="muted small">No unsaved changes.</span>}
        </div>
        {review && (
          <div className="card scope-review" ref={reviewRef}>
            <DiffView before={review.before} after={review.after} path={review.path} />
            <div className="actions">
              <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
                Save to settings.json
              </button>
              <button type="button" disabled={busy} onClick={() => setReview(null)}>
                Keep editing
              </button>
            </div>
          </div>
        )}
      </div>
      <aside className="scope-cycle card" aria-labelledby="scope-cycle-title">
        <h3 id="scope-cycle-title">Ctrl+P cycle{dirty ? " (draft)" : ""}</h3>
        {preview === null ? (
          <p className="muted small">Working out what the patterns match…</p>
        ) : preview.unset ? (
          <p className="muted small">No scope: pi cycles every model that has a key.</p>
        ) : cycle.length === 0 ? (
          <p className="verdict-warn small">These patterns scope no model: pi would cycle nothing but its start model.</p>
        ) : (
          <>
            <p className="muted small">
              {cycle.length} {cycle.length === 1 ? "model" : "models"}, in the order Ctrl+P walks them:
            </p>
            <ol className="cycle-list small" aria-label="Ctrl+P order">
              {cycle.slice(0, SHOWN_CYCLE).map((ref) => (
                <li key={ref}>
                  <Ref value={ref} />
                  {preview.thinking[ref] && <span className="muted"> :{preview.thinking[ref]}</span>}
                </li>
              ))}
            </ol>
            {cycle.length > SHOWN_CYCLE && <p className="muted small">and {cycle.length - SHOWN_CYCLE} more</p>}
          </>
        )}
      </aside>
    </div>
  );
}
