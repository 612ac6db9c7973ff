/**
 * idle: the core watching an agent dir with no change, in a process of its own. No polling means
 * the CPU time over the window is close to zero; the floor is the same window in a bare Node.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { round } from "../stats.js";
import type { BenchCase } from "../types.js";

export const idle: BenchCase = {
  name: "idle",
  goal: "no polling: cpu_ms near zero",
  async run({ quick }) {
    const windowMs = quick ? 5_000 : 30_000;
    const root = join(import.meta.dirname, "..", "..", "..");
    const dir = mkdtempSync(join(tmpdir(), "bench-idle-"));
    writeFileSync(join(dir, "models.json"), '{"providers": {}}');
    writeFileSync(join(dir, "settings.json"), "{}");
    const floorScript = `const b=process.cpuUsage();setTimeout(()=>{const u=process.cpuUsage(b);console.log(JSON.stringify({cpuMs:(u.user+u.system)/1000,rssMb:process.memoryUsage().rss/1048576}))},${windowMs})`;
    const floor = JSON.parse(execFileSync(process.execPath, ["-e", floorScript], { encoding: "utf8" })) as { cpuMs: number; rssMb: number };
    const out = execFileSync(process.execPath, ["--import", join(root, "node_modules", "tsx", "dist", "loader.mjs"), join(root, "test", "bench", "idle-child.ts"), dir, String(windowMs)], { encoding: "utf8" });
    const ours = JSON.parse(out.trim().split("\n").pop()!) as { cpuMs: number; rssMb: number; watching: string };
    if (ours.watching !== "native") throw new Error(`the watcher is not native: ${ours.watching}`);
    return { seconds: windowMs / 1000, cpu_ms: round(ours.cpuMs), floor_cpu_ms: round(floor.cpuMs), rss_mb: round(ours.rssMb, 1), floor_rss_mb: round(floor.rssMb, 1), pass: ours.cpuMs < 50 };
  },
};
