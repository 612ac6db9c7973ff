/**
 * Runs in its own process for the idle benchmark, so its memory is the core's alone: opens the
 * service on an agent dir, then reports the CPU time and RSS it used over a quiet window. The bench
 * bundles this file and runs it in plain Node, as the app ships its code: under tsx the loader's own
 * thread costs ~100 ms of CPU per 30 s and would hide whatever the core does.
 * The pi to read is the parent's PI_SWITCHBOARD_PI (a bundle's paths do not lead back to .pis).
 *
 * The window starts after a settle time that covers V8's memory reducer: ~8 s after start-up's
 * allocations stop it runs two or three compacting GCs (30–70 ms with pi's catalog in the heap) that
 * return the start-up garbage to the OS. That happens once per start, not per 30 s, so it is
 * reported apart (settleCpuMs) and not held against the idle goal.
 */
import { loadPiCatalog } from "../../src-main/core/pi/pi-install.js";
import { SwitchboardService } from "../../src-main/core/service.js";

const [dir, windowArg, settleArg] = process.argv.slice(2);
const catalog = await loadPiCatalog(process.env);
const service = await SwitchboardService.open({ agentDir: dir!, catalog });
const opened = process.cpuUsage();
await new Promise((r) => setTimeout(r, Number(settleArg)));
const before = process.cpuUsage();
const settled = process.cpuUsage(opened);
await new Promise((r) => setTimeout(r, Number(windowArg)));
const used = process.cpuUsage(before);
const rss = process.memoryUsage().rss;
service.close();
const ms = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const builtIn = [...catalog.providers.values()].reduce((n, list) => n + list.length, 0);
process.stdout.write(`${JSON.stringify({ settleCpuMs: ms(settled), cpuMs: ms(used), rssMb: rss / (1024 * 1024), watching: service.snapshot().watching, builtIn })}\n`);
