/**
 * Conformance on the wire, for each test pi (0.73.1, 0.87.1, 1.6.0 on its own Node): the real pi
 * CLI (`pi -p`) sends one prompt to a loopback capture server, and the captured request must be the
 * one the core says that pi sends, field by field: the URL below the model's baseUrl
 * (/chat/completions, or /v1/messages for OpenRouter's Anthropic models on anthropic-messages), the
 * model id, the `provider` object (the snapshot's routing, verbatim and in order), the body fields
 * samplingParams merge in, and the key (resolve-key.ts) in Authorization (x-api-key for
 * anthropic-messages). Where the core says pi sends nothing (no key, no such model), pi must not
 * send. Cases: test/fixtures/wire, wire-key-fallbacks, and the corpus dirs of wire-harness.ts
 * that carry a version difference. Known disagreements: known-gaps.ts (wire-routing, wire-key).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readAgentState } from "../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../src-main/core/pi/read-agent-files.js";
import { loadPiCatalog, type PiCatalog } from "../../src-main/core/pi/pi-install.js";
import { compare } from "./conformance-it.js";
import { baseEnv } from "./corpus.js";
import { KNOWN_GAPS } from "./known-gaps.js";
import { TEST_PIS, type TestPi } from "./pi-versions.js";
import { sharedCaptures, sharedPiRun } from "./shared-pi-runs.js";
import { comparedFields, coreRequest, findModel, loadWireCorpus, loadWireFixtures, pool, samplingKeys, type Captured, type CoreRequest, type PiRun, type WireCase } from "./wire-harness.js";

const SUITE = "pi-wire";
const cases: WireCase[] = [...loadWireFixtures("wire", "wire-key-fallbacks"), ...loadWireCorpus()];

interface Outcome {
  tag: string;
  run: PiRun;
  requests: Captured[];
  core: CoreRequest;
  samplingKeys: string[];
}
const outcomes = new Map<string, Outcome>();
const key = (pi: TestPi, c: WireCase) => `${pi.version}|${c.name}`;

beforeAll(async () => {
  const catalogs = new Map<string, PiCatalog>(await Promise.all(TEST_PIS.map(async (pi) => [pi.version, await loadPiCatalog({ PI_SWITCHBOARD_PI: pi.piDir })] as const)));
  const runs = TEST_PIS.flatMap((pi) => cases.map((c) => ({ pi, c })));
  // Each pi -p runs once for both wire suites (shared-pi-runs.ts, two pis at a time across files);
  // four asks in flight keep its two slots busy.
  await pool(runs, 4, async ({ pi, c }) => {
    const { run, requests, agentDir, home, origin, tag } = await sharedPiRun(pi, c);
    // pi may have written into the dir (auth.json, models-store.json): the core reads it as pi left it.
    const state = await readAgentState(agentDir, await readAgentFiles(agentDir, { settle: false }), catalogs.get(pi.version)!, { ...baseEnv(home), ...c.env });
    const core = await coreRequest(state, c.model, origin, tag);
    outcomes.set(key(pi, c), { tag, run, requests, core, samplingKeys: samplingKeys(findModel(state, c.model)) });
  });
}, 900_000);

it("the cases cover every wire difference: a proxy, samplingParams, anthropic-messages, an OAuth login, a missing key", () => {
  const sent = (version: string) => cases.map((c) => outcomes.get(`${version}|${c.name}`)!).filter((o) => o.requests.length > 0);
  const newest = sent(TEST_PIS.at(-1)!.version);
  expect(newest.some((o) => o.requests[0]!.path.endsWith("/v1/messages"))).toBe(true);
  expect(newest.some((o) => o.samplingKeys.length > 0 && o.samplingKeys.some((k) => o.requests[0]!.body[k] !== undefined))).toBe(true);
  // 0.73.1 has no key for an OpenRouter OAuth login: at least one case where a pi refuses to send.
  expect(TEST_PIS.some((pi) => cases.some((c) => outcomes.get(key(pi, c))!.requests.length === 0))).toBe(true);
});

// Needs both releases it names; `npm run conformance -- --pi …` may select others.
const levelPis = ["1.6.0", "0.87.1"].every((v) => TEST_PIS.some((pi) => pi.version === v));
it.runIf(levelPis)("at REF:level pi 1.6.0 sends the level's own routing whole (clamped, and at its default level), pi 0.87.1 the model's", () => {
  const sent = (version: string, name: string) => outcomes.get(`${version}|${name}`)!.requests[0]?.body.provider;
  const high = { order: ["groq", "novita"], allow_fallbacks: false };
  expect(sent("1.6.0", "level-routing-high")).toEqual(high);
  expect(sent("1.6.0", "level-routing-xhigh-clamped")).toEqual(high);
  expect(sent("1.6.0", "level-routing-default-level")).toEqual({ only: ["together"], zdr: true });
  expect(sent("1.6.0", "level-routing-override-builtin")).toEqual({ only: ["openai"], data_collection: "deny" });
  expect(sent("0.87.1", "level-routing-high")).toEqual({ only: ["deepinfra"], allow_fallbacks: false });
  expect(sent("0.87.1", "level-routing-override-builtin")).toEqual({ only: ["azure"] });
});

it("every request came from a run of the suite, at most one per run", async () => {
  // The capture server is shared with wire-test-prompt's runs of cases this suite has not: every tag
  // is a run's, and this suite's runs are all among them.
  const { runTags, requests } = await sharedCaptures();
  const tags = new Set(runTags);
  for (const o of outcomes.values()) expect(tags).toContain(o.tag);
  for (const [tag, list] of Object.entries(requests)) {
    expect(tags, `a request under /${tag}`).toContain(tag);
    expect(list.length, `requests under /${tag}: ${list.map((r) => r.path).join(", ")}`).toBeLessThanOrEqual(1);
  }
});

it("known-gaps.ts names only cases and pis of this suite", () => {
  for (const gap of KNOWN_GAPS.filter((g) => g.suite === SUITE)) {
    expect(TEST_PIS.map((p) => p.version), JSON.stringify(gap)).toContain(gap.version);
    expect(cases.map((c) => c.name), JSON.stringify(gap)).toContain(gap.case);
  }
});

describe.each(TEST_PIS)("pi $version", (pi: TestPi) => {
  describe.each(cases)("$name ($model)", (c: WireCase) => {
    const get = () => outcomes.get(key(pi, c))!;
    const explain = (o: Outcome) => `pi exited ${o.run.code}: ${(o.run.stderr || o.run.stdout).trim().slice(0, 400)}`;

    compare(pi.version, SUITE, c.name, "wire-routing", "pi sends the request the core says (URL, model, provider, sampling fields), once, or none when the core says none", () => {
      const o = get();
      if (!o.core.sent) {
        expect(o.requests, `the core says pi sends nothing (${o.core.reason}), but pi sent a request`).toEqual([]);
        expect(o.run.code, "pi should fail when it cannot send").not.toBe(0);
        return;
      }
      expect(o.requests.length, `core: ${JSON.stringify(o.core)}\n${explain(o)}`).toBe(1);
      const [request] = o.requests as [Captured];
      expect(o.run.stdout.trim(), explain(o)).toBe("ok");
      expect(request.method).toBe("POST");
      expect(request.path).toBe(o.core.path);
      expect(comparedFields(request.body, o.samplingKeys)).toEqual(o.core.fields);
      // Same keys in the same order: pi sends the merged object verbatim.
      expect(JSON.stringify(request.body.provider ?? null)).toBe(o.core.providerJson);
    });

    compare(pi.version, SUITE, c.name, "wire-key", "pi authorises with the key the core resolves", () => {
      const o = get();
      if (!o.core.sent) {
        expect(o.requests).toEqual([]);
        return;
      }
      expect(o.requests.length, explain(o)).toBe(1);
      const [request] = o.requests as [Captured];
      const header = o.core.keyHeader.name === "authorization" ? request.authorization : request.xApiKey;
      expect(header, `pi's ${o.core.keyHeader.name}`).toBe(o.core.keyHeader.value);
    });
  });
});
