/**
 * cli-warm-verdict: `check --json` (the CLI command that asks pi for its verdict) run twice on the
 * same agent dir, by the built CLI as users run it (scripts/build-cli.mjs, plain Node): the second call finds pi's
 * answer in the cache (the app's cache dir) and starts no pi; ratio = second ÷ first, each round
 * with an empty cache first. pi is real 1.6.0 installed as users install it (a global prefix with
 * its Node). Goal (issue 23): ≤ 0.2. The run fails if either call's verdict is not pi's agreement,
 * or the cache holds nothing after the first: a ratio without pi's answer would mean nothing.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testPiByVersion } from "../../conformance/pi-versions.js";
import { layGlobalPrefix, REPO } from "../../installed-pis.js";
import { median, round } from "../stats.js";
import type { BenchCase } from "../types.js";

const GOAL = 0.2;

/** An ordinary agent dir: OpenRouter models with routing, a scope and a default. */
function ordinaryAgentDir(dir: string): string {
  mkdirSync(dir);
  const models = {
    providers: {
      openrouter: { modelOverrides: { "anthropic/claude-sonnet-4.5": { compat: { openRouterRouting: { order: ["anthropic", "amazon-bedrock"] } } } } },
      "openrouter-bedrock": { baseUrl: "https://openrouter.ai/api/v1", api: "openai-completions", apiKey: "$OPENROUTER_API_KEY", compat: { openRouterRouting: { only: ["amazon-bedrock"], allow_fallbacks: false } }, models: [{ id: "anthropic/claude-sonnet-4.5", reasoning: true }, { id: "anthropic/claude-haiku-4.5" }] },
    },
  };
  writeFileSync(join(dir, "models.json"), JSON.stringify(models, null, 2));
  writeFileSync(join(dir, "settings.json"), JSON.stringify({ enabledModels: ["openrouter-bedrock/*", "openrouter/anthropic/claude-sonnet-4.5"], defaultProvider: "openrouter-bedrock", defaultModel: "anthropic/claude-sonnet-4.5" }, null, 2));
  return dir;
}

export const cliWarmVerdict: BenchCase = {
  name: "cli-warm-verdict",
  goal: `ratio ≤ ${GOAL}`,
  async run({ quick }) {
    // A build of its own (out/cli is rebuilt by others), inside the repo so the vault binding resolves from node_modules as an install's does.
    const bundleDir = join(REPO, "node_modules", ".cache", "pi-switchboard-bench", "cli-warm-verdict");
    execFileSync(process.execPath, [join(REPO, "scripts", "build-cli.mjs"), "--outdir", bundleDir], { stdio: ["ignore", "ignore", "inherit"] });
    const cli = join(bundleDir, "pi-switchboard.mjs");
    const pi = testPiByVersion("1.6.0");
    const root = mkdtempSync(join(tmpdir(), "bench-cli-warm-"));
    const piBin = layGlobalPrefix(join(root, "prefix"), pi.piDir, { node: pi.node });
    const agentDir = ordinaryAgentDir(join(root, "agent"));
    const home = join(root, "home");
    mkdirSync(home);
    const check = (cache: string): number => {
      const env = { PATH: `${piBin}:${process.env.PATH ?? ""}`, HOME: home, OPENROUTER_API_KEY: "sk-or-v1-bench-not-a-key", XDG_CACHE_HOME: cache, PI_SWITCHBOARD_PI: join(piBin, "pi") };
      const start = performance.now();
      const out = execFileSync(process.execPath, [cli, "check", "--json", "--agent-dir", agentDir], { env, encoding: "utf8", maxBuffer: 16 << 20 });
      const ms = performance.now() - start;
      const verdict = (JSON.parse(out) as { verdict?: { state: string; note: string } }).verdict;
      if (verdict?.state !== "agrees") throw new Error(`pi's verdict was not an agreement: ${verdict?.state ?? "none"} (${verdict?.note ?? ""})`);
      return ms;
    };
    const first: number[] = [];
    const second: number[] = [];
    for (let round_ = 0; round_ < (quick ? 2 : 5); round_++) {
      const cache = join(root, `cache-${round_}`);
      first.push(check(cache));
      if (readdirSync(join(cache, "pi-switchboard", "pi-verdicts")).length !== 1) throw new Error("the first call left no answer in the cache");
      second.push(check(cache));
    }
    const ratio = median(second) / median(first);
    return { first_ms: round(median(first)), second_ms: round(median(second)), ratio: round(ratio, 3), pass: ratio <= GOAL };
  },
};
