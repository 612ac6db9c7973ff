/**
 * How the Spend view writes its figures: dollars to the cent (a fraction of a cent when that is
 * all there is), token counts with k/M, shares as whole percents, and the row label of each grouping.
 */
import type { SpendGrouping, SpendRow } from "../../../src-main/core/common/contract/spend";

export function dollars(usd: number): string {
  if (usd === 0) return "$0.00";
  if (Math.abs(usd) < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

export function tokens(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)}M`;
  if (n >= 1_000) return `${(n / 1_000).toFixed(n >= 10_000 ? 0 : 1)}k`;
  return String(n);
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Summaries and tool results carry usage pi attributes to no model (usage-totals.js "Tools/summaries"). */
const UNATTRIBUTED = "Summaries and tools";

export function rowLabel(row: SpendRow, by: SpendGrouping): string {
  switch (by) {
    case "model":
      return row.provider ? `${row.provider}/${row.model}` : UNATTRIBUTED;
    case "provider":
      return row.provider || UNATTRIBUTED;
    case "project":
      return row.project || "(unknown folder)";
    case "day":
      return row.day ?? "";
    case "thinking":
      return row.thinking || "(not recorded)";
  }
}
