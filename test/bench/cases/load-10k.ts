/**
 * load-10k: load, validate and resolve the scope of an agent dir with 10,000 custom models,
 * 500 overrides and 200 patterns; baseline: real pi 0.73.1 doing the same from the same files.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAgentState } from "../../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../../src-main/core/pi/read-agent-files.js";
import { loadPiCatalog } from "../../../src-main/core/pi/pi-install.js";
import { DEV_PI_ENV } from "../../installed-pis.js";
import { generateAgentDir } from "../gen-agent-dir.js";
import { median, round, timeRuns } from "../stats.js";
import type { BenchCase } from "../types.js";

export const load10k: BenchCase = {
  name: "load-10k",
  goal: "ratio ≤ 0.02",
  async run({ quick }) {
    const catalog = await loadPiCatalog(DEV_PI_ENV);
    const openrouterIds = (catalog.providers.get("openrouter") ?? []).map((m) => m.id);
    const { dir, bytes } = generateAgentDir(mkdtempSync(join(tmpdir(), "bench-load-")), { models: 10_000, overrides: 500, patterns: 200, builtInOpenRouterIds: openrouterIds });
    const env = { ...process.env, OPENROUTER_API_KEY: "bench-not-a-key" };
    const ours = await timeRuns(quick ? 3 : 9, async () => await readAgentState(dir, await readAgentFiles(dir), catalog, env));
    const piOut = execFileSync(process.execPath, [join(import.meta.dirname, "..", "pi-load.mjs"), dir, quick ? "1" : "3"], {
      env,
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const pi = (JSON.parse(piOut.trim().split("\n").pop()!) as { runsMs: number[] }).runsMs;
    const oursMs = median(ours);
    const piMs = median(pi);
    return { ours_ms: round(oursMs), pi_ms: round(piMs), file_kb: Math.round(bytes / 1024), ratio: round(oursMs / piMs, 4), pass: oursMs / piMs <= 0.02 };
  },
};
