/**
 * Every routing field pi accepts besides the slug lists, grouped as users think of them:
 * Fallbacks, Privacy, Price caps, Performance and Quantizations. Booleans are switches that keep
 * a third state, "not set": an absent key means OpenRouter's default, which is not the same as
 * writing false (a provider-level value would then still apply, and a later default change too).
 */
import type { ReactNode } from "react";
import type { RoutingObject } from "../../../src-main/core/common/index.js";
import { BOOLEAN_FIELDS, PERCENTILES, PRICE_KEYS, QUANTIZATIONS, setField, SORTS, type BooleanField } from "./routing-draft";

type Change = (next: RoutingObject) => void;

const num = (s: string): number | undefined => (s.trim() === "" || Number.isNaN(Number(s)) ? undefined : Number(s));
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * A switch with a "not set" state. role="switch" says on/off (the value that applies: the written
 * one, else OpenRouter's default); the line beside it says whether it is written, and "Unset"
 * takes the key out again.
 */
export function TriSwitch({ label, value, defaultValue, onText, offText, onChange }: { label: string; value: boolean | undefined; defaultValue: boolean; onText: string; offText: string; onChange: (v: boolean | undefined) => void }) {
  const effective = value ?? defaultValue;
  return (
    <div className={`tri-switch${value === undefined ? " is-unset" : ""}`}>
      <button type="button" role="switch" aria-checked={effective} className="switch" onClick={() => onChange(!effective)}>
        <span className="switch-track" aria-hidden="true"><span className="switch-thumb" /></span>
        <span className="switch-label">{label}</span>
      </button>
      <span className="tri-state muted small">
        {value === undefined ? `Not set (OpenRouter's default: ${defaultValue ? "on" : "off"})` : `Set to ${value ? "on" : "off"}`}
        {value !== undefined && (
          <button type="button" className="link small" onClick={() => onChange(undefined)} aria-label={`Unset ${label}`}>Unset</button>
        )}
      </span>
      <small className="help">{effective ? onText : offText}</small>
    </div>
  );
}

function BooleanSwitch({ draft, onChange, field }: { draft: RoutingObject; onChange: Change; field: BooleanField }) {
  const f = BOOLEAN_FIELDS[field];
  const v = draft[field];
  return <TriSwitch label={f.label} value={typeof v === "boolean" ? v : undefined} defaultValue={f.defaultValue} onText={f.on} offText={f.off} onChange={(next) => onChange(setField(draft, field, next))} />;
}

function Section({ id, title, help, children }: { id: string; title: string; help?: ReactNode; children: ReactNode }) {
  return (
    <section className="card routing-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {help && <p className="help">{help}</p>}
      {children}
    </section>
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
        <div className="checks">
          {PERCENTILES.map((p) => (
            <label key={p} className="inline">
              {p}
              <input type="number" min={0} aria-label={`${label} ${p}`} value={String(obj(v)[p] ?? "")} onChange={(e) => onChange(setField(draft, field, { ...obj(v), [p]: num(e.target.value) }))} />
            </label>
          ))}
        </div>
      ) : (
        <label className="inline">
          <input type="number" min={0} aria-label={label} placeholder="not set" value={typeof v === "number" ? String(v) : ""} onChange={(e) => onChange(setField(draft, field, num(e.target.value)))} />
          {unit}
        </label>
      )}
    </fieldset>
  );
}

export function RoutingFields({ draft, onChange }: { draft: RoutingObject; onChange: Change }) {
  const quants = Array.isArray(draft.quantizations) ? (draft.quantizations as string[]) : [];
  const sort = draft.sort;
  const sortBy = typeof sort === "string" ? sort : ((obj(sort).by as string | undefined) ?? "");
  const partition = typeof sort === "object" ? ((obj(sort).partition as string | undefined) ?? "") : "";
  const price = obj(draft.max_price);
  const setSort = (by: string, part: string) => onChange(setField(draft, "sort", by === "" ? undefined : part === "" ? by : { by, partition: part }));
  const collection = draft.data_collection;
  return (
    <>
      <Section id="fallbacks" title="Fallbacks">
        <div className="switches">
          <BooleanSwitch draft={draft} onChange={onChange} field="allow_fallbacks" />
          <BooleanSwitch draft={draft} onChange={onChange} field="require_parameters" />
        </div>
      </Section>
      <Section id="privacy" title="Privacy">
        <div className="switches">
          <TriSwitch
            label="Allow data collection"
            value={collection === "allow" ? true : collection === "deny" ? false : undefined}
            defaultValue={true}
            onText="Providers that may store or train on prompts can serve."
            offText="deny: only providers that do not store or train on prompts."
            onChange={(v) => onChange(setField(draft, "data_collection", v === undefined ? undefined : v ? "allow" : "deny"))}
          />
          <BooleanSwitch draft={draft} onChange={onChange} field="zdr" />
          <BooleanSwitch draft={draft} onChange={onChange} field="enforce_distillable_text" />
        </div>
      </Section>
      <Section id="price" title="Price caps" help="max_price: the most a request may cost, in USD per million tokens (request: per request). Empty means no cap.">
        <div className="checks price-caps">
          {PRICE_KEYS.map((k) => (
            <label key={k} className="inline">
              {k}
              <input type="number" min={0} step="any" aria-label={`Max price ${k}`} placeholder="no cap" value={String(price[k] ?? "")} onChange={(e) => onChange(setField(draft, "max_price", { ...price, [k]: num(e.target.value) }))} />
            </label>
          ))}
        </div>
      </Section>
      <Section id="performance" title="Performance" help="sort turns load balancing off and tries providers best-first; the preferred limits move slower providers down the list without excluding them.">
        <div className="fields-grid">
          <fieldset className="field">
            <legend>Sort</legend>
            <select aria-label="Sort by" value={sortBy} onChange={(e) => setSort(e.target.value, partition)}>
              <option value="">not set (load balancing)</option>
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
          <Performance draft={draft} onChange={onChange} field="preferred_min_throughput" label="Preferred min throughput" unit="tokens/s" />
          <Performance draft={draft} onChange={onChange} field="preferred_max_latency" label="Preferred max latency" unit="seconds" />
        </div>
      </Section>
      <Section id="quantizations" title="Quantizations" help="Only endpoints with one of the ticked quantizations serve; none ticked means any.">
        <div className="checks">
          {QUANTIZATIONS.map((q) => (
            <label key={q} className="inline check">
              <input type="checkbox" checked={quants.includes(q)} onChange={(e) => onChange(setField(draft, "quantizations", e.target.checked ? [...quants, q] : quants.filter((x) => x !== q)))} />
              {q}
            </label>
          ))}
        </div>
      </Section>
    </>
  );
}
