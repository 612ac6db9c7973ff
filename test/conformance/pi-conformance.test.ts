/**
 * Conformance with real pi 0.73.1: for every agent dir of the corpus, pi's answers (models.json
 * verdict, every model with the routing it would send, availability, scope in order with thinking
 * levels, patterns that match nothing) must equal the core's, field by field.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAgentState } from "../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../src-main/core/files/read-agent-files.js";
import { loadPiCatalog, type PiCatalog } from "../../src-main/core/pi/pi-install.js";
import { listedModels } from "../../src-main/cli/commands/models.js";
import type { Snapshot } from "../../src-main/core/contract.js";
import { askPi, baseEnv, loadCorpus, PI_BIN, ref, type PiAnswer } from "./corpus.js";

const cases = loadCorpus();
const home = mkdtempSync(join(tmpdir(), "pi-conformance-home-"));
const env = baseEnv(home);
let answers: Map<string, PiAnswer>;
let catalog: PiCatalog;

beforeAll(async () => {
  [answers, catalog] = await Promise.all([askPi(cases, env), loadPiCatalog({ PI_SWITCHBOARD_PI: PI_BIN })]);
}, 300_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

async function coreSnapshot(dir: string, caseEnv: Record<string, string>): Promise<Snapshot> {
  const files = await readAgentFiles(dir, { settle: false });
  const state = buildAgentState(dir, files, catalog, { ...env, ...caseEnv });
  return { ...state.snapshot, revision: 0, watching: "off" };
}

describe("the corpus", () => {
  it("is hard enough: at least 40 cases, each described", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) expect(c.description, c.name).not.toBe("");
  });

  it("runs against the installed pi 0.73.1", () => {
    expect(catalog.info.found).toBe(true);
    expect(catalog.info.version).toBe("0.73.1");
  });
});

describe.each(cases)("$name", (c) => {
  let pi: PiAnswer;
  let core: Snapshot;
  beforeAll(async () => {
    pi = answers.get(c.name)!;
    core = await coreSnapshot(c.dir, c.env);
  });

  it("gives pi's verdict on models.json and settings.json", () => {
    expect(core.modelsFile.valid, `pi: ${pi.modelsError}\ncore: ${JSON.stringify(core.modelsFile.errors)}`).toBe(pi.modelsError === null);
    if (!core.modelsFile.valid) expect(core.modelsFile.errors.length).toBeGreaterThan(0);
    expect(core.settingsFile.valid).toBe(pi.settingsValid);
  });

  it("has pi's models in pi's order, each with pi's name, api, baseUrl and origin", () => {
    const coreModels = core.models.map((m) => ({ provider: m.provider, id: m.id, name: m.name, api: m.api, baseUrl: m.baseUrl, builtIn: m.origin === "built-in" }));
    const piModels = pi.models.map(({ routing: _routing, body: _body, ...rest }) => rest);
    expect(coreModels).toEqual(piModels);
  });

  it("sends pi's routing object for every model, keys in pi's order", () => {
    const routed = (list: { provider: string; id: string; routing: unknown }[]) =>
      list.filter((m) => m.routing !== null).map((m) => `${ref(m)} ${JSON.stringify(m.routing)}`);
    expect(routed(core.models)).toEqual(routed(pi.models));
    const byRef = new Map(core.models.map((m) => [ref(m), m]));
    for (const m of pi.models) expect(byRef.get(ref(m))?.routing ?? null, ref(m)).toEqual(m.routing);
  });

  it("counts the same models available", () => {
    expect(core.models.filter((m) => m.available).map(ref)).toEqual(pi.available);
  });

  it("scopes pi's models in pi's order, with pi's thinking levels and unmatched patterns", () => {
    expect(core.scope.models).toEqual(pi.scope.map((s) => s.ref));
    expect(core.scope.models.map((r) => core.scope.thinking[r] ?? null)).toEqual(pi.scope.map((s) => s.thinkingLevel));
    expect(core.scope.unmatched).toEqual(pi.unmatched);
    const scopeWarnings = core.settingsFile.warnings.filter((w) => w.path === "enabledModels" && w.line === null).map((w) => w.message);
    expect(scopeWarnings).toEqual(pi.scopeWarnings);
    const scopedFlags = core.models.filter((m) => m.scoped).map(ref).sort();
    expect(scopedFlags).toEqual(pi.scope.map((s) => s.ref).sort());
  });

  it("lists (CLI `models`) every model models.json touches plus every scoped one", () => {
    const scoped = pi.scope.map((s) => s.ref);
    const touched = pi.models.filter((m) => !m.builtIn).map(ref).filter((r) => !scoped.includes(r));
    expect(listedModels(core, false).map(ref)).toEqual([...scoped, ...touched]);
  });
});
