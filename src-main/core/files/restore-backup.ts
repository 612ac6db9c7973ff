/**
 * Put a backup back in place of the pi file it was taken from. The current file is backed up
 * first (restoring is itself a change), the backup must parse the way pi parses that file, and
 * only paths inside the backup dir are accepted. auth.json backups hold no secrets: each secret
 * comes back from the current file (auth-redaction.ts); one the current file no longer has is not
 * invented, and the restore is refused with the providers named.
 */
import { stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { ActionResult } from "../contract.js";
import { parseLenientJson, parseStrictJson } from "../pi/pi-json.js";
import type { SwitchboardService } from "../service.js";
import { prepareReplace } from "./atomic-write.js";
import { restoreRedacted } from "./auth-redaction.js";
import { readPiFile } from "./read-pi-file.js";
import { withPiLockSync } from "./pi-lock.js";

export async function restoreBackup(service: SwitchboardService, backupPath: string): Promise<ActionResult> {
  const full = resolve(backupPath);
  if (dirname(full) !== resolve(service.backups.dir)) {
    return { ok: false, error: { code: "invalid-input", message: "That is not one of Pi Switchboard's backups." } };
  }
  const m = /^(models|settings|auth)\.json\..+\.bak$/.exec(basename(full));
  if (!m) return { ok: false, error: { code: "invalid-input", message: "Unknown backup file name." } };
  const target = join(service.paths.dir, `${m[1]}.json`);
  let text: string;
  try {
    text = await readPiFile(full);
  } catch (error) {
    return { ok: false, error: { code: "io", message: `Cannot read the backup: ${(error as Error).message}` } };
  }
  const parse = m[1] === "models" ? parseLenientJson : parseStrictJson;
  const parsed = parse(text);
  if (!parsed.ok) return { ok: false, error: { code: "unparseable-file", message: "The backup does not parse; it was not restored.", file: full } };
  if (m[1] === "auth") {
    const current = await readPiFile(target).then((t) => parseStrictJson(t), () => null);
    const merged = restoreRedacted(parsed.value, current?.ok ? current.value : null);
    if (merged.missing.length) {
      const providers = [...new Set(merged.missing.map((p) => p.split(".")[0]))].join(", ");
      return { ok: false, error: { code: "conflict", message: `This auth.json backup holds no secrets, and auth.json no longer has the key of ${providers}; restoring it would leave ${providers} without a key. Add those keys again (\`pi-switchboard key set\`, or pi's /login) instead.`, file: full } };
    }
    text = `${JSON.stringify(merged.value, null, 2)}\n`;
  }
  await service.backups.beforeFirstChange(target, { force: true });
  // Written and fsynced before pi's lock is taken, renamed under it: pi waits only ~200 ms for its lock.
  const mode = await stat(target).then((s) => s.mode & 0o777, () => (m[1] === "auth" ? 0o600 : undefined));
  const prepared = await prepareReplace(target, text, mode);
  try {
    await withPiLockSync(target, () => prepared.commit());
  } finally {
    await prepared.discard();
  }
  await service.reload();
  return { ok: true, value: undefined };
}
