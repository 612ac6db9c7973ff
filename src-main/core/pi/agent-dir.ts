/**
 * Where pi keeps its files: `--agent-dir`, else PI_CODING_AGENT_DIR (with pi's `~` expansion),
 * else ~/.pi/agent. Same rule as pi's getAgentDir (config.ts, pi 0.73).
 */
import { homedir } from "node:os";
import { join, resolve } from "node:path";

export const PI_FILES = ["models.json", "settings.json", "auth.json"] as const;
export type PiFileName = (typeof PI_FILES)[number];
/** The catalogs pi 0.80.8+ restores at start (models-store.ts); pi writes it, the app only reads it. */
export const MODELS_STORE = "models-store.json";

function expandTilde(path: string, home: string): string {
  if (path === "~") return home;
  if (path.startsWith("~/")) return home + path.slice(1);
  return path;
}

export function resolveAgentDir(flag?: string, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (flag) return resolve(expandTilde(flag, home));
  const fromEnv = env.PI_CODING_AGENT_DIR;
  if (fromEnv) return resolve(expandTilde(fromEnv, home));
  return join(home, ".pi", "agent");
}

export interface AgentPaths {
  dir: string;
  models: string;
  settings: string;
  auth: string;
}

export function agentPaths(dir: string): AgentPaths {
  return { dir, models: join(dir, "models.json"), settings: join(dir, "settings.json"), auth: join(dir, "auth.json") };
}
