// The tray menu over a real agent dir read by the real core and the installed pi's catalog: the
// pure builder must understand the snapshot the service actually produces, and follow pi's edits.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Snapshot } from "../../../src-main/core/common/index.js";
import { loadPiCatalog } from "../../../src-main/core/pi/pi-install.js";
import { SwitchboardService } from "../../../src-main/core/service.js";
import { buildTrayMenu, trayTooltip, type TrayMenuItem } from "../../../src-main/electron/tray-menu.js";

const FIXTURE = resolve("test/fixtures/agent-dirs/virtual-providers");
const env = { ...process.env, OPENROUTER_API_KEY: "sk-or-test-env", PI_SWITCHBOARD_PI: resolve("node_modules/.bin/pi") };

const flatten = (items: TrayMenuItem[]): TrayMenuItem[] => items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
const menuOf = (snapshot: Snapshot) => buildTrayMenu({ snapshot, launchAtLogin: false, canTest: true, platform: "darwin" });

let dir: string | null = null;
let service: SwitchboardService | null = null;
afterEach(async () => {
  service?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function open(): Promise<SwitchboardService> {
  dir = await mkdtemp(join(tmpdir(), "tray-agent-dir-"));
  await cp(FIXTURE, dir, { recursive: true });
  const settings = JSON.parse(await readFile(join(dir, "settings.json"), "utf8")) as Record<string, unknown>;
  await writeFile(join(dir, "settings.json"), JSON.stringify({ ...settings, defaultProvider: "openrouter-bedrock", defaultModel: "anthropic/claude-opus-4.5" }, null, 2));
  service = await SwitchboardService.open({ agentDir: dir, env, catalog: await loadPiCatalog(env) });
  return service;
}

describe("tray menu over a real agent dir", () => {
  it("shows pi's scoped models with their routing badges, the default checked", async () => {
    const snapshot = (await open()).snapshot();
    const items = flatten(menuOf(snapshot)).filter((i) => i.action?.kind === "useModel");
    expect(items.map((i) => [i.label, i.checked])).toEqual([
      ["anthropic/claude-sonnet-4.5  [amazon-bedrock]", false],
      ["anthropic/claude-opus-4.5  [amazon-bedrock]", true],
      ["moonshotai/kimi-k2.6  [novita · fp8 · thinking medium]", false],
      ["anthropic/claude-sonnet-4.5  [google-vertex · order: google-vertex]", false],
    ]);
    expect(trayTooltip(snapshot)).toBe("Pi Switchboard — openrouter-bedrock/anthropic/claude-opus-4.5");
  });

  it("follows a click through the service: the chosen model becomes pi's default", async () => {
    const svc = await open();
    const result = await svc.execute({ type: "useModel", ref: "openrouter-vertex/anthropic/claude-sonnet-4.5" });
    expect(result.ok).toBe(true);
    const checked = flatten(menuOf(svc.snapshot())).filter((i) => i.checked && i.action?.kind === "useModel");
    expect(checked.map((i) => i.action)).toEqual([{ kind: "useModel", ref: "openrouter-vertex/anthropic/claude-sonnet-4.5" }]);
    const written = JSON.parse(await readFile(join(dir!, "settings.json"), "utf8")) as Record<string, unknown>;
    expect([written.defaultProvider, written.defaultModel]).toEqual(["openrouter-vertex", "anthropic/claude-sonnet-4.5"]);
  });

  it("shows the status line when models.json breaks on disk", async () => {
    const svc = await open();
    await writeFile(join(dir!, "models.json"), '{ "providers": { "openrouter-bedrock": { "models": [ { "id": 3 } ] } } }');
    await svc.reload();
    const first = menuOf(svc.snapshot())[0];
    expect(first?.label).toBe("⚠ models.json is invalid — pi drops all custom models");
  });
});
