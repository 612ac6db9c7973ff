/**
 * Globs that would block the window (issue 20): a hostile extglob resolves at once and as real pi
 * 1.6.0 resolves it (same minimatch, same options), and a glob that runs out of time, expands to
 * too many braces or is refused by minimatch stops matching and is named in the scope's hints,
 * which `models --json` and the window's pattern diagnostics show. Time limits are driven by an
 * injected clock here, and in the app by the process's CPU time, never by how busy the machine is.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { readAgentState } from "../../../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../../../src-main/core/pi/read-agent-files.js";
import { loadPiCatalog } from "../../../../src-main/core/pi/pi-install.js";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import { MAX_BRACE_GLOBS, SCOPE_BUDGET, type ScopeBudget } from "../../../../src-main/core/pi/scope-glob.js";
import { resolveScope } from "../../../../src-main/core/pi/scope.js";
import { runOracle } from "../../../../src-main/core/pi/verdict/run-oracle.js";
import { HOSTILE_GLOB, HOSTILE_MATCH, localModelIds, writeHostileScopeDir } from "../../../bench/hostile-scope-dir.js";
import { baseEnv } from "../../../conformance/corpus.js";
import { testPiByVersion } from "../../../conformance/pi-versions.js";
import { REPO } from "../../../installed-pis.js";
import { cliArgv } from "../../../cli-under-test.js";

const work = mkdtempSync(join(tmpdir(), "scope-glob-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const RULES = rulesFor("1.6.0");
const LOCAL = [...localModelIds(50), HOSTILE_MATCH].map((id) => ({ provider: "local", id, name: id }));

/** A clock that advances by 1 ms each time it is read, so a budget of N ms allows about N readings. */
function steppingBudget(perPatternMs: number, totalMs: number): ScopeBudget {
  let t = 0;
  return { perPatternMs, totalMs, now: () => ++t };
}

describe("a hostile extglob in enabledModels", () => {
  it("resolves at once, as real pi 1.6.0 resolves it, with no time-limit hint", async () => {
    const pi = testPiByVersion("1.6.0");
    const dir = join(work, "hostile");
    writeHostileScopeDir(dir, 16, [HOSTILE_GLOB, "local/gemma*"]);
    const env = baseEnv(join(work, "home"));
    const outcome = await runOracle({ node: pi.node, piDir: pi.piDir, cases: [{ name: "hostile", dir }], env, timeoutMs: 60_000, workDir: mkdtempSync(join(work, "oracle-")) });
    if (!outcome.ok) throw new Error(outcome.message);
    const answer = outcome.answers[0]!;
    expect(answer.error).toBeNull();

    const catalog = await loadPiCatalog({ ...env, PI_SWITCHBOARD_PI: pi.piDir });
    expect(catalog.info.version).toBe("1.6.0");
    const files = await readAgentFiles(dir, { settle: false });
    const started = performance.now();
    const { snapshot } = await readAgentState(dir, files, catalog, env);
    const elapsed = performance.now() - started;

    expect(snapshot.scope.models).toEqual(answer.scope.map((s) => s.ref));
    expect(snapshot.scope.models).toContain(`local/${HOSTILE_MATCH}`);
    expect(snapshot.scope.unmatched).toEqual(answer.unmatched);
    expect(snapshot.scope.hints).toEqual([]);
    // minimatch 10.2.6 spends seconds on each of these ids; 11.0.3 (pi 1.6.0's) microseconds.
    expect(elapsed).toBeLessThan(2000);
  }, 120_000);
});

describe("the time budget", () => {
  it("stops a glob that runs out of its time, keeps what it matched so far and names the glob", () => {
    const full = resolveScope(["local/*"], LOCAL, RULES);
    expect(full.models).toHaveLength(LOCAL.length);
    expect(full.hints).toEqual([]);

    const cut = resolveScope(["local/*"], LOCAL, RULES, steppingBudget(10, 10_000));
    expect(cut.models.length).toBeGreaterThan(0);
    expect(cut.models.length).toBeLessThan(LOCAL.length);
    expect(cut.models).toEqual(full.models.slice(0, cut.models.length));
    expect(cut.hints).toEqual([
      { pattern: "local/*", message: expect.stringContaining(`took longer than 10 ms, so the app stopped after ${cut.models.length} of ${LOCAL.length} models`) },
    ]);
  });

  it("counts a glob's time from when its candidates are known: a slow start of the index (a loaded machine) does not cut a plain glob short", () => {
    let t = 0;
    const budget: ScopeBudget = { perPatternMs: 250, totalMs: 2_000, now: () => t };
    // Each id costs 1 ms the first time it is read, as the index's lookups do when built on a
    // loaded machine: 400 ms pass before any model is matched, and then none does.
    const slowToIndex = localModelIds(400).map((id) => {
      let read = false;
      return {
        provider: "local",
        name: id,
        get id() {
          if (!read) t += 1;
          read = true;
          return id;
        },
      };
    });
    const result = resolveScope(["local/*"], slowToIndex, rulesFor("0.73.1"), budget);
    expect(t).toBeGreaterThanOrEqual(400);
    expect(result.hints).toEqual([]);
    expect(result.models).toHaveLength(400);
  });

  it("runs on the process's CPU time: while the process waits for a core (a loaded machine), a glob's time does not pass", () => {
    const before = SCOPE_BUDGET.now();
    // The thread blocks for 300 ms without running, as a process does that the OS has set aside.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    expect(SCOPE_BUDGET.now() - before).toBeLessThan(SCOPE_BUDGET.perPatternMs / 2);
    // and it does pass while the process works: 50 ms of its CPU time (a loaded machine may take
    // far longer than 50 ms of wall time to give it that much).
    const started = SCOPE_BUDGET.now();
    const cpuBefore = process.cpuUsage();
    for (const spin = performance.now(); performance.now() - spin < 5000; ) {
      const used = process.cpuUsage(cpuBefore);
      if ((used.user + used.system) / 1000 >= 50) break;
    }
    expect(SCOPE_BUDGET.now() - started).toBeGreaterThanOrEqual(25);
  });

  it("stops every later glob once the whole scope has run out of time, and names each", () => {
    const result = resolveScope(["local/llama*", "local/gemma*", "qwen2.5-coder-32b-instruct-1"], LOCAL, RULES, steppingBudget(1000, 8));
    const [first, second] = result.hints;
    expect(first).toEqual({ pattern: "local/llama*", message: expect.stringContaining("The scope as a whole took longer than 8 ms") });
    expect(second).toEqual({ pattern: "local/gemma*", message: expect.stringContaining(`stopped matching this glob after 0 of`) });
    expect(result.unmatched).toContain("local/gemma*");
    // Exact names and fuzzy picks are index lookups, not matched against every model: they still resolve.
    expect(result.models).toContain("local/qwen2.5-coder-32b-instruct-1");
  });

  it("does not compile braces that expand past the limit, and says so", () => {
    const glob = `${"{a,b}/".repeat(14)}*`;
    const result = resolveScope([glob, "local/{gemma,phi}*"], LOCAL, RULES);
    expect(2 ** 14).toBeGreaterThan(MAX_BRACE_GLOBS);
    expect(result.hints).toEqual([{ pattern: glob, message: expect.stringContaining("expand to more than 10,000 globs") }]);
    expect(result.unmatched).toEqual([glob]);
    // A small set of braces is matched as pi matches it.
    expect(result.models).toEqual(LOCAL.filter((m) => /^(gemma|phi)/.test(m.id)).map((m) => `local/${m.id}`));
  });

  it("answers a glob minimatch refuses (over 64 KiB) with a hint instead of throwing, as pi 1.6.0 would", () => {
    const glob = `local/${"a".repeat(70_000)}*`;
    const result = resolveScope([glob, "local/gemma*"], LOCAL, RULES);
    expect(result.hints).toEqual([{ pattern: glob, message: expect.stringContaining('refuses this glob ("pattern is too long")') }]);
    expect(result.models.length).toBeGreaterThan(0);
  });
});

describe("models --json", () => {
  it("answers at once on a hostile file, and names the glob it did not match in scope.hints", async () => {
    const pi = testPiByVersion("1.6.0");
    const dir = join(work, "cli");
    const braces = `local/${"{a,b}".repeat(14)}*`;
    writeHostileScopeDir(dir, 16, [HOSTILE_GLOB, braces]);
    const started = performance.now();
    const { stdout } = await promisify(execFile)(...cliArgv(["models", "--json", "--agent-dir", dir]), {
      cwd: REPO,
      env: { ...process.env, PI_SWITCHBOARD_PI: pi.piDir },
      timeout: 60_000,
    });
    const elapsed = performance.now() - started;
    const scope = (JSON.parse(stdout) as { scope: { models: string[]; hints: { pattern: string; message: string }[] } }).scope;
    expect(scope.models).toEqual([`local/${HOSTILE_MATCH}`]);
    expect(scope.hints).toEqual([{ pattern: braces, message: expect.stringContaining("expand to more than 10,000 globs") }]);
    // Issue 20 measured 17 s for this command on minimatch 10.2.6; a CLI start is about a second here.
    expect(elapsed).toBeLessThan(15_000);
  }, 90_000);
});
