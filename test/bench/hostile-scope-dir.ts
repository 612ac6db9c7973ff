/**
 * An agent dir whose settings.json holds one hostile enabledModels glob: 58 characters of `?(…)`
 * and `+(…)` extglob groups that end in `!`. minimatch 10.2.6 (the app's before issue 20, and pi
 * 0.73.1's and 0.87.1's) turns it into a regular expression that backtracks exponentially on every
 * id without a "/" that does not end in "!" (about a second per 22-character id); minimatch 11.0.3
 * (pi 1.6.0's) answers in microseconds. The models are a local server's, with ids of that length,
 * plus one id the glob matches, so a test can check the answer and not only the time.
 * Used by the `scope-hostile-glob` bench case and test/unit/core/pi/scope-glob.test.ts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const HOSTILE_GLOB = "?(?|??)+(?|??)?(?|??)+(?|??)?(?|??)+(?|??)?(?|??)+(?|??)!!";
/** What a user writes for the same provider: the baseline the hostile glob is compared with. */
export const PLAIN_GLOB = "local/*-instruct*";
/** The one id HOSTILE_GLOB matches (it ends in "!!"). */
export const HOSTILE_MATCH = "release-candidate-two!!";

const FAMILIES = ["llama-3.3-70b", "qwen2.5-coder-32b", "mistral-small-24b", "gemma-3-27b", "phi-4-reasoning"];
const SUFFIXES = ["-instruct", "-q4-k-m", "-fp8", "-awq", "-gguf-q8"];

/** Slash-free ids of 20 to 28 characters, as a local model server lists them. */
export function localModelIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${FAMILIES[i % FAMILIES.length]}${SUFFIXES[Math.floor(i / FAMILIES.length) % SUFFIXES.length]}-${i}`);
}

/** Writes models.json (a `local` provider with `count` models and HOSTILE_MATCH) and settings.json with `patterns`. */
export function writeHostileScopeDir(dir: string, count: number, patterns: string[]): void {
  mkdirSync(dir, { recursive: true });
  const models = [...localModelIds(count), HOSTILE_MATCH].map((id) => ({ id, name: id }));
  const providers = { local: { baseUrl: "http://127.0.0.1:11434/v1", api: "openai-completions", apiKey: "ollama", models } };
  writeFileSync(join(dir, "models.json"), JSON.stringify({ providers }, null, 2));
  writeFileSync(join(dir, "settings.json"), JSON.stringify({ enabledModels: patterns }, null, 2));
}
