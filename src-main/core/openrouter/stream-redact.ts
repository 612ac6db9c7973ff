/**
 * Redacts a secret from text that arrives in pieces (a streamed test answer that echoes the key):
 * a key split across two chunks is caught too, because the tail that could still grow into one of
 * its forms (redact-secret.ts: the key and its base64 encodings) is held back until the next
 * chunk or the end shows it does not.
 */
import { REDACTED, secretForms } from "../common/redact-secret.js";

export interface StreamRedactor {
  /** The text that is safe to show now. */
  push(chunk: string): string;
  /** The rest, at the end of the stream. */
  flush(): string;
}

export { REDACTED };

export function createStreamRedactor(secret: string | null): StreamRedactor {
  const forms = secret ? secretForms(secret) : [];
  if (forms.length === 0) return { push: (c) => c, flush: () => "" };
  const longest = forms[0]!.length;
  let pending = "";
  return {
    push(chunk) {
      pending = forms.reduce((text, form) => text.split(form).join(REDACTED), pending + chunk);
      // Hold back the longest tail that could still grow into a form of the secret.
      let keep = Math.min(longest - 1, pending.length);
      while (keep > 0 && !forms.some((form) => form.startsWith(pending.slice(pending.length - keep)))) keep--;
      const out = pending.slice(0, pending.length - keep);
      pending = pending.slice(pending.length - keep);
      return out;
    },
    flush() {
      const out = pending;
      pending = "";
      return out;
    },
  };
}
