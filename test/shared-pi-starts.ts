/**
 * Tests that open a host each get their own app cache dir (the OpenRouter catalog cached there
 * would serve another test's fake server's list), but not their own `pi --version`: that run costs
 * 1-4 s of CPU, in every test, and answers the same for the same install. Its memo
 * (pi-start-memo.ts), keyed by everything that decides whether pi starts and remembering only
 * starts that worked, is shared by the tests of one vitest run (the forks pool's workers are
 * children of its main process): copied into a test's cache dir before its host opens, and the
 * first one written copied back. A pi that does not start (pi-start-failure) is still run every time.
 * Used by the renderer's real API (test/unit/renderer/real-api.ts), the core's host tests and the
 * e2e files' `serve` (test/e2e/serve-process.ts).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const SHARED_START_MEMO = join(tmpdir(), `switchboard-test-pi-starts-${process.ppid}.json`);

/** The memos of runs that ended (their main process is gone): nothing else removes them. */
function removeEndedRunsMemos(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = /^switchboard-test-pi-starts-(\d+)\.json$/.exec(name)?.[1];
    if (!pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch {
      rmSync(join(tmpdir(), name), { force: true });
    }
  }
}

/** Opens a host (`open`) whose env has `XDG_CACHE_HOME` = `cacheHome`, with pi starts remembered across the run's tests. */
export async function withSharedPiStarts<T>(cacheHome: string, open: () => Promise<T>): Promise<T> {
  const memo = join(cacheHome, "pi-switchboard", "pi-starts.json");
  if (existsSync(SHARED_START_MEMO) && !existsSync(memo)) {
    mkdirSync(dirname(memo), { recursive: true });
    copyFileSync(SHARED_START_MEMO, memo);
  }
  const opened = await open();
  if (!existsSync(SHARED_START_MEMO) && existsSync(memo)) {
    removeEndedRunsMemos();
    // Aside and renamed: a worker reading it at the same time sees all of it or none.
    const temp = `${SHARED_START_MEMO}.${process.pid}.tmp`;
    copyFileSync(memo, temp);
    renameSync(temp, SHARED_START_MEMO);
  }
  return opened;
}
