/**
 * The Models view's first screen: what a new pi session starts with (the default model and its
 * thinking level, changeable here), the key pi uses for it and what that key has left on
 * OpenRouter, pi's version and its own verdict on the files. Settings changes apply to new pi
 * sessions: a running pi keeps its model, so after a change the header says to restart it.
 */
import { useEffect, useId, useState } from "react";
import type { KeySource, ModelEntry, ThinkingLevel } from "../../../src-main/core/common/index.js";
import { useSwitchboard } from "../../api/context";
import { PiVerdictLine } from "../health/PiVerdictLine";
import { HeaderCredits } from "./HeaderCredits";
import { refOf } from "./model-list";
import { visibleText } from "../../../src-main/core/common/visible-text";

const VIA: Record<string, string> = {
  "scope-default": "your default, which is in the scope",
  "scope-first": "the first scoped model (your default is not in the scope)",
  default: "your default",
  "provider-default": "pi's default for a provider with a key (no usable default saved)",
  "first-available": "the first model with a key (no usable default saved)",
};

const ORIGIN: Record<KeySource["origin"], string> = { "auth.json": "auth.json", environment: "environment", "models.json": "models.json", none: "none" };

/** Where the key comes from, as people say it: the vault when `key connect` wired the provider to it, else the file and the variable or command it names. */
export function keyPlace(source: KeySource, vaultProviders: string[], provider: string): string {
  if (source.origin === "none") return "no key";
  if (vaultProviders.includes(provider)) return `the vault (through ${ORIGIN[source.origin]})`;
  if (source.origin === "environment") return source.label ? `${source.label} (environment)` : "the environment";
  if (source.form === "env" && source.label) return `${ORIGIN[source.origin]} → ${source.label} (environment)`;
  if (source.form === "command") return `${ORIGIN[source.origin]} → a command`;
  return ORIGIN[source.origin];
}

export function ModelsHeader({ changedThisSession, onChanged }: { changedThisSession: boolean; onChanged: (message: { tone: "error" | "success"; text: string }) => void }) {
  const { api, snapshot, execute } = useSwitchboard();
  const [vaultProviders, setVaultProviders] = useState<string[]>([]);
  const levelId = useId();
  const start = snapshot?.default.start ?? null;
  const startModel: ModelEntry | undefined = start ? snapshot?.models.find((m) => refOf(m) === start.ref) : undefined;

  useEffect(() => {
    api.invoke("keyStatus", null).then(
      (status) => setVaultProviders(status.connectedProviders),
      () => setVaultProviders([]),
    );
  }, [api]);

  if (!snapshot) return null;
  const saved = snapshot.default;
  const savedRef = saved.provider && saved.id ? `${saved.provider}/${saved.id}` : null;

  async function setLevel(level: ThinkingLevel) {
    const result = await execute({ type: "setThinkingLevel", level });
    onChanged(result.ok ? { tone: "success", text: `New pi sessions think at “${level}”. A running pi keeps its level until you restart it.` } : { tone: "error", text: result.error.message });
  }

  const key = startModel ? keyPlace(startModel.keySource, vaultProviders, startModel.provider) : null;
  return (
    <div className="models-header card" role="group" aria-label="What pi starts with">
      <p className="header-start">
        <span className="muted small">Starts with </span>
        {startModel ? (
          <>
            <span className="header-model">{visibleText(startModel.name)}</span> <code className="header-ref">{visibleText(start!.ref)}</code>
            {start!.via !== "scope-default" && start!.via !== "default" && <span className="small verdict-warn"> · {VIA[start!.via]}</span>}
          </>
        ) : (
          <span className="bad">{snapshot.noModel ? "no model, for the reason above." : "no model: add a key under Key, or a provider under Providers."}</span>
        )}
        {savedRef && !saved.resolved && <span className="small verdict-warn"> · settings.json names {visibleText(savedRef)}, which pi does not have.</span>}
      </p>
      <dl className="header-facts">
        <div>
          <dt>
            <label htmlFor={levelId}>Thinking level</label>
          </dt>
          <dd>
            <select id={levelId} value={saved.thinkingLevel ?? ""} onChange={(e) => void setLevel(e.target.value as ThinkingLevel)}>
              {!saved.thinkingLevel && (
                <option value="" disabled>
                  not set (pi: medium)
                </option>
              )}
              {snapshot.pi.thinkingLevels.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
            {start && start.thinkingLevel !== saved.thinkingLevel && <span className="muted small">({start.thinkingLevel} for this model)</span>}
          </dd>
        </div>
        <div>
          <dt>Key</dt>
          <dd>
            {startModel && key ? (
              <span className={startModel.available ? "" : "bad"} title={startModel.keySource.summary}>
                {key}
              </span>
            ) : (
              <span className="muted">–</span>
            )}
          </dd>
        </div>
        {startModel?.openRouter && startModel.available && <HeaderCredits />}
        <div>
          <dt>pi</dt>
          <dd className="header-pi-facts">
            {snapshot.pi.found ? <span className="header-pi">{snapshot.pi.version ?? "version unknown"}</span> : <span className="bad">pi not found</span>}
            {snapshot.pi.startFailure && (
              // pi's own error line is in the verdict line below and in this tooltip; the header stays one line.
              <span className="bad" title={visibleText(snapshot.pi.startFailure.firstErrorLine)}>
                {" "}
                fails to start (run <code>{snapshot.pi.startFailure.command}</code>)
              </span>
            )}
            <PiVerdictLine verdict={snapshot.verdict} besideVersion />
          </dd>
        </div>
      </dl>
      {changedThisSession && (
        <p className="restart-note small" role="status">
          <strong>Restart pi to apply</strong> · new pi sessions use these settings; a running pi keeps its model until you restart it or switch with /model or Ctrl+P.
        </p>
      )}
    </div>
  );
}
