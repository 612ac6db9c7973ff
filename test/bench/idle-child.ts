/**
 * Runs in its own process for the idle benchmark, so its memory is the core's alone: opens the
 * service on an agent dir, then reports the CPU time and RSS it used over a quiet window. The bench
 * bundles this file and runs it in plain Node, as the app ships its code: under tsx the loader's own
 * thread costs ~100 ms of CPU per 30 s and would hide whatever the core does.
 * The pi to read is the parent's PI_SWITCHBOARD_PI (a bundle's paths do not lead back to .pis).
 *
 * The window opens once start-up has settled, which includes V8's memory reducer: 8–16 s after
 * start-up's allocations stop, it runs two or three compacting GCs (30–70 ms with pi's catalog in
 * the heap) that hand the start-up garbage back to the OS. That happens once per start, not every
 * 30 s, so it is reported apart (settleCpuMs) and not held against the idle goal.
 */
import { constants, PerformanceObserver } from "node:perf_hooks";
import { loadPiCatalog } from "../../src-main/core/pi/pi-install.js";
import { SwitchboardService } from "../../src-main/core/service.js";

/** Settled: this long without a major GC (the reducer's GCs are major ones, so it waits them out)... */
const QUIET_MS = 20_000;
/** ...or this long after opening, whichever comes first. */
const MAX_SETTLE_MS = 60_000;

const [dir, windowArg] = process.argv.slice(2);
let lastMajorGc = performance.now();
const gcs = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) lastMajorGc = performance.now();
});
gcs.observe({ entryTypes: ["gc"] });
const catalog = await loadPiCatalog(process.env);
const service = await SwitchboardService.open({ agentDir: dir!, catalog });
const openedAt = performance.now();
const opened = process.cpuUsage();
while (performance.now() - Math.max(openedAt, lastMajorGc) < QUIET_MS && performance.now() - openedAt < MAX_SETTLE_MS) await new Promise((r) => setTimeout(r, 1000));
gcs.disconnect();
const settleMs = performance.now() - openedAt;
const settled = process.cpuUsage(opened);
const before = process.cpuUsage();
await new Promise((r) => setTimeout(r, Number(windowArg)));
const used = process.cpuUsage(before);
const rss = process.memoryUsage().rss;
service.close();
const ms = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const builtIn = [...catalog.providers.values()].reduce((n, list) => n + list.length, 0);
process.stdout.write(`${JSON.stringify({ settleMs, settleCpuMs: ms(settled), cpuMs: ms(used), rssMb: rss / (1024 * 1024), watching: service.snapshot().watching, builtIn })}\n`);
