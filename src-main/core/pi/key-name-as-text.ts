/**
 * A key that is only a variable's name: what pi sends when the variable the user meant is not
 * read. pi 0.7x sends a bare `MY_KEY` as text when MY_KEY is unset, and reads `$MY_KEY` as text
 * too (`$NAME` reads a variable from 0.77); pi 0.79.4+ sends a bare `OPENROUTER_API_KEY` as
 * written. A provider can only answer 401 to it. Said on the model (model-problems.ts) and before a
 * test prompt (openrouter/variable-name-key.ts). A variable's name is not a secret: it is shown,
 * never redacted.
 */
import type { KeySource } from "../common/index.js";
import type { PiRules } from "./pi-rules.js";

const BARE_NAME = /^[A-Z_][A-Z0-9_]*$/;
const DOLLAR_NAME = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/;

const VAULT = "or keep the key in the OS vault: `pi-switchboard key set`, then `key connect`";

export interface KeyNameAsText {
  message: string;
  hint: string;
  /** The text to write instead in the same file, where a rewrite alone fixes it (`$NAME` for a bare name, the bare name before pi 0.77). */
  rewriteTo: string | null;
  /** The variable the user meant. */
  variable: string;
}

/** `keyText`: the text pi sends (a literal key as pi resolves it); `source`: where pi takes it from. */
export function keyNameAsText(keyText: string, source: KeySource | undefined, provider: string, rules: Pick<PiRules, "configValues" | "basis">): KeyNameAsText | null {
  // Only a key written in pi's files as text: a command or env var could print anything.
  if (source?.form !== "literal" || (source.origin !== "auth.json" && source.origin !== "models.json")) return null;
  const where = `The ${source.origin} key for ${provider}`;
  const dollar = DOLLAR_NAME.exec(keyText);
  if (dollar && rules.configValues === "name-or-literal") {
    const name = dollar[1] ?? dollar[2]!;
    return {
      message: `${where} is the text "${keyText}": pi ${rules.basis} reads a variable only by its bare name ($NAME came in pi 0.77), so it would send that text as the key.`,
      hint: `Write "${name}" (without the $) in ${source.origin} and set ${name} in the environment pi runs in, ${VAULT}.`,
      rewriteTo: name,
      variable: name,
    };
  }
  if (!BARE_NAME.test(keyText)) return null;
  if (rules.configValues === "name-or-literal") {
    return {
      message: `${where} names the environment variable ${keyText}, which is not set, so pi would send the text "${keyText}" as the key.`,
      hint: `Set ${keyText} in the environment pi runs in (and where you run this), ${VAULT}.`,
      rewriteTo: null,
      variable: keyText,
    };
  }
  return {
    message: `${where} is the text "${keyText}": pi ${rules.basis} sends it as written (only $${keyText} reads the variable).`,
    hint: `Write "$${keyText}" in ${source.origin} and set ${keyText} in the environment pi runs in, ${VAULT}.`,
    rewriteTo: `$${keyText}`,
    variable: keyText,
  };
}
