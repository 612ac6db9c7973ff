/**
 * The health watch in the tray (tray-health.ts, placed by buildTrayMenu): an amber icon while a
 * pinned model is degraded, a one-click switch line naming the next provider, an undo line per
 * switch, and one notification per degraded episode.
 */
import { describe, expect, it } from "vitest";
import type { EndpointSwitch, HealthReport } from "../../../src-main/core/common/index.js";
import { degradedNotice, healthItems, newlyDegraded, trayTone } from "../../../src-main/electron/tray-health.js";
import { buildTrayMenu } from "../../../src-main/electron/tray-menu.js";
import { model, snapshot } from "./snapshot-fixture.js";

const REF = "openrouter-bedrock/anthropic/claude-opus-4";
const snap = snapshot([model(REF, { name: "Anthropic: Claude Opus 4" }), model("openrouter/openai/gpt-5", { default: true })]);
const report = (next: boolean): HealthReport => ({
  watching: true,
  checkedAt: "2026-12-06T03:00:00Z",
  error: null,
  degraded: [
    {
      ref: REF,
      catalogId: "anthropic/claude-opus-4",
      health: {
        pinned: [{ tag: "amazon-bedrock", provider: "Amazon Bedrock", uptime: 71.2, latencyP50Ms: 900, degraded: "71.2% uptime over 30 minutes (below 95%)" }],
        next: next ? { tag: "anthropic", provider: "Anthropic", uptime: 99.8, latencyP50Ms: 700, degraded: null } : null,
      },
    },
  ],
});
const healthy: HealthReport = { watching: true, checkedAt: "2026-12-06T03:10:00Z", error: null, degraded: [] };
const switched: EndpointSwitch = { ref: REF, from: ["amazon-bedrock"], to: "anthropic", toProvider: "Anthropic", savedAt: "2026-12-06T03:05:00Z", version: "v2" };

describe("the health watch in the tray", () => {
  it("turns the icon amber only while a pinned model is degraded", () => {
    expect(trayTone(report(true))).toBe("amber");
    expect(trayTone(healthy)).toBe("normal");
    expect(trayTone(null)).toBe("normal");
  });

  it("puts a one-click switch to the next provider among the problems, with the reasons on hover", () => {
    const menu = buildTrayMenu({ snapshot: snap, launchAtLogin: false, canTest: true, platform: "darwin", health: healthItems(snap, report(true), []) });
    const line = menu.find((i) => i.action?.kind === "switchEndpoint")!;
    expect(line).toMatchObject({ label: "⚠ Claude Opus 4: pinned provider degraded — switch to Anthropic", action: { kind: "switchEndpoint", ref: REF } });
    expect(line.toolTip).toContain("Amazon Bedrock (amazon-bedrock): 71.2% uptime over 30 minutes (below 95%)");
    expect(line.toolTip).toContain("Pins openrouter-bedrock/anthropic/claude-opus-4 to anthropic (uptime 99.8%)");
    // Above the default model's line: what keeps pi from working comes first.
    expect(menu.indexOf(line)).toBeLessThan(menu.findIndex((i) => i.label?.startsWith("Default:")));
  });

  it("without a healthy provider, says so and opens Config health instead of switching", () => {
    expect(healthItems(snap, report(false), [])).toEqual([{ label: "⚠ Claude Opus 4: every pinned provider degraded, none healthy", toolTip: "Amazon Bedrock (amazon-bedrock): 71.2% uptime over 30 minutes (below 95%)", action: { kind: "openWindow", view: "health" } }]);
  });

  it("offers to undo a switch made from the tray", () => {
    expect(healthItems(snap, healthy, [switched])).toEqual([{ label: "↶ Undo: Claude Opus 4 back to amazon-bedrock", toolTip: `Puts models.json back as it was before ${REF} was pinned to anthropic.`, action: { kind: "undoEndpointSwitch", ref: REF } }]);
  });

  it("notifies a model once when it degrades, again only after it recovered", () => {
    expect(newlyDegraded(null, report(true)).map((d) => d.ref)).toEqual([REF]);
    expect(newlyDegraded(report(true), report(true))).toEqual([]);
    expect(newlyDegraded(healthy, report(true)).map((d) => d.ref)).toEqual([REF]);
    expect(degradedNotice(report(true).degraded[0]!, snap)).toEqual({
      title: "Claude Opus 4: pinned provider degraded",
      body: "Amazon Bedrock: 71.2% uptime over 30 minutes (below 95%). Switch to Anthropic from the tray menu (undo there too).",
    });
  });
});
