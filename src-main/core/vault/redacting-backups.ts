/**
 * The backup of auth.json taken before the app replaces a plaintext OpenRouter key with the vault
 * command (`key connect`, `key import-from-auth`).
 *
 * Choice: the design asks for a backup before the first change, but a verbatim copy would leave
 * the plaintext key in a file the app wrote — the very thing the migration removes. So the backup
 * is auth.json as it stood with every occurrence of the vault key replaced by the `!command` that
 * reads it: restoring it gives pi the same key (from the vault). Other providers' secrets are cut
 * out as in every auth.json backup (files/auth-redaction.ts). If the key cannot be removed from the
 * copy, no backup is written and the change is refused.
 */
import { visit } from "jsonc-parser";
import { Backups } from "../files/backup.js";

/** Replaces string values equal to `secret` by `replacement`, then any raw occurrence left. */
export function redactSecret(text: string, secret: string, replacement: string): string {
  const spans: { offset: number; length: number }[] = [];
  visit(text, {
    onLiteralValue: (value, offset, length) => {
      if (value === secret) spans.push({ offset, length });
    },
  });
  let out = text;
  for (const { offset, length } of spans.reverse()) out = out.slice(0, offset) + JSON.stringify(replacement) + out.slice(offset + length);
  // A key inside a longer string ("Bearer sk-…") or escaped oddly is still cut out.
  const marker = "[moved to the OS vault]";
  for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) out = out.split(form).join(marker);
  return out;
}

export class RedactingBackups extends Backups {
  constructor(
    agentDir: string,
    private readonly secret: string,
    private readonly replacement: string,
  ) {
    super(agentDir);
  }

  /** The vault key becomes its command first; then, like every auth.json backup, no other secret stays. */
  protected override transform(path: string, text: string): string {
    const copy = redactSecret(text, this.secret, this.replacement);
    if (copy.includes(this.secret)) throw new Error(`the backup of ${path} would still hold the key; nothing was changed`);
    return super.transform(path, copy);
  }
}
