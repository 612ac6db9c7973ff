/**
 * Routing profiles: named presets (Cheapest, Fastest, Private, Pinned to a provider, and the
 * user's own) written into models.json for one model, a provider, or every OpenRouter model in
 * pi's scope, each with its diff before saving and an undo after. pi's file stays the truth: the
 * app only remembers which profile wrote which routing, and says when a hand edit drifted from it.
 */
import { useEffect, useState } from "react";
import type { AppliedProfile, ProfilesState } from "../../../src-main/core/common/index.js";
import { useSwitchboard } from "../../api/context";
import { Notice } from "../../ui/Notice";
import { AppliedList } from "./AppliedList";
import { ApplyPanel, type ReviewRequest } from "./ApplyPanel";
import { CreateProfile } from "./CreateProfile";
import { ProfileList } from "./ProfileList";
import { profileFromHash, scopeForTarget } from "./profile-view-model";
import type { SaveRecord } from "../../../src-main/core/common/save-record.js";
import { UndoLastSave } from "../../ui/UndoLastSave";
import { useProfiles } from "./use-profiles";

export function ProfilesView() {
  const { api, snapshot } = useSwitchboard();
  const { state, error, adopt } = useProfiles();
  const [selected, setSelected] = useState<string | null>(null);
  const [request, setRequest] = useState<ReviewRequest | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  /** The last apply's save, for "Undo last save" (one save: one backup, one undo). */
  const [lastSave, setLastSave] = useState<SaveRecord | null>(null);

  // The tray's "Routing profile" items open "#/profiles/apply/<name>": review it for every scoped model.
  useEffect(() => {
    const fromHash = () => {
      const name = profileFromHash(location.hash);
      if (!name) return;
      history.replaceState(null, "", "#/profiles");
      setSelected(name);
      setRequest({ scope: { kind: "scoped" }, nonce: Date.now() });
    };
    fromHash();
    window.addEventListener("hashchange", fromHash);
    return () => window.removeEventListener("hashchange", fromHash);
  }, []);

  if (!snapshot) return null;
  const profiles = state?.profiles ?? [];
  const profile = profiles.find((p) => p.name === selected) ?? null;

  const onApplied = (next: ProfilesState, summary: string, save: SaveRecord) => {
    adopt({ ok: true, value: next });
    setMessage({ tone: "success", text: summary });
    setLastSave(save);
  };
  const call = async (result: Promise<Parameters<typeof adopt>[0]>) => {
    const problem = adopt(await result.catch((e: Error) => ({ ok: false as const, error: { code: "io" as const, message: e.message } })));
    if (problem) setMessage({ tone: "error", text: problem });
    return problem;
  };
  const reapply = (a: AppliedProfile) => {
    setSelected(a.profile);
    setRequest({ scope: scopeForTarget(a.target), provider: a.provider, nonce: Date.now() });
    document.getElementById("apply-title")?.scrollIntoView?.({ block: "nearest" });
  };

  return (
    <section className="view profiles-view" aria-labelledby="profiles-title">
      <header className="view-header">
        <h2 id="profiles-title">Routing profiles</h2>
        <p className="muted">Presets written into models.json: pi reads the routing from there, as always. The app remembers which profile wrote each routing and tells you when it was edited by hand since.</p>
      </header>
      {error && <Notice tone="error">{error}</Notice>}
      {message && (
        <Notice tone={message.tone} onDismiss={() => setMessage(null)}>
          {message.text}
        </Notice>
      )}
      <UndoLastSave file="models.json" save={lastSave} onUndone={() => (setLastSave(null), setMessage(null))} />
      {!state ? (
        !error && <p className="muted">Reading the profiles…</p>
      ) : (
        <div className="profiles-grid">
          <div className="profiles-column">
            <section className="card profiles-list-card" aria-labelledby="profiles-list-title">
              <h3 id="profiles-list-title">Profiles</h3>
              <ProfileList
                labelledBy="profiles-list-title"
                profiles={profiles}
                selected={selected}
                onSelect={(name) => (setSelected(name), setRequest(null))}
                onRename={async (from, to) => {
                  const problem = adopt(await api.invoke("profileRename", { from, to }));
                  if (!problem && selected === from) setSelected(to.trim());
                  return problem;
                }}
                onDelete={(name) => call(api.invoke("profileDelete", { name }))}
              />
            </section>
            <section className="card create-card">
              <CreateProfile snapshot={snapshot} onCreated={(next, name) => (adopt({ ok: true, value: next }), setSelected(name), setMessage({ tone: "success", text: `Created ${name}.` }))} />
            </section>
          </div>
          <div className="profiles-column">
            {profile ? (
              <ApplyPanel key={profile.name} profile={profile} snapshot={snapshot} request={request} onApplied={onApplied} />
            ) : (
              <section className="card apply-panel" aria-labelledby="apply-title">
                <h3 id="apply-title">Apply a profile</h3>
                <p className="muted">Choose a profile to apply it to every OpenRouter model in pi's scope, a provider or one model. You see the change to models.json before anything is written.</p>
              </section>
            )}
            <section className="card applied-card" aria-labelledby="applied-title">
              <h3 id="applied-title">Where profiles are applied</h3>
              <AppliedList
                labelledBy="applied-title"
                applied={state.applied}
                canReapply={(a) => profiles.some((p) => p.name === a.profile)}
                onReapply={reapply}
                onForget={(a) => void call(api.invoke("profileForget", { target: a.target }))}
                onForgetAll={(drifted) => void call(api.invoke("profileForgetAll", { targets: drifted.map((a) => a.target) }))}
              />
            </section>
          </div>
        </div>
      )}
    </section>
  );
}
