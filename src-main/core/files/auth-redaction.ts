/**
 * Backups of auth.json keep no secret of any provider: every credential value (an api_key `key`
 * that is a literal, OAuth `access`/`refresh` tokens, any other token-like field) is replaced by a
 * marker, while `!command`s and env var names (configuration, not secrets) stay. A restore puts
 * the current file's value back where the backup holds the marker (restore-backup.ts), so a
 * backup gives back every entry without ever having stored a key on disk a second time.
 */
import { applyEdits, modify, visit } from "jsonc-parser";

export const REDACTED_IN_BACKUP = "[secret not kept in backups]";

/** Fields of an auth.json entry that hold secrets (pi's api_key and OAuth credentials). */
const SECRET_FIELDS = new Set(["key", "access", "refresh", "token", "apiKey", "api_key", "secret", "password", "id_token", "accessToken", "refreshToken"]);
/** What is configuration, not a secret: a command pi runs, or an env var reference. */
const IS_REFERENCE = /^(!|\$\{?[A-Za-z_]|[A-Z_][A-Z0-9_]*$)/;

export function redactAuthSecrets(text: string): string {
  const edits: { path: (string | number)[] }[] = [];
  visit(text, {
    onLiteralValue: (value, _offset, _length, _line, _col, pathSupplier) => {
      const at = pathSupplier();
      const field = at.at(-1);
      if (typeof value === "string" && at.length >= 2 && typeof field === "string" && SECRET_FIELDS.has(field) && !IS_REFERENCE.test(value) && value !== REDACTED_IN_BACKUP) edits.push({ path: at });
    },
  });
  let out = text;
  for (const edit of edits) out = applyEdits(out, modify(out, edit.path, REDACTED_IN_BACKUP, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  return out;
}

/**
 * The backup's value with each marker replaced by the current value at the same path. `missing`
 * lists the paths the current file has no value for (that secret is gone for good).
 */
export function restoreRedacted(backup: unknown, current: unknown, at: string[] = [], missing: string[] = []): { value: unknown; missing: string[] } {
  if (backup === REDACTED_IN_BACKUP) {
    if (typeof current === "string") return { value: current, missing };
    missing.push(at.join("."));
    return { value: backup, missing };
  }
  if (backup && typeof backup === "object" && !Array.isArray(backup)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(backup)) {
      out[k] = restoreRedacted(v, current && typeof current === "object" ? (current as Record<string, unknown>)[k] : undefined, [...at, k], missing).value;
    }
    return { value: out, missing };
  }
  return { value: backup, missing };
}
