/**
 * tray-menu-1000: building the tray menu template for 1,000 scoped models, from a snapshot the
 * real core computed for a generated agent dir (10 virtual providers × 100 models, all scoped).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildTrayMenu } from "../../../src-main/electron/tray-menu.js";
import { loadPiCatalog } from "../../../src-main/core/pi/pi-install.js";
import { SwitchboardService } from "../../../src-main/core/service.js";
import { DEV_PI_ENV } from "../../installed-pis.js";
import { generateAgentDir } from "../gen-agent-dir.js";
import { median, round, timeRuns } from "../stats.js";
import type { BenchCase } from "../types.js";


export const trayMenu1000: BenchCase = {
  name: "tray-menu-1000",
  goal: "ms ≤ 10",
  async run({ quick }) {
    const dir = mkdtempSync(join(tmpdir(), "bench-tray-"));
    generateAgentDir(dir, { models: 1000, overrides: 0, patterns: 0, builtInOpenRouterIds: [] });
    writeFileSync(join(dir, "settings.json"), JSON.stringify({ enabledModels: ["openrouter-*/**"] }));
    const service = await SwitchboardService.open({ agentDir: dir, watch: false, env: { ...process.env, OPENROUTER_API_KEY: "bench-not-a-key" }, catalog: await loadPiCatalog(DEV_PI_ENV) });
    const snapshot = service.snapshot();
    service.close();
    if (snapshot.scope.models.length !== 1000) throw new Error(`expected 1000 scoped models, got ${snapshot.scope.models.length}`);
    const input = { snapshot, launchAtLogin: false, canTest: true, platform: process.platform };
    for (let i = 0; i < 20; i++) buildTrayMenu(input); // warm the JIT, as a running app is
    const ms = median(await timeRuns(quick ? 30 : 200, () => buildTrayMenu(input)));
    return { ms: round(ms, 3), scoped: snapshot.scope.models.length, pass: ms <= 10 };
  },
};
