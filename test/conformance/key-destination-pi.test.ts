/**
 * The vault key goes to OpenRouter and nowhere else, proven with real pi 1.6.0 (issue 20):
 * - `key connect` gives the vault command to OpenRouter's own hosts only; a look-alike provider
 *   whose baseUrl merely contains "openrouter.ai" keeps its own key, and the look-alike capture
 *   server never sees the vault key when pi runs;
 * - the app refuses to move a connected provider's baseUrl to another host;
 * - a connected provider moved by hand shows as a key leak in the snapshot (and as an auth.json
 *   warning for Config health), pi really would send the key there, and the one-click fix
 *   (keyDisconnectProvider) takes the command from that provider only, after which pi sends the
 *   moved host no vault key while `openrouter` still reads the vault.
 * Two loopback servers: one stands in for OpenRouter (PI_SWITCHBOARD_OPENROUTER_URL's origin), the
 * other for the look-alike host.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionResult, KeyStatus } from "../../src-main/core/common/index.js";
import { createHost, type SwitchboardHost } from "../../src-main/core/create-host.js";
import { startCaptureServer, type CaptureServer } from "../unit/core/vault/capture-server.js";
import { fakeKey, keyringInstalled, removeEntry, removeTempDirs, requireSecretService, run, skipNote, tempDir, testLocation } from "../unit/core/vault/vault-test-env.js";
import { TEST_PIS } from "./pi-versions.js";

const pi = TEST_PIS.find((p) => p.version === "1.6.0")!;

describe.skipIf(!keyringInstalled)(`the vault key reaches OpenRouter only, with real pi ${pi.version}${skipNote}`, { timeout: 240_000 }, () => {
  const location = testLocation();
  const key = fakeKey();
  let openRouter: CaptureServer;
  let lookAlike: CaptureServer;
  let host: SwitchboardHost;
  let agentDir: string;
  let env: NodeJS.ProcessEnv;

  const askPi = (model: string) =>
    run(pi.node, [pi.cli, "-p", "hi", "--model", model, "--no-session", "--offline", "--no-tools", "--no-extensions", "--no-skills", "--no-context-files"], {
      env: { ...env, HOME: tempDir("pi-home"), PI_CODING_AGENT_DIR: agentDir, PI_OFFLINE: "1", PI_TELEMETRY: "0", PI_SKIP_VERSION_CHECK: "1" },
      cwd: tempDir("pi-cwd"),
      timeoutMs: 120_000,
    });

  /** What each server saw as Authorization for `model` when real pi was asked. */
  async function sentBy(model: string): Promise<{ openRouter: (string | null)[]; lookAlike: (string | null)[] }> {
    openRouter.requests.length = 0;
    lookAlike.requests.length = 0;
    await askPi(model);
    return { openRouter: openRouter.requests.map((r) => r.authorization), lookAlike: lookAlike.requests.map((r) => r.authorization) };
  }

  const models = () => JSON.parse(readFileSync(join(agentDir, "models.json"), "utf8")) as { providers: Record<string, Record<string, unknown>> };
  const auth = () => JSON.parse(readFileSync(join(agentDir, "auth.json"), "utf8")) as Record<string, { key?: string }>;

  beforeAll(async () => {
    requireSecretService();
    openRouter = await startCaptureServer();
    lookAlike = await startCaptureServer();
    agentDir = tempDir("dest-agent");
    const lookAlikeBase = lookAlike.baseUrl; // http://127.0.0.1:PORT/openrouter.ai/api/v1: pi's substring test says "OpenRouter"
    writeFileSync(
      join(agentDir, "models.json"),
      JSON.stringify(
        {
          providers: {
            openrouter: { baseUrl: openRouter.baseUrl },
            "openrouter-moved": { baseUrl: openRouter.baseUrl, api: "openai-completions", apiKey: "sk-moved-own-key", models: [{ id: "moonshotai/kimi-k2" }] },
            "openrouter-lookalike": { baseUrl: lookAlikeBase, api: "openai-completions", apiKey: "sk-lookalike-own-key", models: [{ id: "z-ai/glm-4.6" }] },
          },
        },
        null,
        2,
      ),
    );
    env = {
      PATH: process.env.PATH,
      DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
      PI_SWITCHBOARD_PI: pi.piDir,
      PI_SWITCHBOARD_VAULT_SERVICE: location.service,
      PI_SWITCHBOARD_DATA_DIR: tempDir("dest-data"),
      PI_SWITCHBOARD_OPENROUTER_URL: openRouter.baseUrl,
      XDG_CACHE_HOME: tempDir("dest-cache"),
    };
    host = await createHost({ agentDir, watch: false, env });
    expect(await host.api.invoke("keySet", { key })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    host?.close();
    await openRouter?.close();
    await lookAlike?.close();
    await removeEntry(location);
    removeTempDirs();
  });

  it("key connect skips the look-alike host, and pi sends it no vault key", async () => {
    const connected = (await host.api.invoke("keyConnect", null)) as ActionResult<KeyStatus>;
    expect(connected).toMatchObject({ ok: true, value: { connectedProviders: ["openrouter", "openrouter-moved"] } });
    expect(auth()["openrouter-lookalike"]).toBeUndefined();
    expect(await sentBy("openrouter-lookalike/z-ai/glm-4.6")).toEqual({ openRouter: [], lookAlike: ["Bearer sk-lookalike-own-key"] });
    expect(await sentBy("openrouter-moved/moonshotai/kimi-k2")).toEqual({ openRouter: [`Bearer ${key}`], lookAlike: [] });
  });

  it("the app refuses to move a connected provider to another host, and writes nothing", async () => {
    const before = readFileSync(join(agentDir, "models.json"), "utf8");
    const result = await host.api.invoke("execute", { type: "upsertProvider", provider: "openrouter-moved", fields: { baseUrl: lookAlike.baseUrl } });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringMatching(/openrouter-moved reads the vault's OpenRouter key .* cannot be pointed at 127\.0\.0\.1:\d+: pi would send the key there\. Nothing was saved/) } });
    expect(readFileSync(join(agentDir, "models.json"), "utf8")).toBe(before);
  });

  it("a move by hand is a key leak in the snapshot; the one-click fix keeps the key from that host only", async () => {
    const edited = models();
    edited.providers["openrouter-moved"]!.baseUrl = lookAlike.baseUrl;
    writeFileSync(join(agentDir, "models.json"), JSON.stringify(edited, null, 2));
    await host.service.reload();
    const snapshot = host.service.snapshot();
    const moved = { provider: "openrouter-moved", host: new URL(lookAlike.baseUrl).host };
    expect(snapshot.keyLeaks).toEqual([moved]);
    expect(snapshot.authFile.warnings).toContainEqual(expect.objectContaining({ path: "openrouter-moved", message: expect.stringContaining(`sends its requests to ${moved.host}: pi would send the key there`) }));
    // The leak is real: pi itself sends the vault key to the moved host.
    expect(await sentBy("openrouter-moved/moonshotai/kimi-k2")).toEqual({ openRouter: [], lookAlike: [`Bearer ${key}`] });

    const fixed = (await host.api.invoke("keyDisconnectProvider", { provider: "openrouter-moved" })) as ActionResult<KeyStatus>;
    expect(fixed).toMatchObject({ ok: true, value: { connectedProviders: ["openrouter"] } });
    await host.service.reload();
    expect(host.service.snapshot().keyLeaks).toEqual([]);
    expect(auth()["openrouter-moved"]).toBeUndefined();
    expect(await sentBy("openrouter-moved/moonshotai/kimi-k2")).toEqual({ openRouter: [], lookAlike: ["Bearer sk-moved-own-key"] });
    expect(await sentBy("openrouter/openai/gpt-4o-mini")).toEqual({ openRouter: [`Bearer ${key}`], lookAlike: [] });
  });
});
