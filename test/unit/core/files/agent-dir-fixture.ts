/**
 * A realistic agent dir for the write-path, service, CLI and stress tests: an OpenRouter setup
 * with comments, trailing commas, a virtual provider, an override and unknown settings keys, copied
 * into a fresh temp dir per test so every test starts from the same bytes on a real disk.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPiCatalog, type PiCatalog } from "../../../../src-main/core/pi/pi-install.js";

export const REPO = fileURLToPath(new URL("../../../..", import.meta.url)).replace(/\/$/, "");

export const MODELS_JSON = `{
  // My OpenRouter setup: keep these notes
  "providers": {
    "openrouter": {
      "modelOverrides": {
        "anthropic/claude-sonnet-4.5": {
          // pinned to Bedrock for the company contract
          "compat": { "openRouterRouting": { "only": ["amazon-bedrock"] } }
        }
      }
    },
    "openrouter-bedrock": {
      "baseUrl": "https://openrouter.ai/api/v1",
      "api": "openai-completions",
      "apiKey": "sk-or-v1-fixture-literal",
      "compat": { "openRouterRouting": { "order": ["amazon-bedrock"], "allow_fallbacks": false } },
      "models": [
        // Opus through Bedrock only
        { "id": "anthropic/claude-opus-4.1", "name": "Opus via Bedrock", "reasoning": true, "contextWindow": 200000, "maxTokens": 32000 },
      ],
    },
  },
}
`;

export const SETTINGS_JSON = `{
  "theme": "dark",
  "someFutureKey": {
    "nested": [1, 2]
  },
  "defaultProvider": "openrouter",
  "defaultModel": "anthropic/claude-sonnet-4.5",
  "enabledModels": [
    "openrouter-bedrock/**",
    "openrouter/anthropic/claude-sonnet-4.5:high"
  ]
}
`;

export const AUTH_JSON = `{"openrouter": {"type": "api_key", "key": "sk-or-v1-authfixture"}}\n`;

export async function tempDir(prefix = "switchboard-"): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A temp agent dir holding the fixture files; `files` replaces or (with null) omits one. */
export async function makeAgentDir(files: Partial<Record<"models.json" | "settings.json" | "auth.json", string | null>> = {}) {
  const tmp = await tempDir();
  const agentDir = join(tmp.dir, "agent");
  await mkdir(agentDir);
  const all = { "models.json": MODELS_JSON, "settings.json": SETTINGS_JSON, "auth.json": AUTH_JSON, ...files };
  for (const [name, text] of Object.entries(all)) {
    if (text !== null) await writeFile(join(agentDir, name), text, { mode: name === "auth.json" ? 0o600 : 0o644 });
  }
  return { agentDir, cleanup: tmp.cleanup };
}

let catalog: Promise<PiCatalog> | null = null;

/** The installed pi's catalog (node_modules/.bin/pi), loaded once per test file. */
export function piCatalog(): Promise<PiCatalog> {
  catalog ??= loadPiCatalog({ ...process.env, PI_SWITCHBOARD_PI: join(REPO, "node_modules", ".bin", "pi") });
  return catalog;
}
