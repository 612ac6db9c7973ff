/**
 * What the key pi uses has left on OpenRouter, for every view that shows it (the key view's card, the
 * Models header, the quick switcher, serve's low-balance notice): the last check first (keyCredits
 * without refresh answers from it when it is recent, so opening a view sends no request), then every
 * `credits` event the host sends after its own checks or another view's refresh.
 */
import { useEffect, useState } from "react";
import type { ActionResult, CreditsInfo } from "../../../src-main/core/common/index.js";
import { isUnavailable, useSwitchboard } from "../../api/context";

export interface Credits {
  /** The last answer (figures or the error to show); null until the first one. */
  result: ActionResult<CreditsInfo> | null;
  /** The figures of the last answer that had them. */
  info: CreditsInfo | null;
  /** This host has no credits check: the view says so or shows nothing. */
  unavailable: boolean;
  checking: boolean;
  /** Ask OpenRouter now, not the last check. */
  refresh(): Promise<void>;
}

/** `enabled: false` asks nothing until it turns true (serve's notice waits to know it runs under serve); events still arrive. */
export function useCredits({ enabled = true }: { enabled?: boolean } = {}): Credits {
  const { api } = useSwitchboard();
  const [result, setResult] = useState<ActionResult<CreditsInfo> | null>(null);
  const [info, setInfo] = useState<CreditsInfo | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [checking, setChecking] = useState(false);

  async function ask(refresh: boolean) {
    setChecking(true);
    try {
      const answer = await api.invoke("keyCredits", { refresh });
      setResult(answer);
      if (answer.ok) setInfo(answer.value);
    } catch (e) {
      if (isUnavailable(e)) setUnavailable(true);
      else setResult({ ok: false, error: { code: "io", message: (e as Error).message } });
    } finally {
      setChecking(false);
    }
  }

  useEffect(
    () =>
      api.on("credits", (next) => {
        setResult({ ok: true, value: next });
        setInfo(next);
      }),
    [api],
  );
  useEffect(() => {
    if (enabled) void ask(false);
    // Once per api (and when enabled turns on): ask() only uses api.
  }, [api, enabled]);

  return { result, info, unavailable, checking, refresh: () => ask(true) };
}
