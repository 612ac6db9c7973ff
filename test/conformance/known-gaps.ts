/**
 * Where the core knowingly disagrees with a real pi, in ONE list: each entry names the pi version,
 * the suite, the case and the compared field, and says what pi does and what the core says. The
 * conformance suites run a listed comparison as `it.fails`, so an entry whose comparison starts to
 * pass fails the run and must be removed: the list cannot rot, and it only ever shrinks (to zero
 * once the version rules of pi-rules.ts land). Never weaken a comparison instead of listing it.
 *
 * Fields — pi-conformance: verdict, models, routing, available, scope, default, keys, listed,
 * answered; wire (pi-wire, each pi): wire-routing (URL, model, provider, sampling fields), wire-key;
 * wire-test-prompt (each pi): test-prompt. Wire case names are wire-harness.ts's (`<case>` or `<case>#<n>`).
 */
export type GapField =
  | "verdict"
  | "models"
  | "routing"
  | "available"
  | "scope"
  | "default"
  | "keys"
  | "listed"
  | "answered"
  | "wire-routing"
  | "wire-key"
  | "test-prompt";

export interface KnownGap {
  version: string;
  suite: "pi-conformance" | "pi-wire" | "wire-test-prompt";
  case: string;
  field: GapField;
  /** What pi does vs what the core says, and why they differ. */
  reason: string;
}

export const KNOWN_GAPS: KnownGap[] = [];

export function knownGap(version: string, suite: KnownGap["suite"], caseName: string, field: GapField): KnownGap | undefined {
  return KNOWN_GAPS.find((g) => g.version === version && g.suite === suite && g.case === caseName && g.field === field);
}
