/**
 * The scope editor's live preview (previewScope) against what the service resolves once the same
 * draft is saved: the preview must be the scope pi gets, pattern by pattern, with its diagnostics.
 * The engine's scope is checked against real pi in test/conformance.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { previewCommand } from "../../../../src-main/core/edits/preview-edit.js";
import { SwitchboardService } from "../../../../src-main/core/service.js";
import { makeAgentDir, piCatalog, SETTINGS_JSON } from "../files/agent-dir-fixture.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function open() {
  const { agentDir, cleanup } = await makeAgentDir();
  const service = await SwitchboardService.open({ agentDir, watch: false, catalog: await piCatalog() });
  cleanups.push(async () => {
    service.close();
    await cleanup();
  });
  return { agentDir, service };
}

const DRAFTS: string[][] = [
  ["openrouter-bedrock/**", "openrouter/anthropic/claude-sonnet-4.5:high"],
  ["openrouter/anthropic/*", "sonnet", "no-such-model-anywhere"],
  ["openrouter-bedrock/*", "openrouter/openai/gpt-4o-mini:low", "gpt-4o"],
  ["claude-opus-4.1:xhigh", "openrouter/*/*:bogus", "OPENROUTER/ANTHROPIC/CLAUDE-SONNET-4.5"],
];

describe("previewScope: a draft of enabledModels", () => {
  it.each(DRAFTS.map((d) => [d.join(" | "), d]))("previews what saving %s scopes", async (_, draft) => {
    const { service } = await open();
    const preview = service.previewScope(draft as string[]);
    const saved = await service.execute({ type: "setScope", patterns: draft as string[] });
    if (!saved.ok) throw new Error(saved.error.message);
    const { warnings, kinds, ...report } = preview;
    expect(report).toEqual(saved.snapshot.scope);
    expect(warnings).toEqual(saved.snapshot.settingsFile.warnings.filter((w) => w.path === "enabledModels" && w.line === null).map((w) => w.message));
    expect(kinds).toHaveLength(report.matches.length);
  });

  it("says how each pattern matched, and explains a glob that does not cross /", async () => {
    const { service } = await open();
    const preview = service.previewScope(["openrouter-bedrock/*", "openrouter/anthropic/claude-sonnet-4.5:high", "sonnet", "openrouter/anthropic/*", "nothing-like-this"]);
    expect(preview.kinds).toEqual(["none", "exact", "fuzzy", "glob", "none"]);
    expect(preview.unmatched).toEqual(["openrouter-bedrock/*", "nothing-like-this"]);
    expect(preview.advice.find((a) => a.pattern === "openrouter-bedrock/*")).toEqual({ pattern: "openrouter-bedrock/*", cause: "glob-slash", message: expect.stringMatching(/"\*" does not cross "\/"/), fix: "openrouter-bedrock/**" });
    expect(preview.advice.find((a) => a.pattern === "nothing-like-this")?.cause).toBe("not-in-catalog");
    expect(preview.thinking["openrouter/anthropic/claude-sonnet-4.5"]).toBe("high");
    // A fuzzy pick names one model; pi cycles in pattern order, first match wins.
    expect(preview.matches[2]!.models).toHaveLength(1);
    expect(preview.models[0]).toBe("openrouter/anthropic/claude-sonnet-4.5");
  });

  it("writes nothing, and an empty draft is pi's unset scope", async () => {
    const { agentDir, service } = await open();
    const preview = service.previewScope([]);
    expect(preview.unset).toBe(true);
    expect(preview.models).toEqual([]);
    expect(await readFile(join(agentDir, "settings.json"), "utf8")).toBe(SETTINGS_JSON);
  });
});

describe("previewCommand: setScope on settings.json", () => {
  it("shows the settings.json text saving would write, keeping the other keys and layout", async () => {
    const { agentDir, service } = await open();
    const patterns = ["openrouter/anthropic/*", "openrouter-bedrock/**"];
    const preview = await previewCommand(service.paths, { type: "setScope", patterns });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.path).toBe(join(agentDir, "settings.json"));
    expect(preview.value.before).toBe(SETTINGS_JSON);
    expect(preview.value.version).toBe(service.snapshot().settingsFile.version);
    const saved = await service.execute({ type: "setScope", patterns, expectedVersion: preview.value.version });
    expect(saved.ok).toBe(true);
    expect(await readFile(join(agentDir, "settings.json"), "utf8")).toBe(preview.value.after);
    expect(preview.value.after).toContain('"someFutureKey": {\n    "nested": [1, 2]\n  }');
  });

  it("refuses to preview an edit of a file nested deeper than the edits take on, saying where, as the save would", async () => {
    const { agentDir, service } = await open();
    const path = join(agentDir, "settings.json");
    const deep = SETTINGS_JSON.replace('"nested": [1, 2]', `"nested": ${"[".repeat(20_000)}${"]".repeat(20_000)}`);
    expect(deep).not.toBe(SETTINGS_JSON);
    await writeFile(path, deep);
    const preview = await previewCommand(service.paths, { type: "setScope", patterns: ["openrouter/anthropic/*"] });
    expect(preview).toMatchObject({ ok: false, error: { code: "unparseable-file", file: path, message: expect.stringMatching(/nests more than 1,000 levels deep \(line \d+, column \d+\)/) } });
    const saved = await service.execute({ type: "setScope", patterns: ["openrouter/anthropic/*"] });
    expect(saved).toMatchObject({ ok: false, error: { code: "unparseable-file", message: expect.stringMatching(/left untouched/) } });
    expect(await readFile(path, "utf8")).toBe(deep);
  });

  it("still previews models.json commands on models.json", async () => {
    const { agentDir, service } = await open();
    const preview = await previewCommand(service.paths, { type: "removeProvider", provider: "openrouter-bedrock" });
    expect(preview.ok && preview.value.path).toBe(join(agentDir, "models.json"));
  });
});
