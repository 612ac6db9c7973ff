/**
 * When to warn that OpenRouter credit is running low: once when a check finds the balance below
 * the user's threshold (Preferences lowCreditThreshold), not again while it stays below, and again
 * after it recovered and falls below once more. Pure, so the Electron notification
 * (electron/low-balance-notification.ts) and the window's notice under `serve` share it.
 */
import type { CreditsInfo } from "../index.js";

export const ADD_CREDITS_URL = "https://openrouter.ai/settings/credits";

export interface LowBalanceStep {
  /** The balance is below the threshold now. */
  below: boolean;
  /** This check crossed below it: tell the user. */
  notify: boolean;
}

/** An unknown balance changes nothing (a check that could not tell is no recovery); no threshold is never low. */
export function lowBalanceStep(wasBelow: boolean, balance: number | null, threshold: number | null): LowBalanceStep {
  if (threshold === null) return { below: false, notify: false };
  if (balance === null) return { below: wasBelow, notify: false };
  const below = balance < threshold;
  return { below, notify: below && !wasBelow };
}

/** USD as people read it: cents always for a balance, none for a whole-dollar threshold. */
export function usd(amount: number, cents = true): string {
  return cents || !Number.isInteger(amount) ? `$${amount.toFixed(2)}` : `$${amount}`;
}

export function lowBalanceMessage(balance: number, threshold: number): string {
  return `OpenRouter balance ${usd(balance)} is below your ${usd(threshold, false)} threshold — add credits at ${ADD_CREDITS_URL}`;
}

/** The crossing state of one host: feed it every check; it answers the message to show, or null. */
export class LowBalanceWatch {
  private below = false;

  observe(info: Pick<CreditsInfo, "balance">, threshold: number | null): string | null {
    const step = lowBalanceStep(this.below, info.balance, threshold);
    this.below = step.below;
    return step.notify && info.balance !== null && threshold !== null ? lowBalanceMessage(info.balance, threshold) : null;
  }
}
