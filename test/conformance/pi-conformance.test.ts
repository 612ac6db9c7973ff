/**
 * Conformance with three real pis (0.73.1, 0.87.1, 1.6.0, each on its own Node): for every agent dir
 * of the corpus, each pi's answers through the oracle (src-main/core/pi/verdict/pi-oracle.mjs) must
 * equal the core's when the core is pointed at that pi, field by field: the models.json and
 * settings.json verdict, every model, the routing object pi sends, availability, the scope in order
 * with thinking levels and the unmatched patterns, the model pi starts with, and where each
 * provider's key comes from (form, origin, whether it resolves). Known disagreements are listed, with
 * their reason, in known-gaps.ts and run as `it.fails`; key conventions are in README.md here.
 */
import { execSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAgentState, type AgentState } from "../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../src-main/core/pi/read-agent-files.js";
import { resolvePlainValue } from "../../src-main/core/pi/config-value.js";
import { loadPiCatalog, type PiCatalog } from "../../src-main/core/pi/pi-install.js";
import { listedModels } from "../../src-main/cli/commands/models.js";
import { flagsHeaderFailure, isHeaderFailure } from "../../src-main/core/pi/verdict/compare-verdict.js";
import type { KeySource } from "../../src-main/core/common/index.js";
import { compare } from "./conformance-it.js";
import { askPi, baseEnv, fingerprint, loadCorpus, ref, type CorpusCase, type PiAnswer } from "./corpus.js";
import { KNOWN_GAPS } from "./known-gaps.js";
import { TEST_PIS, type TestPi } from "./pi-versions.js";

const SUITE = "pi-conformance";
const cases = loadCorpus();
const home = mkdtempSync(join(tmpdir(), "pi-conformance-home-"));
const env = baseEnv(home);
// All three pis answer at collection time (one oracle child each, in parallel): which comparisons
// can run depends on whether pi answered a case at all.
const answersByVersion = new Map(await Promise.all(TEST_PIS.map(async (pi) => [pi.version, await askPi(pi, cases, env)] as const)));

afterAll(() => rmSync(home, { recursive: true, force: true }));

async function coreState(dir: string, caseEnv: Record<string, string>, catalog: PiCatalog): Promise<AgentState> {
  const files = await readAgentFiles(dir, { settle: false });
  return await readAgentState(dir, files, catalog, { ...env, ...caseEnv });
}

/** The key values the core's keySource points at, in the case's environment. */
function valuesPointedAt(state: AgentState, catalog: PiCatalog, provider: string, source: KeySource, caseEnv: Record<string, string>): string[] {
  const fullEnv = { ...env, ...caseEnv };
  const authEntry = state.keyContext.auth[provider] as { key?: string; access?: string } | null | undefined;
  const raw = source.origin === "auth.json" ? authEntry?.key : source.origin === "models.json" ? state.modelsConfig?.providers?.[provider]?.apiKey : undefined;
  switch (source.form) {
    case "env":
    case "literal": {
      // From the environment pi-ai's getEnvApiKey decides the value (e.g. "<authenticated>" for AWS profiles).
      if (source.origin === "environment") return [catalog.envApiKey(provider, fullEnv)].filter((v): v is string => v !== undefined);
      if (typeof raw !== "string") return [];
      // The file's text read by the core's own rules (config-value.ts): templates, escapes, bare names.
      const credEnv = (authEntry as { env?: Record<string, string> } | null | undefined)?.env ?? {};
      const value = resolvePlainValue(raw, fullEnv, catalog.rules, source.origin === "auth.json" ? credEnv : {});
      return value === undefined ? [] : [value];
    }
    case "command": {
      const command = (source.label ?? "").replace(/^!/, "");
      try {
        // The corpus is ours: running its key commands (`!echo …`) is what pi does with them.
        const out = execSync(command, { env: fullEnv, encoding: "utf8", timeout: 10_000, stdio: ["ignore", "pipe", "ignore"] }).trim();
        return out ? [out] : [];
      } catch {
        return [];
      }
    }
    case "oauth":
      return authEntry?.access ? [authEntry.access] : [];
    default:
      return [];
  }
}

/** Where a fingerprint came from among the values the case planted (for messages only). */
function plantedOrigins(state: AgentState, caseEnv: Record<string, string>): Map<string, string> {
  const found = new Map<string, string>();
  const add = (value: unknown, where: string) => {
    if (typeof value === "string" && value !== "" && !found.has(fingerprint(value))) found.set(fingerprint(value), where);
  };
  for (const [name, value] of Object.entries(caseEnv)) add(value, `environment ${name}`);
  for (const [provider, entry] of Object.entries(state.keyContext.auth)) add((entry as { key?: string } | null)?.key, `auth.json ${provider}.key (literal)`);
  for (const [provider, entry] of Object.entries(state.modelsConfig?.providers ?? {})) add(entry?.apiKey, `models.json ${provider}.apiKey (literal)`);
  return found;
}

/**
 * Two lists must be equal, in order. The failure says what pi has that the core has not and the
 * reverse (a few of each), which is what known-gaps.ts quotes.
 */
function sameList(what: string, core: string[], pi: string[]): void {
  if (JSON.stringify(core) === JSON.stringify(pi)) return;
  const coreSet = new Set(core);
  const piSet = new Set(pi);
  const onlyPi = pi.filter((x) => !coreSet.has(x));
  const onlyCore = core.filter((x) => !piSet.has(x));
  const few = (list: string[]) => `${list.slice(0, 3).join(", ")}${list.length > 3 ? ` (+${list.length - 3})` : ""}`;
  const parts = [onlyPi.length > 0 && `pi has ${few(onlyPi)} that the core has not`, onlyCore.length > 0 && `the core has ${few(onlyCore)} that pi has not`].filter(Boolean);
  throw new Error(`${what}: ${parts.length > 0 ? parts.join("; ") : `same entries, pi's order: ${few(pi)}; core's: ${few(core)}`}`);
}

it("the corpus is hard enough: at least 60 cases, each described", () => {
  expect(cases.length).toBeGreaterThanOrEqual(60);
  for (const c of cases) expect(c.description, c.name).not.toBe("");
});

it("known-gaps.ts names only real cases and fields of this suite's pis", () => {
  const names = new Set(cases.map((c) => c.name));
  const versions = new Set(TEST_PIS.map((p) => p.version));
  for (const gap of KNOWN_GAPS.filter((g) => g.suite === SUITE)) {
    expect(versions, JSON.stringify(gap)).toContain(gap.version);
    expect(names, JSON.stringify(gap)).toContain(gap.case);
    expect(gap.reason.length, JSON.stringify(gap)).toBeGreaterThan(10);
  }
});

describe.each(TEST_PIS)("pi $version", (pi: TestPi) => {
  const answers = answersByVersion.get(pi.version)!;
  let catalog: PiCatalog;
  beforeAll(async () => {
    catalog = await loadPiCatalog({ PI_SWITCHBOARD_PI: pi.piDir });
  });

  it(`the core reads pi ${pi.version}'s catalog, and pi never reached the network`, () => {
    expect(catalog.info.found).toBe(true);
    expect(catalog.info.version).toBe(pi.version);
    expect([...answers.values()].flatMap((a) => a.network ?? [])).toEqual([]);
    expect([...answers.values()].every((a) => a.piVersion === pi.version)).toBe(true);
  });

  describe.each(cases)("$name", (c: CorpusCase) => {
    const answer = answers.get(c.name)!;
    let state: Promise<AgentState> | undefined;
    const core = () => (state ??= coreState(c.dir, c.env, catalog));
    const field = (name: Parameters<typeof compare>[3], title: string, body: (pi: PiAnswer, state: AgentState) => void) =>
      answer.error ? it.skip(`${title} (pi ${pi.version} did not answer this case)`, () => {}) : compare(pi.version, SUITE, c.name, name, title, async () => body(answer, await core()));

    compare(pi.version, SUITE, c.name, "answered", "pi answers, or refuses files the core also calls invalid", async () => {
      if (answer.error === null) return;
      const { snapshot } = await core();
      const invalid = [snapshot.modelsFile, snapshot.settingsFile, snapshot.authFile].filter((f) => !f.valid);
      expect(invalid.map((f) => f.path), `pi ${pi.version} failed: ${answer.error}`).not.toEqual([]);
    });

    field("verdict", "gives pi's verdict on models.json and settings.json", (p, { snapshot: core }) => {
      expect(core.modelsFile.valid, `pi: ${p.modelsError}\ncore: ${JSON.stringify(core.modelsFile.errors)}`).toBe(p.modelsError === null);
      if (!core.modelsFile.valid) expect(core.modelsFile.errors.length).toBeGreaterThan(0);
      expect(core.settingsFile.valid, `pi: ${p.settingsErrors.join("; ")}`).toBe(p.settingsValid);
    });

    field("models", "has pi's models in pi's order, each with pi's name, api, baseUrl and origin", (p, { snapshot: core }) => {
      const coreModels = core.models.map((m) => ({ provider: m.provider, id: m.id, name: m.name, api: m.api, baseUrl: m.baseUrl, builtIn: m.origin === "built-in" }));
      const piModels = p.models.map(({ provider, id, name, api, baseUrl, builtIn }) => ({ provider, id, name, api, baseUrl, builtIn }));
      const line = (m: (typeof piModels)[number]) => `${ref(m)} ${m.name} ${m.api} ${m.baseUrl}${m.builtIn ? " built-in" : ""}`;
      sameList("models", coreModels.map(line), piModels.map(line));
    });

    field("routing", "sends pi's routing (the body's `provider`) for every model, keys in pi's order", (p, { snapshot: core }) => {
      const routed = (list: { provider: string; id: string; routing: unknown }[]) => list.filter((m) => m.routing !== null).map((m) => `${ref(m)} ${JSON.stringify(m.routing)}`);
      sameList("routing", routed(core.models), routed(p.models));
    });

    field("available", "counts the same models available", (p, { snapshot: core }) => {
      sameList("available", core.models.filter((m) => m.available).map(ref), p.available);
    });

    field("scope", "scopes pi's models in pi's order, with pi's thinking levels, unmatched patterns and warnings", (p, { snapshot: core }) => {
      sameList("scope", core.scope.models.map((r) => `${r}${core.scope.thinking[r] ? `:${core.scope.thinking[r]}` : ""}`), p.scope.map((s) => `${s.ref}${s.thinkingLevel ? `:${s.thinkingLevel}` : ""}`));
      sameList("unmatched", core.scope.unmatched, p.unmatched);
      const scopeWarnings = core.settingsFile.warnings.filter((w) => w.path === "enabledModels" && w.line === null).map((w) => w.message);
      sameList("scope warnings", scopeWarnings, p.scopeWarnings);
      expect(core.models.filter((m) => m.scoped).map(ref).sort()).toEqual(p.scope.map((s) => s.ref).sort());
    });

    field("default", "starts with pi's model and thinking level", (p, { snapshot: core }) => {
      expect(p.default.error, "pi could not start a session").toBeUndefined();
      // The snapshot's own answer (start-model.ts): pi's scope pick, saved default, provider defaults, clamped level.
      const start = core.default.start;
      const expected = { ref: start?.ref ?? null, thinkingLevel: start?.thinkingLevel ?? null };
      const piStart = { ref: p.default.ref, thinkingLevel: p.default.ref === null ? null : p.default.thinkingLevel };
      expect(piStart, `pi starts with ${JSON.stringify(piStart)}; core says ${JSON.stringify(start)}`).toEqual(expected);
    });

    field("keys", "points at the key pi uses for every provider (form, origin, resolves)", (p, state) => {
      const core = state.snapshot;
      const planted = plantedOrigins(state, c.env);
      const problems: string[] = [];
      for (const [provider, key] of Object.entries(p.keys)) {
        const source = core.models.find((m) => m.provider === provider)?.keySource;
        if (!source) {
          problems.push(`${provider}: the core has no model of this provider`);
          continue;
        }
        // pi fails on a header before it takes a key: the core must flag that header instead.
        if (isHeaderFailure(key.error)) {
          if (!flagsHeaderFailure(provider, core.models)) problems.push(`${provider}: pi fails before sending (${key.error}); the core flags no header-unset problem`);
          continue;
        }
        const values = valuesPointedAt(state, catalog, provider, source, c.env);
        const coreResolves = source.resolves ?? values.length > 0;
        const piFrom = key.fingerprint ? (planted.get(key.fingerprint) ?? "a value the case did not plant") : "no key";
        const coreSays = `${source.origin}/${source.form}${source.label ? ` ${source.label}` : ""} (resolves: ${source.resolves})`;
        if (key.resolves !== coreResolves) problems.push(`${provider}: pi ${key.resolves ? `resolves a key (${piFrom})` : `resolves none${key.error ? ` (${key.error})` : ""}`}; core says ${coreSays}`);
        else if (key.fingerprint && !values.map(fingerprint).includes(key.fingerprint)) problems.push(`${provider}: pi's key is ${piFrom}; core says ${coreSays}`);
      }
      if (problems.length > 0) throw new Error(problems.join("\n"));
    });

    field("listed", "lists (CLI `models`) every model models.json touches plus every scoped one", (p, { snapshot: core }) => {
      const scoped = p.scope.map((s) => s.ref);
      const touched = p.models.filter((m) => !m.builtIn).map(ref).filter((r) => !scoped.includes(r));
      sameList("listed", listedModels({ ...core, revision: 0, watching: "off" }, false).map(ref), [...scoped, ...touched]);
    });
  });
});
