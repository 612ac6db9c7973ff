/**
 * `spend` over session files that real pi wrote (1.6.0 and 0.73.1, against the fake OpenRouter):
 * its totals equal the test's own sums of usage.cost.total and tokens over the files, rows split
 * by model, project and thinking level as the runs were made, and `--verify` shows OpenRouter's
 * served-by and real cost for every OpenRouter answer, asked once (the second run, with the fake
 * closed, answers from the disk cache; a fresh data dir offline says what is not verified).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SpendReport, SpendVerification } from "../../src-main/core/common/contract/spend.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../fake-openrouter/server.js";
import { DEFAULT_KEY } from "../fake-openrouter/table.js";
import { recordRealSessions, sessionFiles, sumSessionFiles, type RecordedSessions } from "../sessions/real-pi-sessions.js";
import { runCli } from "../unit/core/vault/vault-test-env.js";
import { testPiByVersion } from "./pi-versions.js";

type SpendJson = SpendReport & { verified?: SpendVerification };

describe.each(["1.6.0", "0.73.1"])("spend over sessions real pi %s wrote", { timeout: 300_000 }, (version) => {
  let fake: FakeOpenRouter;
  let root: string;
  let recorded: RecordedSessions;
  let closed = false;
  const dataDir = () => join(root, "data");
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, OPENROUTER_API_KEY: DEFAULT_KEY, PI_SWITCHBOARD_DATA_DIR: dataDir(), PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl, PI_CODING_AGENT_SESSION_DIR: "", PI_SWITCHBOARD_PI: testPiByVersion(version).piDir });
  const spend = async (args: string[], e = env()): Promise<SpendJson> => {
    const r = await runCli(["spend", "--json", "--agent-dir", recorded.agentDir, ...args], { env: e });
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as SpendJson;
  };

  beforeAll(async () => {
    fake = await startFakeOpenRouter();
    root = mkdtempSync(join(tmpdir(), `spend-pi-${version}-`));
    recorded = await recordRealSessions(testPiByVersion(version), fake, root);
  });
  afterAll(async () => {
    if (!closed) await fake?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("totals equal the sums over the files pi wrote", async () => {
    const files = sessionFiles(recorded.agentDir);
    expect(files, JSON.stringify(recorded.runs, null, 1)).toHaveLength(3);
    const sums = sumSessionFiles(files);
    // Four answers: two in project a (the second appended with --continue), two in project b, one of them refused.
    expect(sums.requests, JSON.stringify(recorded.runs, null, 1)).toBe(4);
    expect(sums.errors).toBe(1);
    expect(sums.cost).toBeGreaterThan(0);

    const report = await spend([]);
    expect(report.total.cost).toBeCloseTo(sums.cost, 12);
    expect(report.total).toMatchObject({ requests: sums.requests, input: sums.input, output: sums.output, cacheRead: sums.cacheRead, cacheWrite: sums.cacheWrite, errors: sums.errors });
    expect(report.source.files).toBe(3);
    expect(report.rows.map((r) => `${r.provider}/${r.model}:${r.requests}`).sort()).toEqual(["openrouter-groq/moonshotai/kimi-k2:1", "openrouter-stale-key/openai/gpt-4o-mini:1", "openrouter/openai/gpt-4o-mini:2"]);
    expect(report.rows.reduce((sum, r) => sum + r.cost, 0)).toBeCloseTo(sums.cost, 12);
  });

  it("groups by project (the session header's cwd), provider, day and thinking level", async () => {
    const byProject = await spend(["--by", "project"]);
    expect(byProject.rows.map((r) => [r.project, r.requests]).sort()).toEqual([
      [recorded.projects.a, 2],
      [recorded.projects.b, 2],
    ]);
    const byProvider = await spend(["--by", "provider"]);
    expect(byProvider.rows.map((r) => r.provider).sort()).toEqual(["openrouter", "openrouter-groq", "openrouter-stale-key"]);
    const today = await spend(["--by", "day", "--since", "today"]);
    expect(today.rows).toHaveLength(1);
    expect(today.total.requests).toBe(4);
    const byThinking = await spend(["--by", "thinking"]);
    // 1.x records the level on each answer; 0.73.1 only in thinking_level_change entries, which the reader follows.
    expect(byThinking.rows.find((r) => r.thinking === "high")?.requests).toBe(1);
    expect(byThinking.rows.find((r) => r.thinking === "off")?.requests).toBe(3);
  });

  it("--verify shows who served each OpenRouter answer and what it cost, asked once, then from the cache", async () => {
    const sums = sumSessionFiles(sessionFiles(recorded.agentDir));
    const lookups = () => fake.requests.filter((r) => r.path.includes("/generation?"));
    const asked = () => lookups().length;
    const before = asked();
    const first = (await spend(["--verify"])).verified!;
    // The refused answer has no responseId: three OpenRouter answers to verify.
    expect(sums.responseIds).toHaveLength(3);
    expect(first).toMatchObject({ answers: 3, verified: 3, note: null });
    expect(asked() - before).toBe(3);
    // With the key pi uses for each provider (the env var here), to OpenRouter only.
    expect(new Set(lookups().map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${DEFAULT_KEY}`]));
    expect(first.servedBy.map((s) => [s.provider, s.answers]).sort()).toEqual([
      ["Groq", 1],
      ["OpenAI", 2],
    ]);
    expect(first.realCost).toBeGreaterThan(0);
    expect(first.outsideOnly).toEqual([]);
    expect(first.models.find((m) => m.provider === "openrouter-groq")).toMatchObject({ only: ["groq"], outsideOnly: 0, verified: 1 });
    const cache = join(dataDir(), "generations.json");
    expect(statSync(cache).mode & 0o777).toBe(0o600);
    expect(readFileSync(cache, "utf8")).not.toContain(DEFAULT_KEY);

    // Routing changed since: the answer Groq served is now outside the model's only list. Nothing is asked again.
    const modelsPath = join(recorded.agentDir, "models.json");
    const models = JSON.parse(readFileSync(modelsPath, "utf8")) as { providers: Record<string, { compat?: { openRouterRouting?: { only?: string[] } } }> };
    models.providers["openrouter-groq"]!.compat!.openRouterRouting!.only = ["together"];
    writeFileSync(modelsPath, JSON.stringify(models, null, 2));
    const again = (await spend(["--verify"])).verified!;
    expect(asked() - before).toBe(3);
    expect(again.outsideOnly).toMatchObject([{ provider: "openrouter-groq", servedBy: "Groq", only: ["together"] }]);
  });

  it("offline, --verify answers from the cache and says what is not verified", async () => {
    const offline = env();
    await fake.close();
    closed = true;
    const fromCache = (await spend(["--verify"], offline)).verified!;
    expect(fromCache).toMatchObject({ answers: 3, verified: 3, note: null });
    const fresh = (await spend(["--verify"], { ...offline, PI_SWITCHBOARD_DATA_DIR: join(root, "fresh-data") })).verified!;
    expect(fresh.verified).toBe(0);
    expect(fresh.note).toMatch(/^3 of 3 OpenRouter answers not verified\./);
  });
});
