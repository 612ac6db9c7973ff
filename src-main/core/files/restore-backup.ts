/**
 * Put a backup back in place of the pi file it was taken from. The current file is backed up
 * first (restoring is itself a change), the backup must parse the way pi parses that file, and
 * only paths inside the backup dir are accepted.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { ActionResult } from "../contract.js";
import { parseLenientJson, parseStrictJson } from "../pi/pi-json.js";
import type { SwitchboardService } from "../service.js";
import { prepareReplace } from "./atomic-write.js";
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
    text = await readFile(full, "utf8");
  } catch (error) {
    return { ok: false, error: { code: "io", message: `Cannot read the backup: ${(error as Error).message}` } };
  }
  const parse = m[1] === "models" ? parseLenientJson : parseStrictJson;
  if (!parse(text).ok) return { ok: false, error: { code: "unparseable-file", message: "The backup does not parse; it was not restored.", file: full } };
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
