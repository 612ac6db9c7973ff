// Baseline for load-10k: real pi building its model registry and resolving the scope from an
// agent dir, timed inside one process (module import and Node start-up excluded, as for ours).
// Usage: node pi-load.mjs <agentDir> <runs>  → prints {"runsMs": [...]} on stdout.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { fileURLToPath } from "node:url";

const [agentDir, runsArg] = process.argv.slice(2);
process.env.PI_CODING_AGENT_DIR = agentDir;
const piEntry = fileURLToPath(import.meta.resolve("@mariozechner/pi-coding-agent"));
const pi = await import(pathToFileURL(piEntry).href);
const resolver = await import(pathToFileURL(join(piEntry, "..", "core", "model-resolver.js")).href);
console.warn = () => {}; // pi warns once per unmatched pattern
const runsMs = [];
for (let i = 0; i < Number(runsArg ?? 1); i++) {
  const start = performance.now();
  const auth = pi.AuthStorage.create(join(agentDir, "auth.json"));
  const registry = pi.ModelRegistry.create(auth, join(agentDir, "models.json"));
  const settings = pi.SettingsManager.create(agentDir, agentDir);
  await resolver.resolveModelScope(settings.getEnabledModels() ?? [], registry);
  runsMs.push(performance.now() - start);
}
process.stdout.write(JSON.stringify({ runsMs }) + "\n");
