/**
 * The credits feature as the window and the tray reach it: `keyCredits` through createHost's API
 * table (the one Electron IPC and `serve` use) against the fake OpenRouter's GET /key and
 * GET /credits, with the key pi reads from a real agent dir. Covers the cache (refresh:false),
 * the `credits` event, the periodic check, OpenRouter's failure modes (401, 403 for a key that is
 * not a management key, 429, nothing left) and that the key never reaches an answer or an event.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import type { ActionResult, CreditsInfo } from "../../../../src-main/core/common/index.js";
import { createHost, type SwitchboardHost } from "../../../../src-main/core/create-host.js";
import { CreditsMonitor, lowestBalance } from "../../../../src-main/core/openrouter/credits-monitor.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../../fake-openrouter/server.js";
import { DEFAULT_KEY, defaultKeys } from "../../../fake-openrouter/table.js";
import { withSharedPiStarts } from "../../../shared-pi-answers.js";
import { openAgentDir, PI_BIN, writeAgentDir } from "./agent-dir.js";

vi.setConfig({ testTimeout: 60_000 });

let fake: FakeOpenRouter;
const hosts: SwitchboardHost[] = [];

const authWith = (key: string) => ({ openrouter: { type: "api_key", key: `!printf %s ${key}` } });
const creditRequests = () => fake.requests.filter((r) => r.path.endsWith("/key") || r.path.endsWith("/credits"));

async function hostOver(auth: unknown, env: Record<string, string> = {}): Promise<SwitchboardHost> {
  const agentDir = writeAgentDir({ auth });
  const cacheHome = mkdtempSync(join(tmpdir(), "sb-credits-cache-"));
  const host = await withSharedPiStarts(cacheHome, () =>
    createHost({
      agentDir,
      watch: false,
      env: { PATH: process.env.PATH, PI_SWITCHBOARD_PI: PI_BIN, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl, XDG_CACHE_HOME: cacheHome, PI_SWITCHBOARD_VAULT_SERVICE: `sb-credits-monitor-${process.pid}`, ...env },
    }),
  );
  hosts.push(host);
  return host;
}

const askCredits = (host: SwitchboardHost, refresh: boolean) => host.api.invoke("keyCredits", { refresh }) as Promise<ActionResult<CreditsInfo>>;

beforeAll(async () => {
  fake = await startFakeOpenRouter();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.configure({ keys: defaultKeys(), rateLimitRetryAfter: null, creditsNeedManagementKey: false });
  fake.requests.length = 0;
});
afterEach(() => {
  hosts.splice(0).forEach((h) => h.close());
});

describe("keyCredits through the API table", () => {
  test("credits, limit, usage and the lowest balance of the key pi reads from auth.json; the event carries the same; never the key", async () => {
    fake.configure({ keys: [{ ...defaultKeys()[0]!, limit: 5, limitReset: "monthly", usage: 1.25, usageDaily: 0.25, usageWeekly: 0.75 }] });
    const host = await hostOver(authWith(DEFAULT_KEY));
    const events: CreditsInfo[] = [];
    host.api.onEvent((name, payload) => name === "credits" && events.push(payload as CreditsInfo));
    const answer = await askCredits(host, true);
    expect(answer).toMatchObject({
      ok: true,
      value: {
        credits: { total: 11.25, used: 1.25, remaining: 10 },
        limit: { limit: 5, remaining: 3.75, reset: "monthly" },
        usage: { daily: 0.25, weekly: 0.75, monthly: 1.25 },
        note: null,
        // The key's limit runs out before the account does.
        balance: 3.75,
      },
    });
    expect(answer.ok && answer.value.keyUsed).toMatch(/^pi's key for openrouter: auth\.json/);
    expect(events).toEqual([answer.ok && answer.value]);
    expect(JSON.stringify([answer, events])).not.toContain(DEFAULT_KEY);
    expect(creditRequests().every((r) => r.headers.authorization === `Bearer ${DEFAULT_KEY}`)).toBe(true);
  });

  test("refresh:false answers from the last check while it is fresh; refresh:true asks OpenRouter again", async () => {
    const host = await hostOver({ openrouter: { type: "api_key", key: DEFAULT_KEY } });
    await askCredits(host, false);
    const asked = creditRequests().length;
    expect(asked).toBe(2);
    fake.configure({ keys: [{ ...defaultKeys()[0]!, usage: 4, credits: 7 }] });
    expect(await askCredits(host, false)).toMatchObject({ ok: true, value: { credits: { remaining: 10 } } });
    expect(creditRequests()).toHaveLength(asked);
    expect(await askCredits(host, true)).toMatchObject({ ok: true, value: { credits: { remaining: 7 }, balance: 7 } });
    expect(creditRequests()).toHaveLength(asked + 2);
  });

  test("401: what to do, which key was asked about, and no event", async () => {
    const host = await hostOver(authWith("sk-or-v1-revoked-key-000"));
    const events: unknown[] = [];
    host.api.onEvent((name, payload) => name === "credits" && events.push(payload));
    const answer = await askCredits(host, true);
    expect(answer).toMatchObject({ ok: false, error: { code: "io", message: expect.stringContaining("rejected the key (401)") } });
    expect(!answer.ok && answer.error.message).toContain("https://openrouter.ai/settings/keys");
    expect(!answer.ok && answer.error.message).toContain("Key asked about: pi's key for openrouter: auth.json");
    expect(JSON.stringify(answer)).not.toContain("sk-or-v1-revoked-key-000");
    expect(events).toEqual([]);
  });

  test("429 says how long to wait; a key that is not a management key still gets its limit and usage (403 on /credits)", async () => {
    const host = await hostOver(authWith(DEFAULT_KEY));
    fake.configure({ rateLimitRetryAfter: 7 });
    expect(await askCredits(host, true)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/rate-limited .*\(429\)\. Wait 7 s/) } });
    fake.configure({ rateLimitRetryAfter: null, creditsNeedManagementKey: true, keys: [{ ...defaultKeys()[0]!, limit: 3 }] });
    expect(await askCredits(host, true)).toMatchObject({
      ok: true,
      value: { credits: null, limit: { limit: 3, remaining: 1.75 }, balance: 1.75, note: expect.stringContaining("only to a management key") },
    });
  });

  test("an account with nothing left (OpenRouter's 402 on the next request) has balance 0 and says where to add credits", async () => {
    fake.configure({ keys: [{ ...defaultKeys()[0]!, credits: 0 }] });
    const host = await hostOver(authWith(DEFAULT_KEY));
    expect(await askCredits(host, true)).toMatchObject({ ok: true, value: { balance: 0, note: expect.stringContaining("requests fail with 402") } });
  });

  test("the environment's key when pi has no other; with no key at all, what to do", async () => {
    const fromEnv = await hostOver(undefined, { OPENROUTER_API_KEY: DEFAULT_KEY });
    expect(await askCredits(fromEnv, true)).toMatchObject({ ok: true, value: { keyUsed: expect.stringContaining("OPENROUTER_API_KEY"), limit: null, balance: 10 } });
    const none = await hostOver(undefined);
    expect(await askCredits(none, true)).toMatchObject({ ok: false, error: { code: "not-found", message: expect.stringContaining("`pi-switchboard key set`") } });
  });

  test("the input is validated at the boundary", async () => {
    const host = await hostOver(undefined);
    await expect(host.api.invoke("keyCredits", null)).rejects.toThrow(/Invalid input/);
    await expect(host.api.invoke("keyCredits", { refresh: "yes" })).rejects.toThrow(/Invalid input/);
  });
});

describe("CreditsMonitor", () => {
  test("checks at start and then on every interval, one check at a time, until stopped", async () => {
    const service = await openAgentDir({ auth: { openrouter: { type: "api_key", key: DEFAULT_KEY } } }, { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl });
    const monitor = new CreditsMonitor({ state: () => service.agentState(), vaultKey: async () => null, env: { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl }, intervalMs: 150 });
    const seen: CreditsInfo[] = [];
    monitor.onCredits((info) => seen.push(info));
    const [a, b] = await Promise.all([monitor.get(true), monitor.get(true)]);
    expect(a).toBe(b);
    monitor.start();
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(3), { timeout: 5000, interval: 50 });
    monitor.stop();
    const after = creditRequests().length;
    await new Promise((r) => setTimeout(r, 400));
    expect(creditRequests()).toHaveLength(after);
    expect(monitor.latest()).toMatchObject({ balance: 10 });
    service.close();
  });

  test("unattended checks run no command of pi's files: they name it, and the user's Refresh runs it", async () => {
    const marker = join(mkdtempSync(join(tmpdir(), "sb-credits-cmd-")), "ran");
    const command = `touch ${marker}; printf %s ${DEFAULT_KEY}`;
    const service = await openAgentDir({ auth: { openrouter: { type: "api_key", key: `!${command}` } } }, { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl });
    const monitor = new CreditsMonitor({ state: () => service.agentState(), vaultKey: async () => null, env: { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl }, intervalMs: 100 });
    try {
      monitor.start();
      await new Promise((r) => setTimeout(r, 450));
      expect(existsSync(marker)).toBe(false);
      expect(creditRequests()).toEqual([]);
      const waiting = await monitor.get(false);
      expect(waiting).toMatchObject({ ok: false, error: { code: "command-on-request", commands: [command], message: expect.stringContaining(`runs only when you ask: \`${command}\``) } });
      expect(existsSync(marker)).toBe(false);
      expect(await monitor.get(true)).toMatchObject({ ok: true, value: { balance: 10 } });
      expect(existsSync(marker)).toBe(true);
    } finally {
      monitor.stop();
      service.close();
    }
  });

  test("the app's own key command is answered from the vault, without starting it", async () => {
    const marker = join(mkdtempSync(join(tmpdir(), "sb-credits-vault-")), "ran");
    const service = await openAgentDir({ auth: { openrouter: { type: "api_key", key: `!touch ${marker}; secret-tool lookup service sb-own-service username openrouter` } } }, { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl, PI_SWITCHBOARD_VAULT_SERVICE: "sb-own-service" });
    const monitor = new CreditsMonitor({ state: () => service.agentState(), vaultKey: async () => DEFAULT_KEY, env: { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl } });
    try {
      expect(await monitor.get(false)).toMatchObject({ ok: true, value: { balance: 10 } });
      expect(existsSync(marker)).toBe(false);
    } finally {
      service.close();
    }
  });

  test("the lowest known balance decides", () => {
    expect(lowestBalance(null, null)).toBeNull();
    expect(lowestBalance({ total: 10, used: 2, remaining: 8 }, null)).toBe(8);
    expect(lowestBalance({ total: 10, used: 2, remaining: 8 }, { limit: 5, remaining: 4.5, reset: null })).toBe(4.5);
    expect(lowestBalance(null, { limit: 5, remaining: null, reset: null })).toBeNull();
  });
});
