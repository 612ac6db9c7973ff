/**
 * The model's endpoints from OpenRouter's catalog as a sortable table (issue 14): provider and the
 * slug to write, quantization, context, max output, prices, 30-minute uptime, median latency and
 * throughput, tool support, status. Each row adds its slug to only / order / ignore, or pins the
 * model to it. Headers sort on click or Enter (aria-sort says how). The table shows the columns
 * that fit its width, most wanted first (price, tools, status: endpoint-table.ts fitColumns), and
 * each row's Details button opens the rest below it, so no window scrolls it sideways.
 */
import { Fragment, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import type { RoutingObject } from "../../../src-main/core/common/index.js";
import { COLUMNS, COMPACT_BELOW, age, endpointRows, fitColumns, nextSort, sortRows, type TableSort } from "./endpoint-table";
import { isPinnedTo, strings, type SlugField } from "./routing-draft";
import type { EndpointsState } from "./use-model-endpoints";

const SLUG_ACTIONS: { field: SlugField; label: string }[] = [
  { field: "only", label: "Only" },
  { field: "order", label: "Order" },
  { field: "ignore", label: "Ignore" },
];

export function EndpointTable({ modelId, catalog, draft, onToggle, onPin }: { modelId: string; catalog: EndpointsState; draft: RoutingObject; onToggle: (field: SlugField, slug: string) => void; onPin: (slug: string) => void }) {
  const [sort, setSort] = useState<TableSort | null>(null);
  const { data, loading, failure, refresh } = catalog;
  const rows = useMemo(() => sortRows(endpointRows(data?.endpoints ?? []), sort), [data, sort]);
  // A fact OpenRouter gives for none of this model's endpoints (cache prices, often) is only noise.
  const known = useMemo(() => COLUMNS.slice(1).filter((c) => rows.some((r) => c.value(r.facts) !== null)), [rows]);
  const width = useWidth();
  // The fit is an estimate: where the cells came out wider (long slugs, big numbers), give up one more column until nothing is cut.
  const [squeeze, setSqueeze] = useState({ px: 0, by: 0 });
  const by = squeeze.px === width.px ? squeeze.by : 0;
  const { shown: columns, hidden } = fitColumns(known, width.px > 0 ? Math.max(1, width.px - by) : 0);
  const scroller = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && width.px > 0 && columns.length > 0 && el.scrollWidth > el.clientWidth + 1) setSqueeze({ px: width.px, by: by + 40 });
  });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggleDetails = (slug: string) => setOpen((o) => (o.has(slug) ? new Set([...o].filter((s) => s !== slug)) : new Set([...o, slug])));

  return (
    <div className={`endpoint-table${width.px > 0 && width.px < COMPACT_BELOW ? " compact" : ""}`} ref={width.ref}>
      <div className="endpoint-meta" aria-live="polite">
        {loading ? (
          <span role="status" className="loading-line">
            <span className="spinner" aria-hidden="true" /> {data ? "Refreshing" : "Loading"} the endpoints of {modelId} from OpenRouter…
          </span>
        ) : data?.fetchedAt ? (
          <span className="muted small">
            {data.endpoints?.length ?? 0} endpoints · fetched {age(data.fetchedAt)}
            {data.source === "cache" ? " (cached copy)" : ""}
          </span>
        ) : null}
        <button type="button" onClick={refresh} disabled={loading}>Refresh</button>
      </div>
      {failure && <p className="notice notice-error" role="alert">{failure}</p>}
      {data?.error && (
        <p className={`notice ${data.endpoints ? "notice-warning" : "notice-error"}`} role={data.endpoints ? "status" : "alert"}>
          {data.endpoints
            ? `Offline: OpenRouter could not be reached (${data.error}). Showing the copy cached ${age(data.fetchedAt)}; Refresh when you are back online.`
            : `OpenRouter could not be reached (${data.error}) and nothing is cached for ${modelId}. Check the network or proxy, then Refresh; meanwhile type provider slugs below.`}
        </p>
      )}
      {data && !data.error && data.endpoints === null && <p className="muted small">OpenRouter's catalog has no endpoints for {modelId}; type provider slugs below.</p>}
      {rows.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Endpoint table" tabIndex={0} ref={scroller}>
          <table>
            <thead>
              <tr>
                <SortHeader column={COLUMNS[0]} sort={sort} onSort={setSort} />
                <th scope="col">Use</th>
                {columns.map((c) => (
                  <SortHeader key={c.key} column={c} sort={sort} onSort={setSort} />
                ))}
                {hidden.length > 0 && (
                  <th scope="col" className="details-head" title={`${hidden.map((c) => c.title).join(", ")}: open a row's details`}>
                    <span className="visually-hidden">Details</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ slug, facts }) => {
                const pinned = isPinnedTo(draft, slug);
                const inList = (f: SlugField) => strings(draft[f]).includes(slug);
                const detailsOpen = hidden.length > 0 && open.has(slug);
                const detailsId = `endpoint-details-${slug}`;
                return (
                  <Fragment key={slug}>
                  <tr className={inList("ignore") ? "row-ignored" : inList("only") || inList("order") ? "row-used" : undefined}>
                    <td>
                      <div className="endpoint-provider">
                        <span>{facts.provider}</span>
                        <code>{slug}</code>
                      </div>
                    </td>
                    <td>
                      <div className="row-actions">
                        <button type="button" className="small" onClick={() => onPin(slug)} disabled={pinned} aria-label={pinned ? `Pinned to ${slug}` : `Pin to ${slug}`}>{pinned ? "Pinned" : "Pin"}</button>
                        {SLUG_ACTIONS.map(({ field, label }) => (
                          <button key={field} type="button" className="small toggle" aria-pressed={inList(field)} aria-label={`${label} ${slug}`} title={inList(field) ? `Remove ${slug} from ${field}` : `Add ${slug} to ${field}`} onClick={() => onToggle(field, slug)}>
                            {label}
                          </button>
                        ))}
                      </div>
                    </td>
                    {columns.map((c) => (
                      <td key={c.key} className={`${c.numeric ? "num" : ""}${c.key === "tools" && facts.supportsTools === false ? " bad" : ""}`}>{c.show(facts)}</td>
                    ))}
                    {hidden.length > 0 && (
                      <td className="details-cell">
                        <button type="button" className="small ghost details-toggle" aria-expanded={detailsOpen} aria-controls={detailsOpen ? detailsId : undefined} aria-label={`Details of ${slug}`} title={`${hidden.map((c) => c.title).join(", ")}`} onClick={() => toggleDetails(slug)}>
                          <span aria-hidden="true">{detailsOpen ? "▾" : "▸"}</span>
                        </button>
                      </td>
                    )}
                  </tr>
                  {detailsOpen && (
                    <tr className="details-row" id={detailsId}>
                      <td colSpan={columns.length + 3}>
                        <dl className="endpoint-details">
                          {hidden.map((c) => (
                            <div key={c.key} className={c.key === "tools" && facts.supportsTools === false ? "bad" : undefined}>
                              <dt>{c.title}</dt>
                              <dd>{c.show(facts)}</dd>
                            </div>
                          ))}
                        </dl>
                      </td>
                    </tr>
                  )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The table's own width, followed as the window or the editor's columns change (0 until measured). */
function useWidth(): { ref: RefObject<HTMLDivElement | null>; px: number } {
  const ref = useRef<HTMLDivElement>(null);
  const [px, setPx] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    setPx(el.clientWidth);
    const observer = new ResizeObserver(() => setPx(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, px };
}

function SortHeader({ column, sort, onSort }: { column: (typeof COLUMNS)[number]; sort: TableSort | null; onSort: (s: TableSort) => void }) {
  const active = sort?.column === column.key;
  const arrow = active ? (sort.direction === "ascending" ? "▲" : "▼") : "";
  return (
    <th scope="col" aria-sort={active ? sort.direction : "none"} className={column.numeric ? "num" : undefined}>
      <button type="button" className="sort-button" title={`Sort by ${column.title.toLowerCase()}`} onClick={() => onSort(nextSort(sort, column.key))}>
        {column.label}
        <span className="sort-arrow" aria-hidden="true">{arrow}</span>
      </button>
    </th>
  );
}
