/**
 * scope-hostile-glob: load an agent dir whose enabledModels is one hostile extglob (58 characters
 * of ?(…)/+(…) groups ending in "!!", hostile-scope-dir.ts) against 300 local models with
 * slash-free ids; baseline: the same dir with a plain glob. The app's minimatch 10.2.6 spent seconds
 * per id on it (17 s for `models --json` in issue 20); with pi 1.6.0's minimatch 11.0.3 the two
 * loads must cost about the same, and the hostile glob must finish within its time budget (a glob
 * cut short would be fast too, but wrong). Real pi 1.6.0 on the hostile dir is shown for reference.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAgentState } from "../../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../../src-main/core/pi/read-agent-files.js";
import { loadPiCatalog } from "../../../src-main/core/pi/pi-install.js";
import { testPiByVersion } from "../../conformance/pi-versions.js";
import { REPO } from "../../installed-pis.js";
import { HOSTILE_GLOB, PLAIN_GLOB, writeHostileScopeDir } from "../hostile-scope-dir.js";
import { median, round, timeRuns } from "../stats.js";
import type { BenchCase } from "../types.js";

const MODELS = 300;

export const scopeHostileGlob: BenchCase = {
  name: "scope-hostile-glob",
  goal: "ratio ≤ 3, glob not cut short",
  async run({ quick }) {
    // The real pis are installed by the project itself (as `npm test` does); a no-op when present.
    execFileSync(process.execPath, [join(REPO, "scripts", "install-test-pis.mjs")], { stdio: ["ignore", "ignore", "inherit"] });
    const pi = testPiByVersion("1.6.0");
    const env = { ...process.env, PI_SWITCHBOARD_PI: pi.piDir };
    const catalog = await loadPiCatalog(env);
    const root = mkdtempSync(join(tmpdir(), "bench-scope-hostile-"));
    const hostileDir = join(root, "hostile");
    const plainDir = join(root, "plain");
    writeHostileScopeDir(hostileDir, MODELS, [HOSTILE_GLOB]);
    writeHostileScopeDir(plainDir, MODELS, [PLAIN_GLOB]);
    const load = async (dir: string) => (await readAgentState(dir, await readAgentFiles(dir, { settle: false }), catalog, env)).snapshot;

    // The first loads also warm the JIT for both sides.
    const hostileHints = (await load(hostileDir)).scope.hints;
    await load(plainDir);
    const runs = quick ? 9 : 25;
    // Interleaved, so a burst of load on the shared machine hits both sides alike.
    const hostile: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < runs; i++) {
      hostile.push(...(await timeRuns(1, () => load(hostileDir))));
      plain.push(...(await timeRuns(1, () => load(plainDir))));
    }
    const piOut = execFileSync(pi.node, [join(import.meta.dirname, "..", "pi-load-runtime.mjs"), pi.piDir, hostileDir, quick ? "1" : "3"], { env, encoding: "utf8", maxBuffer: 1 << 20 });
    const piRuns = (JSON.parse(piOut.trim().split("\n").pop()!) as { runsMs: number[] }).runsMs;
    const hostileMs = median(hostile);
    const plainMs = median(plain);
    const ratio = hostileMs / plainMs;
    const cutShort = hostileHints.length > 0;
    return { hostile_ms: round(hostileMs), plain_ms: round(plainMs), ratio: round(ratio), cut_short: cutShort, pi_hostile_ms: round(median(piRuns)), pass: ratio <= 3 && !cutShort };
  },
};
