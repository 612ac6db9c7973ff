/**
 * The routing editor: one place in models.json (a provider's compat, a custom model, or an
 * override of a built-in model), every field pi accepts in grouped sections, the model's endpoints
 * from OpenRouter's catalog to pick providers from, slugs checked as they are typed, the exact
 * `provider` object pi will send, a diff of models.json before saving, and undo of the last save.
 * For a model, a thinking level can be picked (pi 1.0.2): its routing is written at
 * samplingParamsByThinkingLevel.<level>.provider and replaces the model's whole at that level.
 * Saving passes the version the diff was computed from, so an edit made on disk meanwhile is never
 * overwritten; a slug that names no endpoint is never saved without the user saying so.
 */
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from "react";
import type { FilePreview, ModelEntry, PiVerdict, RoutingObject, RoutingTarget, ThinkingLevel } from "../../../src-main/core/common/index.js";
import { routingWarnings } from "../../../src-main/core/common/openrouter/routing-warnings";
import { checkRoutingSlugs, type SlugProblem } from "../../../src-main/core/common/openrouter/slug-check";
import { useSwitchboard } from "../../api/context";
import { DiffView } from "../../ui/DiffView";
import { Notice } from "../../ui/Notice";
import type { SaveRecord } from "../../../src-main/core/common/save-record.js";
import { UndoLastSave } from "../../ui/UndoLastSave";
import { PiVerdictLine } from "../health/PiVerdictLine";
import { EndpointTable } from "./EndpointTable";
import { editableLevels, pinTo, modelOf, replaceSlug, requestObject, routingSummary, routingTargets, sameTarget, strings, targetLabel, tidyRouting, toggleSlug, withoutLevel, type SlugField } from "./routing-draft";
import { RoutingFields } from "./RoutingFields";
import { SlugChips } from "./SlugChips";
import { TargetOverview } from "./TargetOverview";
import { UnsentRoutingNotice } from "./UnsentRoutingNotice";
import { useModelEndpoints } from "./use-model-endpoints";
import { writtenRouting } from "./written-routing";
import { visibleText } from "../../../src-main/core/common/visible-text";

const targetKey = (t: RoutingTarget) => JSON.stringify(t);

const SLUG_HELP: Record<SlugField, string> = {
  only: "Only these providers may serve the model.",
  order: "Try these first, in this order.",
  ignore: "Never use these providers.",
};

export function RoutingEditor({ target, onTarget }: { target: RoutingTarget | null; onTarget: (t: RoutingTarget | null) => void }) {
  const { api, snapshot, execute } = useSwitchboard();
  const [history, setHistory] = useState<RoutingObject[]>([]);
  const [loaded, setLoaded] = useState<{ key: string; version: string | null; routing: RoutingObject } | null>(null);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  /** pi's own verdict on the reviewed text: asked after the preview shows, never needed to save. */
  const [proposal, setProposal] = useState<{ after: string; verdict: PiVerdict | null } | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success" | "info"; text: string } | null>(null);
  const [pinText, setPinText] = useState("");
  /** The user read the slug warnings of this review and saves anyway. */
  const [acknowledged, setAcknowledged] = useState(false);
  const [lastSave, setLastSave] = useState<SaveRecord | null>(null);

  const modelId = target && target.level !== "provider" ? target.id : null;
  const catalog = useModelEndpoints(modelId);
  const endpoints = catalog.data?.endpoints ?? null;
  const targets = useMemo(() => (snapshot ? routingTargets(snapshot) : []), [snapshot]);
  const draft = history[history.length - 1] ?? {};
  const version = snapshot?.modelsFile.version ?? null;
  const dirty = loaded !== null && JSON.stringify(tidyRouting(draft)) !== JSON.stringify(tidyRouting(loaded.routing));

  // (Re)load the written routing when the target changes, or when models.json changed on disk
  // and the user has nothing unsaved: an external edit then shows up in the open editor.
  const load = useCallback(
    async (t: RoutingTarget, isNewTarget: boolean) => {
      const file = await api.invoke("readFileText", { file: "models.json" });
      const routing = writtenRouting(file.text, t) ?? {};
      setLoaded({ key: targetKey(t), version: file.version, routing });
      // A re-read after a change on disk must not drop edits the user made while it was in flight.
      setHistory((h) => (isNewTarget || h.length <= 1 ? [routing] : h));
      if (isNewTarget) {
        setPreview(null);
        setLastSave(null);
      }
    },
    [api],
  );

  useEffect(() => {
    if (!target || !snapshot) return;
    const isNewTarget = loaded?.key !== targetKey(target);
    if (isNewTarget || (loaded.version !== version && !dirty)) void load(target, isNewTarget).catch((e: Error) => setMessage({ tone: "error", text: e.message }));
  }, [target, snapshot, version, loaded, dirty, load]);

  if (!snapshot) return null;
  if (!target) {
    return (
      <section className="view routing-editor" aria-labelledby="routing-title">
        <header className="view-header">
          <h2 id="routing-title">Routing</h2>
          <p className="muted">Which OpenRouter providers serve your models, written into pi's models.json.</p>
        </header>
        <TargetOverview onTarget={onTarget} />
      </section>
    );
  }

  if (loaded?.key !== targetKey(target)) {
    return (
      <section className="view routing-editor" aria-labelledby="routing-title">
        <h2 id="routing-title">Routing</h2>
        <p className="muted" role="status">Reading models.json…</p>
      </section>
    );
  }

  const change = (next: RoutingObject) => {
    setHistory((h) => [...h, next].slice(-100));
    setPreview(null);
  };
  const undo = () => history.length > 1 && (setHistory((h) => h.slice(0, -1)), setPreview(null));
  const tidy = tidyRouting(draft);
  const request = requestObject(snapshot, target, tidy);
  const problems: SlugProblem[] = endpoints && modelId ? checkRoutingSlugs(tidy, endpoints, modelId) : [];
  const model = modelOf(snapshot, target);
  const warnings = endpoints && model && request.sent ? routingWarnings(request.sent, endpoints, model).filter((w) => w.kind !== "unknown-slug") : [];
  const fix = (p: SlugProblem) => p.suggestion && change(replaceSlug(draft, p.field, p.slug, p.suggestion));

  async function review() {
    setMessage(null);
    setAcknowledged(false);
    const command = { type: "setRouting", target: target!, routing: tidy } as const;
    const result = await api.invoke("previewCommand", command);
    if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
    setPreview(result.value);
    const { after } = result.value;
    setProposal({ after, verdict: null });
    api.invoke("previewVerdict", command).then(
      (v) => setProposal((cur) => (cur?.after === after ? { after, verdict: v.ok ? v.value : null } : cur)),
      () => setProposal((cur) => (cur?.after === after ? null : cur)),
    );
  }

  async function save() {
    if (!preview) return;
    const savedAt = new Date().toISOString();
    const result = await execute({ type: "setRouting", target: target!, routing: tidy, expectedVersion: preview.version });
    if (result.ok) {
      setMessage({ tone: "success", text: `Saved to ${preview.path}. ${result.snapshot.pi.afterModelsSave}` });
      setLoaded({ key: targetKey(target!), version: result.snapshot.modelsFile.version, routing: tidy ?? {} });
      setHistory([tidy ?? {}]);
      setPreview(null);
      setLastSave({ savedAt, version: result.snapshot.modelsFile.version });
    } else if (result.error.code === "conflict") {
      setMessage({ tone: "error", text: "models.json changed on disk since you reviewed it (another editor or pi). Nothing was written: review the changes again against the new file, then save." });
      setPreview(null);
    } else setMessage({ tone: "error", text: result.error.message });
  }

  function onKeyDown(e: KeyboardEvent) {
    const inText = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if ((e.ctrlKey || e.metaKey) && e.key === "z" && !inText) {
      e.preventDefault();
      undo();
    }
  }

  const saveBlocked = problems.length > 0 && !acknowledged;
  return (
    <section className="view routing-editor" aria-labelledby="routing-title" onKeyDown={onKeyDown}>
      <header className="view-header">
        <h2 id="routing-title">Routing</h2>
        <div className="row">
          <TargetPicker targets={targets} target={target} onTarget={onTarget} />
          <LevelPicker levels={editableLevels(snapshot, target)} model={model} target={target} onTarget={onTarget} />
          <button type="button" className="ghost" onClick={() => onTarget(null)}>All routing</button>
        </div>
      </header>
      {message && <Notice tone={message.tone} onDismiss={() => setMessage(null)}>{message.text}</Notice>}
      <UnsentRoutingNotice snapshot={snapshot} target={target} onOutcome={setMessage} />
      {dirty && loaded.version !== version && <Notice tone="info">models.json changed on disk. Your unsaved edits are kept; Review shows them against the new file.</Notice>}
      {modelId && (
        <section className="card routing-section" aria-labelledby="endpoints-title">
          <h3 id="endpoints-title">Endpoints of {visibleText(modelId)}</h3>
          <EndpointTable modelId={modelId} catalog={catalog} draft={draft} onToggle={(field, slug) => change(toggleSlug(draft, field, slug))} onPin={(slug) => change(pinTo(draft, slug))} />
        </section>
      )}
      <div className="editor-grid">
        <div className="editor-form">
          <section className="card routing-section" aria-labelledby="providers-title">
            <h3 id="providers-title">Providers</h3>
            {!modelId && <p className="help">Provider-level routing applies to every model of {visibleText(target.provider)}. Open a model's routing to pick from its endpoints with prices and uptime; slugs are checked there.</p>}
            <div className="slug-lists">
              {(["only", "order", "ignore"] as const).map((field) => (
                <SlugChips
                  key={field}
                  field={field}
                  help={SLUG_HELP[field]}
                  value={strings(draft[field])}
                  onChange={(v) => change({ ...draft, [field]: v })}
                  endpoints={endpoints}
                  modelId={modelId}
                  problems={problems.filter((p) => p.field === field)}
                  onFix={fix}
                  ordered={field === "order"}
                />
              ))}
            </div>
            <div className="pin-row">
              <p className="help">Pin to one provider: sets <code>only</code> and <code>order</code> to it and turns fallbacks off, so every request goes there or fails visibly.</p>
              <div className="row">
                <input aria-label="Provider slug to pin" list="pin-options" placeholder="amazon-bedrock" value={pinText} onChange={(e) => setPinText(e.target.value)} />
                <button type="button" disabled={!pinText.trim()} onClick={() => (change(pinTo(draft, pinText.trim())), setPinText(""))}>Pin</button>
                <datalist id="pin-options">{endpoints?.map((e) => <option key={e.slug} value={e.slug} />)}</datalist>
              </div>
            </div>
          </section>
          <RoutingFields draft={draft} onChange={change} />
        </div>
        <aside className="editor-side">
          <section className="card" aria-labelledby="sent-title">
            <h3 id="sent-title">What pi will send</h3>
            <p className="help">
              {target.level !== "provider" && target.thinkingLevel ? (
                <>At thinking {target.thinkingLevel}, the <code>provider</code> field of the request: this level's own routing replaces the model's whole (nothing is merged in); with none, the model's routing is sent.</>
              ) : (
                <>The <code>provider</code> field of the chat-completions request{target.level !== "provider" ? ", merged with the provider's routing (model keys win)" : ""}.</>
              )}
            </p>
            {request.sent ? <pre data-testid="provider-object">{JSON.stringify(request.sent, null, 2)}</pre> : <p className="muted" data-testid="provider-object-none">{request.why}</p>}
            {target.level !== "provider" && !target.thinkingLevel && <OtherLevels model={model} target={target} onTarget={onTarget} />}
          </section>
          {(problems.length > 0 || warnings.length > 0) && (
            <section className="card checks-card" aria-labelledby="checks-title">
              <h3 id="checks-title">Checks</h3>
              <ul className="problems">
                {problems.map((p) => (
                  <li key={`${p.field}:${p.slug}`} className="problem problem-warning">
                    {p.message}
                    {p.suggestion && (
                      <>
                        {" "}
                        <button type="button" className="small" onClick={() => fix(p)}>Use {p.suggestion}</button>
                      </>
                    )}
                  </li>
                ))}
                {warnings.map((w) => (
                  <li key={w.message} className="problem problem-warning">{w.message}</li>
                ))}
              </ul>
            </section>
          )}
          <div className="actions">
            <button type="button" onClick={undo} disabled={history.length <= 1} aria-keyshortcuts="Control+Z">Undo</button>
            <button type="button" onClick={() => change(loaded.routing)} disabled={!dirty}>Revert</button>
            <button type="button" className="primary" onClick={() => void review()} disabled={!dirty} title={dirty ? undefined : "Nothing changed yet"}>Review changes</button>
            <UndoLastSave file="models.json" save={dirty ? null : lastSave} onUndone={() => (setLastSave(null), setMessage(null))} />
          </div>
          {preview && (
            <section className="card" aria-labelledby="review-title">
              <h3 id="review-title">Review</h3>
              <DiffView before={preview.before} after={preview.after} path={preview.path} />
              {proposal?.after === preview.after && (proposal.verdict ? <PiVerdictLine verdict={proposal.verdict} /> : <p className="muted small" role="status">Asking {snapshot.pi.found ? `pi ${snapshot.pi.version ?? ""}`.trim() : "pi"} about this change…</p>)}
              {problems.length > 0 && (
                <div className="notice notice-warning slug-warning" role="status">
                  <div className="notice-body">
                    <p>
                      {problems.length === 1 ? "A provider slug names" : `${problems.length} provider slugs name`} no endpoint of {modelId}: OpenRouter ignores {problems.length === 1 ? "it" : "them"}
                      {problems.some((p) => p.field === "only") ? ", and an only list of unknown slugs can leave no provider at all" : ""}. Fix {problems.length === 1 ? "it" : "them"} under Checks, or:
                    </p>
                    <label className="check-row">
                      <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />
                      Save anyway: I know {problems.map((p) => `“${p.slug}”`).join(", ")} {problems.length === 1 ? "is" : "are"} not in the catalog
                    </label>
                  </div>
                </div>
              )}
              <div className="actions">
                <button type="button" onClick={() => setPreview(null)}>Cancel</button>
                <button type="button" className="primary" onClick={() => void save()} disabled={preview.before === preview.after || saveBlocked}>Save to models.json</button>
              </div>
            </section>
          )}
        </aside>
      </div>
    </section>
  );
}

function TargetPicker({ targets, target: picked, onTarget }: { targets: RoutingTarget[]; target: RoutingTarget; onTarget: (t: RoutingTarget) => void }) {
  // The level is LevelPicker's: this one picks the model or provider.
  const target = withoutLevel(picked);
  const all = !targets.some((t) => sameTarget(t, target)) ? [target, ...targets] : targets;
  return (
    <label className="field target-picker">
      <span>Where</span>
      <select aria-label="Routing target" value={targetKey(target)} onChange={(e) => e.target.value && onTarget(JSON.parse(e.target.value) as RoutingTarget)}>
        {all.map((t) => (
          <option key={targetKey(t)} value={targetKey(t)}>{targetLabel(t)}</option>
        ))}
      </select>
    </label>
  );
}

const EVERY_LEVEL = "";

/** The thinking level whose routing is edited, or every level (the model's compat.openRouterRouting); levels with routing of their own are marked. */
function LevelPicker({ levels, model, target, onTarget }: { levels: ThinkingLevel[]; model: ModelEntry | undefined; target: RoutingTarget; onTarget: (t: RoutingTarget) => void }) {
  if (!levels.length || target.level === "provider") return null;
  const own = new Set(model?.routingByLevel?.map((l) => l.level));
  const { thinkingLevel: _level, ...base } = target;
  return (
    <label className="field level-picker">
      <span>Thinking level</span>
      <select aria-label="Thinking level" value={target.thinkingLevel ?? EVERY_LEVEL} onChange={(e) => onTarget(e.target.value === EVERY_LEVEL ? base : { ...base, thinkingLevel: e.target.value as ThinkingLevel })}>
        <option value={EVERY_LEVEL}>Every level (the model's routing)</option>
        {levels.map((level) => (
          <option key={level} value={level}>{own.has(level) ? `${level} · other routing` : level}</option>
        ))}
      </select>
    </label>
  );
}

/** Editing the model's routing: the levels at which pi sends something else, one click away. */
function OtherLevels({ model, target, onTarget }: { model: ModelEntry | undefined; target: RoutingTarget; onTarget: (t: RoutingTarget) => void }) {
  const levels = model?.routingByLevel ?? [];
  if (!levels.length || target.level === "provider") return null;
  const modelTarget = target;
  return (
    <div className="other-levels" data-testid="other-levels">
      <p className="help">Not at every level: samplingParamsByThinkingLevel gives these levels routing that replaces this one.</p>
      <ul>
        {levels.map((l) => (
          <li key={l.level}>
            <button type="button" className="link" onClick={() => onTarget({ ...modelTarget, thinkingLevel: l.level })}>at {l.level}</button>: {routingSummary(l.routing)}
          </li>
        ))}
      </ul>
    </div>
  );
}
