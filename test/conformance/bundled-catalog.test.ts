/**
 * The built-in catalog the app reads is the one pi runs (issue 22 item 1), proved with real pi
 * 0.84.3 as npm installs it: its CLI is a bundle that carries pi-ai 0.84.3's catalog while npm puts
 * pi-ai 0.84.4 beside it. The app's catalog equals pi's own (the oracle's answer), the pi-ai beside
 * pi differs, and pi's verdict says "disagrees" when the app is handed that wrong catalog: the
 * check the verdict gives users can fail.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readAgentState } from "../../src-main/core/agent-state.js";
import { loadPiCatalog, type PiCatalog } from "../../src-main/core/pi/pi-install.js";
import { findDependencyDir, importRuntimeCatalog } from "../../src-main/core/pi/pi-runtime-catalog.js";
import { readAgentFiles } from "../../src-main/core/pi/read-agent-files.js";
import { verdictFromAnswer } from "../../src-main/core/pi/verdict/pi-verdict.js";
import { askPi, baseEnv, loadCorpus, ref, type PiAnswer } from "./corpus.js";
import { bundleMismatchPi } from "./pi-versions.js";

const pi = bundleMismatchPi();
const home = mkdtempSync(join(tmpdir(), "bundled-catalog-home-"));
const env = baseEnv(home);
const cases = loadCorpus().filter((c) => ["empty-dir", "catalog-bundled-vs-beside"].includes(c.name));
const besideDir = findDependencyDir(pi.piDir, "@earendil-works/pi-ai")!;

let answers: Map<string, PiAnswer>;
let catalog: PiCatalog;
/** The app as it read catalogs before: the pi-ai npm put beside pi. */
let wrong: PiCatalog;

beforeAll(async () => {
  [answers, catalog] = await Promise.all([askPi(pi, cases, env), loadPiCatalog({ PI_SWITCHBOARD_PI: pi.piDir })]);
  wrong = { ...catalog, providers: (await importRuntimeCatalog(besideDir))!.providers };
}, 120_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

const openRouterIds = (providers: PiCatalog["providers"]) => providers.get("openrouter")!.map((m) => m.id);

it("holds the mismatch it proves things with: pi 0.84.3 beside pi-ai 0.84.4, whose OpenRouter lists differ", () => {
  expect(JSON.parse(readFileSync(join(besideDir, "package.json"), "utf8")).version).toBe("0.84.4");
  const bundled = new Set(openRouterIds(catalog.providers));
  const beside = new Set(openRouterIds(wrong.providers));
  expect([...bundled].filter((id) => !beside.has(id)).length).toBeGreaterThan(10);
  expect([...beside].filter((id) => !bundled.has(id)).length).toBeGreaterThan(10);
});

it("reads pi's own bundle, and has exactly the built-in models pi has, in pi's order", () => {
  expect(catalog.info.catalog).toMatch(/built-in models from pi's own bundle \(.*pi-coding-agent\/dist\/bundle\)$/);
  const piBuiltIns = answers.get("empty-dir")!.models.filter((m) => m.builtIn).map(ref);
  expect([...catalog.providers.values()].flat().map(ref)).toEqual(piBuiltIns);
});

async function verdictFor(name: string, used: PiCatalog) {
  const c = cases.find((x) => x.name === name)!;
  const state = await readAgentState(c.dir, await readAgentFiles(c.dir, { settle: false }), used, { ...env, ...c.env });
  return { state, verdict: verdictFromAnswer(used, answers.get(name)!, state, new Date().toISOString()) };
}

it("pi's verdict agrees with the app on scope patterns only pi's own catalog matches", async () => {
  const { state, verdict } = await verdictFor("catalog-bundled-vs-beside", catalog);
  expect(verdict.differences).toEqual([]);
  expect(verdict.state).toBe("agrees");
  expect(state.snapshot.scope.models).toContain("openrouter/stealth/ox-alpha");
  expect(state.snapshot.scope.unmatched).toEqual(["openrouter/mistralai/devstral-2512"]);
});

it("pi's verdict disagrees when the app reads the pi-ai beside pi: every model one catalog has and the other has not, and the scope", async () => {
  const { state, verdict } = await verdictFor("catalog-bundled-vs-beside", wrong);
  expect(verdict.state).toBe("disagrees");
  const onlyOne = openRouterIds(catalog.providers).filter((id) => !openRouterIds(wrong.providers).includes(id)).length + openRouterIds(wrong.providers).filter((id) => !openRouterIds(catalog.providers).includes(id)).length;
  expect(verdict.differences.length + verdict.moreDifferences).toBeGreaterThanOrEqual(onlyOne);
  expect(verdict.note).toMatch(/^pi 0\.84\.3 disagrees on \d+ things/);
  // What the user would have been told: the pattern pi scopes is unmatched, the one pi cannot match is scoped.
  expect(answers.get("catalog-bundled-vs-beside")!.unmatched).toEqual(["openrouter/mistralai/devstral-2512"]);
  expect(state.snapshot.scope.unmatched).toContain("openrouter/stealth/ox-alpha");
  expect(state.snapshot.scope.models).toContain("openrouter/mistralai/devstral-2512");
});
