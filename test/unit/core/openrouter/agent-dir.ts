/**
 * Real agent dirs on disk for the OpenRouter tests: write models.json / auth.json into a temp
 * dir and open the one-shot service over it with the installed pi (node_modules/.bin/pi).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SwitchboardService } from "../../../../src-main/core/service.js";

export const PI_BIN = resolve("node_modules/.bin/pi");

export function writeAgentDir(files: { models?: unknown; auth?: unknown; settings?: unknown }): string {
  const dir = mkdtempSync(join(tmpdir(), "sb-or-"));
  if (files.models !== undefined) writeFileSync(join(dir, "models.json"), JSON.stringify(files.models, null, 2));
  if (files.auth !== undefined) writeFileSync(join(dir, "auth.json"), JSON.stringify(files.auth, null, 2));
  if (files.settings !== undefined) writeFileSync(join(dir, "settings.json"), JSON.stringify(files.settings, null, 2));
  return dir;
}

export async function openAgentDir(files: { models?: unknown; auth?: unknown }, env: NodeJS.ProcessEnv = {}): Promise<SwitchboardService> {
  const fullEnv = { PATH: process.env.PATH, PI_SWITCHBOARD_PI: PI_BIN, ...env };
  return SwitchboardService.open({ agentDir: writeAgentDir(files), watch: false, env: fullEnv });
}

/** A virtual OpenRouter provider: one model, routed, against a baseUrl. */
export function virtualProvider(baseUrl: string, apiKey: string, routing: Record<string, unknown> | undefined, ids: string[]) {
  return {
    baseUrl,
    api: "openai-completions",
    apiKey,
    ...(routing ? { compat: { openRouterRouting: routing } } : {}),
    models: ids.map((id) => ({ id })),
  };
}
