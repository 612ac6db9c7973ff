/**
 * Every routing field pi 0.73 accepts besides the slug lists: the booleans (unset / true / false,
 * because unset means OpenRouter's default, not false), data_collection, quantizations, sort
 * (string or {by, partition}), max_price and the performance preferences (a number or
 * percentiles).
 */
import type { RoutingObject } from "../../../src-main/core/contract";
import { BOOLEAN_FIELDS, PERCENTILES, PRICE_KEYS, QUANTIZATIONS, setField, SORTS } from "./routing-draft";

type Change = (next: RoutingObject) => void;

const num = (s: string): number | undefined => (s.trim() === "" || Number.isNaN(Number(s)) ? undefined : Number(s));
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function Tristate({ draft, onChange, field, label, help }: { draft: RoutingObject; onChange: Change; field: string; label: string; help: string }) {
  const v = draft[field];
  return (
    <label className="field">
      <span>{label}</span>
      <select aria-label={label} value={v === true ? "true" : v === false ? "false" : ""} onChange={(e) => onChange(setField(draft, field, e.target.value === "" ? undefined : e.target.value === "true"))}>
        <option value="">default (unset)</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
      <small className="help">{help}</small>
    </label>
  );
}

function Performance({ draft, onChange, field, label, unit }: { draft: RoutingObject; onChange: Change; field: string; label: string; unit: string }) {
  const v = draft[field];
  const percentiles = v !== undefined && typeof v === "object";
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      <select aria-label={`${label} form`} value={percentiles ? "percentiles" : "number"} onChange={(e) => onChange(setField(draft, field, e.target.value === "percentiles" ? {} : undefined))}>
        <option value="number">one value</option>
        <option value="percentiles">by percentile</option>
      </select>
      {percentiles ? (
        PERCENTILES.map((p) => (
          <label key={p} className="inline">
            {p}
            <input type="number" min={0} aria-label={`${label} ${p}`} value={String(obj(v)[p] ?? "")} onChange={(e) => onChange(setField(draft, field, { ...obj(v), [p]: num(e.target.value) }))} />
          </label>
        ))
      ) : (
        <label className="inline">
          <input type="number" min={0} aria-label={label} value={typeof v === "number" ? String(v) : ""} onChange={(e) => onChange(setField(draft, field, num(e.target.value)))} />
          {unit}
        </label>
      )}
    </fieldset>
  );
}

export function RoutingFields({ draft, onChange }: { draft: RoutingObject; onChange: Change }) {
  const quants = Array.isArray(draft.quantizations) ? (draft.quantizations as string[]) : [];
  const sort = draft.sort;
  const sortBy = typeof sort === "string" ? sort : (obj(sort).by as string | undefined) ?? "";
  const partition = typeof sort === "object" ? ((obj(sort).partition as string | undefined) ?? "") : "";
  const price = obj(draft.max_price);
  const setSort = (by: string, part: string) => onChange(setField(draft, "sort", by === "" ? undefined : part === "" ? by : { by, partition: part }));
  return (
    <div className="fields-grid">
      {BOOLEAN_FIELDS.map((f) => (
        <Tristate key={f.key} draft={draft} onChange={onChange} field={f.key} label={f.label} help={f.help} />
      ))}
      <label className="field">
        <span>Data collection</span>
        <select aria-label="Data collection" value={typeof draft.data_collection === "string" ? draft.data_collection : ""} onChange={(e) => onChange(setField(draft, "data_collection", e.target.value || undefined))}>
          <option value="">default (allow)</option>
          <option value="allow">allow</option>
          <option value="deny">deny</option>
        </select>
        <small className="help">deny: only providers that do not store or train on prompts.</small>
      </label>
      <fieldset className="field">
        <legend>Sort</legend>
        <select aria-label="Sort by" value={sortBy} onChange={(e) => setSort(e.target.value, partition)}>
          <option value="">default (load balancing)</option>
          {SORTS.map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
        <select aria-label="Sort partition" value={partition} disabled={!sortBy} onChange={(e) => setSort(sortBy, e.target.value)}>
          <option value="">no partition</option>
          <option value="model">partition: model</option>
          <option value="none">partition: none</option>
        </select>
      </fieldset>
      <fieldset className="field">
        <legend>Quantizations</legend>
        <div className="checks">
          {QUANTIZATIONS.map((q) => (
            <label key={q} className="inline">
              <input type="checkbox" checked={quants.includes(q)} onChange={(e) => onChange(setField(draft, "quantizations", e.target.checked ? [...quants, q] : quants.filter((x) => x !== q)))} />
              {q}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>Max price (USD per million tokens; request: per request)</legend>
        <div className="checks">
          {PRICE_KEYS.map((k) => (
            <label key={k} className="inline">
              {k}
              <input type="number" min={0} step="any" aria-label={`Max price ${k}`} value={String(price[k] ?? "")} onChange={(e) => onChange(setField(draft, "max_price", { ...price, [k]: num(e.target.value) }))} />
            </label>
          ))}
        </div>
      </fieldset>
      <Performance draft={draft} onChange={onChange} field="preferred_min_throughput" label="Preferred min throughput" unit="tokens/s" />
      <Performance draft={draft} onChange={onChange} field="preferred_max_latency" label="Preferred max latency" unit="seconds" />
    </div>
  );
}
