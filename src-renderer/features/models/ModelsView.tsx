/**
 * Models: what pi starts with (the header), then two tabs. "Models" lists what pi can use, opening
 * on the scoped models in Ctrl+P order; a search ranks the user's own and keyed models first. Each
 * row shows the routing badges (hover for what they mean and, with the OpenRouter catalog, the
 * endpoint's price, quantization and context), the key source, the default marker and which
 * pattern scoped it. "Scope patterns" edits settings.json enabledModels (scope-editor/). Toggling
 * the scope and making a model the default go through the service, which keeps the user's
 * patterns. The list is virtualised: a thousand models scroll without work proportional to the list.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { CatalogEndpoint, ModelEntry, RoutingTarget, ThinkingLevel } from "../../../src-main/core/common/index.js";
import { isUnavailable, useSwitchboard } from "../../api/context";
import { EmptyState, Notice } from "../../ui/Notice";
import { ScopeEditor } from "../scope-editor/ScopeEditor";
import { filterCounts, filterModels, defaultFilter, MODEL_FILTERS, orderModels, queryWords, matchesQuery, refOf, rememberedFilter, rememberFilter, scopePatterns, type ModelFilter } from "./model-list";
import { ModelRow } from "./ModelRow";
import { ModelsHeader } from "./ModelsHeader";
import { ScopeDiagnostics } from "./ScopeDiagnostics";
import { useConfirm } from "../../ui/Dialog";
import { useProblemFix } from "../model-problems/use-problem-fix";
import { switchConfirmation, switchRequestFromHash } from "../model-problems/switch-confirm";
import { useCatalogIndex } from "./use-catalog-index";

const ROW_HEIGHT = 82;

type Tab = "models" | "scope";

/** Where the routing editor should write for this model. */
export function routingTargetFor(m: ModelEntry, thinkingLevel?: ThinkingLevel): RoutingTarget {
  const at = thinkingLevel ? { thinkingLevel } : {};
  return m.origin === "custom" ? { level: "model", provider: m.provider, id: m.id, ...at } : { level: "override", provider: m.provider, id: m.id, ...at };
}

/** The tray's scope line opens the window at #/scope: the scope editor. */
const tabFromHash = (): Tab => (location.hash.replace(/^#\/?/, "") === "scope" ? "scope" : "models");

interface Message {
  tone: "error" | "success";
  text: string;
  /** A pattern the user can open in the scope editor (the glob that keeps a model in the scope). */
  pattern?: string;
}

export function ModelsView({ onEditRouting }: { onEditRouting: (target: RoutingTarget) => void }) {
  const { api, snapshot, execute } = useSwitchboard();
  const [confirm, confirmDialog] = useConfirm();
  const [fix, fixDialog] = useProblemFix((outcome) => setMessage(outcome));
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const [focusPattern, setFocusPattern] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [chosenFilter, setChosenFilter] = useState<ModelFilter | null>(rememberedFilter);
  const [message, setMessage] = useState<Message | null>(null);
  const [changedThisSession, setChanged] = useState(false);
  const [endpoints, setEndpoints] = useState<Record<string, CatalogEndpoint[] | null>>({});
  const scrollRef = useRef<HTMLDivElement>(null);
  const catalog = useCatalogIndex();
  const filter = chosenFilter ?? (snapshot ? defaultFilter(snapshot) : "scoped");

  const ordered = useMemo(() => (snapshot ? orderModels(snapshot) : []), [snapshot]);
  const rows = useMemo(() => filterModels(ordered, query, filter), [ordered, query, filter]);
  const counts = useMemo(() => filterCounts(ordered), [ordered]);
  const elsewhere = useMemo(() => (query.trim() && filter !== "all" ? ordered.filter((m) => matchesQuery(m, queryWords(query))).length - rows.length : 0), [ordered, rows, query, filter]);
  const patterns = useMemo(() => (snapshot ? scopePatterns(snapshot) : new Map<string, string>()), [snapshot]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Rows wrap in a narrow window; jsdom measures 0, where the estimate stands.
    measureElement: (el) => el.getBoundingClientRect().height || ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => refOf(rows[i]!),
  });

  // The tray's marked items land here (#/switch/<ref>): the same question as "Make default", then the switch.
  const [traySwitch, setTraySwitch] = useState<string | null>(() => switchRequestFromHash(location.hash));
  useEffect(() => {
    const onHash = () => setTraySwitch(switchRequestFromHash(location.hash));
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  useEffect(() => {
    if (!traySwitch || !snapshot) return;
    setTraySwitch(null);
    history.replaceState(null, "", "#/models");
    const m = snapshot.models.find((x) => refOf(x) === traySwitch);
    if (!m) return setMessage({ tone: "error", text: `pi has no model ${traySwitch} any more: nothing was switched.` });
    void makeDefault(m);
  }, [traySwitch, snapshot]);

  if (!snapshot) return null;

  function setFilter(next: ModelFilter) {
    setChosenFilter(next);
    rememberFilter(next);
  }

  function openTab(next: Tab, pattern: string | null = null) {
    setTab(next);
    setFocusPattern(pattern);
  }

  async function toggle(m: ModelEntry) {
    const ref = refOf(m);
    const result = await execute({ type: "toggleScoped", ref, scoped: !m.scoped, expectedVersion: snapshot!.settingsFile.version });
    // The service names the pattern to edit when a glob or fuzzy pattern pulled the model in.
    const pattern = patterns.get(ref);
    if (!result.ok) setMessage({ tone: "error", text: result.error.message, pattern: pattern && pattern !== ref ? pattern : undefined });
    else setMessage({ tone: "success", text: m.scoped ? `${ref} left the scope.` : `${ref} joined the scope.` });
  }

  async function makeDefault(m: ModelEntry) {
    // A model pi will fail on is still the user's call, but never a silent one.
    const asking = switchConfirmation(m);
    if (asking && !(await confirm(asking))) return;
    const result = await execute({ type: "useModel", ref: refOf(m) });
    if (result.ok) setChanged(true);
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
      scrollRef.current?.querySelector<HTMLElement>("[data-row] button:not(:disabled), [data-row] input")?.focus();
    }
  }

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    e.preventDefault();
    const next: Tab = tab === "models" ? "scope" : "models";
    openTab(next);
    document.getElementById(`models-tab-${next}`)?.focus();
  }

  const tabButton = (id: Tab, label: string) => (
    <button type="button" role="tab" id={`models-tab-${id}`} aria-selected={tab === id} aria-controls={`models-panel-${id}`} tabIndex={tab === id ? 0 : -1} className={`tab${tab === id ? " active" : ""}`} onClick={() => openTab(id)} onKeyDown={onTabKey}>
      {label}
    </button>
  );

  return (
    <section className="view models-view" aria-labelledby="models-title">
      <header className="view-header">
        <h2 id="models-title">Models</h2>
      </header>
      <ModelsHeader
        changedThisSession={changedThisSession}
        onChanged={(m) => {
          if (m.tone === "success") setChanged(true);
          setMessage(m);
        }}
      />
      {/* With no model for another reason, the notice over every view says why (App.tsx): the key may well be set. */}
      {!snapshot.noModel && !snapshot.models.some((m) => m.openRouter && m.available) && (
        <Notice tone="warning">
          pi has no OpenRouter key, so it cannot use any OpenRouter model (and scopes none). Store one under Key, or set OPENROUTER_API_KEY.
        </Notice>
      )}
      {confirmDialog}
      {fixDialog}
      {message && (
        <Notice tone={message.tone} onDismiss={() => setMessage(null)}>
          {message.text}
          {message.pattern && (
            <>
              {" "}
              <button type="button" className="link" onClick={() => openTab("scope", message.pattern!)}>
                Edit “{message.pattern}” in the scope editor
              </button>
            </>
          )}
        </Notice>
      )}
      <div className="tabs" role="tablist" aria-label="Models or scope patterns">
        {tabButton("models", "Models")}
        {tabButton("scope", `Scope patterns (${snapshot.scope.patterns.length})`)}
      </div>
      {tab === "scope" ? (
        <div role="tabpanel" id="models-panel-scope" aria-labelledby="models-tab-scope">
          <ScopeEditor focusPattern={focusPattern} />
        </div>
      ) : (
        <div role="tabpanel" id="models-panel-models" aria-labelledby="models-tab-models" className="models-panel">
          <p className="muted small">
            {snapshot.scope.unset
              ? "No scope set: pi's Ctrl+P cycles every model that has a key. Tick models to build a scope."
              : `${snapshot.scope.models.length} scoped, in the order Ctrl+P cycles them.`}
          </p>
          <ScopeDiagnostics onEdit={(p) => openTab("scope", p)} />
          <div className="toolbar models-toolbar">
            <input
              type="search"
              aria-label="Search models"
              placeholder="Search name, provider, id or badge…  (/)"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={onSearchKey}
              data-shortcut="/"
            />
            <div className="segmented" role="radiogroup" aria-label="Filter models">
              {MODEL_FILTERS.map((f) => (
                <label key={f.value} className={filter === f.value ? "active" : ""} title={f.title}>
                  <input type="radio" name="models-filter" value={f.value} checked={filter === f.value} onChange={() => setFilter(f.value)} />
                  {f.label} <span className="muted">{counts[f.value]}</span>
                </label>
              ))}
            </div>
            <span className="muted count" aria-live="polite">
              {rows.length} of {ordered.length}
            </span>
          </div>
          {elsewhere > 0 && (
            <p className="small elsewhere">
              {elsewhere} more {elsewhere === 1 ? "model matches" : "models match"} outside this filter.{" "}
              <button type="button" className="link" onClick={() => setFilter("all")}>
                Search all models
              </button>
            </p>
          )}
          {ordered.length === 0 ? (
            <EmptyState title="pi has no models here">
              {snapshot.pi.found ? "Add a provider with models in Providers, or check models.json in Config health." : snapshot.pi.summary}
            </EmptyState>
          ) : rows.length === 0 ? (
            <EmptyState title="No model matches">{filter === "scoped" && !query ? "Nothing is scoped: pick All, or add patterns under Scope patterns." : "Clear the search or pick another filter."}</EmptyState>
          ) : (
            <div className="model-list" ref={scrollRef} role="list" aria-label="Models">
              <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const m = rows[item.index]!;
                  return (
                    <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="model-slot" style={{ transform: `translateY(${item.start}px)` }}>
                      <ModelRow
                        model={m}
                        pattern={patterns.get(refOf(m))}
                        endpoints={endpoints[m.id]}
                        catalog={catalog}
                        levelOrder={snapshot.pi.thinkingLevels}
                        onToggle={(x) => void toggle(x)}
                        onMakeDefault={(x) => void makeDefault(x)}
                        onEditRouting={(x, level) => onEditRouting(routingTargetFor(x, level))}
                        onLoadEndpoints={loadEndpoints}
                        onFix={(x, p) => void fix(refOf(x), p)}
                      />
                    </div>
                  );
                })}
              </div>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
