/**
 * Picking the providers of one model to compare: the model (searchable by name, id and provider),
 * then its endpoints from OpenRouter's
 * catalog with price, quantization, uptime and recent latency/throughput, each a checkbox.
 */
import { useEffect, useState } from "react";
import type { CatalogEndpoint, ModelEntry } from "../../../src-main/core/common/index.js";
import { isUnavailable, useSwitchboard } from "../../api/context";
import { refOf } from "../models/model-list";
import { ModelSelect } from "../../ui/ModelSelect";

const price = (usdPerM: number | null | undefined) => (usdPerM == null ? "?" : `$${usdPerM.toFixed(2)}`);

/** Price, quantization, uptime and the last 30 minutes' medians: what to weigh when picking providers to compare. */
function endpointFacts(e: CatalogEndpoint): string[] {
  const facts = [e.quantization ?? "?", `${price(e.pricing.prompt)} in · ${price(e.pricing.completion)} out /M`, e.uptime !== null ? `${e.uptime.toFixed(1)}% up` : "uptime ?"];
  if (e.latencyMs?.p50 != null) facts.push(`${Math.round(e.latencyMs.p50)} ms TTFT p50`);
  if (e.throughput?.p50 != null) facts.push(`${Math.round(e.throughput.p50)} tok/s p50`);
  return facts;
}

export function ProviderPicker(props: { models: ModelEntry[]; modelRef: string; onModel: (ref: string) => void; picked: string[]; onPicked: (slugs: string[]) => void }) {
  const { api } = useSwitchboard();
  const { models, modelRef, onModel, picked, onPicked } = props;
  const model = models.find((m) => refOf(m) === modelRef);
  const [endpoints, setEndpoints] = useState<CatalogEndpoint[] | null | "loading">(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    setEndpoints(null);
    setNote(null);
    if (!model) return;
    let live = true;
    setEndpoints("loading");
    api.invoke("catalogEndpoints", { modelId: model.id }).then(
      (list) => live && (setEndpoints(list), setNote(list?.length ? null : `OpenRouter's catalog lists no providers for ${model.id}.`)),
      (e: Error) => live && (setEndpoints(null), setNote(isUnavailable(e) ? "The OpenRouter catalog is not available here." : e.message)),
    );
    return () => {
      live = false;
    };
  }, [api, model]);

  const toggle = (slug: string, on: boolean) => onPicked(on ? [...picked, slug] : picked.filter((s) => s !== slug));
  return (
    <div className="provider-picker">
      <div className="field">
        <span>Model</span>
        <ModelSelect label="Model to compare providers of" choices={models.map((m) => ({ ref: refOf(m), name: m.name }))} value={modelRef} onChange={onModel} placeholder="Choose a model…" />
      </div>
      {endpoints === "loading" && <p className="muted small" role="status">Reading {model?.id}&apos;s providers from OpenRouter&apos;s catalog…</p>}
      {note && <p className="muted small">{note}</p>}
      {Array.isArray(endpoints) && endpoints.length > 0 && (
        <fieldset className="field">
          <legend>Providers ({picked.length} picked)</legend>
          <ul className="endpoint-picks">
            {endpoints.map((e) => (
              <li key={e.slug}>
                <label>
                  <input type="checkbox" checked={picked.includes(e.slug)} onChange={(ev) => toggle(e.slug, ev.target.checked)} />
                  <span className="endpoint-name">
                    {e.providerName} <code>{e.slug}</code>
                  </span>
                  <span className="endpoint-facts muted small">
                    {endpointFacts(e).map((fact, i) => (
                      <span key={i}>
                        {i > 0 && " · "}
                        <span className="nowrap">{fact}</span>
                      </span>
                    ))}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </div>
  );
}
