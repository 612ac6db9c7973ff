/**
 * The routing editor: one place in models.json (a provider's compat, a custom model, or an
 * override of a built-in model), every field pi accepts, pinning in one click, the exact
 * `provider` object pi will send, a diff of models.json before saving, and undo. Saving passes
 * the version the diff was computed from, so an edit made on disk meanwhile is never overwritten.
 */
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from "react";
import type { CatalogEndpoint, FilePreview, PiVerdict, RoutingObject, RoutingTarget } from "../../../src-main/core/contract";
import { isUnavailable, useSwitchboard } from "../../api/context";
import { DiffView } from "../../ui/DiffView";
import { PiVerdictLine } from "../health/PiVerdictLine";
import { EmptyState, Notice } from "../../ui/Notice";
import { isPinnedTo, pinTo, requestObject, routingTargets, sameTarget, targetLabel, tidyRouting } from "./routing-draft";
import { RoutingFields } from "./RoutingFields";
import { SlugList } from "./SlugList";
import { writtenRouting } from "./written-routing";

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);
const targetKey = (t: RoutingTarget) => JSON.stringify(t);

export function RoutingEditor({ target, onTarget }: { target: RoutingTarget | null; onTarget: (t: RoutingTarget) => void }) {
  const { api, snapshot, execute } = useSwitchboard();
  const [history, setHistory] = useState<RoutingObject[]>([]);
  const [loaded, setLoaded] = useState<{ key: string; version: string | null; routing: RoutingObject } | null>(null);
  const [endpoints, setEndpoints] = useState<CatalogEndpoint[] | null>(null);
  const [catalogNote, setCatalogNote] = useState<string | null>(null);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  /** pi's own verdict on the reviewed text: asked after the preview shows, never needed to save. */
  const [proposal, setProposal] = useState<{ after: string; verdict: PiVerdict | null } | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success" | "info"; text: string } | null>(null);
  const [pinText, setPinText] = useState("");

  const targets = useMemo(() => (snapshot ? routingTargets(snapshot) : []), [snapshot]);
  const draft = history[history.length - 1] ?? {};
  const version = snapshot?.modelsFile.version ?? null;
  const dirty = loaded !== null && JSON.stringify(tidyRouting(draft)) !== JSON.stringify(tidyRouting(loaded.routing));

  // (Re)load the written routing when the target changes, or when models.json changed on disk
  // and the user has nothing unsaved: an external edit then shows up in the open editor.
  const load = useCallback(async (t: RoutingTarget, isNewTarget: boolean) => {
    const file = await api.invoke("readFileText", { file: "models.json" });
    const routing = writtenRouting(file.text, t) ?? {};
    setLoaded({ key: targetKey(t), version: file.version, routing });
    // A re-read after a change on disk must not drop edits the user made while it was in flight.
    setHistory((h) => (isNewTarget || h.length <= 1 ? [routing] : h));
    if (isNewTarget) setPreview(null);
  }, [api]);

  useEffect(() => {
    if (!target || !snapshot) return;
    const isNewTarget = loaded?.key !== targetKey(target);
    if (isNewTarget || (loaded.version !== version && !dirty)) void load(target, isNewTarget).catch((e: Error) => setMessage({ tone: "error", text: e.message }));
  }, [target, snapshot, version, loaded, dirty, load]);

  useEffect(() => {
    setEndpoints(null);
    setCatalogNote(null);
    if (!target || target.level === "provider") return;
    let live = true;
    api.invoke("catalogEndpoints", { modelId: target.id }).then(
      (list) => live && (setEndpoints(list), setCatalogNote(list ? null : `OpenRouter's catalog has no endpoints for ${target.id}; type provider slugs.`)),
      (e: Error) => live && setCatalogNote(isUnavailable(e) ? "The OpenRouter catalog is not available here: type provider slugs (e.g. amazon-bedrock, novita/fp8)." : e.message),
    );
    return () => {
      live = false;
    };
  }, [api, target]);

  if (!snapshot) return null;
  if (!target) {
    return (
      <section className="view" aria-labelledby="routing-title">
        <h2 id="routing-title">Routing</h2>
        {targets.length ? (
          <TargetPicker targets={targets} target={null} onTarget={onTarget} />
        ) : (
          <EmptyState title="Nothing to route yet">
            Routing applies to OpenRouter models. Pick “Routing…” on an OpenRouter model in Models, or add a virtual OpenRouter provider (for example <code>openrouter-bedrock</code>) in Providers.
          </EmptyState>
        )}
      </section>
    );
  }

  if (loaded?.key !== targetKey(target)) {
    return (
      <section className="view" aria-labelledby="routing-title">
        <h2 id="routing-title">Routing</h2>
        <p className="muted">Reading models.json…</p>
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

  async function review() {
    setMessage(null);
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
    const result = await execute({ type: "setRouting", target: target!, routing: tidy, expectedVersion: preview.version });
    if (result.ok) {
      setMessage({ tone: "success", text: `Saved to ${preview.path}. ${result.snapshot.pi.afterModelsSave}` });
      setLoaded({ key: targetKey(target!), version: result.snapshot.modelsFile.version, routing: tidy ?? {} });
      setHistory([tidy ?? {}]);
      setPreview(null);
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

  const pinSlugs = endpoints?.map((e) => e.slug) ?? [];
  return (
    <section className="view routing-editor" aria-labelledby="routing-title" onKeyDown={onKeyDown}>
      <header className="view-header">
        <h2 id="routing-title">Routing</h2>
        <TargetPicker targets={targets} target={target} onTarget={onTarget} />
      </header>
      {message && <Notice tone={message.tone} onDismiss={() => setMessage(null)}>{message.text}</Notice>}
      {dirty && loaded.version !== version && <Notice tone="info">models.json changed on disk. Your unsaved edits are kept; Review shows them against the new file.</Notice>}
      <div className="editor-grid">
        <div className="editor-form">
          <section className="card" aria-labelledby="pin-title">
            <h3 id="pin-title">Pin to one provider</h3>
            <p className="help">Sets <code>only</code> and <code>order</code> to the provider and turns fallbacks off, so every request goes there or fails visibly.</p>
            {catalogNote && <p className="muted small">{catalogNote}</p>}
            {endpoints && endpoints.length > 0 && (
              <table className="endpoints">
                <thead>
                  <tr><th>Provider</th><th>Quantization</th><th>$/M in · out</th><th>Context</th><th>Uptime</th><th /></tr>
                </thead>
                <tbody>
                  {endpoints.map((e) => (
                    <tr key={e.slug}>
                      <td>{e.providerName} <code>{e.slug}</code></td>
                      <td>{e.quantization ?? "?"}</td>
                      <td>{e.pricing.prompt ?? "?"} · {e.pricing.completion ?? "?"}</td>
                      <td>{e.contextLength ?? "?"}</td>
                      <td>{e.uptime !== null ? `${e.uptime.toFixed(1)}%` : "?"}</td>
                      <td>
                        <button type="button" onClick={() => change(pinTo(draft, e.slug))} disabled={isPinnedTo(draft, e.slug)} aria-label={`Pin to ${e.slug}`}>
                          {isPinnedTo(draft, e.slug) ? "Pinned" : "Pin"}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div className="row">
              <input aria-label="Provider slug to pin" list="pin-options" placeholder="amazon-bedrock" value={pinText} onChange={(e) => setPinText(e.target.value)} />
              <button type="button" disabled={!pinText.trim()} onClick={() => (change(pinTo(draft, pinText.trim())), setPinText(""))}>Pin</button>
              <datalist id="pin-options">{pinSlugs.map((s) => <option key={s} value={s} />)}</datalist>
            </div>
          </section>
          <section className="card" aria-labelledby="lists-title">
            <h3 id="lists-title">Providers</h3>
            <SlugList label="only" help="Only these providers may serve the model." value={strings(draft.only)} onChange={(v) => change({ ...draft, only: v })} endpoints={endpoints} />
            <SlugList label="order" help="Try these first, in this order." value={strings(draft.order)} onChange={(v) => change({ ...draft, order: v })} endpoints={endpoints} ordered />
            <SlugList label="ignore" help="Never use these providers." value={strings(draft.ignore)} onChange={(v) => change({ ...draft, ignore: v })} endpoints={endpoints} />
          </section>
          <section className="card" aria-labelledby="rules-title">
            <h3 id="rules-title">Rules</h3>
            <RoutingFields draft={draft} onChange={change} />
          </section>
        </div>
        <aside className="editor-side">
          <section className="card" aria-labelledby="sent-title">
            <h3 id="sent-title">What pi will send</h3>
            <p className="help">The <code>provider</code> field of the chat-completions request{target.level !== "provider" ? ", merged with the provider's routing (model keys win)" : ""}.</p>
            {request.sent ? <pre data-testid="provider-object">{JSON.stringify(request.sent, null, 2)}</pre> : <p className="muted" data-testid="provider-object-none">{request.why}</p>}
          </section>
          <div className="actions">
            <button type="button" onClick={undo} disabled={history.length <= 1} aria-keyshortcuts="Control+Z">Undo</button>
            <button type="button" onClick={() => change(loaded.routing)} disabled={!dirty}>Revert</button>
            <button type="button" className="primary" onClick={() => void review()}>Review changes</button>
          </div>
          {preview && (
            <section className="card" aria-labelledby="review-title">
              <h3 id="review-title">Review</h3>
              <DiffView before={preview.before} after={preview.after} path={preview.path} />
              {proposal?.after === preview.after && (proposal.verdict ? <PiVerdictLine verdict={proposal.verdict} /> : <p className="muted small" role="status">Asking {snapshot.pi.found ? `pi ${snapshot.pi.version ?? ""}`.trim() : "pi"} about this change…</p>)}
              <div className="actions">
                <button type="button" onClick={() => setPreview(null)}>Cancel</button>
                <button type="button" className="primary" onClick={() => void save()} disabled={preview.before === preview.after}>Save to models.json</button>
              </div>
            </section>
          )}
        </aside>
      </div>
    </section>
  );
}

function TargetPicker({ targets, target, onTarget }: { targets: RoutingTarget[]; target: RoutingTarget | null; onTarget: (t: RoutingTarget) => void }) {
  const all = target && !targets.some((t) => sameTarget(t, target)) ? [target, ...targets] : targets;
  return (
    <label className="field target-picker">
      <span>Where</span>
      <select aria-label="Routing target" value={target ? targetKey(target) : ""} onChange={(e) => e.target.value && onTarget(JSON.parse(e.target.value) as RoutingTarget)}>
        {!target && <option value="">Choose a provider or model…</option>}
        {all.map((t) => (
          <option key={targetKey(t)} value={targetKey(t)}>{targetLabel(t)}</option>
        ))}
      </select>
    </label>
  );
}
