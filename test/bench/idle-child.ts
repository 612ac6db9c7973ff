/**
 * Runs in its own process for the idle benchmark, so its memory is the core's alone: opens the
 * service on an agent dir, then reports the CPU time and RSS it used over a quiet window.
 */
import { loadPiCatalog } from "../../src-main/core/pi/pi-install.js";
import { SwitchboardService } from "../../src-main/core/service.js";
import { DEV_PI_ENV } from "../installed-pis.js";

const [dir, windowArg] = process.argv.slice(2);
const service = await SwitchboardService.open({ agentDir: dir!, catalog: await loadPiCatalog(DEV_PI_ENV) });
await new Promise((r) => setTimeout(r, 500)); // let start-up work settle
const before = process.cpuUsage();
await new Promise((r) => setTimeout(r, Number(windowArg)));
const used = process.cpuUsage(before);
const rss = process.memoryUsage().rss;
service.close();
process.stdout.write(`${JSON.stringify({ cpuMs: (used.user + used.system) / 1000, rssMb: rss / (1024 * 1024), watching: service.snapshot().watching })}\n`);
