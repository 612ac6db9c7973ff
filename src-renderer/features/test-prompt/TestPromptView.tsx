/**
 * Test prompt: one prompt to several models, or to several providers of one model, run on the
 * main side with the key pi would use (a few at a time; the rest queue). Answers stream in side by
 * side with who served them by OpenRouter's own record, time to first token, tokens/s, cost and
 * whether the routing was honoured; a comparison table marks the best of each; a run can be
 * cancelled; any answer's provider can be pinned into models.json after a diff review. A thinking
 * level can be picked: the request then carries that level's routing, as pi's `--model REF:level`.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { TestEvent, TestTarget, ThinkingLevel } from "../../../src-main/core/common/index.js";
import { isUnavailable, useSwitchboard } from "../../api/context";
import { EmptyState, Notice } from "../../ui/Notice";
import { matchesQuery, orderModels, queryWords, refOf } from "../models/model-list";
import { MAX_CHOICES } from "../../ui/ModelSelect";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { ComparisonTable } from "./ComparisonTable";
import { PinProvider } from "./PinProvider";
import { ProviderPicker } from "./ProviderPicker";
import { ResultCard } from "./ResultCard";
import { applyTestEvent, applyToRun, columnStatus, KEPT_RUNS, newRun, type TestRun } from "./test-runs";

type Mode = "models" | "providers";

export function TestPromptView() {
  const { api, snapshot } = useSwitchboard();
  const [mode, setMode] = useState<Mode>("models");
  const [picked, setPicked] = useState<string[]>([]);
  const [compareRef, setCompareRef] = useState("");
  const [pickedProviders, setPickedProviders] = useState<string[]>([]);
  const [prompt, setPrompt] = useState("Reply with one short sentence: which provider are you served by?");
  /** The thinking level to test at, as `pi --model REF:level` (pi 1.0.2 sends that level's routing); null: the level pi runs each model at. */
  const [level, setLevel] = useState<ThinkingLevel | null>(null);
  const [runs, setRuns] = useState<TestRun[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const [pinning, setPinning] = useState<{ runId: string; index: number } | null>(null);
  // Events can arrive before testStart's answer names the run: keep them until it does.
  const known = useRef(new Set<string>());
  const early = useRef(new Map<string, TestEvent[]>());

  useEffect(
    () =>
      api.on("test", (event) => {
        if (known.current.has(event.runId)) return setRuns((r) => applyTestEvent(r, event));
        // Runs started elsewhere (the tray, another window) never get named here: keep only the latest few.
        const list = early.current.get(event.runId) ?? [];
        list.push(event);
        early.current.set(event.runId, list);
        if (early.current.size > 8) early.current.delete(early.current.keys().next().value!);
      }),
    [api],
  );

  const candidates = useMemo(() => (snapshot ? orderModels(snapshot).filter((m) => m.openRouter) : []), [snapshot]);
  const matching = candidates.filter((m) => matchesQuery(m, queryWords(filter)));
  const shown = matching.slice(0, MAX_CHOICES);
  if (!snapshot) return null;

  const atLevel = level && snapshot.pi.levelRouting ? { thinkingLevel: level } : {};
  const targets: TestTarget[] = mode === "models" ? picked.map((ref) => ({ ref, ...atLevel })) : compareRef ? pickedProviders.map((provider) => ({ ref: compareRef, provider, ...atLevel })) : [];
  const noun = mode === "models" ? "model" : "provider";

  async function start() {
    setError(null);
    const sent = targets;
    try {
      const result = await api.invoke("testStart", { targets: sent, prompt });
      if (!result.ok) return setError(result.error.message);
      const { runId } = result.value;
      known.current.add(runId);
      const run = (early.current.get(runId) ?? []).reduce(applyToRun, newRun(runId, prompt, mode, sent));
      early.current.delete(runId);
      setRuns((r) => [run, ...r].slice(0, KEPT_RUNS));
    } catch (e) {
      setError(isUnavailable(e) ? "Test prompts are not available in this build yet." : (e as Error).message);
    }
  }

  async function cancel(runId: string) {
    setRuns((r) => r.map((run) => (run.runId === runId ? { ...run, cancelling: true } : run)));
    try {
      await api.invoke("testCancel", { runId });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section className="view test-prompt" aria-labelledby="test-title">
      <header className="view-header">
        <h2 id="test-title">Test prompt</h2>
        <p className="muted">Send one prompt to several OpenRouter models, or to several providers of one model, and see who served each answer by OpenRouter&apos;s own record.</p>
      </header>
      {error && <Notice tone="error" onDismiss={() => setError(null)}>{error}</Notice>}
      {candidates.length === 0 ? (
        <EmptyState title="No OpenRouter models">Add a virtual OpenRouter provider in Providers, or scope an openrouter model.</EmptyState>
      ) : (
        <div className="card test-setup">
          <fieldset className="field mode-switch">
            <legend>Compare</legend>
            <label className="inline">
              <input type="radio" name="test-mode" checked={mode === "models"} onChange={() => setMode("models")} />
              Several models
            </label>
            <label className="inline">
              <input type="radio" name="test-mode" checked={mode === "providers"} onChange={() => setMode("providers")} />
              Providers of one model
            </label>
          </fieldset>
          {mode === "models" ? (
            <fieldset className="field">
              <legend>Models ({picked.length} picked, scoped first)</legend>
              <input type="search" aria-label="Filter test models" placeholder="Search name, id or provider…" value={filter} onChange={(e) => setFilter(e.target.value)} />
              {matching.length > shown.length && <p className="muted small" role="status">{matching.length} match; the first {shown.length} listed, type more to narrow.</p>}
              <div className="pick-list">
                {shown.map((m) => (
                  <label key={refOf(m)} className="inline">
                    <input type="checkbox" checked={picked.includes(refOf(m))} onChange={(e) => setPicked((p) => (e.target.checked ? [...p, refOf(m)] : p.filter((r) => r !== refOf(m))))} />
                    <span>
                      {visibleText(m.name)} <span className="muted small">{visibleText(refOf(m))}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          ) : (
            <ProviderPicker models={candidates} modelRef={compareRef} onModel={(ref) => (setCompareRef(ref), setPickedProviders([]))} picked={pickedProviders} onPicked={setPickedProviders} />
          )}
          {snapshot.pi.levelRouting && (
            <label className="field level-field">
              <span>Thinking level</span>
              <select aria-label="Thinking level" value={level ?? ""} onChange={(e) => setLevel((e.target.value || null) as ThinkingLevel | null)}>
                <option value="">pi&apos;s level for each model</option>
                {snapshot.pi.thinkingLevels.map((l) => (
                  <option key={l} value={l}>{l}</option>
                ))}
              </select>
              <small className="help">The routing a model has at this level (samplingParamsByThinkingLevel) is sent, as pi does with <code>--model REF:{level ?? "level"}</code>.</small>
            </label>
          )}
          <label className="field">
            <span>Prompt</span>
            <textarea aria-label="Prompt" rows={3} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
          </label>
          <div className="actions">
            <button type="button" className="primary" disabled={targets.length === 0 || !prompt.trim()} onClick={() => void start()}>
              Run on {targets.length || "…"} {noun}
              {targets.length === 1 ? "" : "s"}
            </button>
            {targets.length > 3 && <span className="muted small">Three run at once; the rest wait their turn.</span>}
          </div>
        </div>
      )}
      {runs.map((run) => {
        const done = run.columns.filter((c) => c.state === "done").length;
        const pinned = pinning?.runId === run.runId ? run.columns[pinning.index] : undefined;
        return (
          <section key={run.runId} className="card run" aria-label={`Run: ${run.prompt}`}>
            <div className="run-head">
              <h3>
                {new Date(run.startedAt).toLocaleTimeString()} · “{run.prompt.slice(0, 80)}”
                {run.kind === "providers" && run.columns[0] && <span className="run-model"> {run.columns[0].target.ref} on {run.columns.length} provider{run.columns.length === 1 ? "" : "s"}</span>}
              </h3>
              <span className="muted small" role="status" aria-live="polite" data-testid="run-progress">
                {run.finished ? `${done} of ${run.columns.length} done` : run.cancelling ? "Cancelling…" : `Running: ${done} of ${run.columns.length} done`}
              </span>
              {!run.finished && (
                <button type="button" onClick={() => void cancel(run.runId)} disabled={run.cancelling}>
                  {run.cancelling ? "Cancelling…" : "Cancel"}
                </button>
              )}
            </div>
            {run.columns.length > 1 && <ComparisonTable run={run} />}
            <div className="run-columns">
              {run.columns.map((c, i) => (
                <ResultCard key={i} column={c} pinning={pinning?.runId === run.runId && pinning.index === i} onPin={() => setPinning((p) => (p?.runId === run.runId && p.index === i ? null : { runId: run.runId, index: i }))} />
              ))}
            </div>
            {pinned?.result && columnStatus(pinned) === "done" && (
              <PinProvider key={`${run.runId}:${pinning!.index}`} result={pinned.result} onClose={() => setPinning(null)} />
            )}
          </section>
        );
      })}
    </section>
  );
}
