/**
 * Providers and models in models.json: virtual OpenRouter providers (openrouter-bedrock, …, each
 * with its own routing), their custom models, and overrides of built-in OpenRouter models.
 * A virtual provider is just a provider whose baseUrl points at openrouter.ai, which is what
 * makes pi treat it as OpenRouter (routing, key pickup).
 */
import { useEffect, useState, type FormEvent } from "react";
import type { CatalogModel, Command, ProviderEntry, RoutingTarget } from "../../../src-main/core/common/index.js";
import { useSwitchboard } from "../../api/context";
import { AddModelPanel } from "../add-model/AddModelPanel";
import { useConfirm } from "../../ui/Dialog";
import { EmptyState, Notice } from "../../ui/Notice";
import { visibleText } from "../../../src-main/core/common/visible-text";

export const OPENROUTER_BASE_URL = "https://openrouter.ai/api/v1";

export function ProvidersView({ onEditRouting }: { onEditRouting: (t: RoutingTarget) => void }) {
  const { api, snapshot, execute } = useSwitchboard();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [catalog, setCatalog] = useState<CatalogModel[] | null>(null);
  const [addingModel, setAddingModel] = useState(false);

  useEffect(() => {
    api.invoke("catalogModels", null).then(setCatalog, () => setCatalog(null));
  }, [api]);

  if (!snapshot) return null;
  const version = snapshot.modelsFile.version;
  const builtInOpenRouter = snapshot.models.filter((m) => m.provider === "openrouter" && m.origin !== "custom").map((m) => m.id);
  const modelIdOptions = catalog ? catalog.map((m) => m.id) : builtInOpenRouter;

  async function run(command: Command, done: string) {
    const result = await execute(command);
    setMessage(result.ok ? { tone: "success", text: `${done} ${result.snapshot.pi.afterModelsSave}` } : { tone: "error", text: result.error.message });
    return result.ok;
  }

  function addProvider(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    if (!/^[\w.-]+$/.test(name)) return setMessage({ tone: "error", text: "A provider name uses letters, digits, dots, dashes or underscores, e.g. openrouter-bedrock." });
    if (snapshot!.providers.some((p) => p.name === name)) return setMessage({ tone: "error", text: `models.json already has a provider "${name}".` });
    const apiKey = String(form.get("apiKey") ?? "").trim();
    const target = e.currentTarget;
    void run({ type: "upsertProvider", provider: name, fields: { baseUrl: OPENROUTER_BASE_URL, api: "openai-completions", ...(apiKey ? { apiKey } : {}) }, expectedVersion: version }, `Added ${name}. Add models to it, then set its routing.`).then((ok) => ok && target.reset());
  }

  return (
    <section className="view" aria-labelledby="providers-title">
      <header className="view-header">
        <h2 id="providers-title">Providers and models</h2>
        <p className="muted">What models.json adds to pi. Virtual OpenRouter providers let you keep one routing per upstream (e.g. all models via Bedrock).</p>
      </header>
      {message && <Notice tone={message.tone} onDismiss={() => setMessage(null)}>{message.text}</Notice>}
      {addingModel ? (
        <AddModelPanel onClose={() => setAddingModel(false)} />
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setAddingModel(true)}>Add OpenRouter model…</button>
          <span className="muted small">Any model in OpenRouter's catalog, with its limits and prices.</span>
        </div>
      )}
      <form className="card" onSubmit={addProvider} aria-labelledby="add-provider-title">
        <h3 id="add-provider-title">Add a virtual OpenRouter provider</h3>
        <p className="help">baseUrl {OPENROUTER_BASE_URL}, api openai-completions. The key reference is what pi {snapshot.pi.version ?? ""} resolves: an env var, written {snapshot.pi.envKeyReference}, or a !command.</p>
        <div className="row">
          <input name="name" aria-label="New provider name" placeholder="openrouter-bedrock" required />
          <input name="apiKey" aria-label="Key reference" placeholder={snapshot.pi.envKeyReference} defaultValue={snapshot.pi.envKeyReference} />
          <button type="submit" className="primary">Add provider</button>
        </div>
      </form>
      <form
        className="card"
        aria-labelledby="override-title"
        onSubmit={(e) => {
          e.preventDefault();
          const id = String(new FormData(e.currentTarget).get("id") ?? "").trim();
          if (id) onEditRouting({ level: "override", provider: "openrouter", id });
        }}
      >
        <h3 id="override-title">Route a built-in OpenRouter model</h3>
        <p className="help">Writes an override under providers.openrouter.modelOverrides: the model stays pi's built-in one, with your routing.</p>
        <div className="row">
          <input name="id" list="openrouter-model-ids" aria-label="Built-in OpenRouter model to override" placeholder={builtInOpenRouter[0] ?? "anthropic/claude-sonnet-4.5"} required />
          <button type="submit">Edit its routing…</button>
        </div>
      </form>
      <datalist id="openrouter-model-ids">{modelIdOptions.slice(0, 2000).map((id) => <option key={id} value={id} />)}</datalist>
      {snapshot.providers.length === 0 ? (
        <EmptyState title="models.json defines no providers">pi uses its built-in models. Add a virtual OpenRouter provider above to route a set of models your way.</EmptyState>
      ) : (
        snapshot.providers.map((p) => <ProviderCard key={p.name} provider={p} version={version} envRef={snapshot.pi.envKeyReference} run={run} onEditRouting={onEditRouting} />)
      )}
    </section>
  );
}

function ProviderCard({ provider: p, version, envRef, run, onEditRouting }: { provider: ProviderEntry; version: string | null; envRef: string; run: (c: Command, done: string) => Promise<boolean>; onEditRouting: (t: RoutingTarget) => void }) {
  const [confirm, confirmDialog] = useConfirm();
  function addModel(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const id = String(form.get("id") ?? "").trim();
    const name = String(form.get("name") ?? "").trim();
    if (!id) return;
    const target = e.currentTarget;
    void run({ type: "upsertModel", provider: p.name, model: { id, ...(name ? { name } : {}) }, expectedVersion: version }, `Added ${p.name}/${id}.`).then((ok) => ok && target.reset());
  }
  return (
    <section className="card provider-card" aria-labelledby={`provider-${p.name}`}>
      <div className="row spread">
        <h3 id={`provider-${p.name}`}>
          {visibleText(p.name)} {p.openRouter && <span className="badge badge-order">OpenRouter</span>} {p.builtIn && <span className="origin">built-in</span>}
        </h3>
        <div className="actions">
          {p.openRouter && <button type="button" onClick={() => onEditRouting({ level: "provider", provider: p.name })}>Provider routing…</button>}
          <button type="button" className="danger" aria-label={`Remove ${p.name}`} onClick={() => void confirm({ title: `Remove provider ${p.name}?`, description: `${p.name} and its ${p.customModelIds.length === 1 ? "1 model" : `${p.customModelIds.length} models`} leave models.json (a backup is kept; Config health can restore it).`, confirmLabel: "Remove provider", destructive: true }).then((yes) => yes && run({ type: "removeProvider", provider: p.name, expectedVersion: version }, `Removed ${p.name}.`))}>Remove</button>
          {confirmDialog}
        </div>
      </div>
      <p className="muted small">{p.baseUrl ?? "(built-in baseUrl)"} · {p.api ?? "api per model"} · key: {p.keySource.summary}</p>
      {!p.builtIn && <ProviderEditForm provider={p} version={version} envRef={envRef} run={run} />}
      {p.customModelIds.length > 0 && (
        <ul className="plain" aria-label={`Models of ${p.name}`}>
          {p.customModelIds.map((id) => (
            <li key={id} className="row spread">
              <code>{visibleText(id)}</code>
              <span className="actions">
                {p.openRouter && <button type="button" className="ghost" onClick={() => onEditRouting({ level: "model", provider: p.name, id })}>Routing…</button>}
                <button type="button" className="ghost danger" onClick={() => void run({ type: "removeModel", provider: p.name, id, expectedVersion: version }, `Removed ${p.name}/${id}.`)} aria-label={`Remove model ${id}`}>Remove</button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {p.overrideIds.length > 0 && (
        <ul className="plain" aria-label={`Overrides of ${p.name}`}>
          {p.overrideIds.map((id) => (
            <li key={id} className="row spread">
              <span><code>{visibleText(id)}</code> <span className="origin">override</span></span>
              <span className="actions">
                <button type="button" className="ghost" onClick={() => onEditRouting({ level: "override", provider: p.name, id })}>Routing…</button>
                <button type="button" className="ghost danger" onClick={() => void run({ type: "setOverride", provider: p.name, id, override: null, expectedVersion: version }, `Removed the override of ${id}.`)} aria-label={`Remove override ${id}`}>Remove</button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {!p.builtIn && (
        <form className="row" onSubmit={addModel}>
          <input name="id" list="openrouter-model-ids" aria-label={`Model id to add to ${p.name}`} placeholder="anthropic/claude-sonnet-4.5" required />
          <input name="name" aria-label={`Display name for the model in ${p.name}`} placeholder="Display name (optional)" />
          <button type="submit">Add model</button>
        </form>
      )}
    </section>
  );
}

/**
 * Edit a provider's baseUrl and key reference. The key reference is shown only when it is an env
 * var name or a command (configuration); a literal key is never sent to the window, so an empty
 * field leaves whatever models.json holds.
 */
function ProviderEditForm({ provider: p, version, envRef, run }: { provider: ProviderEntry; version: string | null; envRef: string; run: (c: Command, done: string) => Promise<boolean> }) {
  const keyRef = p.apiKeyReference ?? "";
  function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const baseUrl = String(form.get("baseUrl") ?? "").trim();
    const apiKey = String(form.get("apiKey") ?? "").trim();
    if (!baseUrl) return;
    void run({ type: "upsertProvider", provider: p.name, fields: { baseUrl, ...(apiKey ? { apiKey } : {}) }, expectedVersion: version }, `Saved ${p.name}.`);
  }
  return (
    <details className="provider-edit">
      <summary>Edit {p.name}…</summary>
      <form className="row" onSubmit={save}>
        <input name="baseUrl" aria-label={`baseUrl of ${p.name}`} defaultValue={p.baseUrl ?? OPENROUTER_BASE_URL} required />
        <input name="apiKey" aria-label={`Key reference of ${p.name}`} defaultValue={keyRef} placeholder={`${envRef} or !command (empty: keep)`} />
        <button type="submit">Save</button>
      </form>
    </details>
  );
}
