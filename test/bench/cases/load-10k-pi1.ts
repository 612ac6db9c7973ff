/**
 * load-10k on pi 1.6.0's rules: the same agent dir as load-10k (10,000 custom models, 500
 * overrides, 200 patterns), read by the core pointed at real pi 1.6.0 (ModelRuntime rules:
 * per-provider composition, models-store, the installed pi's own schema); baseline: that pi
 * building its models, availability and scope from the same files on its own Node. pi 1.6.0 loads
 * such a dir about six times faster than 0.73.1 did, so the goal is looser than load-10k's: the
 * core must stay well ahead of pi (its verdict, and the warnings it locates in a 2 MB file).
 * Goal (issue 23): a tenth of pi's own load. The pis are installed by main.ts before any case runs.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAgentState } from "../../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../../src-main/core/pi/read-agent-files.js";
import { loadPiCatalog } from "../../../src-main/core/pi/pi-install.js";
import { testPiByVersion } from "../../conformance/pi-versions.js";
import { generateAgentDir } from "../gen-agent-dir.js";
import { median, round, timeRuns } from "../stats.js";
import type { BenchCase } from "../types.js";

const GOAL = 0.1;

export const load10kPi1: BenchCase = {
  name: "load-10k-pi1",
  goal: `ratio ≤ ${GOAL}`,
  async run({ quick }) {
    const pi = testPiByVersion("1.6.0");
    const env = { ...process.env, PI_SWITCHBOARD_PI: pi.piDir, OPENROUTER_API_KEY: "bench-not-a-key" };
    const catalog = await loadPiCatalog(env);
    const openrouterIds = (catalog.providers.get("openrouter") ?? []).map((m) => m.id);
    const { dir, bytes } = generateAgentDir(mkdtempSync(join(tmpdir(), "bench-load-pi1-")), { models: 10_000, overrides: 500, patterns: 200, builtInOpenRouterIds: openrouterIds });
    const ours = await timeRuns(quick ? 3 : 9, async () => await readAgentState(dir, await readAgentFiles(dir), catalog, env));
    const piOut = execFileSync(pi.node, [join(import.meta.dirname, "..", "pi-load-runtime.mjs"), pi.piDir, dir, quick ? "1" : "3"], { env, encoding: "utf8", maxBuffer: 1 << 20 });
    const piRuns = (JSON.parse(piOut.trim().split("\n").pop()!) as { runsMs: number[] }).runsMs;
    const oursMs = median(ours);
    const piMs = median(piRuns);
    return { ours_ms: round(oursMs), pi_ms: round(piMs), file_kb: Math.round(bytes / 1024), ratio: round(oursMs / piMs, 4), pass: oursMs / piMs <= GOAL };
  },
};
