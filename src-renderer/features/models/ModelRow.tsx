/**
 * One row of the Models list: scope checkbox, name and ref in full (they wrap rather than being
 * cut; the pattern that scoped it beside them), price in/out per million tokens, context and the
 * pinned provider (model-facts.ts), the routing badges (wrapping; a badge too long for its cell
 * ends in an ellipsis, its title says it all) with a line per thinking level whose routing differs
 * (level-routing.ts; its "at high" tag opens the routing editor at that level), the key pi uses,
 * and the actions. "Make default" is disabled, with the reason, where pi has no key for the
 * model's provider: pi would not start with it. Narrow windows stack the row.
 */
import type { CatalogEndpoint, CatalogModel, ModelEntry, ModelProblem, ThinkingLevel } from "../../../src-main/core/common/index.js";
import { Badge } from "../../ui/Badge";
import { refOf } from "./model-list";
import { factsLine, modelFacts } from "./model-facts";
import { levelRoutingLines } from "./level-routing";
import { ProblemList, problemMark } from "../model-problems/ProblemList";
import { visibleText } from "../../../src-main/core/common/visible-text";

function endpointDetail(endpoints: CatalogEndpoint[] | null | undefined, slug: string): string | undefined {
  const e = endpoints?.find((x) => x.slug === slug || x.slug.split("/")[0] === slug);
  if (!e) return undefined;
  const price = e.pricing.prompt !== null ? `$${e.pricing.prompt}/M in, $${e.pricing.completion ?? "?"}/M out` : "price unknown";
  return `${e.providerName}: ${price}; ${e.quantization ?? "quantization unknown"}; context ${e.contextLength ?? "?"}${e.uptime !== null ? `; uptime ${e.uptime.toFixed(1)}%` : ""}`;
}

/** Why "Make default" is off for a model pi has no key for, and what to do. */
export function noKeyReason(m: ModelEntry): string {
  return `pi has no key for ${visibleText(m.provider)}, so it could not start with this model. ${m.keySource.summary} Add a key under Key (OpenRouter) or Providers.`;
}

export interface ModelRowProps {
  model: ModelEntry;
  pattern: string | undefined;
  endpoints: CatalogEndpoint[] | null | undefined;
  /** OpenRouter's cached catalog, for a price pi does not list. */
  catalog: ReadonlyMap<string, CatalogModel> | null;
  /** The detected pi's thinking levels, in its order (a run of levels with the same routing shares a line). */
  levelOrder: readonly ThinkingLevel[];
  onToggle: (m: ModelEntry) => void;
  onMakeDefault: (m: ModelEntry) => void;
  /** With a thinking level: the routing editor opens at that level (the row's "at high" line). */
  onEditRouting: (m: ModelEntry, thinkingLevel?: ThinkingLevel) => void;
  onLoadEndpoints: (m: ModelEntry) => void;
  /** A problem's fix: the view previews its diff, then saves. */
  onFix: (m: ModelEntry, problem: ModelProblem) => void;
}

export function ModelRow({ model: m, pattern, endpoints, catalog, levelOrder, onToggle, onMakeDefault, onEditRouting, onLoadEndpoints, onFix }: ModelRowProps) {
  const ref = refOf(m);
  const reasonId = `no-key-${ref}`;
  // What the row shows of names from pi's files, with invisible and bidi characters written out.
  const shown = { name: visibleText(m.name), provider: visibleText(m.provider), id: visibleText(m.id), ref: visibleText(ref), pattern: pattern && visibleText(pattern) };
  const facts = factsLine(modelFacts(m, catalog));
  const levels = levelRoutingLines(m.routingByLevel, levelOrder);
  const defaultRouting = <span className="muted small">OpenRouter default routing</span>;
  return (
    <div role="listitem" data-row={ref} className={`model-row${m.scoped ? " scoped" : ""}${m.default ? " is-default" : ""}${m.problems.length ? " has-problems" : ""}`} onMouseEnter={() => onLoadEndpoints(m)} onFocus={() => onLoadEndpoints(m)}>
      <input type="checkbox" className="model-check" checked={m.scoped} onChange={() => onToggle(m)} aria-label={`Scoped: ${shown.ref}`} title={m.scoped ? "In the Ctrl+P scope; untick to remove" : "Add to the Ctrl+P scope"} />
      <div className="model-main">
        <div className="model-name">
          {m.default && (
            <span className="default-marker" role="img" title="pi's default model" aria-label="default">
              ★
            </span>
          )}
          {m.problems.length > 0 && (
            <span className={`problem-marker${problemMark(m) === "✗" ? " bad" : ""}`} role="img" aria-label={problemMark(m) === "✗" ? "pi will fail on this model" : "pi does not do what the files say"} title={m.problems.map((p) => visibleText(p.message)).join("\n")}>
              {problemMark(m)}
            </span>
          )}
          <span className="model-title">
            {shown.name}
          </span>
          <span className="origin">{m.origin}</span>
          {m.thinkingLevel && <span className="origin">thinking {m.thinkingLevel}</span>}
        </div>
        <div className="model-ref muted" title={pattern && pattern !== ref ? `${shown.ref}, scoped by the pattern “${shown.pattern}”` : shown.ref}>
          <span className="provider">{shown.provider}</span>/<span>{shown.id}</span>
          {pattern && pattern !== ref && <span className="pattern"> · via “{shown.pattern}”</span>}
        </div>
        <div className="model-facts muted small" title={facts.title} data-testid="model-facts">
          {facts.text}
        </div>
        <ProblemList problems={m.problems} modelRef={ref} onFix={(p) => onFix(m, p)} />
      </div>
      <div className={`model-badges${levels.length ? " has-levels" : ""}`}>
        {m.badges.length ? m.badges.map((b, i) => <Badge key={i} badge={b} detail={endpointDetail(endpoints, b.label)} />) : m.openRouter || levels.length ? defaultRouting : null}
        {levels.map((line) => (
          <div key={line.label} className="level-routing" data-levels={line.levels.join(" ")} title={`At thinking ${line.levels.join(", ")} pi sends this routing instead (samplingParamsByThinkingLevel's provider replaces the model's routing whole).`}>
            <button type="button" className="level-tag" onClick={() => onEditRouting(m, line.levels[0])} aria-label={`at ${line.label}: edit the routing of ${shown.ref} at this thinking level`}>
              at {line.label}
            </button>
            {line.badges.length ? line.badges.map((b, i) => <Badge key={i} badge={b} detail={endpointDetail(endpoints, b.label)} />) : defaultRouting}
          </div>
        ))}
      </div>
      <div className="model-foot">
        <div className={`model-key ${m.available ? "ok" : "missing"}`} title={m.available ? m.keySource.summary : noKeyReason(m)}>
          {m.available ? `key: ${m.keySource.origin}` : "no key"}
        </div>
        <div className="model-actions">
          {m.default ? (
            <span className="default-label small">★ Default</span>
          ) : (
            <span className="disabled-reason" title={m.available ? undefined : noKeyReason(m)}>
              <button type="button" className="ghost" disabled={!m.available} onClick={() => onMakeDefault(m)} aria-label={`Make default: ${shown.ref}`} aria-describedby={m.available ? undefined : reasonId} title={m.available ? undefined : noKeyReason(m)}>
                Make default
              </button>
              {!m.available && (
                <span id={reasonId} className="visually-hidden">
                  {noKeyReason(m)}
                </span>
              )}
            </span>
          )}
          {m.openRouter && (
            <button type="button" className="ghost" onClick={() => onEditRouting(m)} aria-label={`Edit routing of ${shown.ref}`}>
              Edit routing
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
