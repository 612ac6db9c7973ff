/**
 * Under `serve` there is no tray to send a native notification, so the window says it: a notice
 * above every view when a credits check finds the balance below the Preferences threshold, once
 * per crossing (core/common/openrouter/low-balance.ts, as the tray app's notification). Electron's window
 * shows nothing here: its host notifies natively (electron/low-balance-notification.ts).
 */
import { useEffect, useRef, useState } from "react";
import { LowBalanceWatch } from "../../../src-main/core/common/openrouter/low-balance";
import { useSwitchboard } from "../../api/context";
import { Notice } from "../../ui/Notice";
import { useCredits } from "./use-credits";

export function LowBalanceNotice({ onOpenKey }: { onOpenKey: () => void }) {
  const { api } = useSwitchboard();
  const [message, setMessage] = useState<string | null>(null);
  const watch = useRef(new LowBalanceWatch());
  // null until the preferences answer: they say whether this is serve, and the threshold.
  const [prefs, setPrefs] = useState<{ serve: boolean; threshold: number | null } | null>(null);
  // Asked only under serve: the host checked at start, so this answers from that check unless it is older than 5 minutes.
  const { info } = useCredits({ enabled: prefs?.serve === true });

  useEffect(() => {
    api.invoke("getPreferences", null).then((p) => setPrefs({ serve: p.host === "serve", threshold: p.values.lowCreditThreshold }), () => undefined);
    return api.on("preferences", (p) => setPrefs((old) => ({ serve: old?.serve ?? false, threshold: p.values.lowCreditThreshold })));
  }, [api]);

  useEffect(() => {
    if (!prefs?.serve || !info) return;
    const next = watch.current.observe(info, prefs.threshold);
    if (next) setMessage(next);
  }, [info, prefs]);

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
