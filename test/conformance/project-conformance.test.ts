/**
 * Projects against real pi 0.73.1, 0.87.1 and 1.6.0: pi run in a project folder (RPC mode, cwd =
 * the folder, pi-rpc.ts) starts with the model, thinking level and scope that the app's merged view
 * of that project says (core/project-view.ts), for projects pi trusts, distrusts, or must ask about,
 * and for each way the project's .pi/settings.json merges over the agent dir's. "ask": pi without a
 * UI skips the project, so pi must agree with the agent dir's own view there (the app's project view
 * shows what pi uses once trusted, and says it asks).
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { catalogForFiles, readAgentState } from "../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../src-main/core/pi/read-agent-files.js";
import { loadPiCatalog, type PiCatalog } from "../../src-main/core/pi/pi-install.js";
import { buildProjectView, readProjectFiles } from "../../src-main/core/project-view.js";
import { piRpcStart, type RpcStart } from "./pi-rpc.js";
import { pool } from "./wire-harness.js";
import { TEST_PIS } from "./pi-versions.js";

const MODELS = {
  providers: {
    myproxy: {
      baseUrl: "http://127.0.0.1:9/v1",
      api: "openai-completions",
      apiKey: "sk-project-conformance",
      models: [{ id: "alpha", reasoning: true }, { id: "beta", reasoning: true }, { id: "gamma", reasoning: false }, { id: "delta", reasoning: true }],
    },
  },
};
const GLOBAL = { defaultProvider: "myproxy", defaultModel: "alpha", enabledModels: ["myproxy/alpha", "myproxy/beta"] };

interface ProjectCase {
  name: string;
  agentSettings: Record<string, unknown>;
  /** The project's .pi/settings.json text (an object is written as JSON). */
  project: Record<string, unknown> | string;
  /** trust.json: the project itself, its parent, or none. */
  trust?: { at: "project" | "parent"; trusted: boolean };
}

const CASES: ProjectCase[] = [
  { name: "trusted-default-and-scope", agentSettings: GLOBAL, project: { defaultModel: "gamma", enabledModels: ["myproxy/gamma", "myproxy/beta:high"] }, trust: { at: "project", trusted: true } },
  { name: "trusted-default-only", agentSettings: GLOBAL, project: { defaultModel: "beta", defaultThinkingLevel: "high" }, trust: { at: "project", trusted: true } },
  { name: "trusted-parent-scope-only", agentSettings: { ...GLOBAL, defaultModel: "delta" }, project: { enabledModels: ["myproxy/delta", "myproxy/gamma"] }, trust: { at: "parent", trusted: true } },
  { name: "trusted-empty-scope", agentSettings: { ...GLOBAL, defaultModel: "delta" }, project: { enabledModels: [] }, trust: { at: "project", trusted: true } },
  { name: "thinking-levels-merge", agentSettings: { ...GLOBAL, defaultModel: "beta", modelThinkingLevels: { "myproxy/alpha": "high", "myproxy/beta": "low" } }, project: { modelThinkingLevels: { "myproxy/beta": "minimal" } }, trust: { at: "project", trusted: true } },
  { name: "distrusted", agentSettings: GLOBAL, project: { defaultModel: "gamma", enabledModels: ["myproxy/gamma", "myproxy/delta"] }, trust: { at: "project", trusted: false } },
  { name: "ask", agentSettings: GLOBAL, project: { defaultModel: "gamma", enabledModels: ["myproxy/gamma", "myproxy/delta"] } },
  { name: "default-trust-always", agentSettings: { ...GLOBAL, defaultProjectTrust: "always" }, project: { defaultModel: "delta", enabledModels: ["myproxy/delta", "myproxy/alpha:low"] } },
  { name: "project-file-invalid", agentSettings: GLOBAL, project: '{"defaultModel": "gamma",', trust: { at: "project", trusted: true } },
];

const root = realpathSync(mkdtempSync(join(tmpdir(), "project-conformance-")));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The case laid out for one pi: an agent dir, a project folder inside a parent, trust.json naming one of them. */
function stage(c: ProjectCase, version: string): { agentDir: string; project: string; home: string } {
  const base = join(root, version, c.name);
  const agentDir = join(base, "agent");
  const project = join(base, "work", "app");
  const home = join(base, "home");
  for (const dir of [agentDir, join(project, ".pi"), home]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(agentDir, "models.json"), JSON.stringify(MODELS));
  writeFileSync(join(agentDir, "settings.json"), JSON.stringify(c.agentSettings));
  writeFileSync(join(project, ".pi", "settings.json"), typeof c.project === "string" ? c.project : JSON.stringify(c.project));
  if (c.trust) writeFileSync(join(agentDir, "trust.json"), JSON.stringify({ [c.trust.at === "project" ? project : dirname(project)]: c.trust.trusted }));
  return { agentDir, project, home };
}

/** The app's answer before pi runs (pi writes into the agent dir): the project view, and the agent dir's own. */
async function appAnswer(agentDir: string, project: string, catalog: PiCatalog) {
  const files = await readAgentFiles(agentDir, { settle: false });
  const env = { PATH: process.env.PATH ?? "" };
  const { view } = buildProjectView(agentDir, files, await readProjectFiles(agentDir, project), await catalogForFiles(catalog, files), env);
  const agentOnly = (await readAgentState(agentDir, files, catalog, env)).snapshot;
  return { view, agentOnly };
}

/** The scope rotated to start at pi's start model, as cycling from it visits it. */
function cycleFrom(scope: string[], start: string | null): string[] | null {
  if (scope.length === 0) return null;
  const at = start ? scope.indexOf(start) : -1;
  return at === -1 ? scope : [...scope.slice(at), ...scope.slice(0, at)];
}

for (const pi of TEST_PIS) {
  describe(`projects: the app's merged view agrees with pi ${pi.version} run in the project`, async () => {
    const catalog = await loadPiCatalog({ PATH: process.env.PATH ?? "", PI_SWITCHBOARD_PI: pi.piDir });
    const results = new Map<string, { pi: RpcStart; app: Awaited<ReturnType<typeof appAnswer>> }>();
    await pool(CASES, 2, async (c) => {
      const { agentDir, project, home } = stage(c, pi.version);
      const app = await appAnswer(agentDir, project, catalog);
      results.set(c.name, { app, pi: await piRpcStart(pi, { agentDir, home, cwd: project }) });
    });

    for (const c of CASES) {
      it(`${c.name}: start model, thinking level and scope`, () => {
        const { pi: answer, app } = results.get(c.name)!;
        // Without a UI pi skips a project it would ask about: the agent dir's view is what it uses then.
        const expected = app.view.trust.decision === "ask" ? app.agentOnly : app.view;
        const start = expected.default.start;
        const scope = cycleFrom(expected.scope.models, start?.ref ?? null);
        expect({ model: answer.model, thinkingLevel: answer.thinkingLevel, scope: answer.scope }, `pi said: ${answer.stderr.trim().split("\n")[0] ?? ""}`).toEqual({ model: start?.ref ?? null, thinkingLevel: start?.thinkingLevel ?? null, scope });
      });
    }

    it("the app calls each case's trust as this pi does", () => {
      const decisions = Object.fromEntries(CASES.map((c) => [c.name, results.get(c.name)!.app.view.trust.decision]));
      if (catalog.rules.projectTrust === "none") expect(new Set(Object.values(decisions))).toEqual(new Set(["no-check"]));
      else expect(decisions).toMatchObject({ distrusted: "untrusted", ask: "ask", "default-trust-always": "trusted", "trusted-parent-scope-only": "trusted" });
    });
  });
}
