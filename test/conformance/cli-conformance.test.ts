/**
 * The CLI as a user (and the held-back corpus) runs it: `npm run --silent cli -- models --json
 * --agent-dir DIR` for the first case, the built CLI for the others, with keys from its own
 * environment (the project's own pi 0.73.1). For a sample of the corpus its JSON must carry pi 0.73.1's answers.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelEntry, ScopeReport } from "../../src-main/core/common/index.js";
import { askPi, baseEnv, loadCorpus, ref, REPO, type PiAnswer } from "./corpus.js";
import { testPiByVersion } from "./pi-versions.js";
import { cliArgv } from "../cli-under-test.js";

// Each run loads pi's catalog (seconds of CPU): a few cases that cover verdict, routing, keys and scope.
const SAMPLE = ["scope-colon-ids", "routing-as-string", "schema-wrong-type", "env-key-unset"];

interface CliModels {
  modelsFile: { valid: boolean };
  models: ModelEntry[];
  scope: ScopeReport;
}

const cases = loadCorpus().filter((c) => SAMPLE.includes(c.name));
const home = mkdtempSync(join(tmpdir(), "pi-cli-conformance-"));
const env = baseEnv(home);
const cli = new Map<string, CliModels>();
let answers: Map<string, PiAnswer>;

/**
 * `fromClone`: through `npm run --silent cli --` (tsx on the source), as the README has people run it;
 * otherwise the built CLI (test/cli-under-test.ts), which starts seconds sooner and answers the same.
 */
async function runCli(dir: string, caseEnv: Record<string, string>, fromClone: boolean): Promise<CliModels> {
  const args = ["models", "--json", "--agent-dir", dir];
  const [command, argv] = fromClone ? ["npm", ["run", "--silent", "cli", "--", ...args]] : cliArgv(args);
  const { stdout } = await promisify(execFile)(command, argv, {
    cwd: REPO,
    // The CLI no longer takes the app's own node_modules pi (issue 11): point it at the pi the oracle asks.
    env: { ...env, ...caseEnv, PI_SWITCHBOARD_PI: testPiByVersion("0.73.1").piDir },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as CliModels;
}

beforeAll(async () => {
  const [piAnswers, ...outputs] = await Promise.all([askPi(testPiByVersion("0.73.1"), cases, env), ...cases.map((c, i) => runCli(c.dir, c.env, i === 0))]);
  answers = piAnswers;
  outputs.forEach((out, i) => cli.set(cases[i]!.name, out));
}, 300_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("the sample", () => {
  it("is all in the corpus", () => {
    expect(cases.map((c) => c.name).sort()).toEqual([...SAMPLE].sort());
  });
});

describe.each(cases)("cli models --json: $name", (c) => {
  it("gives pi's verdict, listed models, routing, availability and scope", () => {
    const pi = answers.get(c.name)!;
    const out = cli.get(c.name)!;
    expect(out.modelsFile.valid).toBe(pi.modelsError === null);
    const scoped = pi.scope.map((s) => s.ref);
    const touched = pi.models.filter((m) => !m.builtIn).map(ref).filter((r) => !scoped.includes(r));
    expect(out.models.map(ref)).toEqual([...scoped, ...touched]);
    const piByRef = new Map(pi.models.map((m) => [ref(m), m]));
    const available = new Set(pi.available);
    for (const m of out.models) {
      expect(JSON.stringify(m.routing), ref(m)).toBe(JSON.stringify(piByRef.get(ref(m))!.routing));
      expect(m.available, ref(m)).toBe(available.has(ref(m)));
    }
    expect(out.scope.models).toEqual(scoped);
    expect(scoped.map((r) => out.scope.thinking[r] ?? null)).toEqual(pi.scope.map((s) => s.thinkingLevel));
    expect(out.scope.unmatched).toEqual(pi.unmatched);
  });
});
