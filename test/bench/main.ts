/**
 * `npm run bench [-- --json] [-- --quick] [-- --only name,name]`: runs the performance cases side
 * by side in one process and prints a table (or, with --json, one JSON object on the last line:
 * {"cases": [{"name", ...figures, "ratio" where there is a baseline}]}). Ratios compare against a
 * baseline measured in the same run, because these machines are shared and noisy. Exits 1 when a
 * case misses its goal (or fails to run), so a script or CI job can rely on the exit status.
 */
// First: the pis the cases compare against, installed before any case module looks them up.
import "./ensure-test-pis.js";
import { cpus } from "node:os";
import { cliCold } from "./cases/cli-cold.js";
import { cliWarmVerdict } from "./cases/cli-warm-verdict.js";
import { idle } from "./cases/idle.js";
import { keyCommand } from "./cases/key-command.js";
import { load10k } from "./cases/load-10k.js";
import { load10kPi1 } from "./cases/load-10k-pi1.js";
import { rendererBundle } from "./cases/renderer-bundle.js";
import { scopeHostileGlob } from "./cases/scope-hostile-glob.js";
import { spend5kSessions } from "./cases/spend-5k-sessions.js";
import { testPromptOverhead } from "./cases/test-prompt-overhead.js";
import { trayMenu1000 } from "./cases/tray-menu-1000.js";
import { watchLatency } from "./cases/watch-latency.js";
import type { BenchCase, Figures } from "./types.js";

const CASES: BenchCase[] = [load10k, load10kPi1, scopeHostileGlob, watchLatency, testPromptOverhead, keyCommand, trayMenu1000, spend5kSessions, rendererBundle, cliCold, cliWarmVerdict, idle];

const args = process.argv.slice(2);
const json = args.includes("--json");
const quick = args.includes("--quick");
const onlyArg = args.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const only = onlyArg ? new Set(onlyArg.split(",")) : null;

const results: ({ name: string; goal: string } & Figures)[] = [];
for (const c of CASES) {
  if (only && !only.has(c.name)) continue;
  if (!json) process.stderr.write(`running ${c.name}…\n`);
  try {
    results.push({ name: c.name, goal: c.goal, ...(await c.run({ quick })) });
  } catch (error) {
    results.push({ name: c.name, goal: c.goal, error: (error as Error).message, pass: false });
  }
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
if (json) {
  process.stdout.write(`${JSON.stringify({ machine, cases: results })}\n`);
} else {
  process.stdout.write(`\n${machine}\n\n| case | figures | goal | met |\n| --- | --- | --- | --- |\n`);
  for (const { name, goal, pass, ...figures } of results) {
    const text = Object.entries(figures).map(([k, v]) => `${k} ${v}`).join(", ");
    process.stdout.write(`| ${name} | ${text} | ${goal} | ${pass ? "yes" : "no"} |\n`);
  }
}
process.exit(results.every((r) => r.pass === true) ? 0 : 1);
