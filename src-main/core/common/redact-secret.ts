/**
 * Cutting a secret out of text the user will see (a streamed answer, an error, a provider name in
 * OpenRouter's record). A key is also recognisable in base64: an echo of an `Authorization: Basic`
 * header or a model asked to encode it. So the forms cut are the secret itself and its base64 and
 * base64url encodings at each of the three byte alignments it can have inside a longer encoded
 * text (only the characters that depend on the secret's bytes alone). Pure and platform-free.
 */

export const REDACTED = "[redacted]";

/** A secret shorter than this is not cut: it would shred ordinary text. */
const MIN_SECRET = 4;

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.ceil(((Math.min(3, bytes.length - i)) * 8) / 6);
    for (let c = 0; c < chars; c++) out += BASE64[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** The secret and every base64/base64url form of it that can appear inside encoded text. */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET) return [];
  const bytes = new TextEncoder().encode(secret);
  const forms = new Set([secret]);
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const total = padded.length;
    // Characters fed only by the secret's bits: after the offset bytes, before a partial last group.
    const start = Math.ceil((offset * 8) / 6);
    const end = total % 3 === 0 ? Math.ceil((total * 8) / 6) : Math.floor((total * 8) / 6);
    const form = base64(padded).slice(start, end);
    if (form.length >= MIN_SECRET) {
      forms.add(form);
      forms.add(form.replace(/\+/g, "-").replace(/\//g, "_"));
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/** `text` with every form of `secret` replaced by `mark`. */
export function redactSecret(text: string, secret: string | null | undefined, mark = REDACTED): string {
  if (!secret) return text;
  return secretForms(secret).reduce((out, form) => out.split(form).join(mark), text);
}
