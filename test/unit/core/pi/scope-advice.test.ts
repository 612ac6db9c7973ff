/**
 * Scope advice (core/pi/scope-advice.ts): each unmatched enabledModels pattern gets its real cause
 * (a glob whose "*" does not cross "/", a wrong or misspelt provider prefix, an id pi does not know,
 * a provider without a key) and, where one exists, a fix that pi's matcher really scopes. The core's
 * answers are checked under three pis' rules, and the fixes against real pi 1.6.0 itself.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readAgentState } from "../../../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../../../src-main/core/pi/read-agent-files.js";
import { loadPiCatalog } from "../../../../src-main/core/pi/pi-install.js";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import type { ScopeBudget } from "../../../../src-main/core/pi/scope-glob.js";
import { resolveScope } from "../../../../src-main/core/pi/scope.js";
import { runOracle } from "../../../../src-main/core/pi/verdict/run-oracle.js";
import { baseEnv } from "../../../conformance/corpus.js";
import { testPiByVersion } from "../../../conformance/pi-versions.js";

const m = (provider: string, id: string, name = id) => ({ provider, id, name });
const KNOWN = [
  m("openrouter", "qwen/qwen3-coder", "Qwen3 Coder"),
  m("openrouter", "qwen/qwen3-coder-plus", "Qwen3 Coder Plus"),
  m("openrouter", "anthropic/claude-sonnet-4.5", "Claude Sonnet 4.5"),
  m("openrouter-bedrock", "anthropic/claude-sonnet-4.5", "Sonnet via Bedrock"),
  m("openrouter-bedrock", "meta-llama/llama-3.3-70b-instruct", "Llama 3.3 70B"),
  m("groq", "moonshotai/kimi-k2", "Kimi K2"),
  m("anthropic", "claude-sonnet-4-5", "Claude Sonnet 4.5"),
];
// groq has no key: pi counts its models as known, never as available.
const AVAILABLE = KNOWN.filter((x) => x.provider !== "groq");

const VERSIONS = ["0.73.1", "0.87.1", "1.6.0"];

function adviceFor(pattern: string, version: string) {
  const report = resolveScope([pattern], AVAILABLE, rulesFor(version), undefined, KNOWN);
  expect(report.unmatched).toEqual([pattern]);
  expect(report.advice).toHaveLength(1);
  return report.advice[0]!;
}

/** What the fix scopes, resolved alone as pi would: never nothing. */
function scopedByFix(fix: string, version: string): string[] {
  return resolveScope([fix], AVAILABLE, rulesFor(version)).models;
}

describe.each(VERSIONS)("scope advice under pi %s's rules", (version) => {
  it("a glob whose * does not cross /: a leading */ for bare ids, /** after a provider, */ after the provider", () => {
    const bare = adviceFor("qwen3-coder*", version);
    expect(bare).toEqual({ pattern: "qwen3-coder*", cause: "glob-slash", message: expect.stringContaining('"*" does not cross "/"'), fix: "*/qwen3-coder*" });
    expect(scopedByFix(bare.fix!, version)).toEqual(["openrouter/qwen/qwen3-coder", "openrouter/qwen/qwen3-coder-plus"]);

    const provider = adviceFor("openrouter-bedrock/*:high", version);
    expect(provider.fix).toBe("openrouter-bedrock/**:high");
    expect(resolveScope([provider.fix!], AVAILABLE, rulesFor(version)).thinking).toEqual({ "openrouter-bedrock/anthropic/claude-sonnet-4.5": "high", "openrouter-bedrock/meta-llama/llama-3.3-70b-instruct": "high" });

    const inner = adviceFor("openrouter/qwen3*", version);
    expect(inner.fix).toBe("openrouter/*/qwen3*");
    expect(scopedByFix(inner.fix!, version)).toEqual(["openrouter/qwen/qwen3-coder", "openrouter/qwen/qwen3-coder-plus"]);
  });

  it("a slash fix that reaches models with a key wins over keyless providers the glob matches as written, which it names", () => {
    const known = [...KNOWN, m("moonshotai", "kimi-k2-0905-preview"), m("openrouter", "moonshotai/kimi-k2-0905")];
    const report = resolveScope(["kimi-k2-09*"], known.filter((x) => x.provider !== "moonshotai"), rulesFor(version), undefined, known);
    expect(report.advice).toEqual([
      { pattern: "kimi-k2-09*", cause: "glob-slash", message: expect.stringMatching(/"\*\/kimi-k2-09\*" scopes 1 model \(openrouter\/moonshotai\/kimi-k2-0905\)\. As written it matches only models whose provider has no key \(moonshotai\)\.$/), fix: "*/kimi-k2-09*" },
    ]);
  });

  it("a misspelt provider prefix: did you mean, by edit distance or as a word of the name", () => {
    const typo = adviceFor("openrouter-bedrok/**", version);
    expect(typo).toEqual({ pattern: "openrouter-bedrok/**", cause: "provider-prefix", message: expect.stringContaining('pi knows no provider "openrouter-bedrok": did you mean openrouter-bedrock? "openrouter-bedrock/**" scopes 2 models'), fix: "openrouter-bedrock/**" });
    expect(scopedByFix(typo.fix!, version)).toHaveLength(2);

    const word = adviceFor("bedrock/meta-llama/*", version);
    expect(word.fix).toBe("openrouter-bedrock/meta-llama/*");
    expect(scopedByFix(word.fix!, version)).toEqual(["openrouter-bedrock/meta-llama/llama-3.3-70b-instruct"]);

    // Both wrong at once: the provider and the slash.
    expect(adviceFor("openrouter-bedrok/*", version).fix).toBe("openrouter-bedrock/**");
  });

  it("a provider that does not have the model, when another provider does", () => {
    const moved = adviceFor("openrouter-bedrock/qwen/qwen3-coder", version);
    expect(moved).toEqual({ pattern: "openrouter-bedrock/qwen/qwen3-coder", cause: "provider-prefix", message: expect.stringContaining('openrouter-bedrock has no model "qwen/qwen3-coder"; openrouter has it. "openrouter/qwen/qwen3-coder" scopes 1 model (openrouter/qwen/qwen3-coder).'), fix: "openrouter/qwen/qwen3-coder" });
    expect(scopedByFix(moved.fix!, version)).toEqual(["openrouter/qwen/qwen3-coder"]);
  });

  it("an id no model pi knows has: the closest ids, the nearest as the fix", () => {
    const typo = adviceFor("openrouter/qwen/qwen3-codr:low", version);
    expect(typo).toEqual({ pattern: "openrouter/qwen/qwen3-codr:low", cause: "not-in-catalog", message: expect.stringContaining("Closest: openrouter/qwen/qwen3-coder"), fix: "openrouter/qwen/qwen3-coder:low" });
    expect(scopedByFix(typo.fix!, version)).toEqual(["openrouter/qwen/qwen3-coder"]);

    expect(adviceFor("nothing-like-this", version)).toEqual({ pattern: "nothing-like-this", cause: "not-in-catalog", message: expect.stringContaining('No model pi knows is called "nothing-like-this"') });
    expect(adviceFor("gpt-9*", version)).toEqual({ pattern: "gpt-9*", cause: "not-in-catalog", message: expect.stringContaining("No model pi knows matches this glob") });
  });

  it("models that exist but whose provider has no key: no fix, the provider named", () => {
    expect(adviceFor("groq/**", version)).toEqual({ pattern: "groq/**", cause: "no-key", message: expect.stringMatching(/^It matches groq\/moonshotai\/kimi-k2, but groq has no key/) });
    expect(adviceFor("kimi", version).cause).toBe("no-key");
    // The slash fix would match, but only a keyless provider's model: the key is what is missing, and no fix is offered.
    const needsBoth = adviceFor("kimi*", version);
    expect(needsBoth).toEqual({ pattern: "kimi*", cause: "no-key", message: expect.stringContaining('"*/kimi*" would match groq/moonshotai/kimi-k2, but groq has no key') });
  });
});

describe("what gets no advice", () => {
  it("patterns that match, and globs named in the hints as cut short or refused", () => {
    const braces = `openrouter/${"{a,b}".repeat(14)}*`;
    const report = resolveScope(["openrouter/**", braces], AVAILABLE, rulesFor("1.6.0"), undefined, KNOWN);
    expect(report.unmatched).toEqual([braces]);
    expect(report.hints.map((h) => h.pattern)).toEqual([braces]);
    expect(report.advice).toEqual([]);
  });

  it("stops advising when its time is up, keeping the scope itself whole", () => {
    let t = 0;
    // Each reading of this clock moves 10 ms on: plenty for the scope's globs, while the advice's
    // 300 ms are gone after a few patterns (each tries several candidate fixes).
    const budget: ScopeBudget = { perPatternMs: 10_000, totalMs: 100_000, now: () => (t += 10) };
    const patterns = ["openrouter/**", ...Array.from({ length: 20 }, (_, i) => `missing-${i}*`)];
    const report = resolveScope(patterns, AVAILABLE, rulesFor("1.6.0"), budget, KNOWN);
    expect(report.models).toHaveLength(3);
    expect(report.unmatched).toHaveLength(20);
    expect(report.hints).toEqual([]);
    expect(report.advice.length).toBeGreaterThan(0);
    expect(report.advice.length).toBeLessThan(20);
  });
});

describe("the fixes, asked of real pi 1.6.0", () => {
  const work = mkdtempSync(join(tmpdir(), "scope-advice-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** An agent dir with a keyed virtual provider whose ids contain a slash, and one whose key variable is unset. */
  function writeDir(dir: string, patterns: string[]): void {
    mkdirSync(dir, { recursive: true });
    const providers = {
      "openrouter-bedrock": {
        baseUrl: "https://openrouter.ai/api/v1",
        api: "openai-completions",
        apiKey: "sk-or-scope-advice",
        models: [{ id: "anthropic/claude-sonnet-4.5" }, { id: "qwen/qwen3-coder" }, { id: "qwen/qwen3-coder-plus" }],
      },
      "keyless-lab": { baseUrl: "http://127.0.0.1:9/v1", api: "openai-completions", apiKey: "$SCOPE_ADVICE_UNSET_KEY", models: [{ id: "lab/kimi-k2" }] },
    };
    writeFileSync(join(dir, "models.json"), JSON.stringify({ providers }, null, 2));
    writeFileSync(join(dir, "settings.json"), JSON.stringify({ enabledModels: patterns }, null, 2));
  }

  it("leaves every advised pattern unmatched, scopes what the core says for every fix, and has no key for the no-key one", async () => {
    const pi = testPiByVersion("1.6.0");
    const env = baseEnv(join(work, "home"));
    const catalog = await loadPiCatalog({ ...env, PI_SWITCHBOARD_PI: pi.piDir });
    expect(catalog.info.version).toBe("1.6.0");

    const patterns = ["qwen3-coder*", "openrouter-bedrock/*", "openrouter-bedrok/**:high", "openrouter-bedrock/qwen/qwen3-codr", "lab/*"];
    const before = join(work, "before");
    writeDir(before, patterns);
    const { snapshot } = await readAgentState(before, await readAgentFiles(before, { settle: false }), catalog, env);
    const advice = new Map(snapshot.scope.advice.map((a) => [a.pattern, a]));
    expect([...advice.values()].map((a) => [a.pattern, a.cause, a.fix])).toEqual([
      ["qwen3-coder*", "glob-slash", "*/qwen3-coder*"],
      ["openrouter-bedrock/*", "glob-slash", "openrouter-bedrock/**"],
      ["openrouter-bedrok/**:high", "provider-prefix", "openrouter-bedrock/**:high"],
      ["openrouter-bedrock/qwen/qwen3-codr", "not-in-catalog", "openrouter-bedrock/qwen/qwen3-coder"],
      ["lab/*", "no-key", undefined],
    ]);

    // Each fix on its own, so a fix that an earlier one covers still has to match by itself.
    const fixes = [...advice.values()].flatMap((a) => (a.fix ? [a.fix] : []));
    const cases = [{ name: "before", dir: before }];
    fixes.forEach((fix, i) => {
      const dir = join(work, `fix-${i}`);
      writeDir(dir, [fix]);
      cases.push({ name: `fix-${i}`, dir });
    });
    const outcome = await runOracle({ node: pi.node, piDir: pi.piDir, cases, env, timeoutMs: 90_000, workDir: mkdtempSync(join(work, "oracle-")) });
    if (!outcome.ok) throw new Error(outcome.message);
    const answers = new Map(outcome.answers.map((a) => [a.name, a]));

    const piBefore = answers.get("before")!;
    expect(piBefore.error).toBeNull();
    expect(piBefore.unmatched).toEqual(patterns);
    expect(piBefore.available).not.toContain("keyless-lab/lab/kimi-k2");
    expect(piBefore.models.map((x) => `${x.provider}/${x.id}`)).toContain("keyless-lab/lab/kimi-k2");

    for (const [i, fix] of fixes.entries()) {
      const piFix = answers.get(`fix-${i}`)!;
      const core = resolveScope([fix], snapshot.models.filter((x) => x.available), catalog.rules);
      expect(piFix.unmatched, fix).toEqual([]);
      expect(piFix.scope.map((s) => `${s.ref}${s.thinkingLevel ? `:${s.thinkingLevel}` : ""}`), fix).toEqual(core.models.map((r) => `${r}${core.thinking[r] ? `:${core.thinking[r]}` : ""}`));
    }
    expect(answers.get("fix-0")!.scope.map((s) => s.ref)).toEqual(["openrouter-bedrock/qwen/qwen3-coder", "openrouter-bedrock/qwen/qwen3-coder-plus"]);
  }, 120_000);
});
