/**
 * A profile of the user's own, made from the routing written at one place in models.json (a
 * provider, a custom model, an override). By default it replaces a target's routing when applied;
 * "keep other fields" makes it merge like the built-ins.
 */
import { useId, useState, type FormEvent } from "react";
import type { ProfilesState, RoutingTarget, Snapshot } from "../../../src-main/core/common/index.js";
import { useSwitchboard } from "../../api/context";
import { routingTargets, targetLabel } from "../routing-editor/routing-draft";

export function CreateProfile({ snapshot, onCreated }: { snapshot: Snapshot; onCreated(state: ProfilesState, name: string): void }) {
  const { api } = useSwitchboard();
  const ids = useId();
  const targets = routingTargets(snapshot);
  const [name, setName] = useState("");
  const [from, setFrom] = useState(targets[0] ? JSON.stringify(targets[0]) : "");
  const [merge, setMerge] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const result = await api.invoke("profileCreate", { name: name.trim(), from: JSON.parse(from) as RoutingTarget, mode: merge ? "merge" : "replace" }).catch((x: Error) => ({ ok: false as const, error: { message: x.message } }));
    if (!result.ok) return setError(result.error.message);
    onCreated(result.value, name.trim());
    setName("");
  }

  if (!targets.length) return <p className="help">Set routing on an OpenRouter provider or model first (Routing view); a profile of your own is made from it.</p>;
  return (
    <form className="create-profile" onSubmit={(e) => void create(e)} aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>New profile from current routing</h3>
      <label className="field">
        <span>Name</span>
        <input value={name} maxLength={60} onChange={(e) => (setName(e.target.value), setError(null))} placeholder="Company Bedrock" required />
      </label>
      <label className="field">
        <span>Copy the routing of</span>
        <select value={from} onChange={(e) => setFrom(e.target.value)}>
          {targets.map((t) => <option key={JSON.stringify(t)} value={JSON.stringify(t)}>{targetLabel(t)}</option>)}
        </select>
      </label>
      <label className="inline">
        <input type="checkbox" checked={merge} onChange={(e) => setMerge(e.target.checked)} />
        Keep a target's other fields when applied (merge)
      </label>
      <p className="help">{merge ? "Applying sets this routing's fields and keeps the rest." : "Applying replaces a target's whole routing with this."}</p>
      {error && <p className="field-error" role="alert">{error}</p>}
      <button type="submit" disabled={!name.trim()}>Create profile</button>
    </form>
  );
}
