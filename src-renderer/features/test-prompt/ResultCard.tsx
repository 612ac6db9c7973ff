/**
 * One answer of a test run: its progress while queued or streaming, the answer, what the app
 * measured, OpenRouter's own record of the generation (who served it, cost, latency, generation
 * time, native tokens incl. cached and reasoning) marked as verified by OpenRouter, the routing
 * sent and the thinking level that chose it, and whether the routing was honoured by that record.
 */
import type { TestResult } from "../../../src-main/core/common/index.js";
import { Notice } from "../../ui/Notice";
import { formatCost, formatMs } from "./comparison";
import { servedProvider } from "./pin-provider";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { columnStatus, type RunColumn } from "./test-runs";

const count = (n: number | null) => (n === null ? "?" : n.toLocaleString("en-US"));

const PROGRESS: Record<ReturnType<typeof columnStatus>, string> = {
  queued: "Queued: waits for a free slot (a few tests run at once)",
  running: "Running…",
  cancelled: "Cancelled",
  failed: "Failed",
  done: "Done",
};

export function ResultCard({ column, onPin, pinning }: { column: RunColumn; onPin: () => void; pinning: boolean }) {
  const status = columnStatus(column);
  const r = column.result;
  // `REF:level`, as pi's --model takes it, when the run asked for a thinking level.
  const ref = column.target.thinkingLevel ? `${column.target.ref}:${column.target.thinkingLevel}` : column.target.ref;
  const name = column.target.provider ? `${ref} via ${column.target.provider}` : ref;
  return (
    <article className={`run-column run-${status}`} aria-label={`Result for ${name}`}>
      {/* A provider comparison names its model once, in the run's header. */}
      <h4>{column.target.provider ? <code>{column.target.provider}</code> : ref}</h4>
      <p className={`column-progress progress-${status}`} data-testid="column-status">
        {status === "running" && column.text ? "Streaming…" : PROGRESS[status]}
      </p>
      {r?.error && !r.cancelled ? (
        <Notice tone="error">{r.error.message} {r.error.hint}</Notice>
      ) : (
        (column.text || status !== "cancelled") && <p className="answer">{column.text || <span className="muted">{status === "queued" ? "Not sent yet." : status === "cancelled" ? "" : "waiting…"}</span>}</p>
      )}
      {r && !r.error && <ResultFacts result={r} />}
      {r && !r.error && servedProvider(r) && (
        <div className="actions">
          <button type="button" onClick={onPin} aria-expanded={pinning}>
            Pin this provider
          </button>
        </div>
      )}
    </article>
  );
}

function ResultFacts({ result }: { result: TestResult }) {
  const g = result.generation ?? null;
  const served = servedProvider(result);
  return (
    <>
      <dl className="facts small">
        <dt>Served by</dt>
        <dd data-testid="served-by">{served ? visibleText(served.name) : "?"}</dd>
        <dt>First token</dt>
        <dd>{formatMs(result.ttftMs)}</dd>
        <dt>Total</dt>
        <dd>{formatMs(result.totalMs)}</dd>
        <dt>Tokens</dt>
        <dd>{result.usage ? `${result.usage.promptTokens} in · ${result.usage.completionTokens} out` : "?"}</dd>
        <dt>Cost</dt>
        <dd>{formatCost(result.cost)}</dd>
        <dt>Sent</dt>
        <dd data-testid="sent-routing" title="The provider object of the request, as pi sends it at this thinking level">
          {result.request.thinkingLevel ? `thinking ${result.request.thinkingLevel} · ` : ""}
          {result.request.provider ? <code className="sent-provider">{visibleText(JSON.stringify(result.request.provider))}</code> : "no routing"}
        </dd>
        {result.commandsRun.length > 0 && (
          <>
            <dt>Ran</dt>
            <dd data-testid="commands-run">{result.commandsRun.map((cmd) => <code key={cmd}>{cmd}</code>)} (from pi&apos;s files, for this test)</dd>
          </>
        )}
      </dl>
      {g ? (
        <section className="verified" aria-label="Verified by OpenRouter" data-testid="verified">
          <p className="verified-title" title="OpenRouter's own record of this generation (GET /generation)">
            <span aria-hidden="true">✓ </span>Verified by OpenRouter
          </p>
          <dl className="facts small">
            <dt>Provider</dt>
            <dd data-testid="verified-provider">{g.provider === null ? "?" : visibleText(g.provider)}</dd>
            <dt>Total cost</dt>
            <dd data-testid="verified-cost">{formatCost(g.totalCost)}</dd>
            <dt>Latency</dt>
            <dd>{formatMs(g.latencyMs)}</dd>
            <dt>Generation time</dt>
            <dd>{formatMs(g.generationTimeMs)}</dd>
            <dt>Native tokens</dt>
            <dd data-testid="verified-tokens">
              {count(g.tokens.prompt)} prompt · {count(g.tokens.completion)} completion · {count(g.tokens.cached)} cached · {count(g.tokens.reasoning)} reasoning
            </dd>
          </dl>
        </section>
      ) : (
        <p className="unverified small" data-testid="unverified">
          <strong>Not verified by OpenRouter.</strong> {result.generationNote ?? "OpenRouter's record of this generation is not available."}
        </p>
      )}
      <p className={`routing-verdict small${result.routingRespected === false ? " bad" : result.routingRespected ? " ok" : ""}`} data-testid="routing-verdict">
        {result.routingRespected === null ? "No routing to check." : result.routingRespected ? `✓ Routing honoured${g ? " (per OpenRouter's record)" : " (per the stream)"}.` : `✗ Routing NOT honoured${g ? " (per OpenRouter's record)" : " (per the stream)"}.`}
        {result.routingNote ? ` ${result.routingNote}` : ""}
      </p>
    </>
  );
}
