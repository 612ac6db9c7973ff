/**
 * idle: the core watching an agent dir with no change. No polling means the CPU time spent over
 * the window is close to zero; the floor is the same process sleeping without the service.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPiCatalog } from "../../../src-main/core/pi/pi-install.js";
import { SwitchboardService } from "../../../src-main/core/service.js";
import { round } from "../stats.js";
import type { BenchCase } from "../types.js";

async function cpuOver(ms: number): Promise<number> {
  // A ref'd timer keeps the process alive; the service's watcher does not.
  const before = process.cpuUsage();
  await new Promise((r) => setTimeout(r, ms));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export const idle: BenchCase = {
  name: "idle",
  goal: "no polling: cpu_ms near zero",
  async run({ quick }) {
    const windowMs = quick ? 5_000 : 30_000;
    const dir = mkdtempSync(join(tmpdir(), "bench-idle-"));
    writeFileSync(join(dir, "models.json"), '{"providers": {}}');
    writeFileSync(join(dir, "settings.json"), "{}");
    const floor = await cpuOver(Math.min(windowMs, 5_000));
    const service = await SwitchboardService.open({ agentDir: dir, catalog: await loadPiCatalog() });
    global.gc?.();
    const cpu = await cpuOver(windowMs);
    const rss = process.memoryUsage().rss / (1024 * 1024);
    service.close();
    return { seconds: windowMs / 1000, cpu_ms: round(cpu), floor_cpu_ms_per_5s: round(floor), rss_mb: round(rss, 1), pass: cpu < 50 };
  },
};
