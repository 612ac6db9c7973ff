/**
 * Preferences → Provider health watch: the switch (on in the tray app, off in serve), the uptime
 * threshold below which a pinned endpoint counts as degraded, and what the last check found, with
 * the same one-click switch the tray offers (healthSwitch) and an undo of it (the save's backup).
 */
import { useEffect, useState, type FormEvent } from "react";
import type { EndpointSwitch, HealthReport, PreferenceChange, Preferences } from "../../../src-main/core/common/index.js";
import { useSwitchboard } from "../../api/context";
import { UndoLastSave } from "../../ui/UndoLastSave";
import { useNumberDraft } from "./use-number-draft";

export function HealthWatchCard(props: { values: Preferences; busy: boolean; host: "electron" | "serve"; change(next: PreferenceChange, done: string): Promise<boolean> }) {
  const { api } = useSwitchboard();
  const [report, setReport] = useState<HealthReport | null>(null);
  const [switched, setSwitched] = useState<EndpointSwitch | null>(null);
  const [switching, setSwitching] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.invoke("healthStatus", null).then(setReport, () => undefined);
    return api.on("health", setReport);
  }, [api]);

  async function switchModel(ref: string) {
    setSwitching(ref);
    setError(null);
    try {
      const result = await api.invoke("healthSwitch", { ref });
      if (result.ok) setSwitched(result.value);
      else setError(result.error.message);
    } finally {
      setSwitching(null);
    }
  }

  const { healthWatch, healthMinUptime } = props.values;
  return (
    <>
      <label className="check-row">
        <input
          type="checkbox"
          checked={healthWatch}
          disabled={props.busy}
          onChange={(e) => void props.change({ key: "healthWatch", value: e.target.checked }, e.target.checked ? "Checks the pinned providers every 10 minutes." : "The health watch is off.")}
        />
        Watch the providers your scoped models are pinned to
      </label>
      <UptimeForm value={healthMinUptime} busy={props.busy} onSave={(value) => props.change({ key: "healthMinUptime", value }, `Degraded below ${value}% uptime.`)} />
      <p className="help">
        Every 10 minutes the app reads OpenRouter's endpoint stats (no key needed) for each scoped model pinned with <code>only</code>, or an <code>order</code> without fallbacks. When every endpoint a model may use is
        degraded (uptime over the last 30 minutes below this, or OpenRouter's status says so), the tray icon turns amber, a notification names the model, and one click pins the next best endpoint.{props.host === "serve" ? " Off by default in serve; kept until serve stops." : ""}
      </p>
      {healthWatch && report && <HealthLine report={report} switching={switching} onSwitch={(ref) => void switchModel(ref)} />}
      {error && (
        <p className="pref-outcome bad" role="alert">
          {error}
        </p>
      )}
      {switched && (
        <p className="pref-outcome ok-line" role="status">
          {switched.ref} is pinned to {switched.to} now.
        </p>
      )}
      <UndoLastSave file="models.json" save={switched} onUndone={() => setSwitched(null)} />
    </>
  );
}

function HealthLine(props: { report: HealthReport; switching: string | null; onSwitch(ref: string): void }) {
  const { report } = props;
  if (!report.checkedAt) return <p className="help">Checking…</p>;
  const at = new Date(report.checkedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return (
    <div className="health-line" aria-live="polite">
      <p className={report.degraded.length ? "health-degraded" : "ok-line"}>
        Last check {at}: {report.degraded.length ? `${report.degraded.length} pinned model${report.degraded.length === 1 ? "" : "s"} degraded` : "every pinned provider is healthy"}.
        {report.error ? ` Not asked: ${report.error}` : ""}
      </p>
      {report.degraded.length > 0 && (
        <ul className="health-list">
          {report.degraded.map((d) => (
            <li key={d.ref}>
              <code>{d.ref}</code>: {d.health.pinned.map((p) => `${p.provider} ${p.degraded}`).join("; ")}.{" "}
              {d.health.next ? (
                <button type="button" className="small-button" disabled={props.switching !== null} onClick={() => props.onSwitch(d.ref)}>
                  {props.switching === d.ref ? "Switching…" : `Pin ${d.health.next.provider} (${d.health.next.tag})`}
                </button>
              ) : (
                "No healthy provider is known."
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function UptimeForm(props: { value: number; busy: boolean; onSave(value: number): Promise<boolean> }) {
  const { text, setText, parsed, bad } = useNumberDraft(props.value, { min: 50, max: 99.9, blankIsOff: false });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!bad && parsed !== null) void props.onSave(parsed);
  };
  return (
    <form onSubmit={submit}>
      <div className="row">
        <label className="inline" htmlFor="pref-health-uptime">Degraded below</label>
        <input id="pref-health-uptime" className="narrow-input" type="number" min={50} max={99.9} step="0.5" inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} aria-invalid={bad} aria-describedby="pref-health-uptime-unit" />
        <span id="pref-health-uptime-unit">% uptime</span>
        <button type="submit" className="primary" disabled={props.busy || bad || parsed === props.value}>
          Save
        </button>
      </div>
    </form>
  );
}
