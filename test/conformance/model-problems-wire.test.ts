/**
 * The model problems that say "pi will fail" or "pi drops this", proved on the wire with real pi
 * 1.6.0 (`pi -p` against the loopback capture server, as pi-wire.test.ts does):
 * - apiKey "OPENROUTER_API_KEY" is flagged, and pi 1.6.0 really sends `Bearer OPENROUTER_API_KEY`;
 * - OpenRouter's Claude on anthropic-messages is flagged for its dropped routing, pi 1.6.0 really
 *   sends no `provider` object; after the problem's own fix (applied through the service), pi
 *   sends the routing to /chat/completions, and the problem is gone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ModelEntry } from "../../src-main/core/common/index.js";
import { SwitchboardService } from "../../src-main/core/service.js";
import { CORPUS } from "./corpus.js";
import { TEST_PIS, testPiByVersion, type TestPi } from "./pi-versions.js";
import { piPrint, startCaptureServer, wireAgentDir, type CaptureServer, type WireCase } from "./wire-harness.js";

const pi = testPiByVersion("1.6.0");
const work = mkdtempSync(join(tmpdir(), "model-problems-wire-"));
let server: CaptureServer;

beforeAll(async () => {
  server = await startCaptureServer();
});

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The case's agent dir wired to the capture server, the service over it (that pi's rules, 1.6.0 unless named), and a way to run pi on it. */
async function wired(name: string, model: string, env: Record<string, string>, target: TestPi = pi) {
  const c: WireCase = { name, dir: join(CORPUS, name), model, env };
  const tag = `problems-${name}-${target.version}`;
  const agentDir = wireAgentDir(c, join(work, tag, "agent"), server.origin, tag);
  const home = join(work, tag, "home");
  const service = await SwitchboardService.open({ agentDir, watch: false, env: { PATH: process.env.PATH, HOME: home, PI_SWITCHBOARD_PI: target.piDir, ...env } });
  const entry = (): ModelEntry => service.snapshot().models.find((m) => `${m.provider}/${m.id}` === model)!;
  let runs = 0;
  const run = async () => {
    const before = server.requests.get(tag)?.length ?? 0;
    await piPrint(target, { agentDir, home, cwd: join(work, tag, `cwd${runs++}`), model, env });
    return (server.requests.get(tag) ?? []).slice(before);
  };
  return { service, entry, run };
}

it('apiKey "OPENROUTER_API_KEY": flagged as an error, and pi 1.6.0 sends "Bearer OPENROUTER_API_KEY"', async () => {
  const { service, entry, run } = await wired("cfg-bare-name-literal", "openrouter-bare/anthropic/claude-sonnet-4.5", { OPENROUTER_API_KEY: "sk-or-v1-env-cfg-bare-name-literal" });
  try {
    expect(entry().problems.map((p) => [p.code, p.severity])).toEqual([["key-is-variable-name", "error"]]);
    const requests = await run();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.authorization).toBe("Bearer OPENROUTER_API_KEY");
  } finally {
    service.close();
  }
}, 180_000);

it("OpenRouter's Claude on anthropic-messages: flagged, pi 1.6.0 sends no routing; after the fix pi sends it to /chat/completions", async () => {
  const { service, entry, run } = await wired("routing-openrouter-anthropic-model", "openrouter/anthropic/claude-sonnet-4.5", { OPENROUTER_API_KEY: "sk-or-v1-env-routing-anthropic" });
  try {
    const [problem] = entry().problems;
    expect(problem?.code).toBe("routing-not-sent");
    const before = await run();
    expect(before).toHaveLength(1);
    expect(before[0]!.path).toMatch(/\/messages$/);
    expect(before[0]!.body.provider).toBeUndefined();

    expect((await service.execute(problem!.fix!.command)).ok).toBe(true);
    expect(entry()).toMatchObject({ api: "openai-completions", routing: { only: ["amazon-bedrock"] }, problems: [] });
    const after = await run();
    expect(after).toHaveLength(1);
    expect(after[0]!.path).toMatch(/\/chat\/completions$/);
    expect(after[0]!.body.provider).toEqual({ only: ["amazon-bedrock"] });
  } finally {
    service.close();
  }
}, 180_000);

/**
 * A model header that reads an unset variable, by pi's rules for each pi: from 0.77 pi cannot build
 * it and fails before sending (the app flags header-unset); 0.73 sends the text as it is (nothing to flag).
 */
it.each(TEST_PIS)("a model header that reads an unset variable: pi $version fails before sending, or sends the text, as the app says", async (target) => {
  const { service, entry, run } = await wired("header-env-unset-model", "openrouter/anthropic/claude-sonnet-4.5", { OPENROUTER_API_KEY: "sk-or-v1-env-header-env-unset-model" }, target);
  try {
    const flagged = entry().problems.some((p) => p.code === "header-unset");
    const requests = await run();
    // What pi does decides: no request at all, or the request with the header's text.
    expect(requests).toHaveLength(flagged ? 0 : 1);
    // Only the template reader (0.77+) fails; 0.73's reads an unset name as its text.
    expect(flagged).toBe(target.version !== "0.73.1");
  } finally {
    service.close();
  }
}, 180_000);
