/**
 * The tray app's low-balance warning: a native notification when a credits check (the `credits`
 * event, core/openrouter/credits-monitor.ts) finds the balance below the Preferences threshold,
 * or when the threshold is raised above the last balance seen. When to warn is core's
 * (low-balance.ts: once per crossing); this only shows it. Clicking it opens the key view.
 */
import { Notification } from "electron";
import type { ApiEndpoint } from "../core/api-handlers.js";
import type { CreditsInfo, PreferencesState } from "../core/common/index.js";
import { LowBalanceWatch } from "../core/common/openrouter/low-balance.js";

export interface LowBalanceOptions {
  /** The last check, should it have finished before this was wired. */
  latest: CreditsInfo | null;
  threshold: () => number | null;
  openKeyView: () => void;
}

export function notifyLowBalance(api: Pick<ApiEndpoint, "onEvent">, options: LowBalanceOptions): () => void {
  const watch = new LowBalanceWatch();
  let last = options.latest;
  const observe = (threshold: number | null) => {
    const message = last ? watch.observe(last, threshold) : null;
    if (!message || !Notification.isSupported()) return;
    const notification = new Notification({ title: "OpenRouter credit is low", body: message });
    notification.on("click", options.openKeyView);
    notification.show();
  };
  observe(options.threshold());
  return api.onEvent((name, payload) => {
    if (name === "credits") {
      last = payload as CreditsInfo;
      observe(options.threshold());
    } else if (name === "preferences") observe((payload as PreferencesState).values.lowCreditThreshold);
  });
}
