/**
 * What the key pi uses has left, in one short line for the tray menu and the quick switcher
 * ("$12.34 left", "$3.00 left of the key's $10.00 limit"), marked low below the user's
 * threshold (Preferences lowCreditThreshold). Pure; the numbers come from CreditsInfo.
 */
import type { CreditsInfo } from "../index.js";

export interface CreditsLine {
  text: string;
  /** Below the threshold: the line carries a warning mark and says what to do. */
  low: boolean;
  /** Which key was asked and when, for a tooltip. */
  detail: string;
}

const dollars = (amount: number) => `$${amount.toFixed(2)}`;

export function creditsLine(info: CreditsInfo, threshold: number | null): CreditsLine {
  const account = info.credits?.remaining ?? null;
  const keyLeft = info.limit?.remaining ?? null;
  const keyLimit = info.limit?.limit ?? null;
  let text: string;
  // Whatever runs out first stops pi: the key's own limit when it is the tighter one.
  if (keyLeft !== null && (account === null || keyLeft < account)) text = keyLimit !== null ? `${dollars(keyLeft)} left of the key's ${dollars(keyLimit)} limit` : `${dollars(keyLeft)} left on the key`;
  else if (account !== null) text = `${dollars(account)} left`;
  else text = "Credits unknown";
  const low = threshold !== null && info.balance !== null && info.balance < threshold;
  const detail = `${info.keyUsed}; checked ${info.checkedAt.slice(0, 16).replace("T", " ")} UTC${info.note ? `. ${info.note}` : ""}`;
  return { text: low ? `⚠ ${text} (below ${dollars(threshold)})` : text, low, detail };
}
