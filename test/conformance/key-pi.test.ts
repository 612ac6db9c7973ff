/**
 * Each test pi (0.73.1, 0.87.1, 1.6.0 on its own Node), after `pi-switchboard key connect` run
 * against that pi, authenticates with the key from the vault — for the built-in `openrouter`
 * provider (its baseUrl overridden in models.json) and for a virtual OpenRouter provider whose
 * apiKey names the env var the way that pi reads it (bare name in 0.73, `$NAME` from 0.77) — as
 * captured on a loopback server; after `key disconnect` it is back to what it used before. A decoy
 * OPENROUTER_API_KEY proves the vault command is what pi reads first.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulesFor, rulesInfo } from "../../src-main/core/pi/pi-rules.js";
import { Vault } from "../../src-main/core/vault/vault.js";
import { startCaptureServer, type CaptureServer } from "../unit/core/vault/capture-server.js";
import { fakeKey, filesContaining, keyringInstalled, removeEntry, removeTempDirs, requireSecretService, run, runCli, skipNote, tempDir, testLocation } from "../unit/core/vault/vault-test-env.js";
import { TEST_PIS, type TestPi } from "./pi-versions.js";

const MODELS = ["openrouter/openai/gpt-4o-mini", "openrouter-bedrock/anthropic/claude-sonnet-4"];

describe.skipIf(!keyringInstalled)(`real pi reads the vault key after key connect${skipNote}`, { timeout: 240_000 }, () => {
  const location = testLocation();
  const key = fakeKey();
  const decoy = fakeKey();
  let server: CaptureServer;

  beforeAll(async () => {
    requireSecretService();
    server = await startCaptureServer();
    await new Vault(location).store(key);
  });
  afterAll(async () => {
    await server?.close();
    await removeEntry(location);
    removeTempDirs();
  });

  describe.each(TEST_PIS)("pi $version", (pi: TestPi) => {
    let agentDir: string;
    let dataDir: string;
    let env: NodeJS.ProcessEnv;

    /** `pi -p` with everything that is not the model call switched off, in a dir with no project config. */
    const askPi = (model: string) =>
      run(pi.node, [pi.cli, "-p", "hi", "--model", model, "--no-session", "--offline", "--no-tools", "--no-extensions", "--no-skills", "--no-context-files"], {
        env: { ...env, HOME: tempDir("pi-home"), PI_OFFLINE: "1", PI_TELEMETRY: "0", PI_SKIP_VERSION_CHECK: "1" },
        cwd: tempDir("pi-cwd"),
        timeoutMs: 120_000,
      });

    async function authorizations(): Promise<Record<string, string | null>> {
      server.requests.length = 0;
      const results = await Promise.all(MODELS.map(askPi));
      for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
      return Object.fromEntries(server.requests.map((r) => [r.model, r.authorization]));
    }

    beforeAll(() => {
      agentDir = tempDir("pi-agent");
      dataDir = tempDir("pi-data");
      // The CLI is pointed at this pi, so `key connect` writes what this pi reads.
      env = { ...process.env, PI_SWITCHBOARD_PI: pi.piDir, PI_CODING_AGENT_DIR: agentDir, PI_SWITCHBOARD_DATA_DIR: dataDir, PI_SWITCHBOARD_VAULT_SERVICE: location.service, OPENROUTER_API_KEY: decoy, PI_SWITCHBOARD_OPENROUTER_URL: server.baseUrl };
      const models = {
        providers: {
          openrouter: { baseUrl: server.baseUrl },
          "openrouter-bedrock": { baseUrl: server.baseUrl, api: "openai-completions", apiKey: rulesInfo(rulesFor(pi.version)).envKeyReference, models: [{ id: "anthropic/claude-sonnet-4" }] },
        },
      };
      writeFileSync(join(agentDir, "models.json"), JSON.stringify(models, null, 2));
    });

    it("sends the vault key for openrouter and the virtual provider, and the decoy again after disconnect", async () => {
      expect(await authorizations()).toEqual({ "openai/gpt-4o-mini": `Bearer ${decoy}`, "anthropic/claude-sonnet-4": `Bearer ${decoy}` });

      const connect = await runCli(["key", "connect", "--agent-dir", agentDir], { env });
      expect(connect.code, connect.stderr).toBe(0);
      expect(`${connect.stdout}${connect.stderr}`).not.toContain(key);
      expect(await authorizations()).toEqual({ "openai/gpt-4o-mini": `Bearer ${key}`, "anthropic/claude-sonnet-4": `Bearer ${key}` });
      expect(filesContaining(agentDir, key)).toEqual([]);
      expect(filesContaining(dataDir, key)).toEqual([]);

      const disconnect = await runCli(["key", "disconnect", "--agent-dir", agentDir], { env });
      expect(disconnect.code, disconnect.stderr).toBe(0);
      expect(await authorizations()).toEqual({ "openai/gpt-4o-mini": `Bearer ${decoy}`, "anthropic/claude-sonnet-4": `Bearer ${decoy}` });
    });
  });
});
