/**
 * `test <provider/id>[:thinking] [prompt] [--json] [--timeout MS] [--provider SLUG...] [--agent-dir DIR]`:
 * a routed test prompt through exactly the route pi would use, at the thinking level given as
 * `pi --model REF:level` takes it (that level's routing, pi 1.0.2); with several --provider slugs,
 * the model pinned to each of them, side by side (each slug checked against the model's providers
 * first). Exit 1 when any test fails, 3 when every answer came but one was served outside the
 * routing (only/ignore, or order without fallbacks): pi's requests would go elsewhere than asked.
 */
import type { Command } from "commander";
import type { TestResult, TestTarget } from "../../core/common/index.js";
import { OpenRouterCatalog } from "../../core/openrouter/catalog.js";
import { ConcurrencyLimit, TEST_CONCURRENCY } from "../../core/openrouter/concurrency-limit.js";
import { DEFAULT_TIMEOUT_MS, runTargets } from "../../core/openrouter/test-prompt.js";
import { endpointListIds } from "../../core/openrouter/variant-endpoints.js";
import { complain, say } from "../cli-command.js";
import { resolveModelInput } from "../model-input.js";
import { openService, printJson } from "../open-state.js";
import { checkProviderSlugs } from "./provider-slugs.js";
import { visibleText } from "../../core/common/visible-text.js";

/** Exit codes scripts rely on (README, The CLI): 1 a test failed, 3 the answer came from outside the routing. */
export const EXIT_TEST_FAILED = 1;
export const EXIT_ROUTING_NOT_HONOURED = 3;

const DEFAULT_PROMPT = "Reply with one short sentence: which provider are you served by?";

function summary(r: TestResult): string {
  // Names from pi's files and from the stream: bidi and invisible characters written out (visibleText).
  const lines = [`${visibleText(r.ref)}${r.provider ? ` pinned to ${visibleText(r.provider)}` : ""}`];
  const thinking = r.request.thinkingLevel ? `  thinking ${r.request.thinkingLevel}` : "";
  lines.push(`  request   POST ${r.request.url}  model ${visibleText(r.request.model)}${thinking}  provider ${JSON.stringify(r.request.provider)}`);
  if (r.error) {
    lines.push(`  error     ${r.error.message}`, `  fix       ${r.error.hint}`);
    return `${lines.join("\n")}\n`;
  }
  const usage = r.usage ? `${r.usage.totalTokens} tokens (${r.usage.promptTokens} in, ${r.usage.completionTokens} out)` : "usage not reported";
  lines.push(`  served by ${r.servedBy === null ? "(not reported)" : visibleText(r.servedBy)}  model ${r.model === null ? "-" : visibleText(r.model)}`);
  lines.push(`  timing    first token ${r.ttftMs ?? "-"} ms, total ${r.totalMs ?? "-"} ms`);
  lines.push(`  usage     ${usage}, cost ${r.cost === null ? "not reported" : `$${r.cost}`}`);
  const g = r.generation;
  if (g) {
    const t = g.tokens;
    lines.push(`  record    OpenRouter: served by ${g.provider === null ? "-" : visibleText(g.provider)}, cost ${g.totalCost === null ? "-" : `$${g.totalCost}`}, latency ${g.latencyMs ?? "-"} ms, generation ${g.generationTimeMs ?? "-"} ms`);
    lines.push(`            tokens ${t.prompt ?? "-"} in (${t.cached ?? 0} cached), ${t.completion ?? "-"} out (${t.reasoning ?? 0} reasoning)`);
  } else if (r.generationNote) lines.push(`  record    ${r.generationNote}`);
  const verdict = r.routingRespected === null ? "nothing to check" : r.routingRespected ? "respected" : "NOT respected";
  lines.push(`  routing   ${verdict}${r.routingNote ? ` — ${r.routingNote}` : ""}`);
  return `${lines.join("\n")}\n`;
}

export function registerTest(program: Command): void {
  program
    .command("test <model> [prompt]")
    .description("Send a short prompt through the route pi would use (baseUrl, key, model, routing) and report who served it; provider/id:high sends what pi sends at that thinking level")
    .option("--json", "machine-readable output")
    .option("--timeout <ms>", "give up after this many milliseconds", String(DEFAULT_TIMEOUT_MS))
    .option("--provider <slugs...>", "pin the model to each of these OpenRouter providers in turn, side by side")
    .option("--agent-dir <dir>", "pi's agent dir (default: $PI_CODING_AGENT_DIR or ~/.pi/agent)")
    .addHelpText("after", `\nExit codes: 0 every answer honoured the routing (or there was none to check), ${EXIT_TEST_FAILED} a test failed or was refused, ${EXIT_ROUTING_NOT_HONOURED} an answer came from a provider the routing excludes.`)
    .action(async (input: string, prompt: string | undefined, opts: { json?: boolean; timeout: string; provider?: string[]; agentDir?: string }) => {
      const timeoutMs = Number(opts.timeout);
      if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error(`--timeout must be a number of milliseconds, not "${opts.timeout}".`);
      const service = await openService(opts.agentDir);
      const state = service.agentState();
      service.close();
      // `REF:level` as pi's --model takes it: that level's samplingParamsByThinkingLevel (and routing) is sent.
      const typed = resolveModelInput(input, state.snapshot, "test");
      if (!typed.ok) {
        complain(`${typed.message}\n`);
        process.exitCode = EXIT_TEST_FAILED;
        return;
      }
      const { ref, thinkingLevel } = typed;
      const level = thinkingLevel ? { thinkingLevel } : {};
      const targets: TestTarget[] = opts.provider?.length ? opts.provider.map((provider) => ({ ref, provider, ...level })) : [{ ref, ...level }];
      const catalog = new OpenRouterCatalog();
      const model = state.snapshot.models.find((m) => `${m.provider}/${m.id}` === ref);
      const slugs = await checkProviderSlugs(model, opts.provider ?? [], (id) => catalog.endpoints(id), () => catalog.status().error);
      if (!slugs.ok) {
        complain(`${slugs.message}\n`);
        process.exitCode = EXIT_TEST_FAILED;
        return;
      }
      if (slugs.warning) complain(`${slugs.warning}\n`);
      // Stream the answer live only when there is one, so parallel answers do not interleave.
      const live = !opts.json && targets.length === 1;
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once("SIGINT", stop);
      // A few providers at a time, like the window: Ctrl+C stops those in flight and skips the rest.
      const results = await runTargets({
        state,
        targets,
        prompt: prompt ?? DEFAULT_PROMPT,
        timeoutMs,
        signal: controller.signal,
        slots: new ConcurrencyLimit(TEST_CONCURRENCY),
        // A one-shot command must not wait on the network for a slug lookup: cache only (a variant's is its base model's).
        endpoints: async (id) => {
          for (const listId of endpointListIds(id)) {
            const endpoints = await catalog.cachedEndpoints(listId);
            if (endpoints) return endpoints;
          }
          return null;
        },
        onDelta: live ? (_index, text) => process.stdout.write(text) : undefined,
      });
      process.off("SIGINT", stop);
      if (opts.json) printJson(results.length === 1 ? results[0] : results);
      else {
        if (live && results[0]!.text) process.stdout.write("\n\n");
        for (const r of results) (r.error ? complain : say)(summary(r));
      }
      if (results.some((r) => r.error)) process.exitCode = EXIT_TEST_FAILED;
      else if (results.some((r) => r.routingRespected === false)) process.exitCode = EXIT_ROUTING_NOT_HONOURED;
    });
}
