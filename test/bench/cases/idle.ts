/**
 * idle: the core watching an agent dir with no change, in a process of its own, built as the app
 * ships it (one bundled file in plain Node, no TypeScript loader). No polling and no periodic work
 * means the CPU time over the window is close to zero; the floor is the same window in a bare Node.
 * The window begins once start-up has settled (its work and V8's one-off heap shrink, reported as
 * settle_s and settle_cpu_ms): what is held to the goal is what the app costs every 30 s it sits idle.
 * Goal: at most 20 ms of CPU per 30 s of watching (issue 23), scaled to the window.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { DEV_PI_ENV } from "../../installed-pis.js";
import { round } from "../stats.js";
import type { BenchCase } from "../types.js";

const GOAL_CPU_MS_PER_30S = 20;

export const idle: BenchCase = {
  name: "idle",
  goal: `≤ ${GOAL_CPU_MS_PER_30S} ms CPU per 30 s watching`,
  async run({ quick }) {
    const windowMs = quick ? 5_000 : 30_000;
    const root = join(import.meta.dirname, "..", "..", "..");
    // Inside the repo, so the bundle's package imports resolve from node_modules as the app's do.
    const outDir = join(root, "node_modules", ".cache", "pi-switchboard-bench");
    mkdirSync(outDir, { recursive: true });
    const child = join(outDir, "idle-child.mjs");
    await build({ entryPoints: [join(root, "test", "bench", "idle-child.ts")], outfile: child, bundle: true, platform: "node", format: "esm", packages: "external", logLevel: "warning" });
    const dir = mkdtempSync(join(tmpdir(), "bench-idle-"));
    writeFileSync(join(dir, "models.json"), '{"providers": {}}');
    writeFileSync(join(dir, "settings.json"), "{}");
    const floorScript = `const b=process.cpuUsage();setTimeout(()=>{const u=process.cpuUsage(b);console.log(JSON.stringify({cpuMs:(u.user+u.system)/1000,rssMb:process.memoryUsage().rss/1048576}))},${windowMs})`;
    const floor = JSON.parse(execFileSync(process.execPath, ["-e", floorScript], { encoding: "utf8" })) as { cpuMs: number; rssMb: number };
    const out = execFileSync(process.execPath, [child, dir, String(windowMs)], { encoding: "utf8", env: DEV_PI_ENV });
    const ours = JSON.parse(out.trim().split("\n").pop()!) as { settleMs: number; settleCpuMs: number; cpuMs: number; rssMb: number; watching: string; builtIn: number };
    if (ours.watching !== "native") throw new Error(`the watcher is not native: ${ours.watching}`);
    // An empty catalog would make the process small and quiet for the wrong reason.
    if (ours.builtIn === 0) throw new Error(`pi's built-in models were not loaded from ${DEV_PI_ENV.PI_SWITCHBOARD_PI}: install the test pis (node scripts/install-test-pis.mjs)`);
    const goalMs = (GOAL_CPU_MS_PER_30S * windowMs) / 30_000;
    return { seconds: windowMs / 1000, cpu_ms: round(ours.cpuMs), goal_cpu_ms: goalMs, floor_cpu_ms: round(floor.cpuMs), settle_s: round(ours.settleMs / 1000, 1), settle_cpu_ms: round(ours.settleCpuMs), rss_mb: round(ours.rssMb, 1), floor_rss_mb: round(floor.rssMb, 1), pass: ours.cpuMs <= goalMs };
  },
};
