/**
 * watch-latency: an external write of models.json until the service emits the new snapshot;
 * the floor is the raw file-system event for the same write, measured in the same run.
 */
import { mkdtempSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPiCatalog } from "../../../src-main/core/pi/pi-install.js";
import type { Snapshot } from "../../../src-main/core/common/index.js";
import { SwitchboardService } from "../../../src-main/core/service.js";
import { DEV_PI_ENV } from "../../installed-pis.js";
import { percentile, round } from "../stats.js";
import type { BenchCase } from "../types.js";

function modelsText(i: number): string {
  return JSON.stringify({
    providers: {
      "openrouter-bedrock": {
        baseUrl: "https://openrouter.ai/api/v1",
        api: "openai-completions",
        apiKey: "OPENROUTER_API_KEY",
        compat: { openRouterRouting: { only: ["amazon-bedrock"], allow_fallbacks: false } },
        models: Array.from({ length: 50 }, (_, m) => ({ id: `anthropic/model-${m}`, contextWindow: 100000 + i })),
      },
    },
  }, null, 2);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(dir: string, runs: number, arm: (done: () => void) => () => void): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    await pause(30);
    const ms = await new Promise<number>((resolve, reject) => {
      let start = 0;
      const timeout = setTimeout(() => reject(new Error("no event within 5 s")), 5000);
      const disarm = arm(() => {
        clearTimeout(timeout);
        disarm();
        resolve(performance.now() - start);
      });
      start = performance.now();
      writeFileSync(join(dir, "models.json"), modelsText(i + 1));
    });
    out.push(ms);
  }
  return out;
}

export const watchLatency: BenchCase = {
  name: "watch-latency",
  goal: "p50 ≤ 50 ms",
  async run({ quick }) {
    const runs = quick ? 10 : 40;
    const dir = mkdtempSync(join(tmpdir(), "bench-watch-"));
    writeFileSync(join(dir, "models.json"), modelsText(0));
    const floor = await measure(dir, runs, (done) => {
      const w = watch(dir, () => done());
      return () => w.close();
    });
    // As the app runs: pi's own verdict is asked in the background after every snapshot.
    const service = await SwitchboardService.open({ agentDir: dir, catalog: await loadPiCatalog(DEV_PI_ENV), env: DEV_PI_ENV, verdict: true });
    let seen = service.snapshot().modelsFile.version;
    const ours = await measure(dir, runs, (done) => {
      // Only the snapshot of the new text counts, not one that brings pi's verdict on the old.
      const onSnapshot = (s: Snapshot) => {
        if (s.modelsFile.version === seen) return;
        seen = s.modelsFile.version;
        done();
      };
      service.on("snapshot", onSnapshot);
      return () => service.off("snapshot", onSnapshot);
    });
    service.close();
    const p50 = percentile(ours, 50);
    return { p50_ms: round(p50), p99_ms: round(percentile(ours, 99)), floor_p50_ms: round(percentile(floor, 50)), pass: p50 <= 50 };
  },
};
