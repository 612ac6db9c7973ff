/**
 * Concurrent writers (issue 6): the app's service and real pi's SettingsManager write settings.json
 * at the same time, a few hundred writes in all (pi keeps writing until the app's loop is over). Both take pi's lock and merge only the fields they
 * change, so at the end each side's last change is on disk and keys neither of them owns survive.
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, expect, it, vi } from "vitest";
import { SwitchboardService } from "../../src-main/core/service.js";
import { makeAgentDir, piCatalog } from "../unit/core/files/agent-dir-fixture.js";
import { startPiWriter } from "./pi-writer-process.js";

vi.setConfig({ testTimeout: 120_000 });

const PI_WRITES = 100;
const APP_WRITES = 100;

const SETTINGS_BEFORE_RACE = `{
  "theme": "dark",
  "x-written-before-the-race": {"by": "the user", "list": [1, 2, 3]},
  "packages": ["npm:some-pi-extension"],
  "defaultProvider": "openrouter",
  "defaultModel": "anthropic/claude-sonnet-4.5",
  "enabledModels": ["openrouter-bedrock/**"]
}
`;

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

it("the app and real pi writing settings.json at once lose nothing", async () => {
  const made = await makeAgentDir({ "settings.json": SETTINGS_BEFORE_RACE });
  cleanup = made.cleanup;
  const { agentDir } = made;
  const cwd = join(agentDir, "..", "project");
  await mkdir(cwd);
  const service = await SwitchboardService.open({ agentDir, catalog: await piCatalog() });

  const pi = await startPiWriter<{ last: { theme: string; defaultModel?: string; defaultThinkingLevel?: string }; writes: number; errors: string[] }>("pi-settings-writer.mjs", [agentDir, cwd, String(PI_WRITES)]);

  const refs = ["openrouter-bedrock/anthropic/claude-opus-4.1", "openrouter/anthropic/claude-sonnet-4.5"];
  const levels = ["off", "low", "high"] as const;
  const appLast: { scope?: string[]; thinking?: string; model?: string } = {};
  const appErrors: string[] = [];
  for (let i = 0; i < APP_WRITES; i++) {
    let command;
    if (i % 3 === 0) command = { type: "setScope", patterns: (appLast.scope = ["openrouter-bedrock/**", `app-marker-${i}`]) };
    else if (i % 3 === 1) command = { type: "useModel", ref: (appLast.model = refs[i % 2]!) };
    else command = { type: "setThinkingLevel", level: (appLast.thinking = levels[i % 3]!) };
    const result = await service.execute(command);
    if (!result.ok) appErrors.push(`${i}: ${result.error.code}: ${result.error.message}`);
  }
  appLast.scope = ["openrouter-bedrock/**", "app-marker-final"];
  const final = await service.execute({ type: "setScope", patterns: appLast.scope });
  if (!final.ok) appErrors.push(`final: ${final.error.message}`);

  const { report, stderr } = await pi.stop();
  service.close();
  expect(stderr).toBe("");
  // pi kept writing for as long as the app did: a few hundred writes in all.
  expect(report.writes).toBeGreaterThanOrEqual(PI_WRITES);
  expect(appErrors).toEqual([]);
  // pi gives up after 10 tries 20 ms apart: an app that held the lock too long would show here.
  expect(report.errors).toEqual([]);

  const text = await readFile(join(agentDir, "settings.json"), "utf8");
  const settings = JSON.parse(text);
  expect(settings.theme).toBe(report.last.theme);
  expect(settings.enabledModels).toEqual(appLast.scope);
  expect(settings["x-written-before-the-race"]).toEqual({ by: "the user", list: [1, 2, 3] });
  expect(settings.packages).toEqual(["npm:some-pi-extension"]);
  // Both sides set the default model and thinking level: whoever wrote last wins, nobody else.
  const [provider, ...id] = appLast.model!.split("/");
  expect([`${provider}/${id.join("/")}`, `openrouter/${report.last.defaultModel}`]).toContain(`${settings.defaultProvider}/${settings.defaultModel}`);
  expect([appLast.thinking, report.last.defaultThinkingLevel]).toContain(settings.defaultThinkingLevel);
});
