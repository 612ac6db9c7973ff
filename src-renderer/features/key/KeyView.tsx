/**
 * The OpenRouter key: status from the vault, set or replace, check with OpenRouter, connect pi,
 * migrate a plain-text key out of auth.json. The key typed here is read from the input once,
 * cleared, and sent straight to the main side; no React state ever holds it.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { ActionResult, KeyStatus } from "../../../src-main/core/common/index.js";
import { isUnavailable, useSwitchboard } from "../../api/context";
import { useConfirm } from "../../ui/Dialog";
import { EmptyState, Notice } from "../../ui/Notice";
import { CreditsCard } from "./CreditsCard";

export function KeyView() {
  const { api } = useSwitchboard();
  const [status, setStatus] = useState<KeyStatus | null>(null);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [confirm, confirmDialog] = useConfirm();

  useEffect(() => {
    api.invoke("keyStatus", null).then(setStatus, (e: Error) => setUnavailable(isUnavailable(e) ? "The key vault is not part of this build yet." : e.message));
    return api.on("keyStatus", setStatus);
  }, [api]);

  async function run(action: () => Promise<ActionResult<KeyStatus>>, done: string) {
    setBusy(true);
    try {
      const result = await action();
      if (result.ok) {
        setStatus(result.value);
        setMessage({ tone: "success", text: done });
      } else setMessage({ tone: "error", text: result.error.message });
    } catch (e) {
      setMessage({ tone: "error", text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const field = input.current!;
    const key = field.value.trim();
    field.value = "";
    if (!key) return;
    void run(() => api.invoke("keySet", { key }), "Key stored in the OS vault.");
  }

  return (
    <section className="view" aria-labelledby="key-title">
      <header className="view-header">
        <h2 id="key-title">OpenRouter key</h2>
        <p className="muted">Kept in the OS credential vault. This window only ever sees its last four characters.</p>
      </header>
      {message && <Notice tone={message.tone} onDismiss={() => setMessage(null)}>{message.text}</Notice>}
      {unavailable ? (
        <EmptyState title="Key management unavailable">{unavailable} pi keeps reading its key from auth.json, models.json or OPENROUTER_API_KEY as before.</EmptyState>
      ) : !status ? (
        <p className="muted">Asking the vault…</p>
      ) : (
        <>
          <section className="card">
            <h3>Status</h3>
            {!status.vault.available && <Notice tone="warning">No OS vault ({status.vault.backend}): {status.vault.message ?? "unavailable"}</Notice>}
            {status.health && !status.health.ok && (
              <Notice tone="error">
                {status.health.problem} <strong>Fix:</strong> {status.health.fix}
              </Notice>
            )}
            <dl className="facts">
              <dt>Stored</dt>
              <dd>{status.stored ? `yes, ending in …${status.last4 ?? "????"}` : "no key stored yet"}</dd>
              <dt>pi reads it through</dt>
              <dd>{status.command ? <code>{status.command}</code> : "not connected"}</dd>
              {status.health && (
                <>
                  <dt>Key health</dt>
                  <dd data-testid="key-health">{status.health.ok ? `pi can read it (checked ${new Date(status.health.checkedAt).toLocaleTimeString()})` : "pi cannot read it"}</dd>
                </>
              )}
              <dt>Connected providers</dt>
              <dd>{status.connectedProviders.join(", ") || "none"}</dd>
              <dt>Not connected</dt>
              <dd>{status.unconnectedProviders.join(", ") || "none"}</dd>
              <dt>Last check</dt>
              <dd>{status.lastCheck ? (status.lastCheck.ok ? `OK ${new Date(status.lastCheck.checkedAt).toLocaleString()}${status.lastCheck.limitRemaining != null ? `, $${status.lastCheck.limitRemaining} left` : ""}` : `failed: ${status.lastCheck.error}`) : "never"}</dd>
            </dl>
          </section>
          <CreditsCard />
          <form className="card" onSubmit={submit}>
            <h3>{status.stored ? "Replace the key" : "Set the key"}</h3>
            <div className="row">
              <input ref={input} type="password" autoComplete="off" spellCheck={false} aria-label="OpenRouter API key" placeholder="sk-or-v1-…" />
              <button type="submit" className="primary" disabled={busy}>Store in vault</button>
            </div>
          </form>
          <section className="card">
            <h3>Actions</h3>
            <div className="actions">
              <button type="button" disabled={busy || !status.stored} onClick={() => void run(() => api.invoke("keyCheck", null), "OpenRouter accepted the key.")}>Check with OpenRouter</button>
              <button type="button" disabled={busy || !status.stored} onClick={() => void run(() => api.invoke("keyConnect", null), "pi now reads the key from the vault.")}>Connect pi</button>
              <button type="button" disabled={busy || status.connectedProviders.length === 0} onClick={() => void run(() => api.invoke("keyDisconnect", null), "pi no longer reads the vault key.")}>Disconnect pi</button>
              {status.plaintextInAuth.length > 0 && (
                <button type="button" disabled={busy} onClick={() => void run(() => api.invoke("keyImportFromAuth", null), "Key moved from auth.json into the vault.")}>
                  Move key out of auth.json ({status.plaintextInAuth.join(", ")})
                </button>
              )}
              <button type="button" className="danger" disabled={busy || !status.stored} onClick={() => void confirm({ title: "Forget the OpenRouter key?", description: "The key is removed from the vault. pi, if connected to the vault, can no longer read it until you store a key again.", confirmLabel: "Forget key", destructive: true }).then((yes) => (yes ? run(() => api.invoke("keyForget", null), "Key removed from the vault.") : undefined))}>Forget key</button>
            </div>
            {confirmDialog}
          </section>
        </>
      )}
    </section>
  );
}
