/**
 * Redacts a secret from text that arrives in pieces (a streamed test answer that echoes the key):
 * a key split across two chunks is caught too, because the last `secret.length - 1` characters
 * are held back until the next chunk or the end shows they are not the start of the secret.
 */
export interface StreamRedactor {
  /** The text that is safe to show now. */
  push(chunk: string): string;
  /** The rest, at the end of the stream. */
  flush(): string;
}

export const REDACTED = "[redacted]";

export function createStreamRedactor(secret: string | null): StreamRedactor {
  if (!secret) return { push: (c) => c, flush: () => "" };
  let pending = "";
  return {
    push(chunk) {
      pending = (pending + chunk).split(secret).join(REDACTED);
      // Hold back the longest tail that could still grow into the secret.
      let keep = Math.min(secret.length - 1, pending.length);
      while (keep > 0 && !secret.startsWith(pending.slice(pending.length - keep))) keep--;
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
