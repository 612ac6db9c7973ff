/**
 * The pure sums behind `spend`, the Spend view and the tray's "today": periods (`--since`), rows by
 * grouping, the cache-read share, and a cost for every day of the chart, spent or not.
 */
import { describe, expect, it } from "vitest";
import { buildSpendReport, localDay, nextLocalMidnight, parseSince, startOfLocalDay, type SpendEntry } from "../../../../src-main/core/common/spend-report.js";

const NOW = new Date(2026, 11, 6, 15, 30).getTime();
const DAY = 86_400_000;

function entry(over: Partial<SpendEntry>): SpendEntry {
  return { at: NOW, project: "/p", provider: "openrouter", model: "m", thinking: "off", cost: 1, input: 100, output: 10, cacheRead: 0, cacheWrite: 0, request: true, error: false, ...over };
}

describe("parseSince", () => {
  it("reads today, whole days and weeks from local midnight, hours, dates and ISO times", () => {
    expect(parseSince("today", NOW)).toBe(startOfLocalDay(NOW));
    expect(localDay(parseSince("7d", NOW)!)).toBe("2026-11-30");
    expect(localDay(parseSince("2w", NOW)!)).toBe("2026-11-23");
    expect(parseSince("12h", NOW)).toBe(NOW - 12 * 3_600_000);
    expect(parseSince("2026-12-01", NOW)).toBe(new Date(2026, 11, 1).getTime());
    expect(parseSince("2026-12-01T10:00:00Z", NOW)).toBe(Date.UTC(2026, 11, 1, 10));
    expect(parseSince("last tuesday", NOW)).toBeNull();
  });
});

describe("buildSpendReport", () => {
  const entries = [
    entry({ cost: 2, cacheRead: 300 }),
    entry({ model: "other", cost: 0.5, at: NOW - 2 * DAY, thinking: "high" }),
    entry({ provider: "openrouter-groq", cost: 1, error: true, at: NOW - 10 * DAY }),
    entry({ provider: "", model: "", cost: 0.25, request: false }),
  ];

  it("sums totals and rows by model, the most expensive first, with the cache-read share", () => {
    const report = buildSpendReport(entries, { since: null, by: "model", now: NOW });
    expect(report.total).toMatchObject({ cost: 3.75, requests: 3, errors: 1, input: 400, cacheRead: 300 });
    expect(report.total.cacheReadShare).toBeCloseTo(300 / 700);
    expect(report.rows.map((r) => [r.provider, r.model, r.cost])).toEqual([
      ["openrouter", "m", 2],
      ["openrouter-groq", "m", 1],
      ["openrouter", "other", 0.5],
      ["", "", 0.25],
    ]);
  });

  it("keeps only the period, and charts every day of it", () => {
    const week = buildSpendReport(entries, { since: parseSince("7d", NOW), by: "day", now: NOW });
    expect(week.total.cost).toBe(2.75);
    expect(week.rows.map((r) => r.day)).toEqual(["2026-12-06", "2026-12-04"]);
    expect(week.days).toHaveLength(7);
    expect(week.days.map((d) => d.cost)).toEqual([0, 0, 0, 0, 0.5, 0, 2.25]);
    const thinking = buildSpendReport(entries, { since: null, by: "thinking", now: NOW });
    expect(thinking.rows.find((r) => r.thinking === "high")?.cost).toBe(0.5);
  });
});

describe("the tray's next day", () => {
  it("starts at the next local midnight, also across a daylight-saving change", () => {
    const noon = new Date(2026, 2, 28, 12, 0, 0).getTime();
    const next = nextLocalMidnight(noon);
    expect(new Date(next)).toEqual(new Date(2026, 2, 29, 0, 0, 0));
    // From just before midnight to the one after, never the same day again.
    expect(nextLocalMidnight(next - 1)).toBe(next);
    expect(nextLocalMidnight(next)).toBe(new Date(2026, 2, 30, 0, 0, 0).getTime());
  });
});
