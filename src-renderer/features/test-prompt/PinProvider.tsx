/**
 * Pin this provider: after a test, write the provider that served the answer (by OpenRouter's own
 * record) into the model's routing — only + order, and allow_fallbacks: false when the user wants
 * no fallbacks — after showing the models.json diff and pi's verdict on it. Saving passes the
 * version the diff was computed from, so an edit made on disk meanwhile is never overwritten.
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { CatalogEndpoint, FilePreview, PiVerdict, RoutingObject, RoutingTarget, TestResult } from "../../../src-main/core/common/index.js";
import { isUnavailable, useSwitchboard } from "../../api/context";
import { DiffView } from "../../ui/DiffView";
import { Notice } from "../../ui/Notice";
import { PiVerdictLine } from "../health/PiVerdictLine";
import { targetLabel } from "../routing-editor/routing-draft";
import { writtenRouting } from "../routing-editor/written-routing";
import { matchServedSlug, modelByRef, pinnedRouting, pinTargets, servedProvider, type SlugMatch } from "./pin-provider";
import { visibleText } from "../../../src-main/core/common/visible-text";

const targetKey = (t: RoutingTarget) => JSON.stringify(t);
const endpointLabel = (e: CatalogEndpoint) => `${e.providerName} — ${e.slug}${e.quantization ? ` · ${e.quantization}` : ""}`;

export function PinProvider({ result, onClose }: { result: TestResult; onClose: () => void }) {
  const { api, snapshot, execute } = useSwitchboard();
  const titleId = useId();
  const panel = useRef<HTMLElement>(null);
  // Opened from a button above: take focus so keyboard and screen-reader users land in it.
  useEffect(() => {
    panel.current?.focus();
    panel.current?.scrollIntoView?.({ block: "nearest" });
  }, []);
  const served = servedProvider(result);
  // Shown names (the model's ref from pi's files, the served-by name from the stream) with bidi and invisible characters written out.
  const servedName = served ? visibleText(served.name) : null;
  const model = snapshot ? modelByRef(snapshot, result.ref) : undefined;
  const targets = useMemo(() => (snapshot ? pinTargets(snapshot, result.ref) : []), [snapshot, result.ref]);
  const [match, setMatch] = useState<SlugMatch | "loading" | "no-catalog">("loading");
  const [slug, setSlug] = useState("");
  const [chosenTarget, setTarget] = useState<RoutingTarget | null>(null);
  const target = chosenTarget ?? targets[0] ?? null;
  const [noFallbacks, setNoFallbacks] = useState(true);
  /** The diff shown, and the routing it writes: Save writes exactly that, at the version the diff came from. */
  const [proposal, setProposal] = useState<{ preview: FilePreview; routing: RoutingObject | null } | null>(null);
  const preview = proposal?.preview ?? null;
  const [verdict, setVerdict] = useState<{ after: string; verdict: PiVerdict | null } | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success" | "info"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  // Map OpenRouter's display name to the routing slug through the model's catalog endpoints.
  useEffect(() => {
    if (!model || !served) return;
    let live = true;
    api.invoke("catalogEndpoints", { modelId: model.id }).then(
      (endpoints) => {
        if (!live) return;
        if (!endpoints?.length) return setMatch("no-catalog");
        const found = matchServedSlug(served.name, endpoints, result.provider);
        setMatch(found);
        if (found.kind === "one") setSlug(found.slug);
      },
      (e: Error) => live && (setMatch("no-catalog"), isUnavailable(e) || setMessage({ tone: "error", text: e.message })),
    );
    return () => {
      live = false;
    };
  }, [api, model, served?.name, result.provider]);

  // The diff follows every choice: read what is written at the target, pin over it, preview, ask pi.
  useEffect(() => {
    setProposal(null);
    if (!target || !slug.trim()) return;
    let live = true;
    (async () => {
      const file = await api.invoke("readFileText", { file: "models.json" });
      const routing = pinnedRouting(writtenRouting(file.text, target), slug.trim(), noFallbacks);
      const full = { type: "setRouting" as const, target, routing };
      const previewed = await api.invoke("previewCommand", full);
      if (!live) return;
      if (!previewed.ok) return setMessage({ tone: "error", text: previewed.error.message });
      setProposal({ preview: previewed.value, routing });
      const { after } = previewed.value;
      setVerdict({ after, verdict: null });
      api.invoke("previewVerdict", full).then(
        (v) => live && setVerdict((cur) => (cur?.after === after ? { after, verdict: v.ok ? v.value : null } : cur)),
        () => live && setVerdict((cur) => (cur?.after === after ? null : cur)),
      );
    })().catch((e: Error) => live && setMessage({ tone: "error", text: e.message }));
    return () => {
      live = false;
    };
  }, [api, target && targetKey(target), slug, noFallbacks, snapshot?.modelsFile.version]);

  if (!snapshot) return null;

  async function save() {
    if (!proposal || !target) return;
    const { preview, routing } = proposal;
    setSaving(true);
    setMessage(null);
    try {
      const saved = await execute({ type: "setRouting", target, routing, expectedVersion: preview.version });
      if (saved.ok) setMessage({ tone: "success", text: `Pinned ${result.ref} to ${slug.trim()} in ${preview.path}. ${saved.snapshot.pi.afterModelsSave}` });
      else if (saved.error.code === "conflict") setMessage({ tone: "error", text: "models.json changed on disk since the diff was shown (another editor or pi). Nothing was written: check the new diff, then save again." });
      else setMessage({ tone: "error", text: saved.error.message });
    } finally {
      setSaving(false);
    }
  }

  const heading = (
    <h4 id={titleId}>
      Pin {visibleText(result.ref)} to {servedName ?? "a provider"}
    </h4>
  );
  if (!model || targets.length === 0) {
    return (
      <section ref={panel} tabIndex={-1} className="pin-panel card" aria-labelledby={titleId}>
        {heading}
        <Notice tone="info">{result.ref} is not an OpenRouter model in models.json&apos;s reach, so there is no routing to write. Pin it in the Routing view instead.</Notice>
        <div className="actions"><button type="button" onClick={onClose}>Close</button></div>
      </section>
    );
  }

  const endpointChoices = match !== "loading" && match !== "no-catalog" && match.kind !== "one" ? match.endpoints : null;
  return (
    <section ref={panel} tabIndex={-1} className="pin-panel card" aria-labelledby={titleId}>
      {heading}
      <p className="help">
        Writes <code>only</code> and <code>order</code> with this provider{noFallbacks ? <> and <code>allow_fallbacks: false</code></> : null}, so pi&apos;s requests for this model go there.
        {served && !served.verified && " OpenRouter's record was not available: this uses the provider the stream named."}
      </p>
      {message && <Notice tone={message.tone} onDismiss={() => setMessage(null)}>{message.text}</Notice>}
      {match === "loading" && <p className="muted small" role="status">Looking up {servedName ?? "the provider"}&apos;s routing slug in OpenRouter&apos;s catalog…</p>}
      {match !== "loading" && match !== "no-catalog" && match.kind === "one" && (
        <p data-testid="pin-slug">
          OpenRouter&apos;s record: <strong>{servedName}</strong> → routing slug <code>{slug}</code>
        </p>
      )}
      {endpointChoices && (
        <label className="field">
          <span>{match !== "loading" && match !== "no-catalog" && match.kind === "several" ? `${servedName} has several endpoints for this model: which one?` : `“${servedName ?? "?"}” matches none of the model's endpoints in OpenRouter's catalog. Pick the provider:`}</span>
          <select aria-label="Provider to pin" value={slug} onChange={(e) => setSlug(e.target.value)}>
            <option value="">Choose…</option>
            {endpointChoices.map((e) => <option key={e.slug} value={e.slug}>{endpointLabel(e)}</option>)}
          </select>
        </label>
      )}
      {match === "no-catalog" && (
        <label className="field">
          <span>OpenRouter&apos;s catalog has no endpoints for {model.id} here: type the slug of {served?.name ?? "the provider"} (e.g. deepinfra/fp8).</span>
          <input aria-label="Provider slug to pin" value={slug} onChange={(e) => setSlug(e.target.value)} placeholder="amazon-bedrock" />
        </label>
      )}
      <div className="pin-options">
        {targets.length > 1 ? (
          <label className="field">
            <span>Where</span>
            <select aria-label="Write the pin to" value={target ? targetKey(target) : ""} onChange={(e) => setTarget(JSON.parse(e.target.value) as RoutingTarget)}>
              {targets.map((t) => <option key={targetKey(t)} value={targetKey(t)}>{targetLabel(t)}</option>)}
            </select>
          </label>
        ) : (
          <p className="small">Written to {targetLabel(targets[0]!)}.</p>
        )}
        <label className="check-row">
          <input type="checkbox" checked={noFallbacks} onChange={(e) => setNoFallbacks(e.target.checked)} />
          <span>
            No fallbacks — <code>allow_fallbacks: false</code>: requests fail visibly instead of going to another provider
          </span>
        </label>
      </div>
      {preview ? (
        <>
          <DiffView before={preview.before} after={preview.after} path={preview.path} />
          {verdict?.after === preview.after && (verdict.verdict ? <PiVerdictLine verdict={verdict.verdict} /> : <p className="muted small" role="status">Asking {snapshot.pi.found ? `pi ${snapshot.pi.version ?? ""}`.trim() : "pi"} about this change…</p>)}
        </>
      ) : (
        slug.trim() && <p className="muted small" role="status">Computing the change to models.json…</p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>Close</button>
        <button type="button" className="primary" disabled={!preview || preview.before === preview.after || saving} onClick={() => void save()}>
          {saving ? "Saving…" : "Save to models.json"}
        </button>
      </div>
    </section>
  );
}
