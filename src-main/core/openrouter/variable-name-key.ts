/**
 * A key that is only a variable's name: what pi sends when the variable the user meant is not
 * read. pi 0.7x sends a bare `MY_KEY` as text when MY_KEY is unset, and reads `$MY_KEY` as text
 * too (`$NAME` reads a variable from 0.77); pi 0.79.4+ sends a bare `OPENROUTER_API_KEY` as
 * written. OpenRouter can only answer "401 User not found" to it, so a test prompt is not sent and
 * the variable is named instead. A variable's name is not a secret: it is shown, never redacted.
 */
import type { KeySource } from "../contract.js";
import type { PiRules } from "../pi/pi-rules.js";

const BARE_NAME = /^[A-Z_][A-Z0-9_]*$/;
const DOLLAR_NAME = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/;

const VAULT = "or keep the key in the OS vault: `pi-switchboard key set`, then `key connect`";

export function variableNameAsKey(apiKey: string, source: KeySource | undefined, provider: string, rules: Pick<PiRules, "configValues" | "basis">): { message: string; hint: string } | null {
  // Only a key written in pi's files as text: a command or env var could print anything.
  if (source?.form !== "literal" || (source.origin !== "auth.json" && source.origin !== "models.json")) return null;
  const where = `The ${source.origin} key for ${provider}`;
  const dollar = DOLLAR_NAME.exec(apiKey);
  if (dollar && rules.configValues === "name-or-literal") {
    const name = dollar[1] ?? dollar[2]!;
    return {
      message: `${where} is the text "${apiKey}": pi ${rules.basis} reads a variable only by its bare name ($NAME came in pi 0.77), so it would send that text as the key. The test was not sent.`,
      hint: `Write "${name}" (without the $) in ${source.origin} and set ${name} in the environment pi runs in, ${VAULT}.`,
    };
  }
  if (!BARE_NAME.test(apiKey)) return null;
  if (rules.configValues === "name-or-literal") {
    return {
      message: `${where} names the environment variable ${apiKey}, which is not set, so pi would send the text "${apiKey}" as the key. The test was not sent.`,
      hint: `Set ${apiKey} in the environment pi runs in (and where you run this), ${VAULT}.`,
    };
  }
  return {
    message: `${where} is the text "${apiKey}": pi ${rules.basis} sends it as written (only $${apiKey} reads the variable). The test was not sent.`,
    hint: `Write "$${apiKey}" in ${source.origin} and set ${apiKey} in the environment pi runs in, ${VAULT}.`,
  };
}
