/**
 * Add any OpenRouter model to pi: search the live catalog, pick a model, a routing variant
 * (:nitro, :floor, :exacto, :free, a preset) and optionally one endpoint to pin, choose the
 * virtual provider (or name a new one), review the models.json diff and pi's verdict, save. The
 * fields pi reads (name, reasoning, input, context, max tokens, cost per million tokens) come from
 * core/common/openrouter/model-from-catalog.ts, the write is one `addModel` command with expectedVersion.
 * Once saved, the model is offered for the Ctrl+P scope (toggleScoped) where a scope is set.
 */
import { useEffect, useMemo, useState } from "react";
import type { CatalogEndpoint, CatalogModel, Command, FilePreview, PiVerdict } from "../../../src-main/core/common/index.js";
import { modelFromCatalog, OPENROUTER_BASE_URL, parsePresetSlug, variantOptions, virtualProviderName, type ModelVariant } from "../../../src-main/core/common/openrouter/model-from-catalog";
import { useSwitchboard } from "../../api/context";
import { DiffView } from "../../ui/DiffView";
import { Notice } from "../../ui/Notice";
import { PiVerdictLine } from "../health/PiVerdictLine";

type AddModelCommand = Extract<Command, { type: "addModel" }>;

const NEW_PROVIDER = "\u0000new";
const MAX_RESULTS = 40;

const price = (n: number | null | undefined) => (n === null || n === undefined ? "?" : n < 0 ? "varies" : `$${Number(n.toPrecision(4))}`);
const tokens = (n: number | null | undefined) => (n === null || n === undefined ? "?" : n >= 1000 ? `${Math.round(n / 1000)}K` : String(n));

/** Case-insensitive match on id and name, every word: "kimi k2" finds "moonshotai/kimi-k2". */
export function searchCatalog(models: CatalogModel[], query: string): CatalogModel[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return models;
  return models.filter((m) => words.every((w) => m.id.toLowerCase().includes(w) || m.name.toLowerCase().includes(w)));
}

export function AddModelPanel({ onClose }: { onClose: () => void }) {
  const { api, snapshot, execute } = useSwitchboard();
  const [catalog, setCatalog] = useState<CatalogModel[] | null>(null);
  const [catalogError, setCatalogError] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [modelId, setModelId] = useState<string | null>(null);
  const [variantKind, setVariantKind] = useState<ModelVariant["kind"]>("none");
  const [presetText, setPresetText] = useState("");
  const [endpoints, setEndpoints] = useState<{ modelId: string; list: CatalogEndpoint[] | null } | null>(null);
  const [endpointSlug, setEndpointSlug] = useState<string>("");
  const [providerChoice, setProviderChoice] = useState<string>(NEW_PROVIDER);
  const [newProvider, setNewProvider] = useState<string | null>(null);
  const [keyRef, setKeyRef] = useState(snapshot?.pi.envKeyReference ?? "$OPENROUTER_API_KEY");
  const [preview, setPreview] = useState<{ command: AddModelCommand; file: FilePreview; verdict: PiVerdict | null } | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  /** The model just saved, offered for the Ctrl+P scope until it is added or another is saved. */
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    api.invoke("catalogModels", null).then(
      (models) => (models.length ? setCatalog(models) : setCatalogError("OpenRouter's catalog is empty here: the app could not fetch it and has no cached copy. Check the connection, then reopen this panel.")),
      (e: Error) => setCatalogError(e.message),
    );
  }, [api]);

  const base = catalog?.find((m) => m.id === modelId) ?? null;
  const options = useMemo(() => (base && catalog ? variantOptions(base, catalog) : []), [base, catalog]);
  // :free is a catalog entry of its own, with its own endpoints and prices.
  const entry = variantKind === "free" && base ? (catalog?.find((m) => m.id === `${base.id}:free`) ?? null) : base;

  useEffect(() => {
    if (!entry) return;
    let live = true;
    setEndpoints(null);
    setEndpointSlug("");
    api.invoke("catalogEndpoints", { modelId: entry.id }).then(
      (list) => live && setEndpoints({ modelId: entry.id, list }),
      () => live && setEndpoints({ modelId: entry.id, list: null }),
    );
    return () => {
      live = false;
    };
  // Once per catalog entry: a new object for the same entry (a catalog refresh) refetches nothing.
  }, [api, entry?.id]);

  if (!snapshot) return null;
  const openRouterProviders = snapshot.providers.filter((p) => p.openRouter && !p.builtIn);
  const endpoint = endpoints?.list?.find((e) => (e.tag ?? e.slug) === endpointSlug) ?? null;
  const preset = variantKind === "preset" ? parsePresetSlug(presetText) : null;
  const variant: ModelVariant = variantKind === "preset" ? { kind: "preset", slug: preset?.ok ? preset.slug : presetText } : ({ kind: variantKind } as ModelVariant);
  const mapped = entry && (!preset || preset.ok) ? modelFromCatalog({ model: entry, variant, endpoint }) : null;
  const providerName = providerChoice === NEW_PROVIDER ? (newProvider ?? virtualProviderName(endpoint ? endpoint.slug.split("/")[0]! : "custom")) : providerChoice;
  const providerProblem =
    providerChoice !== NEW_PROVIDER ? null : !/^[\w.-]+$/.test(providerName) ? "A provider name uses letters, digits, dots, dashes or underscores, e.g. openrouter-deepinfra." : snapshot.providers.some((p) => p.name === providerName) ? `models.json already has "${providerName}": pick it from the list instead.` : null;
  const existing = snapshot.providers.find((p) => p.name === providerName)?.customModelIds.includes(mapped?.ok ? mapped.value.model.id : "");

  function pick(id: string) {
    setModelId(id);
    setVariantKind("none");
    setPreview(null);
    setMessage(null);
  }

  function command(): AddModelCommand | null {
    if (!mapped?.ok || providerProblem) return null;
    return {
      type: "addModel",
      provider: providerName,
      ...(providerChoice === NEW_PROVIDER ? { createProvider: { baseUrl: OPENROUTER_BASE_URL, api: "openai-completions", ...(keyRef.trim() ? { apiKey: keyRef.trim() } : {}) } } : {}),
      model: mapped.value.model,
      routing: mapped.value.routing,
      expectedVersion: snapshot!.modelsFile.version,
    };
  }

  async function review() {
    const c = command();
    if (!c) return;
    setMessage(null);
    setBusy("Computing the change…");
    try {
      const result = await api.invoke("previewCommand", c);
      if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
      const file = result.value;
      setPreview({ command: { ...c, expectedVersion: file.version }, file, verdict: null });
      api.invoke("previewVerdict", c).then(
        (v) => setPreview((cur) => (cur?.file.after === file.after ? { ...cur, verdict: v.ok ? v.value : null } : cur)),
        () => undefined,
      );
    } finally {
      setBusy(null);
    }
  }

  async function save() {
    if (!preview) return;
    setBusy("Saving…");
    try {
      const result = await execute(preview.command);
      if (result.ok) {
        const ref = `${preview.command.provider}/${preview.command.model.id}`;
        setMessage({ tone: "success", text: `Saved ${ref} to ${preview.file.path}. ${result.snapshot.pi.afterModelsSave}` });
        setAdded(result.snapshot.scope.models.includes(ref) || result.snapshot.scope.unset ? null : ref);
        setPreview(null);
        // A provider just created is now an existing one: the next model goes there unless changed.
        setProviderChoice(preview.command.provider);
      } else if (result.error.code === "conflict") {
        setMessage({ tone: "error", text: "models.json changed on disk since you reviewed it (another editor or pi). Nothing was written: review the change again, then save." });
        setPreview(null);
      } else setMessage({ tone: "error", text: result.error.message });
    } finally {
      setBusy(null);
    }
  }

  async function addToScope(ref: string) {
    setBusy("Adding to the scope…");
    try {
      const result = await execute({ type: "toggleScoped", ref, scoped: true, expectedVersion: snapshot!.settingsFile.version });
      setMessage(result.ok ? { tone: "success", text: `${ref} joined the scope: pi's Ctrl+P cycles it.` } : { tone: "error", text: result.error.message });
      if (result.ok) setAdded(null);
    } finally {
      setBusy(null);
    }
  }

  const results = catalog ? searchCatalog(catalog, query) : [];
  return (
    <section className="card add-model" aria-labelledby="add-model-title">
      <div className="row spread">
        <h3 id="add-model-title">Add an OpenRouter model</h3>
        <button type="button" className="ghost" onClick={onClose}>Close</button>
      </div>
      <p className="help">pi's built-in list changes only with pi releases. Any model OpenRouter lists can be added here, with its real limits and prices, so pi's cost figures are right.</p>
      {message && <Notice tone={message.tone} onDismiss={() => setMessage(null)}>{message.text}</Notice>}
      {added && (
        <div className="row add-to-scope">
          <span className="small">Cycle it with Ctrl+P too?</span>
          <button type="button" onClick={() => void addToScope(added)} disabled={busy !== null}>
            Add {added} to scope
          </button>
        </div>
      )}
      {catalogError ? (
        <Notice tone="error">{catalogError}</Notice>
      ) : !catalog ? (
        <p className="muted" role="status">Loading OpenRouter's catalog…</p>
      ) : (
        <>
          <fieldset className="add-model-step">
            <legend>1. Model</legend>
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search OpenRouter models" placeholder="Search by name or id, e.g. kimi k2" />
            <p className="muted small" role="status">{results.length === catalog.length ? `${catalog.length} models` : `${results.length} of ${catalog.length} models`}{results.length > MAX_RESULTS ? `, first ${MAX_RESULTS} shown: type more to narrow` : ""}</p>
            <div className="add-model-results" role="radiogroup" aria-label="OpenRouter models">
              {results.slice(0, MAX_RESULTS).map((m) => (
                <label key={m.id} className={`add-model-option${m.id === modelId ? " selected" : ""}`}>
                  <input type="radio" name="add-model-id" value={m.id} checked={m.id === modelId} onChange={() => pick(m.id)} />
                  <span className="add-model-option-text">
                    <span className="add-model-name">{m.name}</span>{" "}
                    <code className="small">{m.id}</code>{" "}
                    <span className="muted small">
                      {tokens(m.contextLength)} context · {price(m.pricing.prompt)} in / {price(m.pricing.completion)} out per M{m.inputModalities?.includes("image") ? " · images" : ""}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {base && (
            <fieldset className="add-model-step">
              <legend>2. Variant</legend>
              <div role="radiogroup" aria-label="Routing variant">
                {options.map((o) => (
                  <label key={o.label} className="check-row add-model-variant" title={o.unavailable ?? undefined}>
                    <input type="radio" name="add-model-variant" checked={variantKind === o.variant.kind} disabled={o.unavailable !== null} onChange={() => (setVariantKind(o.variant.kind), setPreview(null))} />
                    <span>
                      <strong>{o.label}</strong> <span className="muted small">{o.unavailable ?? o.description}</span>
                    </span>
                  </label>
                ))}
              </div>
              {variantKind === "preset" && (
                <div className="add-model-preset">
                  <input value={presetText} onChange={(e) => (setPresetText(e.target.value), setPreview(null))} aria-label="Preset slug" placeholder="@preset/my-coder" aria-invalid={preset !== null && !preset.ok && presetText !== ""} aria-describedby="preset-help" />
                  <p id="preset-help" className={preset && !preset.ok && presetText ? "field-error small" : "muted small"}>
                    {preset && !preset.ok && presetText ? preset.message : `Written as ${base.id}@preset/<slug>: OpenRouter applies the preset's routing, prompt and parameters.`}
                  </p>
                </div>
              )}
            </fieldset>
          )}
          {entry && (
            <fieldset className="add-model-step">
              <legend>3. Endpoint (optional)</legend>
              {!endpoints ? (
                <p className="muted small" role="status">Asking OpenRouter for {entry.id}'s endpoints…</p>
              ) : !endpoints.list?.length ? (
                <p className="muted small">No endpoint list for {entry.id} (offline, or OpenRouter lists none): the model's catalog figures are used.</p>
              ) : (
                <div role="radiogroup" aria-label="Endpoint to pin" className="add-model-endpoints">
                  <label className="check-row">
                    <input type="radio" name="add-model-endpoint" checked={endpointSlug === ""} onChange={() => (setEndpointSlug(""), setPreview(null))} />
                    <span>Any: OpenRouter picks (no pin)</span>
                  </label>
                  {endpoints.list.map((e) => {
                    const slug = e.tag ?? e.slug;
                    const tools = e.supportedParameters ? e.supportedParameters.includes("tools") : null;
                    return (
                      <label key={slug} className="check-row">
                        <input type="radio" name="add-model-endpoint" value={slug} checked={endpointSlug === slug} onChange={() => (setEndpointSlug(slug), setPreview(null))} />
                        <span>
                          <strong>{e.providerName}</strong> <code className="small">{slug}</code>{" "}
                          <span className="muted small">
                            {e.quantization ?? "quantization ?"} · {tokens(e.contextLength)} ctx · {e.maxOutput == null ? "no max output listed" : `${tokens(e.maxOutput)} out`} · {price(e.pricing.prompt)}/{price(e.pricing.completion)} per M{tools === false ? " · no tools" : ""}
                          </span>
                        </span>
                      </label>
                    );
                  })}
                </div>
              )}
            </fieldset>
          )}
          {mapped && (
            <fieldset className="add-model-step">
              <legend>4. Provider</legend>
              <div className="row">
                <select value={providerChoice} onChange={(e) => (setProviderChoice(e.target.value), setPreview(null))} aria-label="Virtual provider">
                  <option value={NEW_PROVIDER}>New provider…</option>
                  {openRouterProviders.map((p) => (
                    <option key={p.name} value={p.name}>{p.name}</option>
                  ))}
                </select>
                {providerChoice === NEW_PROVIDER && (
                  <>
                    <input value={providerName} onChange={(e) => (setNewProvider(e.target.value.trim()), setPreview(null))} aria-label="Name of the new provider" />
                    <input value={keyRef} onChange={(e) => (setKeyRef(e.target.value), setPreview(null))} aria-label="Key reference for the new provider" placeholder={snapshot.pi.envKeyReference} />
                  </>
                )}
              </div>
              {providerProblem ? <p className="field-error small" role="alert">{providerProblem}</p> : providerChoice === NEW_PROVIDER && <p className="help">baseUrl {OPENROUTER_BASE_URL}, api openai-completions; the key reference is what pi {snapshot.pi.version ?? ""} reads (an env var written {snapshot.pi.envKeyReference}, or a !command).</p>}
            </fieldset>
          )}
          {mapped && !mapped.ok && <Notice tone="error">{mapped.message}</Notice>}
          {mapped?.ok && (
            <section className="add-model-summary" aria-labelledby="add-model-summary-title">
              <h4 id="add-model-summary-title">What pi will get</h4>
              <dl className="facts" data-testid="add-model-fields">
                <dt>Model</dt>
                <dd><code>{providerName}/{mapped.value.model.id}</code>{existing ? " (replaces the one there)" : ""}</dd>
                <dt>Name</dt>
                <dd>{mapped.value.model.name}</dd>
                <dt>Reasoning</dt>
                <dd>{mapped.value.model.reasoning ? "yes" : "no"}</dd>
                <dt>Input</dt>
                <dd>{mapped.value.model.input?.join(", ")}</dd>
                <dt>Context / max output</dt>
                <dd>{tokens(mapped.value.model.contextWindow)} / {tokens(mapped.value.model.maxTokens)} tokens</dd>
                <dt>Cost per M tokens</dt>
                <dd>
                  {price(mapped.value.model.cost?.input)} in, {price(mapped.value.model.cost?.output)} out, {price(mapped.value.model.cost?.cacheRead)} cache read, {price(mapped.value.model.cost?.cacheWrite)} cache write
                </dd>
                <dt>Routing</dt>
                <dd>{mapped.value.routing ? <code>{JSON.stringify(mapped.value.routing)}</code> : "OpenRouter's (nothing pinned)"}</dd>
              </dl>
              {mapped.value.notes.length > 0 && (
                <ul className="help add-model-notes">
                  {mapped.value.notes.map((n) => <li key={n}>{n}</li>)}
                </ul>
              )}
              <div className="actions">
                <button type="button" className="primary" onClick={() => void review()} disabled={busy !== null || providerProblem !== null}>Review changes</button>
                {busy && <span className="muted small" role="status">{busy}</span>}
              </div>
            </section>
          )}
          {preview && (
            <section aria-labelledby="add-model-review-title">
              <h4 id="add-model-review-title">Review</h4>
              <DiffView before={preview.file.before} after={preview.file.after} path={preview.file.path} />
              {preview.verdict ? <PiVerdictLine verdict={preview.verdict} /> : <p className="muted small" role="status">Asking {snapshot.pi.found ? `pi ${snapshot.pi.version ?? ""}`.trim() : "pi"} about this change…</p>}
              <div className="actions">
                <button type="button" onClick={() => setPreview(null)}>Cancel</button>
                <button type="button" className="primary" onClick={() => void save()} disabled={busy !== null || preview.file.before === preview.file.after}>Save to models.json</button>
              </div>
            </section>
          )}
        </>
      )}
    </section>
  );
}
