/**
 * Models: what pi can use, scoped models first in cycle order. Each row shows the routing badges
 * (hover for what they mean and, with the OpenRouter catalog, the endpoint's price, quantization
 * and context), the key source, the default marker and which pattern scoped it. Toggling the
 * scope and making a model the default go through the service, which keeps the user's patterns.
 * The list is virtualised: a thousand models scroll without work proportional to the list.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { CatalogEndpoint, ModelEntry, RoutingTarget } from "../../../src-main/core/contract";
import { isUnavailable, useSwitchboard } from "../../api/context";
import { Badge } from "../../ui/Badge";
import { PiVerdictLine } from "../health/PiVerdictLine";
import { EmptyState, Notice } from "../../ui/Notice";
import { filterModels, MODEL_FILTERS, orderModels, refOf, scopePatterns, type ModelFilter } from "./model-list";
import { ScopeDiagnostics } from "./ScopeDiagnostics";

const ROW_HEIGHT = 64;

/** Where the routing editor should write for this model. */
export function routingTargetFor(m: ModelEntry): RoutingTarget {
  return m.origin === "custom" ? { level: "model", provider: m.provider, id: m.id } : { level: "override", provider: m.provider, id: m.id };
}

function endpointDetail(endpoints: CatalogEndpoint[] | null | undefined, slug: string): string | undefined {
  const e = endpoints?.find((x) => x.slug === slug || x.slug.split("/")[0] === slug);
  if (!e) return undefined;
  const price = e.pricing.prompt !== null ? `$${e.pricing.prompt}/M in, $${e.pricing.completion ?? "?"}/M out` : "price unknown";
  return `${e.providerName}: ${price}; ${e.quantization ?? "quantization unknown"}; context ${e.contextLength ?? "?"}${e.uptime !== null ? `; uptime ${e.uptime.toFixed(1)}%` : ""}`;
}

export function ModelsView({ onEditRouting }: { onEditRouting: (target: RoutingTarget) => void }) {
  const { api, snapshot, execute } = useSwitchboard();
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<ModelFilter>("all");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [endpoints, setEndpoints] = useState<Record<string, CatalogEndpoint[] | null>>({});
  const scrollRef = useRef<HTMLDivElement>(null);

  const ordered = useMemo(() => (snapshot ? orderModels(snapshot) : []), [snapshot]);
  const rows = useMemo(() => filterModels(ordered, query, filter), [ordered, query, filter]);
  const patterns = useMemo(() => (snapshot ? scopePatterns(snapshot) : new Map<string, string>()), [snapshot]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => refOf(rows[i]!),
  });

  if (!snapshot) return null;

  async function toggle(m: ModelEntry) {
    const ref = refOf(m);
    const result = await execute({ type: "toggleScoped", ref, scoped: !m.scoped, expectedVersion: snapshot!.settingsFile.version });
    // The service names the pattern to edit when a glob or fuzzy pattern pulled the model in.
    if (!result.ok) setMessage({ tone: "error", text: result.error.message });
    else setMessage({ tone: "success", text: m.scoped ? `${ref} left the scope.` : `${ref} joined the scope.` });
  }

  async function makeDefault(m: ModelEntry) {
    const result = await execute({ type: "useModel", ref: refOf(m) });
    setMessage(result.ok ? { tone: "success", text: `pi now starts with ${refOf(m)}.` } : { tone: "error", text: result.error.message });
  }

  function loadEndpoints(m: ModelEntry) {
    if (!m.openRouter || m.id in endpoints) return;
    setEndpoints((e) => ({ ...e, [m.id]: null }));
    api.invoke("catalogEndpoints", { modelId: m.id }).then(
      (list) => setEndpoints((e) => ({ ...e, [m.id]: list })),
      (error: unknown) => {
        if (!isUnavailable(error)) setEndpoints((e) => ({ ...e, [m.id]: null }));
      },
    );
  }

  function onSearchKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      scrollRef.current?.querySelector<HTMLElement>("[data-row] button, [data-row] input")?.focus();
    }
  }

  return (
    <section className="view" aria-labelledby="models-title">
      <header className="view-header">
        <h2 id="models-title">Models</h2>
        <p className="muted">
          {snapshot.scope.unset
            ? "No scope set: pi's Ctrl+P cycles every model that has a key. Tick models to build a scope."
            : `${snapshot.scope.models.length} scoped, in the order Ctrl+P cycles them.`}
        </p>
        <PiVerdictLine verdict={snapshot.verdict} />
      </header>
      {!snapshot.models.some((m) => m.openRouter && m.available) && (
        <Notice tone="warning">
          pi has no OpenRouter key, so it cannot use any OpenRouter model (and scopes none). Store one under Key, or set OPENROUTER_API_KEY.
        </Notice>
      )}
      <ScopeDiagnostics />
      {message && (
        <Notice tone={message.tone} onDismiss={() => setMessage(null)}>
          {message.text}
        </Notice>
      )}
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search models"
          placeholder="Search name, provider, id or badge…  (/)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
          data-shortcut="/"
        />
        <select aria-label="Filter models" value={filter} onChange={(e) => setFilter(e.target.value as ModelFilter)}>
          {MODEL_FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <span className="muted count" aria-live="polite">
          {rows.length} of {ordered.length}
        </span>
      </div>
      {ordered.length === 0 ? (
        <EmptyState title="pi has no models here">
          {snapshot.pi.found ? "Add a provider with models in Providers, or check models.json in Config health." : snapshot.pi.summary}
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title="No model matches">Clear the search or pick another filter.</EmptyState>
      ) : (
        <div className="model-list" ref={scrollRef} role="list" aria-label="Models">
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const m = rows[item.index]!;
              const ref = refOf(m);
              const pattern = patterns.get(ref);
              return (
                <div
                  key={item.key}
                  role="listitem"
                  data-row={ref}
                  className={`model-row${m.scoped ? " scoped" : ""}${m.default ? " is-default" : ""}`}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onMouseEnter={() => loadEndpoints(m)}
                  onFocus={() => loadEndpoints(m)}
                >
                  <input type="checkbox" checked={m.scoped} onChange={() => void toggle(m)} aria-label={`Scoped: ${ref}`} title={m.scoped ? "In the Ctrl+P scope; untick to remove" : "Add to the Ctrl+P scope"} />
                  <div className="model-main">
                    <div className="model-name">
                      {m.default && (
                        <span className="default-marker" title="pi's default model" aria-label="default">
                          ★
                        </span>
                      )}
                      <span>{m.name}</span>
                      <span className="origin">{m.origin}</span>
                      {m.thinkingLevel && <span className="origin">thinking {m.thinkingLevel}</span>}
                    </div>
                    <div className="model-ref muted">
                      <span className="provider">{m.provider}</span>/<span>{m.id}</span>
                      {pattern && pattern !== ref && <span className="pattern" title="The enabledModels pattern that put this model in the scope"> · via “{pattern}”</span>}
                    </div>
                  </div>
                  <div className="model-badges">
                    {m.badges.length ? m.badges.map((b, i) => <Badge key={i} badge={b} detail={endpointDetail(endpoints[m.id], b.label)} />) : m.openRouter ? <span className="muted small">OpenRouter default routing</span> : null}
                  </div>
                  <div className={`model-key ${m.available ? "ok" : "missing"}`} title={m.keySource.summary}>
                    {m.available ? `key: ${m.keySource.origin}` : "no key"}
                  </div>
                  <div className="model-actions">
                    <button type="button" className="ghost" disabled={m.default} onClick={() => void makeDefault(m)} aria-label={`Make ${ref} the default`}>
                      {m.default ? "Default" : "Make default"}
                    </button>
                    {m.openRouter && (
                      <button type="button" className="ghost" onClick={() => onEditRouting(routingTargetFor(m))} aria-label={`Edit routing of ${ref}`}>
                        Routing…
                      </button>
                    )}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
