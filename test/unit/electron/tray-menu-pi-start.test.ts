/**
 * The tray with a pi that does not start: the PiInfo comes from loading real pi 0.80.7 (installed
 * as users install it), and the menu built from it says pi does not start, with `pi --version` in
 * the line and pi's own error line in the tooltip, while the models of the files stay in the menu.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadPiCatalog } from "../../../src-main/core/pi/pi-install.js";
import { buildTrayMenu, trayProblems, type TrayMenuItem } from "../../../src-main/electron/tray-menu.js";
import { BROKEN_PI_VERSION, brokenPiPackageDir, NODE22 } from "../../broken-pi.js";
import { layGlobalPrefix } from "../../installed-pis.js";
import { model, snapshot } from "./snapshot-fixture.js";

const scratch = mkdtempSync(join(tmpdir(), "tray-pi-start-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function flatten(items: TrayMenuItem[]): TrayMenuItem[] {
  return items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
}

describe(`the tray with pi ${BROKEN_PI_VERSION}, which does not start`, () => {
  it("puts 'does not start — run pi --version' first among the problems and marks the pi line, pi's error line in both tooltips", async () => {
    const bin = layGlobalPrefix(join(scratch, "prefix"), brokenPiPackageDir(), { node: NODE22 });
    const { info } = await loadPiCatalog({ PATH: `${bin}:/usr/bin:/bin` });
    const snap = snapshot([model("openrouter-novita/moonshotai/kimi-k2", { default: true })]);
    snap.pi = info;

    const [first] = trayProblems(snap);
    expect(first).toEqual({ label: `pi ${BROKEN_PI_VERSION} does not start — run pi --version`, toolTip: info.startFailure!.firstErrorLine, view: "health" });
    expect(first!.toolTip).toMatch(/^SyntaxError: The requested module '@earendil-works\/pi-ai\/oauth'/);

    const items = flatten(buildTrayMenu({ snapshot: snap, launchAtLogin: false, canTest: false, platform: "linux" }));
    expect(items[0]).toMatchObject({ label: `⚠ pi ${BROKEN_PI_VERSION} does not start — run pi --version`, toolTip: first!.toolTip, action: { kind: "openWindow", view: "health" } });
    const piLine = items.find((i) => i.label?.startsWith(`pi ${BROKEN_PI_VERSION}`));
    expect(piLine).toMatchObject({ label: `pi ${BROKEN_PI_VERSION} · fails to start`, action: { kind: "openWindow", view: "health" } });
    expect(piLine!.toolTip).toBe(`${info.summary}\n${first!.toolTip}`);
    // What the files say is still there to switch to.
    expect(items.some((i) => i.label?.includes("moonshotai/kimi-k2") || i.label?.includes("kimi"))).toBe(true);
  }, 300_000);
});
