/**
 * Where the core knowingly disagrees with a real pi, in ONE list: each entry names the pi version,
 * the suite, the case and the compared field, and says what pi does and what the core says. The
 * conformance suites run a listed comparison as `it.fails`, so an entry whose comparison starts to
 * pass fails the run and must be removed: the list cannot rot, and it only ever shrinks (to zero
 * once the version rules of pi-rules.ts land). Never weaken a comparison instead of listing it.
 *
 * Fields — pi-conformance: verdict, models, routing, available, scope, default, keys, listed,
 * answered; wire (pi-wire): wire-routing, wire-key; wire-test-prompt: test-prompt.
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

export const KNOWN_GAPS: KnownGap[] = [
  // Recorded with PI_CONFORMANCE_RECORD (each reason is the failing comparison's own message), pi 0.73.1 first.
  { version: "0.73.1", suite: "pi-conformance", case: "auth-keyless-entry-shadows-models-key", field: "keys", reason: "openrouter-shadow: pi resolves none (Cannot read properties of undefined (reading 'startsWith')); core says models.json/literal (resolves: true)" },
  { version: "0.87.1", suite: "pi-conformance", case: "auth-empty-entry", field: "answered", reason: "pi 0.87.1 failed: TypeError: Cannot read properties of null (reading 'type')" },
  { version: "0.87.1", suite: "pi-conformance", case: "cfg-braced-env-template", field: "keys", reason: "openrouter-template: pi's key is a value the case did not plant; core says models.json/env OR_MID (resolves: true)" },
  { version: "0.87.1", suite: "pi-conformance", case: "override-empty-entry", field: "models", reason: "models: pi has openrouter/openai/gpt-4o OpenAI: GPT-4o openai-completions https://openrouter.ai/api/v1 built-in that the core has not; the core has openrouter/openai/gpt-4o OpenAI: GPT-4o openai-completions https://openrouter.ai/api/v1 that pi has not (pi ≥ 0.80 composes its models, so the oracle calls a model built-in when it equals the catalog's untouched one, and an empty override changes nothing; 0.73.1 and the core call it overridden)" },
  { version: "0.87.1", suite: "pi-conformance", case: "routing-as-string", field: "routing", reason: "routing: pi has openrouter-s/a/model-level \"groq\" that the core has not; the core has openrouter-s/a/model-level {\"0\":\"g\",\"1\":\"r\",\"2\":\"o\",\"3\":\"q\"} that pi has not" },
  { version: "1.6.0", suite: "pi-conformance", case: "auth-empty-entry", field: "answered", reason: "pi 1.6.0 failed: TypeError: Cannot read properties of null (reading 'type')" },
  { version: "1.6.0", suite: "pi-conformance", case: "cfg-braced-env-template", field: "keys", reason: "openrouter-template: pi's key is a value the case did not plant; core says models.json/env OR_MID (resolves: true)" },
  { version: "1.6.0", suite: "pi-conformance", case: "models-store-openrouter-key-list", field: "listed", reason: "listed: pi has openrouter/deepseek/deepseek-chat that the core has not" },
  { version: "1.6.0", suite: "pi-conformance", case: "models-store-openrouter-key-list", field: "models", reason: "models: pi has openrouter/openai/gpt-4o OpenAI: GPT-4o (key list) openai-completions https://openrouter.ai/api/v1, openrouter/deepseek/deepseek-chat DeepSeek: DeepSeek V3 (key list) openai-completions https://openrouter.ai/api/v1 that the core has not; the core has openrouter/openai/gpt-4o OpenAI: G" },
  { version: "1.6.0", suite: "pi-conformance", case: "override-empty-entry", field: "models", reason: "models: pi has openrouter/openai/gpt-4o OpenAI: GPT-4o openai-completions https://openrouter.ai/api/v1 built-in that the core has not; the core has openrouter/openai/gpt-4o OpenAI: GPT-4o openai-completions https://openrouter.ai/api/v1 that pi has not (pi ≥ 0.80 composes its models, so the oracle calls a model built-in when it equals the catalog's untouched one, and an empty override changes nothing; 0.73.1 and the core call it overridden)" },
];

export function knownGap(version: string, suite: KnownGap["suite"], caseName: string, field: GapField): KnownGap | undefined {
  return KNOWN_GAPS.find((g) => g.version === version && g.suite === suite && g.case === caseName && g.field === field);
}
