/**
 * Real pi 0.73 loads an agent dir's models.json: prints pi's load error (if any) and, for each
 * model, the `provider` object pi-ai would send. Plain JavaScript run by bare Node, so the answer
 * is pi's own, not our TypeScript reading of it.   node pi-load.mjs <agentDir>
 */
import { join } from "node:path";

const agentDir = process.argv[2];
const { AuthStorage, ModelRegistry } = await import(import.meta.resolve("@mariozechner/pi-coding-agent"));
const registry = ModelRegistry.create(AuthStorage.inMemory(), join(agentDir, "models.json"));
const models = registry.getAll().map((m) => ({
  provider: m.provider,
  id: m.id,
  // pi-ai openai-completions buildParams (0.73): routing only to openrouter.ai baseUrls.
  sent: m.api === "openai-completions" && m.baseUrl.includes("openrouter.ai") ? (m.compat?.openRouterRouting ?? null) : null,
}));
process.stdout.write(JSON.stringify({ error: registry.getError() ?? null, models }));
