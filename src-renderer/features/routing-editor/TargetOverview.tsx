/**
 * The routing editor before a target is chosen: what already has routing in models.json (each
 * provider, custom model and override, with a one-line summary), and a way to start routing a
 * provider or model that has none yet.
 */
import { useEffect, useMemo, useState } from "react";
import type { RoutingTarget, Snapshot } from "../../../src-main/core/common/index.js";
import { useSwitchboard } from "../../api/context";
import { EmptyState } from "../../ui/Notice";
import { routingSummary, routingTargets, targetLabel } from "./routing-draft";
import { writtenRouting } from "./written-routing";

/** Everything routing can be started for: OpenRouter providers, their custom models, and built-in OpenRouter models (as overrides). */
export function newTargetOptions(snapshot: Snapshot): Map<string, RoutingTarget> {
  const options = new Map<string, RoutingTarget>();
  for (const p of snapshot.providers.filter((x) => x.openRouter)) options.set(p.name, { level: "provider", provider: p.name });
  for (const m of snapshot.models.filter((x) => x.openRouter)) {
    options.set(`${m.provider}/${m.id}`, m.origin === "custom" ? { level: "model", provider: m.provider, id: m.id } : { level: "override", provider: m.provider, id: m.id });
  }
  return options;
}

export function TargetOverview({ onTarget }: { onTarget: (t: RoutingTarget) => void }) {
  const { api, snapshot } = useSwitchboard();
  const [text, setText] = useState<string | null | undefined>(undefined);
  const [choice, setChoice] = useState("");
  const version = snapshot?.modelsFile.version;
  useEffect(() => {
    let live = true;
    api.invoke("readFileText", { file: "models.json" }).then(
      (f) => live && setText(f.text),
      () => live && setText(null),
    );
    return () => {
      live = false;
    };
  }, [api, version]);
  const routed = useMemo(() => (snapshot && text !== undefined ? routingTargets(snapshot).map((t) => ({ t, routing: writtenRouting(text, t) })).filter((x) => x.routing && Object.keys(x.routing).length) : []), [snapshot, text]);
  const options = useMemo(() => (snapshot ? newTargetOptions(snapshot) : new Map<string, RoutingTarget>()), [snapshot]);
  if (!snapshot) return null;
  const chosen = options.get(choice.trim());

  if (options.size === 0) {
    return (
      <EmptyState title="Nothing to route yet">
        Routing applies to OpenRouter models. Add a virtual OpenRouter provider (for example <code>openrouter-bedrock</code>) in Providers, or set up pi's <code>openrouter</code> provider with a key.
      </EmptyState>
    );
  }
  return (
    <div className="target-overview">
      <section className="card" aria-labelledby="routed-title">
        <h3 id="routed-title">Routing in models.json</h3>
        {text === undefined ? (
          <p className="muted" role="status">Reading models.json…</p>
        ) : routed.length ? (
          <ul className="target-list">
            {routed.map(({ t, routing }) => (
              <li key={JSON.stringify(t)}>
                <button type="button" className="target-item" onClick={() => onTarget(t)}>
                  <span className="target-name">{targetLabel(t)}</span>
                  <span className="target-summary">{routingSummary(routing)}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No provider or model has routing yet: OpenRouter picks providers by its own load balancing.</p>
        )}
      </section>
      <section className="card" aria-labelledby="new-title">
        <h3 id="new-title">Route a provider or model</h3>
        <p className="help">A provider's routing applies to all its models; a model's routing is merged over it, key by key. Built-in models get an override in models.json.</p>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) onTarget(chosen);
          }}
        >
          <input list="routing-new-targets" aria-label="Provider or model to route" placeholder="openrouter-bedrock or openrouter/moonshotai/kimi-k2" value={choice} onChange={(e) => setChoice(e.target.value)} className="grow" />
          <datalist id="routing-new-targets">
            {[...options.keys()].map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
          <button type="submit" className="primary" disabled={!chosen}>Edit routing</button>
        </form>
        {choice.trim() && !chosen && <p className="muted small">No OpenRouter provider or model of pi is called “{choice.trim()}”. Pick one from the list.</p>}
      </section>
    </div>
  );
}
