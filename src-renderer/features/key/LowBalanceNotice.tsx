/**
 * Under `serve` there is no tray to send a native notification, so the window says it: a notice
 * above every view when a credits check finds the balance below the Preferences threshold, once
 * per crossing (core/common/openrouter/low-balance.ts, as the tray app's notification). Electron's window
 * shows nothing here: its host notifies natively (electron/low-balance-notification.ts).
 */
import { useEffect, useRef, useState } from "react";
import type { CreditsInfo } from "../../../src-main/core/common/index.js";
import { LowBalanceWatch } from "../../../src-main/core/common/openrouter/low-balance";
import { useSwitchboard } from "../../api/context";
import { Notice } from "../../ui/Notice";

export function LowBalanceNotice({ onOpenKey }: { onOpenKey: () => void }) {
  const { api } = useSwitchboard();
  const [message, setMessage] = useState<string | null>(null);
  const watch = useRef(new LowBalanceWatch());
  const state = useRef<{ serve: boolean; threshold: number | null; last: CreditsInfo | null }>({ serve: false, threshold: null, last: null });

  useEffect(() => {
    let live = true;
    const observe = () => {
      const { serve, threshold, last } = state.current;
      const next = serve && last ? watch.current.observe(last, threshold) : null;
      if (next && live) setMessage(next);
    };
    const adoptCredits = (info: CreditsInfo) => {
      state.current.last = info;
      observe();
    };
    api.invoke("getPreferences", null).then(
      (p) => {
        state.current.serve = p.host === "serve";
        state.current.threshold = p.values.lowCreditThreshold;
        if (!state.current.serve) return;
        observe();
        // The host checked at start; this answers from that check unless it is older than 5 minutes.
        api.invoke("keyCredits", { refresh: false }).then((r) => r.ok && adoptCredits(r.value), () => undefined);
      },
      () => undefined,
    );
    const offCredits = api.on("credits", adoptCredits);
    const offPreferences = api.on("preferences", (p) => {
      state.current.threshold = p.values.lowCreditThreshold;
      observe();
    });
    return () => {
      live = false;
      offCredits();
      offPreferences();
    };
  }, [api]);

  if (!message) return null;
  return (
    <Notice tone="warning" onDismiss={() => setMessage(null)}>
      {message}{" "}
      <button type="button" className="link" onClick={onOpenKey}>
        Open Key
      </button>
    </Notice>
  );
}
