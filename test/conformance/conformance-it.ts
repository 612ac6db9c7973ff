/**
 * `it` for a comparison with a real pi: a comparison listed in known-gaps.ts runs as `it.fails`
 * (it must still fail, so the list cannot rot); every other one runs as a plain `it`. With
 * PI_CONFORMANCE_RECORD=<file>, each failing comparison is also appended there as a JSON line
 * (version, suite, case, field, message): the raw material for updating known-gaps.ts.
 */
import { appendFileSync } from "node:fs";
import { it } from "vitest";
import { knownGap, type GapField, type KnownGap } from "./known-gaps.js";

export function compare(version: string, suite: KnownGap["suite"], caseName: string, field: GapField, title: string, body: () => void | Promise<void>): void {
  const gap = knownGap(version, suite, caseName, field);
  const record = process.env.PI_CONFORMANCE_RECORD;
  const run = async () => {
    try {
      await body();
    } catch (error) {
      if (record) appendFileSync(record, `${JSON.stringify({ version, suite, case: caseName, field, message: error instanceof Error ? error.message : String(error) })}\n`);
      throw error;
    }
  };
  if (gap) it.fails(`${title} [known gap: ${gap.reason}]`, run);
  else it(title, run);
}
