/**
 * Before a test prompt: a key that is only a variable's name (core/pi/key-name-as-text.ts) is not
 * sent, since OpenRouter can only answer "401 User not found" to it; the variable is named instead.
 */
import type { KeySource } from "../common/index.js";
import { keyNameAsText } from "../pi/key-name-as-text.js";
import type { PiRules } from "../pi/pi-rules.js";

export function variableNameAsKey(apiKey: string, source: KeySource | undefined, provider: string, rules: Pick<PiRules, "configValues" | "basis">): { message: string; hint: string } | null {
  const found = keyNameAsText(apiKey, source, provider, rules);
  return found && { message: `${found.message} The test was not sent.`, hint: found.hint };
}
