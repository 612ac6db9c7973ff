// The tray over a real agent dir (test/e2e/fixtures/model-problems) read by the real core with the
// repo's pi 0.73.1: a model pi will fail on is marked before the click and its item opens the
// window's question (#/switch/<ref>) instead of switching; a warning or a clean model switches.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Snapshot } from "../../../src-main/core/common/index.js";
import { SwitchboardService } from "../../../src-main/core/service.js";
import { buildTrayMenu, FAILS_MARK, type TrayMenuItem } from "../../../src-main/electron/tray-menu.js";

const env = { ...process.env, OPENROUTER_API_KEY: "sk-or-test-env", PI_SWITCHBOARD_PI: resolve("node_modules/.bin/pi") };
const flatten = (items: TrayMenuItem[]): TrayMenuItem[] => items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);

let dir: string;
let service: SwitchboardService;
let snapshot: Snapshot;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tray-problems-"));
  await cp(resolve("test/e2e/fixtures/model-problems"), dir, { recursive: true });
  service = await SwitchboardService.open({ agentDir: dir, env, watch: false });
  snapshot = service.snapshot();
});
afterAll(async () => {
  service.close();
  await rm(dir, { recursive: true, force: true });
});

/** A model's line (not the "Default: …" line above them). */
const isModelLine = (i: TrayMenuItem) => i.action?.kind === "useModel" || (i.action?.kind === "openWindow" && i.action.view?.startsWith("switch/"));
const itemFor = (items: TrayMenuItem[], name: string) => flatten(items).find((i) => isModelLine(i) && i.label?.includes(name))!;

it("marks a model pi will fail on, says why in its tooltip, and opens the window's question instead of switching", () => {
  const menu = buildTrayMenu({ snapshot, launchAtLogin: false, canTest: true, platform: "linux" });
  const item = itemFor(menu, "GPT-4o (dollar key)");
  expect(item.label).toBe(`${FAILS_MARK}GPT-4o (dollar key)`);
  expect(item.toolTip).toMatch(/^pi will fail on this model: The models\.json key for openrouter-dollar is the text "\$OPENROUTER_API_KEY"/);
  expect(item.action).toEqual({ kind: "openWindow", view: "switch/openrouter-dollar%2Fopenai%2Fgpt-4o" });
});

it("a model whose routing pi drops (a warning) and a clean one still switch in one click", () => {
  const menu = buildTrayMenu({ snapshot, launchAtLogin: false, canTest: true, platform: "linux" });
  expect(itemFor(menu, "Claude Sonnet 4.5 on Bedrock").action).toEqual({ kind: "useModel", ref: "openrouter-claude/anthropic/claude-sonnet-4.5" });
  expect(itemFor(menu, "DeepSeek V3").action).toEqual({ kind: "useModel", ref: "openrouter-ok/deepseek/deepseek-chat" });
  expect(itemFor(menu, "DeepSeek V3").label?.startsWith(FAILS_MARK)).toBe(false);
});
