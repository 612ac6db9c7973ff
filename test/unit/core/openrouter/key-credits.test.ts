/**
 * `key status --check --json` as a user runs it (a child process of the built CLI, test/cli-under-test.ts) against the fake
 * OpenRouter: credits, limit and usage of the key pi would use (auth.json or OPENROUTER_API_KEY),
 * the failure modes OpenRouter has (401, 429, credits only for management keys, none left), each
 * with what to do, and never the key in the output.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { fetchKeyCredits } from "../../../../src-main/core/openrouter/key-info.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../../fake-openrouter/server.js";
import { DEFAULT_KEY, defaultKeys } from "../../../fake-openrouter/table.js";
import { PI_BIN, writeAgentDir } from "./agent-dir.js";
import { cliArgv } from "../../../cli-under-test.js";

vi.setConfig({ testTimeout: 120_000 });

const home = mkdtempSync(join(tmpdir(), "sb-credits-home-"));
let fake: FakeOpenRouter;

function keyStatus(agentDir: string, extraEnv: Record<string, string> = {}): Promise<{ code: number; body: Record<string, unknown>; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH, HOME: home, PI_SWITCHBOARD_PI: PI_BIN, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl, PI_SWITCHBOARD_VAULT_SERVICE: `sb-credits-${process.pid}`, PI_SWITCHBOARD_DATA_DIR: join(home, "data"), ...extraEnv };
  return new Promise((done) => {
    execFile(...cliArgv(["key", "status", "--check", "--json", "--agent-dir", agentDir]), { env, timeout: 90_000 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, body: JSON.parse(stdout || "{}") as Record<string, unknown>, stdout, stderr });
    });
  });
}

const authDir = (key = DEFAULT_KEY) => writeAgentDir({ auth: { openrouter: { type: "api_key", key: `!printf %s ${key}` } } });

beforeAll(async () => {
  fake = await startFakeOpenRouter();
});
afterAll(() => fake.close());
beforeEach(() => fake.configure({ keys: defaultKeys(), rateLimitRetryAfter: null, creditsNeedManagementKey: false }));

describe("key status --check", () => {
  test("credits, limit and usage of the key pi reads from auth.json, never the key", async () => {
    fake.configure({ keys: [{ ...defaultKeys()[0]!, limit: 20, limitReset: "monthly", usageDaily: 0.25, usageWeekly: 0.75 }] });
    const { code, body, stdout } = await keyStatus(authDir());
    expect(code).toBe(0);
    expect(body).toMatchObject({
      credits: { total: 11.25, used: 1.25, remaining: 10 },
      limit: { limit: 20, remaining: 18.75, reset: "monthly" },
      usage: { daily: 0.25, weekly: 0.75, monthly: 1.25 },
      creditsNote: null,
    });
    expect(body.keyUsed).toMatch(/^pi's key for openrouter: auth\.json/);
    expect(stdout).not.toContain(DEFAULT_KEY);
    expect(fake.requests.filter((r) => r.path.endsWith("/key") || r.path.endsWith("/credits")).every((r) => r.headers.authorization === `Bearer ${DEFAULT_KEY}`)).toBe(true);
  });

  test("the environment's key when pi takes it from OPENROUTER_API_KEY; a key without limit has limit null", async () => {
    const { code, body } = await keyStatus(writeAgentDir({}), { OPENROUTER_API_KEY: DEFAULT_KEY });
    expect(code).toBe(0);
    expect(body).toMatchObject({ credits: { remaining: 10 }, limit: null, usage: { monthly: 1.25 } });
    expect(body.keyUsed).toContain("OPENROUTER_API_KEY");
  });

  test("401: exit 1 and what to do", async () => {
    const { code, body, stdout } = await keyStatus(authDir("sk-or-v1-revoked-key-000"));
    expect(code).toBe(1);
    expect(body).toMatchObject({ credits: null, limit: null, usage: null, creditsNote: expect.stringContaining("rejected the key (401)") });
    expect(String(body.creditsNote)).toContain("https://openrouter.ai/settings/keys");
    expect(stdout).not.toContain("sk-or-v1-revoked-key-000");
  });

  test("429 names the wait; credits for management keys only still show the key's limit and usage", async () => {
    fake.configure({ rateLimitRetryAfter: 9 });
    const limited = await keyStatus(authDir());
    expect(limited.code).toBe(1);
    expect(limited.body.creditsNote).toMatch(/rate-limited .*\(429\)\. Wait 9 s/);
    fake.configure({ rateLimitRetryAfter: null, creditsNeedManagementKey: true });
    const partial = await keyStatus(authDir());
    expect(partial.code).toBe(0);
    expect(partial.body).toMatchObject({ credits: null, usage: { monthly: 1.25 }, creditsNote: expect.stringContaining("only to a management key") });
  });
});

describe("fetchKeyCredits", () => {
  test("an account with nothing left says how to add credits; an unreachable OpenRouter says so", async () => {
    fake.configure({ keys: [{ ...defaultKeys()[0]!, credits: 0 }] });
    const empty = await fetchKeyCredits(DEFAULT_KEY, { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl });
    expect(empty).toMatchObject({ ok: true, value: { credits: { remaining: 0 }, note: expect.stringContaining("https://openrouter.ai/settings/credits") } });
    const gone = await startFakeOpenRouter();
    await gone.close();
    expect(await fetchKeyCredits(DEFAULT_KEY, { PI_SWITCHBOARD_OPENROUTER_URL: gone.baseUrl })).toMatchObject({ ok: false, status: null, message: expect.stringContaining("could not be reached") });
  });
});
