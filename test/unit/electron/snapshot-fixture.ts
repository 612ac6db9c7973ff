/**
 * Snapshots for the Electron shell's pure builders: a plain, valid Snapshot with only the fields a
 * test cares about changed, so each test states the situation it checks.
 */
import { rulesFor, rulesInfo } from "../../../src-main/core/pi/pi-rules.js";
import type { Badge, ModelEntry, Snapshot } from "../../../src-main/core/common/index.js";

const fileReport = (path: string) => ({ path, exists: true, valid: true, errors: [], warnings: [], version: "v1" });

export function model(ref: string, over: Partial<ModelEntry> = {}): ModelEntry {
  const slash = ref.indexOf("/");
  const provider = ref.slice(0, slash);
  const id = ref.slice(slash + 1);
  return {
    provider,
    id,
    name: id,
    api: "openai-completions",
    baseUrl: "https://openrouter.ai/api/v1",
    origin: "custom",
    openRouter: true,
    routing: null,
    badges: [],
    available: true,
    keySource: { origin: "auth.json", form: "literal", label: null, resolves: true, summary: "auth.json" },
    scoped: true,
    thinkingLevel: null,
    default: false,
    reasoning: true,
    contextWindow: 128_000,
    maxTokens: 8_192,
    problems: [],
    cost: { input: 3, output: 15 },
    ...over,
  };
}

export const pin = (slug: string): Badge => ({ kind: "pin", label: slug, title: `Only ${slug}` });

/** A snapshot whose scope is `scoped` (refs, in cycle order) over `models`; the default is the model with default: true. */
export function snapshot(models: ModelEntry[], scoped: string[] | null = models.map((m) => `${m.provider}/${m.id}`), over: Partial<Snapshot> = {}): Snapshot {
  const def = models.find((m) => m.default);
  return {
    agentDir: "/home/u/.pi/agent",
    revision: 1,
    pi: {
      found: true,
      version: "0.73.1",
      path: "/usr/bin/pi",
      packageName: "@mariozechner/pi-coding-agent",
      packageDir: "/usr/lib/node_modules/@mariozechner/pi-coding-agent",
      foundBy: "shell PATH",
      engines: ">=20.6.0",
      node: { path: "/usr/bin/node", version: "20.20.2", satisfiesEngines: true },
      summary: "pi 0.73.1 at /usr/lib/node_modules/@mariozechner/pi-coding-agent (Node 20.20.2 at /usr/bin/node)",
      problem: null,
      catalog: "installed pi",
      ...rulesInfo(rulesFor("0.73.1")),
    },
    modelsFile: fileReport("/home/u/.pi/agent/models.json"),
    settingsFile: fileReport("/home/u/.pi/agent/settings.json"),
    authFile: fileReport("/home/u/.pi/agent/auth.json"),
    models,
    scope: { patterns: scoped ?? [], models: scoped ?? [], thinking: {}, unmatched: [], matches: [], hints: [], advice: [], unset: scoped === null },
    default: { provider: def?.provider ?? null, id: def?.id ?? null, thinkingLevel: null, resolved: Boolean(def), start: def ? { ref: `${def.provider}/${def.id}`, thinkingLevel: "off", via: "default" } : null },
    providers: [],
    keyLeaks: [],
    noModel: null,
    watching: "native",
    ...over,
  };
}
