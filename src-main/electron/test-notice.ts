/**
 * What the tray says after "Test the default model": one notification line from the TestResult,
 * naming who actually served the request and whether the routing held. Pure, unit-tested.
 */
import { visibleText } from "../core/common/visible-text.js";
import type { TestResult } from "../core/common/index.js";

export function testNotice(result: TestResult): { title: string; body: string } {
  // The model's ref (pi's files) and the served-by name (the stream) with bidi and invisible characters written out.
  const ref = visibleText(result.ref);
  if (result.error) return { title: `Test failed: ${ref}`, body: `${result.error.message} ${result.error.hint}`.trim() };
  const parts = [result.servedBy ? `served by ${visibleText(result.servedBy)}` : "served by an unreported provider"];
  if (result.ttftMs !== null) parts.push(`first token ${Math.round(result.ttftMs)} ms`);
  if (result.cost !== null) parts.push(`$${result.cost.toFixed(6)}`);
  const routing = result.routingRespected === false ? `Routing not respected: ${result.routingNote ?? "served outside the rules"}.` : "";
  return { title: `Test passed: ${ref}`, body: [parts.join(", ") + ".", routing].filter(Boolean).join(" ") };
}
