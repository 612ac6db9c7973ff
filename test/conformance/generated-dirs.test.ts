/**
 * Agent dirs the app has never seen: generated from a seed (generated-agent-dirs.ts), read by
 * each real pi (0.73.1, 0.87.1, 1.6.0, its own Node, through the same oracle the app's verdict
 * uses) and by the core pointed at that pi. pi's verdict on the core's answer must be "agrees":
 * models.json verdict, models, routing per model, availability, scope with thinking levels,
 * unmatched patterns, the start model and every provider's key. Replay a failure with
 * PI_CONFORMANCE_SEED=<seed>.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readAgentState } from "../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../src-main/core/pi/read-agent-files.js";
import { loadPiCatalog } from "../../src-main/core/pi/pi-install.js";
import { verdictFromAnswer } from "../../src-main/core/pi/verdict/pi-verdict.js";
import { runOracle, type OracleAnswer } from "../../src-main/core/pi/verdict/run-oracle.js";
import { baseEnv } from "./corpus.js";
import { GENERATED_ENV, generateAgentDirs } from "./generated-agent-dirs.js";
import { TEST_PIS } from "./pi-versions.js";

const SEED = Number(process.env.PI_CONFORMANCE_SEED ?? 20261204);
const COUNT = 40;
const work = mkdtempSync(join(tmpdir(), "pi-generated-"));
const home = join(work, "home");
const env = { ...baseEnv(home), ...GENERATED_ENV };
const cases = generateAgentDirs(join(work, "dirs"), SEED, COUNT);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(TEST_PIS)("pi $version on $# generated agent dirs", (pi) => {
  const answers = new Map<string, OracleAnswer>();
  it(`answers for all ${COUNT} dirs (seed ${SEED})`, async () => {
    const workDir = mkdtempSync(join(work, "oracle-"));
    const outcome = await runOracle({ node: pi.node, piDir: pi.piDir, cases, env, timeoutMs: 240_000, workDir });
    if (!outcome.ok) throw new Error(outcome.message);
    for (const answer of outcome.answers) answers.set(answer.name, answer);
    expect(answers.size).toBe(COUNT);
  }, 300_000);

  it("agrees with the core on every one of them, field by field", async () => {
    const catalog = await loadPiCatalog({ ...env, PI_SWITCHBOARD_PI: pi.piDir });
    expect(catalog.info.version).toBe(pi.version);
    const disagreements: string[] = [];
    for (const c of cases) {
      const answer = answers.get(c.name);
      if (!answer) throw new Error(`pi ${pi.version} gave no answer for ${c.name}`);
      const state = await readAgentState(c.dir, await readAgentFiles(c.dir, { settle: false }), catalog, env);
      const verdict = verdictFromAnswer(catalog, answer, state, new Date().toISOString());
      for (const d of verdict.differences) disagreements.push(`${c.name} ${d.field}${d.ref ? ` ${d.ref}` : ""}: pi ${d.pi}; app ${d.app}`);
      if (verdict.state !== "agrees" && verdict.differences.length === 0) disagreements.push(`${c.name}: ${verdict.note}`);
    }
    expect(disagreements).toEqual([]);
  }, 120_000);
});
