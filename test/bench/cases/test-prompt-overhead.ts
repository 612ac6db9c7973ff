/**
 * test-prompt-overhead: time to first token of the app's routed test prompt (key resolution,
 * request body, the openai SDK, streaming) against a raw HTTP request with the same body to the
 * same local server (the fake OpenRouter) that answers after a fixed delay.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildTestBody, runTestPrompt } from "../../../src-main/core/openrouter/test-prompt.js";
import { loadPiCatalog } from "../../../src-main/core/pi/pi-install.js";
import { SwitchboardService } from "../../../src-main/core/service.js";
import { DEV_PI_ENV } from "../../installed-pis.js";
import { startFakeOpenRouter } from "../../fake-openrouter/server.js";
import { DEFAULT_KEY } from "../../fake-openrouter/table.js";
import { median, round } from "../stats.js";
import type { BenchCase } from "../types.js";

const DELAY_MS = 100;
const MODEL = "anthropic/claude-sonnet-4";

async function rawTtft(url: string, body: unknown): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${DEFAULT_KEY}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let seen = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error("stream ended before the first token");
    seen += decoder.decode(value, { stream: true });
    if (/"content":"[^"]/.test(seen)) {
      const ms = performance.now() - start;
      await reader.cancel();
      return ms;
    }
  }
}

export const testPromptOverhead: BenchCase = {
  name: "test-prompt-overhead",
  goal: "ratio ≤ 1.10",
  async run({ quick }) {
    const fake = await startFakeOpenRouter({ firstTokenDelayMs: DELAY_MS });
    const dir = mkdtempSync(join(tmpdir(), "bench-prompt-"));
    writeFileSync(join(dir, "models.json"), JSON.stringify({
      providers: {
        "openrouter-bedrock": {
          baseUrl: fake.baseUrl,
          api: "openai-completions",
          apiKey: DEFAULT_KEY,
          compat: { openRouterRouting: { only: ["amazon-bedrock"], allow_fallbacks: false } },
          models: [{ id: MODEL }],
        },
      },
    }));
    // The fake stands in for OpenRouter the way the tests point the app at it: test prompts send pi's key to OpenRouter only.
    const env = { ...process.env, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl };
    const service = await SwitchboardService.open({ agentDir: dir, watch: false, env, catalog: await loadPiCatalog(DEV_PI_ENV) });
    const state = service.agentState();
    const model = state.models.find((m) => m.provider === "openrouter-bedrock")!;
    const body = buildTestBody(model, "Say hi", state.snapshot.models.find((m) => m.id === MODEL)!.routing);
    const runs = quick ? 5 : 21;
    const ours: number[] = [];
    const raw: number[] = [];
    // Interleaved, so load on the machine hits both sides alike.
    for (let i = 0; i < runs + 2; i++) {
      const start = performance.now();
      let first = 0;
      const result = await runTestPrompt({ state, target: { ref: `openrouter-bedrock/${MODEL}` }, prompt: "Say hi", onDelta: () => (first ||= performance.now() - start) });
      if (result.error) throw new Error(result.error.message);
      const r = await rawTtft(`${fake.baseUrl}/chat/completions`, body);
      if (i >= 2) { // the first runs warm up the SDK and the connection pool
        ours.push(first);
        raw.push(r);
      }
    }
    service.close();
    await fake.close();
    const ratio = median(ours) / median(raw);
    return { ours_ttft_ms: round(median(ours)), raw_ttft_ms: round(median(raw)), server_delay_ms: DELAY_MS, ratio: round(ratio, 3), pass: ratio <= 1.1 };
  },
};
