/**
 * Where the app keeps what it can always compute again (OpenRouter's catalog, what it learnt by
 * running pi): the XDG cache dir, shared by the app, `serve` and the CLI. Losing it costs time, never
 * an answer.
 */
import { homedir } from "node:os";
import { join } from "node:path";

export function appCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pi-switchboard");
}
