/** When the low-balance warning fires: once per crossing below the threshold, again after a recovery. */
import { describe, expect, test } from "vitest";
import { LowBalanceWatch, lowBalanceMessage, lowBalanceStep } from "../../../../../src-main/core/common/openrouter/low-balance.js";

describe("lowBalanceStep", () => {
  test("crossing below notifies; staying below does not; recovering re-arms", () => {
    expect(lowBalanceStep(false, 4, 5)).toEqual({ below: true, notify: true });
    expect(lowBalanceStep(true, 3, 5)).toEqual({ below: true, notify: false });
    expect(lowBalanceStep(true, 6, 5)).toEqual({ below: false, notify: false });
    expect(lowBalanceStep(false, 5, 5)).toEqual({ below: false, notify: false });
  });

  test("no threshold never warns and clears the state; an unknown balance keeps it", () => {
    expect(lowBalanceStep(true, 1, null)).toEqual({ below: false, notify: false });
    expect(lowBalanceStep(true, null, 5)).toEqual({ below: true, notify: false });
    expect(lowBalanceStep(false, null, 5)).toEqual({ below: false, notify: false });
  });
});

test("the message names the balance in cents, the threshold as set, and where to add credits", () => {
  expect(lowBalanceMessage(3.456, 5)).toBe("OpenRouter balance $3.46 is below your $5 threshold — add credits at https://openrouter.ai/settings/credits");
  expect(lowBalanceMessage(0, 2.5)).toContain("$0.00 is below your $2.50 threshold");
});

test("LowBalanceWatch: a sequence of checks gives one message per crossing", () => {
  const watch = new LowBalanceWatch();
  const seen = [8, 4, 3, null, 2, 9, 1, 1].map((balance) => watch.observe({ balance }, 5));
  expect(seen.map((m) => (m ? m.slice(0, 25) : null))).toEqual([null, "OpenRouter balance $4.00 ", null, null, null, null, "OpenRouter balance $1.00 ", null]);
  // Raising the threshold over the balance is a crossing too.
  expect(watch.observe({ balance: 1 }, null)).toBeNull();
  expect(watch.observe({ balance: 1 }, 2)).toContain("below your $2 threshold");
});
