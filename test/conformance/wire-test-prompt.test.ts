/**
 * Wire conformance of routed test prompts, for each test pi (0.73.1, 0.87.1, 1.6.0 on its own
 * Node): the request the app's test prompt sends (runTestPrompt, the core pointed at that pi) and
 * the request that pi sends (`pi -p`) for the same model of the same agent dir carry the same URL
 * below the baseUrl, `model`, `provider` object (same keys, values and order), body fields that
 * samplingParams merge in, and Authorization. Both go to a loopback capture server, each side to its
 * own copy of the agent dir (pi's run is the one pi-wire compares with the core: shared-pi-runs.ts,
 * made once for both suites). Where pi sends nothing (no key), the app's test sends nothing and says
 * why; a model whose baseUrl is not OpenRouter's (a proxy) is refused before anything is sent (the
 * capture server stands in for OpenRouter only for the cases that went to openrouter.ai). A model on
 * anthropic-messages (OpenRouter's Claude models in pi >= 0.87, a virtual provider declared so in
 * any pi) is tested as pi calls it: the same path below the baseUrl (…/v1/messages), the key in the
 * same header (x-api-key), the same model and max_tokens, and no `provider` object although the
 * model has routing. Cases: test/fixtures/wire, wire-test-prompt (key commands, env-name keys,
 * merged levels, max_price, sort objects, a routed virtual provider on anthropic-messages),
 * wire-key-fallbacks, and the corpus dirs of wire-harness.ts that carry a version difference.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAgentState } from "../../src-main/core/agent-state.js";
import type { TestResult, TestTarget } from "../../src-main/core/common/index.js";
import { readAgentFiles } from "../../src-main/core/pi/read-agent-files.js";
import { runTestPrompt } from "../../src-main/core/openrouter/test-prompt.js";
import { loadPiCatalog, type PiCatalog } from "../../src-main/core/pi/pi-install.js";
import { parseLenientJson } from "../../src-main/core/pi/pi-json.js";
import { compare } from "./conformance-it.js";
import { baseEnv } from "./corpus.js";
import { TEST_PIS, type TestPi } from "./pi-versions.js";
import { sharedPiRun } from "./shared-pi-runs.js";
import { comparedFields, findModel, loadWireCorpus, loadWireFixtures, pool, samplingKeys, splitLevel, startCaptureServer, wireAgentDir, type Captured, type CaptureServer, type PiRun, type WireCase } from "./wire-harness.js";

const SUITE = "wire-test-prompt";
const cases: WireCase[] = [...loadWireFixtures("wire", "wire-test-prompt", "wire-key-fallbacks"), ...loadWireCorpus()];
const work = mkdtempSync(join(tmpdir(), "wire-test-prompt-"));
let server: CaptureServer;

interface Outcome {
  pi: Captured[];
  piRun: PiRun;
  app: Captured[];
  result: TestResult;
  /** The body keys the model's samplingParams could merge in (read by the core from the app's copy). */
  samplingKeys: string[];
  api: string | null;
}
const outcomes = new Map<string, Outcome>();

/** Did the case's model go to https://openrouter.ai before the harness moved every baseUrl to the capture server? */
function wentToOpenRouter(c: WireCase): boolean {
  const path = join(c.dir, "models.json");
  const text = existsSync(path) ? readFileSync(path, "utf8").replaceAll("{{BASE_URL}}", "https://openrouter.ai/api/v1") : "";
  const parsed = text.trim() ? parseLenientJson(text) : null;
  const provider = c.model.slice(0, c.model.indexOf("/"));
  const entry = parsed?.ok ? (parsed.value as { providers?: Record<string, { baseUrl?: unknown }> }).providers?.[provider] : undefined;
  const baseUrl = typeof entry?.baseUrl === "string" ? entry.baseUrl : provider === "openrouter" ? "https://openrouter.ai/api/v1" : null;
  if (!baseUrl) return false;
  const url = new URL(baseUrl);
  return url.protocol === "https:" && url.hostname === "openrouter.ai";
}
const key = (pi: TestPi, c: WireCase) => `${pi.version}|${c.name}`;
function targetOf(model: string): TestTarget {
  const { ref, level } = splitLevel(model);
  return level ? { ref, thinkingLevel: level } : { ref };
}
/** The key a request carried: x-api-key on the Messages API, else the bearer token. */
const sentKey = (request: Captured): string | undefined => request.xApiKey ?? request.authorization?.replace(/^Bearer /, "");

beforeAll(async () => {
  server = await startCaptureServer();
  const catalogs = new Map<string, PiCatalog>(await Promise.all(TEST_PIS.map(async (pi) => [pi.version, await loadPiCatalog({ PI_SWITCHBOARD_PI: pi.piDir })] as const)));
  const runs = TEST_PIS.flatMap((pi) => cases.map((c, i) => ({ pi, c, appTag: `app-${pi.version}-${i}` })));
  // Each pi -p runs once for both wire suites (shared-pi-runs.ts, two pis at a time across files,
  // on its own capture server); four asks in flight keep its two slots busy.
  await pool(runs, 4, async ({ pi, c, appTag }) => {
    const appDir = wireAgentDir(c, join(work, appTag, "agent"), server.origin, appTag);
    // The capture server stands in for OpenRouter (PI_SWITCHBOARD_OPENROUTER_URL) only where the case's
    // model went to openrouter.ai; a proxy's rewritten URL then counts as another host, as it is.
    const env = { ...baseEnv(join(work, appTag, "home")), ...c.env, PI_SWITCHBOARD_OPENROUTER_URL: wentToOpenRouter(c) ? server.origin : "http://127.0.0.1:9" };
    const state = await readAgentState(appDir, await readAgentFiles(appDir, { settle: false }), catalogs.get(pi.version)!, env);
    const [piSide, result] = await Promise.all([
      sharedPiRun(pi, c),
      // `REF:level` in the case is what the level picker and `test REF:level` send.
      runTestPrompt({ state, target: targetOf(c.model), prompt: "hi" }),
    ]);
    const model = findModel(state, c.model);
    outcomes.set(key(pi, c), { pi: piSide.requests, piRun: piSide.run, app: server.requests.get(appTag) ?? [], result, samplingKeys: samplingKeys(model), api: model?.api ?? null });
  });
}, 900_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe.each(TEST_PIS)("pi $version", (pi: TestPi) => {
  it("the corpus is routed: pi sent a provider object using every routing key", () => {
    const sent = cases.map((c) => outcomes.get(key(pi, c))!.pi[0]?.body.provider).filter((p): p is Record<string, unknown> => typeof p === "object" && p !== null);
    expect(sent.length).toBeGreaterThanOrEqual(cases.length / 2);
    const keys = new Set(sent.flatMap((p) => Object.keys(p)));
    for (const k of ["only", "order", "ignore", "allow_fallbacks", "quantizations", "max_price", "sort", "zdr", "data_collection", "require_parameters"]) expect(keys).toContain(k);
  });

  it("Claude on anthropic-messages was tested over the Messages API, where pi sent it, with the routing left out as pi leaves it", () => {
    const onMessages = cases.filter((c) => outcomes.get(key(pi, c))!.api === "anthropic-messages");
    // The virtual provider declares the api in every pi; OpenRouter's built-in Claude models use it
    // where pi's own catalog says so (0.87.1 and 1.x; not 0.73.1, 0.79.4 or 0.84.3): pi's request decides.
    const claude = outcomes.get(key(pi, cases.find((c) => c.name === "routing-openrouter-anthropic-model")!));
    const piSentClaudeToMessages = claude?.pi.some((r) => /\/v1\/messages$/.test(r.path)) ?? false;
    const expected = ["anthropic-messages-virtual-routed", ...(piSentClaudeToMessages ? ["routing-openrouter-anthropic-model"] : [])];
    expect(onMessages.map((c) => c.name)).toEqual(expect.arrayContaining(expected));
    for (const c of onMessages) {
      const o = outcomes.get(key(pi, c))!;
      expect(o.pi.map((r) => r.path)).toEqual([expect.stringMatching(/\/v1\/messages$/)]);
      expect(o.app.map((r) => r.path)).toEqual(o.pi.map((r) => r.path));
    }
    // Both expected cases carry openRouterRouting that pi does not send: the test says it was not honoured.
    for (const c of onMessages.filter((c) => expected.includes(c.name))) {
      const { result } = outcomes.get(key(pi, c))!;
      expect(result.routingRespected).toBe(false);
      expect(result.routingNote).toMatch(/^pi sends no routing for anthropic-messages/);
    }
  });

  describe.each(cases)("$name ($model)", (c: WireCase) => {
    const get = () => outcomes.get(key(pi, c))!;
    const explain = (o: Outcome) => `pi exited ${o.piRun.code}: ${(o.piRun.stderr || o.piRun.stdout).trim().slice(0, 400)}; app: ${JSON.stringify(o.result.error)}`;

    compare(pi.version, SUITE, c.name, "test-prompt", "the app's test prompt sends what pi sends (URL, model, provider, sampling fields, Authorization), or refuses clearly where it cannot", () => {
      const o = get();
      expect(o.pi.length, `pi sent ${o.pi.length} requests; ${explain(o)}`).toBeLessThanOrEqual(1);
      expect(o.app.length).toBeLessThanOrEqual(1);
      const piRequest = o.pi[0];
      if (!wentToOpenRouter(c)) {
        // A proxy's host is not OpenRouter: the test prompt sends it nothing, whatever pi does.
        expect(o.app).toEqual([]);
        expect(o.result.error?.message).toMatch(/does not go to OpenRouter: its baseUrl is .*, and test prompts send pi's key and headers to OpenRouter only, so nothing was sent\.$/);
        return;
      }
      if (!piRequest) {
        expect(o.app, `pi sent nothing (${explain(o)}), but the app's test did`).toEqual([]);
        expect(o.result.error, "the app's test must say why it sent nothing").not.toBeNull();
        return;
      }
      // Where pi's key is a variable's name (unset, or not read as a variable), OpenRouter can only
      // answer 401: the app's test sends nothing and names the variable instead (issue 13).
      const nameAsKey = /^(\$\{?[A-Za-z_]\w*\}?|[A-Z_][A-Z0-9_]*)$/.exec(sentKey(piRequest) ?? "")?.[1];
      if (nameAsKey && o.app.length === 0) {
        expect(o.result.error?.message).toContain(`"${nameAsKey}"`);
        expect(o.result.error?.message).toMatch(/The test was not sent\.$/);
        return;
      }
      expect(o.app.length, `pi sent a request, the app's test did not: ${explain(o)}`).toBe(1);
      const app = o.app[0]!;
      expect(o.result.error).toBeNull();
      expect(o.result.text).toBe("ok");
      expect(app.path).toBe(piRequest.path);
      if (o.api === "anthropic-messages") {
        // pi talks Anthropic's Messages API to OpenRouter, and so does the test: no routing, whatever models.json says.
        expect(piRequest.path).toMatch(/\/v1\/messages$/);
        expect(app.body.model).toBe(piRequest.body.model);
        expect(app.body.max_tokens).toBe(piRequest.body.max_tokens);
        expect(app.body.stream).toBe(true);
        expect("provider" in piRequest.body).toBe(false);
        expect("provider" in app.body).toBe(false);
        expect(piRequest.xApiKey).toMatch(/\S+/);
        expect(app.xApiKey).toBe(piRequest.xApiKey);
        expect(app.authorization).toBe(piRequest.authorization);
        return;
      }
      expect(comparedFields(app.body, o.samplingKeys)).toEqual(comparedFields(piRequest.body, o.samplingKeys));
      expect("provider" in app.body).toBe("provider" in piRequest.body);
      // Same keys in the same order: pi sends the merged object verbatim, so must the app.
      expect(JSON.stringify(app.body.provider)).toBe(JSON.stringify(piRequest.body.provider));
      expect(piRequest.authorization).toMatch(/^Bearer \S+/);
      expect(app.authorization).toBe(piRequest.authorization);
    });

    it("the app's result reports the request it sent, never the key", () => {
      const o = get();
      const app = o.app[0];
      if (!app) return;
      expect(o.result.request.model).toBe(app.body.model);
      expect(o.result.request.provider).toEqual(app.body.provider ?? null);
      expect(o.result.request.url.endsWith(app.path)).toBe(true);
      expect(JSON.stringify(o.result)).not.toContain(sentKey(app));
    });
  });
});
