// Baseline for load-10k on pi 0.80.8+ (ModelRuntime): real pi building its models, availability
// and scope from an agent dir, timed inside one process (import and start-up excluded, as for
// ours). Run with that pi's own Node. Usage: node pi-load-runtime.mjs <piDir> <agentDir> <runs>
// → prints {"runsMs": [...]} on stdout. Offline: PI_OFFLINE=1, as the app's oracle runs pi.
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [piDir, agentDir, runsArg] = process.argv.slice(2);
process.env.PI_CODING_AGENT_DIR = agentDir;
process.env.PI_OFFLINE = "1";
const pi = await import(pathToFileURL(join(piDir, "dist", "index.js")).href);
const runsMs = [];
for (let i = 0; i < Number(runsArg ?? 1); i++) {
  const start = performance.now();
  const runtime = await pi.ModelRuntime.create({ authPath: join(agentDir, "auth.json"), modelsPath: join(agentDir, "models.json"), allowModelNetwork: false });
  await runtime.getAvailable();
  const settings = pi.SettingsManager.create(agentDir, agentDir);
  await pi.resolveModelScopeWithDiagnostics(settings.getEnabledModels() ?? [], runtime);
  runsMs.push(performance.now() - start);
}
process.stdout.write(JSON.stringify({ runsMs }) + "\n");
