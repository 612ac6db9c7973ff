/**
 * Test prompt: one prompt to several models at once, run on the main side with the key pi would
 * use; answers stream in side by side with who served them, time to first token, total time,
 * tokens, cost and whether the routing was respected. The last runs stay on screen.
 */
import { useEffect, useMemo, useState } from "react";
import type { TestTarget } from "../../../src-main/core/contract";
import { isUnavailable, useSwitchboard } from "../../api/context";
import { EmptyState, Notice } from "../../ui/Notice";
import { orderModels, refOf } from "../models/model-list";
import { applyTestEvent, KEPT_RUNS, type TestRun } from "./test-runs";

export function TestPromptView() {
  const { api, snapshot } = useSwitchboard();
  const [picked, setPicked] = useState<string[]>([]);
  const [prompt, setPrompt] = useState("Reply with one short sentence: which provider are you served by?");
  const [runs, setRuns] = useState<TestRun[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");

  useEffect(() => api.on("test", (event) => setRuns((r) => applyTestEvent(r, event))), [api]);

  const candidates = useMemo(() => (snapshot ? orderModels(snapshot).filter((m) => m.openRouter) : []), [snapshot]);
  const shown = candidates.filter((m) => refOf(m).toLowerCase().includes(filter.toLowerCase())).slice(0, 200);
  if (!snapshot) return null;

  async function start() {
    setError(null);
    const targets: TestTarget[] = picked.map((ref) => ({ ref }));
    try {
      const result = await api.invoke("testStart", { targets, prompt });
      if (!result.ok) return setError(result.error.message);
      const run: TestRun = { runId: result.value.runId, prompt, startedAt: Date.now(), columns: targets.map((target) => ({ target, text: "", result: null })), finished: false };
      setRuns((r) => [run, ...r].slice(0, KEPT_RUNS));
    } catch (e) {
      setError(isUnavailable(e) ? "Test prompts are not available in this build yet." : (e as Error).message);
    }
  }

  return (
    <section className="view" aria-labelledby="test-title">
      <header className="view-header">
        <h2 id="test-title">Test prompt</h2>
        <p className="muted">Send one prompt to several OpenRouter models and see who served each answer.</p>
      </header>
      {error && <Notice tone="error" onDismiss={() => setError(null)}>{error}</Notice>}
      {candidates.length === 0 ? (
        <EmptyState title="No OpenRouter models">Add a virtual OpenRouter provider in Providers, or scope an openrouter model.</EmptyState>
      ) : (
        <div className="card test-setup">
          <fieldset className="field">
            <legend>Models ({picked.length} picked, scoped first)</legend>
            <input type="search" aria-label="Filter test models" placeholder="Filter…" value={filter} onChange={(e) => setFilter(e.target.value)} />
            <div className="pick-list">
              {shown.map((m) => (
                <label key={refOf(m)} className="inline">
                  <input type="checkbox" checked={picked.includes(refOf(m))} onChange={(e) => setPicked((p) => (e.target.checked ? [...p, refOf(m)] : p.filter((r) => r !== refOf(m))))} />
                  {refOf(m)}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="field">
            <span>Prompt</span>
            <textarea aria-label="Prompt" rows={3} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
          </label>
          <button type="button" className="primary" disabled={picked.length === 0 || !prompt.trim()} onClick={() => void start()}>
            Run on {picked.length || "…"} model{picked.length === 1 ? "" : "s"}
          </button>
        </div>
      )}
      {runs.map((run) => (
        <section key={run.runId} className="card" aria-label={`Run: ${run.prompt}`}>
          <h3>
            {new Date(run.startedAt).toLocaleTimeString()} · “{run.prompt.slice(0, 80)}” {!run.finished && <span className="muted">running…</span>}
          </h3>
          <div className="run-columns">
            {run.columns.map((c, i) => (
              <article key={i} className="run-column" aria-label={`Result for ${c.target.ref}`}>
                <h4>{c.target.ref}</h4>
                {c.result?.error ? (
                  <Notice tone="error">{c.result.error.message} {c.result.error.hint}</Notice>
                ) : (
                  <p className="answer">{c.text || <span className="muted">waiting…</span>}</p>
                )}
                {c.result && (
                  <dl className="facts small">
                    <dt>Served by</dt><dd data-testid="served-by">{c.result.servedBy ?? "?"}</dd>
                    <dt>First token</dt><dd>{c.result.ttftMs ?? "?"} ms</dd>
                    <dt>Total</dt><dd>{c.result.totalMs ?? "?"} ms</dd>
                    <dt>Tokens</dt><dd>{c.result.usage ? `${c.result.usage.promptTokens} in · ${c.result.usage.completionTokens} out` : "?"}</dd>
                    <dt>Cost</dt><dd>{c.result.cost !== null ? `$${c.result.cost.toFixed(6)}` : "?"}</dd>
                    <dt>Routing</dt>
                    <dd className={c.result.routingRespected === false ? "bad" : undefined}>
                      {c.result.routingRespected === null ? "no routing" : c.result.routingRespected ? "respected" : "NOT respected"}
                      {c.result.routingNote ? ` — ${c.result.routingNote}` : ""}
                    </dd>
                    {c.result.commandsRun.length > 0 && (
                      <>
                        <dt>Ran</dt>
                        <dd data-testid="commands-run">{c.result.commandsRun.map((cmd) => <code key={cmd}>{cmd}</code>)} (from pi's files, for this test)</dd>
                      </>
                    )}
                  </dl>
                )}
                {c.result?.keyNote && <Notice tone="info">{c.result.keyNote}</Notice>}
              </article>
            ))}
          </div>
        </section>
      ))}
    </section>
  );
}
