/**
 * The backup of auth.json taken before the app replaces a plaintext OpenRouter key with the vault
 * command (`key connect`, `key import-from-auth`).
 *
 * Choice: the design asks for a backup before the first change, but a verbatim copy would leave
 * the plaintext key in a file the app wrote — the very thing the migration removes. So the backup
 * is auth.json as it stood with every occurrence of the vault key replaced by the `!command` that
 * reads it: restoring it gives pi the same key (from the vault) and every other entry exactly as
 * it was. If the key cannot be removed from the copy, no backup is written and the change is refused.
 */
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
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
  private readonly redacted = new Set<string>();

  constructor(
    agentDir: string,
    private readonly secret: string,
    private readonly replacement: string,
  ) {
    super(agentDir);
  }

  override async beforeFirstChange(path: string): Promise<string | null> {
    if (this.redacted.has(path)) return null;
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    const copy = redactSecret(text, this.secret, this.replacement);
    if (copy.includes(this.secret)) throw new Error(`the backup of ${path} would still hold the key; nothing was changed`);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const target = join(this.dir, `${basename(path)}.${new Date().toISOString().replace(/[:.]/g, "-")}.bak`);
    await writeFile(target, copy, { mode: 0o600, flag: "wx" });
    await chmod(target, 0o600);
    this.redacted.add(path);
    return target;
  }
}
