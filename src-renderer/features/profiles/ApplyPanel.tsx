/**
 * Apply one profile: to every OpenRouter model in pi's scope, one provider, or one model. Review
 * computes the plan on the main side (profilePlan: per target, the routing now and after, and the
 * whole models.json diff); Save writes exactly that plan in one save, guarded by the version the
 * diff was computed from, so a file changed meanwhile is never overwritten.
 */
import { useEffect, useId, useState } from "react";
import type { ProfilePlan, ProfileScope, ProfilesState, RoutingProfile, Snapshot } from "../../../src-main/core/common/index.js";
import { useSwitchboard } from "../../api/context";
import { DiffView } from "../../ui/DiffView";
import { Notice } from "../../ui/Notice";
import type { SaveRecord } from "../../../src-main/core/common/save-record.js";
import { targetLabel } from "../routing-editor/routing-draft";
import { useSlugWarnings } from "./use-slug-warnings";
import { describeAt, describeRouting, mergeRule, sentAfter, modelChoices, profileLabel, providerChoices, scopedRoutableCount } from "./profile-view-model";
import { ModelSelect } from "../../ui/ModelSelect";

/** A review asked for from outside the panel: Re-apply on a drifted target, or the tray's "#/profiles/apply/<name>". */
export interface ReviewRequest {
  scope: ProfileScope;
  provider?: string;
  /** Changes on every request, so the same request twice reviews twice. */
  nonce: number;
}

interface Props {
  profile: RoutingProfile;
  snapshot: Snapshot;
  request: ReviewRequest | null;
  /** `save`: what "Undo last save" needs to find and check the backup this save made. */
  onApplied(state: ProfilesState, summary: string, save: SaveRecord): void;
}

type Kind = ProfileScope["kind"];

export function ApplyPanel({ profile, snapshot, request, onApplied }: Props) {
  const { api } = useSwitchboard();
  const ids = useId();
  const models = modelChoices(snapshot);
  const providers = providerChoices(snapshot);
  const scopedCount = scopedRoutableCount(snapshot);
  const [kind, setKind] = useState<Kind>(scopedCount ? "scoped" : "model");
  const [providerName, setProviderName] = useState(providers[0] ?? "");
  const [modelRef, setModelRef] = useState(models[0]?.refs[0] ?? "");
  const [pin, setPin] = useState("");
  const [plan, setPlan] = useState<ProfilePlan | null>(null);
  const [busy, setBusy] = useState<"review" | "save" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isPin = profile.parameter === "provider";
  const slugWarnings = useSlugWarnings(plan);

  const scope: ProfileScope = kind === "scoped" ? { kind } : kind === "provider" ? { kind, provider: providerName } : { kind, ref: modelRef };

  async function review(which: ProfileScope = scope, pinTo = pin) {
    setError(null);
    setPlan(null);
    if (isPin && !pinTo.trim()) return setError("Type the provider slug to pin to, e.g. amazon-bedrock.");
    setBusy("review");
    try {
      const result = await api.invoke("profilePlan", { profile: profile.name, scope: which, ...(isPin ? { provider: pinTo.trim() } : {}) });
      if (result.ok) setPlan(result.value);
      else setError(result.error.message);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  // A review asked for from outside: pick its scope, then review at once.
  useEffect(() => {
    if (!request) return;
    setKind(request.scope.kind);
    if (request.scope.kind === "provider") setProviderName(request.scope.provider);
    if (request.scope.kind === "model") setModelRef(request.scope.ref);
    if (request.provider) setPin(request.provider);
    // A pin opened from the tray has no provider yet: the slug field asks for it (focused) before any review.
    if (isPin && !request.provider && !pin.trim()) return;
    void review(request.scope, request.provider ?? pin);
    // Only a new request starts a review; the rest is read at that moment.
  }, [request?.nonce]);

  // Another profile, or models.json changed under an open review: the plan is stale.
  useEffect(() => setPlan(null), [profile.name]);
  const stale = plan !== null && plan.preview.version !== snapshot.modelsFile.version;

  async function save() {
    if (!plan) return;
    setBusy("save");
    setError(null);
    // Taken before the save: the backup it makes is the newest one since.
    const savedAt = new Date().toISOString();
    try {
      const result = await api.invoke("profileApply", { profile: plan.profile, ...(plan.provider ? { provider: plan.provider } : {}), command: plan.command });
      if (!result.ok) {
        setError(result.error.code === "conflict" ? "models.json changed on disk since this review (pi, an editor or another window). Nothing was written: review again." : result.error.message);
        if (result.error.code === "conflict") setPlan(null);
        return;
      }
      const n = plan.changes.length;
      onApplied(result.value.profiles, `Applied ${profileLabel(plan.profile, plan.provider)} to ${n === 1 ? targetLabel(plan.changes[0]!.target) : `${n} targets`}. ${snapshot.pi.afterModelsSave}`, { savedAt, version: result.value.snapshot.modelsFile.version });
      setPlan(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const changed = plan ? plan.preview.before !== plan.preview.after : false;
  return (
    <section className="card apply-panel" aria-labelledby="apply-title">
      <h3 id="apply-title">Apply {profile.name}</h3>
      <p className="help">{mergeRule(profile)}</p>
      {isPin && (
        <div className="field">
          <label className="pin-label" htmlFor={`${ids}-pin`}>Provider slug</label>
          <input id={`${ids}-pin`} value={pin} onChange={(e) => (setPin(e.target.value), setPlan(null))} placeholder="amazon-bedrock" aria-describedby={`${ids}-pin-help`} autoFocus={request !== null && !request.provider} />
          <span id={`${ids}-pin-help`} className="help">OpenRouter's slug, as in the routing editor (deepinfra/fp8 for one endpoint).</span>
        </div>
      )}
      <fieldset className="field apply-scope">
        <legend>Apply to</legend>
        <label className="scope-choice">
          <input type="radio" name={`${ids}-scope`} checked={kind === "scoped"} onChange={() => (setKind("scoped"), setPlan(null))} disabled={!scopedCount} />
          <span>Every OpenRouter model in pi's scope ({scopedCount})</span>
        </label>
        <label className="scope-choice">
          <input type="radio" name={`${ids}-scope`} checked={kind === "provider"} onChange={() => (setKind("provider"), setPlan(null))} disabled={!providers.length} />
          <span>A provider (its provider-level routing)</span>
        </label>
        {kind === "provider" && (
          <select aria-label="Provider" value={providerName} onChange={(e) => (setProviderName(e.target.value), setPlan(null))}>
            {providers.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        )}
        <label className="scope-choice">
          <input type="radio" name={`${ids}-scope`} checked={kind === "model"} onChange={() => (setKind("model"), setPlan(null))} disabled={!models.length} />
          <span>One model</span>
        </label>
        {kind === "model" && (
          <ModelSelect label="Model" choices={models.flatMap((g) => g.refs.map((ref) => ({ ref, name: snapshot.models.find((m) => `${m.provider}/${m.id}` === ref)?.name ?? ref, group: g.label })))} value={modelRef} onChange={(ref) => (setModelRef(ref), setPlan(null))} />
        )}
        {!scopedCount && <p className="help">{snapshot.scope.unset ? "pi's scope is not set (enabledModels), so there is no scoped model to apply to." : "No OpenRouter model in pi's scope takes routing."}</p>}
      </fieldset>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void review()} disabled={busy !== null}>{busy === "review" ? "Computing the changes…" : "Review changes"}</button>
      </div>
      {error && <Notice tone="error" onDismiss={() => setError(null)}>{error}</Notice>}
      {plan && (
        <section className="profile-plan" aria-label={`Review: ${profileLabel(plan.profile, plan.provider)}`}>
          <ul className="plan-changes" aria-label="Routing per target">
            {plan.changes.map((c) => (
              <li key={JSON.stringify(c.target)}>
                <div className="plan-target">{targetLabel(c.target)}</div>
                <div className="plan-routing">
                  <span className="muted">now</span> <code>{describeAt(c.target, c.before)}</code>
                </div>
                <div className="plan-routing">
                  <span className="muted">after</span> <code>{describeAt(c.target, c.after)}</code>
                </div>
                {c.target.level !== "provider" && (
                  <div className="plan-routing">
                    <span className="muted">pi sends</span> <code>{describeRouting(sentAfter(snapshot, c.target, c.after, plan.changes))}</code>
                  </div>
                )}
                {c.target.level === "provider" && c.models.length > 1 && <p className="help">Written once at the provider level for its {c.models.length} models.</p>}
                {c.note && <p className="help">{c.note}</p>}
              </li>
            ))}
          </ul>
          {plan.skipped.length > 0 && (
            <details className="plan-skipped">
              <summary>{plan.skipped.length} scoped model{plan.skipped.length === 1 ? "" : "s"} left as they are</summary>
              <ul>{plan.skipped.map((s) => <li key={s.ref}><code>{s.ref}</code>: {s.why}</li>)}</ul>
            </details>
          )}
          {plan.levelsKept && plan.levelsKept.length > 0 && (
            <Notice tone="info">
              Not at every thinking level: these models have routing of their own at some levels (samplingParamsByThinkingLevel), which pi sends there instead of this profile. Change it in the routing editor at that level.
              <ul data-testid="levels-kept">{plan.levelsKept.map((k) => <li key={k.ref}><code>{k.ref}</code> at {k.levels.join(", ")}</li>)}</ul>
            </Notice>
          )}
          {slugWarnings.length > 0 && (
            <Notice tone="warning">
              Check the providers before saving (OpenRouter's catalog):
              <ul>{slugWarnings.map((w) => <li key={w}>{w}</li>)}</ul>
            </Notice>
          )}
          <DiffView before={plan.preview.before} after={plan.preview.after} path={plan.preview.path} />
          {stale && <Notice tone="warning">models.json changed on disk since this review. Review again before saving.</Notice>}
          <div className="actions">
            <button type="button" onClick={() => setPlan(null)}>Cancel</button>
            <button type="button" className="primary" onClick={() => void save()} disabled={busy !== null || stale}>
              {busy === "save" ? "Saving…" : changed ? "Save to models.json" : "Remember as applied"}
            </button>
          </div>
          {!changed && <p className="help">models.json already says this; saving only remembers that {profileLabel(plan.profile, plan.provider)} is applied here.</p>}
        </section>
      )}
    </section>
  );
}
