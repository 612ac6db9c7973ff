/**
 * Above every view: a provider that reads the vault's OpenRouter key (key connect) but whose
 * baseUrl now points at another host (Snapshot.keyLeaks, core/common/key-leaks.ts) — pi would send
 * the key there. Shown the moment the watcher sees the edit, with the one-click fix: take the key
 * command out of auth.json for that provider only (keyDisconnectProvider). The tray shows the same.
 */
import { useState } from "react";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { useSwitchboard } from "../../api/context";
import { Notice } from "../../ui/Notice";

export function KeyLeakNotice() {
  const { api, snapshot } = useSwitchboard();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const leaks = snapshot?.keyLeaks ?? [];
  if (leaks.length === 0 && !failure) return null;

  const remove = async (provider: string) => {
    setBusy(provider);
    setFailure(null);
    const result = await api.invoke("keyDisconnectProvider", { provider }).catch((error: unknown) => ({ ok: false as const, error: { message: (error as Error).message } }));
    if (!result.ok) setFailure(result.error.message);
    setBusy(null);
  };

  return (
    <>
      {leaks.map(({ provider, host }) => (
        <Notice key={provider} tone="error">
          <strong>Your OpenRouter key would go to {visibleText(host)}.</strong> {visibleText(provider)} reads the key from the vault, but its baseUrl is not OpenRouter&apos;s, so pi would send the key
          there with every request.{" "}
          <button type="button" disabled={busy !== null} onClick={() => void remove(provider)}>
            {busy === provider ? "Removing…" : `Remove the key command from ${visibleText(provider)}`}
          </button>
        </Notice>
      ))}
      {failure && (
        <Notice tone="error" onDismiss={() => setFailure(null)}>
          The key command was not removed: {failure}
        </Notice>
      )}
    </>
  );
}
