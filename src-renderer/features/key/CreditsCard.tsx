/**
 * The key view's credits card: what the key pi would use has left (keyCredits and the `credits`
 * event, from OpenRouter's GET /key and GET /credits on the main side), how fresh that is, a
 * Refresh, and the low-balance threshold from Preferences, edited in place. The key itself never
 * reaches this side: the card names where it came from (keyUsed) and nothing more.
 */
import { useEffect, useState, type FormEvent } from "react";
import { ADD_CREDITS_URL, usd } from "../../../src-main/core/common/openrouter/low-balance";
import { useSwitchboard } from "../../api/context";
import { Notice } from "../../ui/Notice";
import { useCredits } from "./use-credits";

/** "just now", "4 min ago", "2 h ago": how old the figures are, which is what a user weighs them by. */
export function ageText(checkedAt: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(checkedAt)) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

const money = (n: number | null | undefined) => (n === null || n === undefined ? "unknown" : usd(n));
const RESETS: Record<string, string> = { daily: "every day (UTC)", weekly: "every week (UTC)", monthly: "every month (UTC)" };

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function CreditsCard() {
  const { api } = useSwitchboard();
  const { result, unavailable, checking, refresh } = useCredits();
  // The threshold from Preferences; undefined: this host has no preferences, so no inline edit.
  const [threshold, setThreshold] = useState<number | null | undefined>(undefined);
  const [draft, setDraft] = useState("");
  const [thresholdError, setThresholdError] = useState<string | null>(null);
  const now = useNow(30_000);

  useEffect(() => {
    const adopt = (value: number | null) => {
      setThreshold(value);
      setDraft(value === null ? "" : String(value));
    };
    api.invoke("getPreferences", null).then((p) => adopt(p.values.lowCreditThreshold), () => undefined);
    return api.on("preferences", (p) => adopt(p.values.lowCreditThreshold));
  }, [api]);

  async function saveThreshold(e: FormEvent) {
    e.preventDefault();
    const text = draft.trim();
    const value = text === "" ? null : Number(text);
    if (value !== null && (!Number.isFinite(value) || value < 0)) return setThresholdError("Enter an amount in USD, such as 5 or 2.50, or leave it empty for no warning.");
    setThresholdError(null);
    const saved = await api.invoke("setPreference", { key: "lowCreditThreshold", value });
    if (saved.ok) setThreshold(saved.value.values.lowCreditThreshold);
    else setThresholdError(saved.error.message);
  }

  if (unavailable) return null;
  const info = result?.ok ? result.value : null;
  const low = info && threshold !== null && threshold !== undefined && info.balance !== null && info.balance < threshold;
  return (
    <section className="card credits-card" aria-labelledby="credits-title" aria-busy={checking}>
      <div className="row spread">
        <h3 id="credits-title">Credits</h3>
        <button type="button" onClick={() => void refresh()} disabled={checking}>
          {checking ? "Checking with OpenRouter…" : "Refresh credits"}
        </button>
      </div>
      {!result ? (
        <p className="muted" role="status">Asking OpenRouter…</p>
      ) : !result.ok ? (
        <Notice tone="error">{result.error.message}</Notice>
      ) : (
        info && (
          <>
            {low && (
              <Notice tone="warning">
                Low balance: {usd(info.balance!)} left, below your {usd(threshold!, false)} warning. Add credits at <span className="nowrap">{ADD_CREDITS_URL.replace("https://", "")}</span>.
              </Notice>
            )}
            <p className="credits-balance" data-testid="credits-balance">
              <span className="credits-amount">{money(info.balance)}</span> <span className="muted">{info.balance === null ? "balance not known" : "left before requests stop"}</span>
            </p>
            <dl className="facts">
              <dt>Account credits</dt>
              <dd>{info.credits ? `${usd(info.credits.remaining)} left of ${usd(info.credits.total)} bought (${usd(info.credits.used)} used)` : "not shown to this key"}</dd>
              <dt>Key limit</dt>
              <dd>{info.limit ? `${money(info.limit.limit)}, ${money(info.limit.remaining)} left, resets ${info.limit.reset ? (RESETS[info.limit.reset] ?? info.limit.reset) : "never"}` : "none (the account's credits are the limit)"}</dd>
              <dt>Key usage</dt>
              <dd>{info.usage ? `today ${money(info.usage.daily)}, this week ${money(info.usage.weekly)}, this month ${money(info.usage.monthly)}` : "unknown"}</dd>
              <dt>Key asked</dt>
              <dd className="break">{info.keyUsed}</dd>
              <dt>Checked</dt>
              <dd>
                <time dateTime={info.checkedAt} title={new Date(info.checkedAt).toLocaleString()}>{ageText(info.checkedAt, now)}</time>, again every 15 minutes while the app runs
              </dd>
            </dl>
            {info.note && <Notice tone="info">{info.note}</Notice>}
          </>
        )
      )}
      {threshold !== undefined && (
        <form className="row credits-threshold" noValidate onSubmit={(e) => void saveThreshold(e)}>
          <label htmlFor="credits-threshold">Warn below (USD)</label>
          <input id="credits-threshold" type="number" min={0} step="0.01" inputMode="decimal" placeholder="off" value={draft} onChange={(e) => setDraft(e.target.value)} aria-describedby="credits-threshold-help" />
          <button type="submit" disabled={draft.trim() === (threshold === null ? "" : String(threshold))}>Save warning</button>
          <span id="credits-threshold-help" className="muted small">
            {threshold === null ? "No warning set." : `Warns once when the balance falls below ${usd(threshold, false)}.`} Empty turns it off.
          </span>
        </form>
      )}
      {thresholdError && <Notice tone="error">{thresholdError}</Notice>}
    </section>
  );
}
