/**
 * `key connect` / `key disconnect` on real agent dirs, with the key in the real Secret Service:
 * the right entries point at the vault command, everything else survives, disconnect gives back
 * the exact bytes, nothing secret lands in the record, and files stay owner-only.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { runLikePi } from "../../../../src-main/core/vault/key-command.js";
import { HandoffStateStore } from "../../../../src-main/core/vault/handoff-state.js";
import { openRouterProviders, PiHandoff } from "../../../../src-main/core/vault/pi-handoff.js";
import { Vault } from "../../../../src-main/core/vault/vault.js";
import { fakeKey, filesContaining, keyringInstalled, modeOf, removeEntry, removeTempDirs, requireSecretService, skipNote, tempDir, testLocation } from "./vault-test-env.js";

const MODELS = `{
  // a virtual provider pinned to Bedrock, and one that is not OpenRouter at all
  "providers": {
    "openrouter-bedrock": { "baseUrl": "https://openrouter.ai/api/v1", "api": "openai-completions", "apiKey": "OPENROUTER_API_KEY", "models": [{ "id": "anthropic/claude-sonnet-4" }], },
    "local": { "baseUrl": "http://localhost:11434/v1", "api": "openai-completions", "apiKey": "x", "models": [{ "id": "llama" }] }
  }
}
`;

/** pi's own format (JSON.stringify(data, null, 2)), with entries connect must leave alone. */
function piFormat(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

describe("openRouterProviders", () => {
  it("is openrouter plus every models.json provider whose baseUrl is on openrouter.ai", () => {
    expect(openRouterProviders(MODELS, {})).toEqual(["openrouter", "openrouter-bedrock"]);
    expect(openRouterProviders(null, {})).toEqual(["openrouter"]);
    expect(openRouterProviders("{ not json", {})).toEqual(["openrouter"]);
  });
});

describe.skipIf(!keyringInstalled)(`key connect / disconnect${skipNote}`, { timeout: 120_000 }, () => {
  const location = testLocation();
  let key: string;
  let agentDir: string;
  let dataDir: string;
  let handoff: PiHandoff;
  const auth = () => join(agentDir, "auth.json");

  beforeEach(async () => {
    requireSecretService();
    key = fakeKey();
    await new Vault(location).store(key);
    agentDir = tempDir("handoff-agent");
    dataDir = tempDir("handoff-data");
    writeFileSync(join(agentDir, "models.json"), MODELS);
    handoff = new PiHandoff({ agentDir, location, dataDir });
  });
  afterEach(() => removeEntry(location));
  afterAll(() => removeTempDirs());

  it("creates auth.json owner-only with the command for openrouter and each virtual provider", async () => {
    const { command, connected } = await handoff.connect(key);
    expect(connected).toEqual(["openrouter", "openrouter-bedrock"]);
    expect(modeOf(auth())).toBe(0o600);
    const data = JSON.parse(readFileSync(auth(), "utf8"));
    expect(data).toEqual({
      openrouter: { type: "api_key", key: `!${command}` },
      "openrouter-bedrock": { type: "api_key", key: `!${command}` },
    });
    // The command really yields the vault key when run as pi runs it.
    expect(await runLikePi(command)).toBe(key);
    expect((await handoff.view()).connected).toEqual(["openrouter", "openrouter-bedrock"]);
  });

  it("keeps other entries and unknown keys, and disconnect restores the exact bytes", async () => {
    const original = piFormat({
      anthropic: { type: "oauth", refresh: "r-token", access: "a-token", expires: 1 },
      openrouter: { type: "api_key", key: "MY_OPENROUTER_KEY", note: "kept" },
      "openrouter-bedrock": { type: "api_key", key: "!pass show openrouter" },
      local: { type: "api_key", key: "LOCAL_KEY" },
      someFutureField: { x: [1, 2] },
    });
    writeFileSync(auth(), original, { mode: 0o600 });
    chmodSync(auth(), 0o600);

    const { command } = await handoff.connect(key);
    const connected = JSON.parse(readFileSync(auth(), "utf8"));
    expect(connected.openrouter).toEqual({ type: "api_key", key: `!${command}`, note: "kept" });
    expect(connected["openrouter-bedrock"]).toEqual({ type: "api_key", key: `!${command}` });
    expect(connected.anthropic).toEqual({ type: "oauth", refresh: "r-token", access: "a-token", expires: 1 });
    expect(connected.local).toEqual({ type: "api_key", key: "LOCAL_KEY" });
    expect(connected.someFutureField).toEqual({ x: [1, 2] });
    expect(modeOf(auth())).toBe(0o600);

    // The record keeps configuration (env names, commands) and no key.
    const record = readFileSync(new HandoffStateStore(dataDir).pathFor(agentDir), "utf8");
    expect(JSON.parse(record).providers).toEqual({ openrouter: { before: "key", key: "MY_OPENROUTER_KEY" }, "openrouter-bedrock": { before: "key", key: "!pass show openrouter" } });
    expect(modeOf(new HandoffStateStore(dataDir).pathFor(agentDir))).toBe(0o600);

    // Connecting twice changes nothing and keeps the first record.
    await handoff.connect(key);
    expect(JSON.parse(readFileSync(new HandoffStateStore(dataDir).pathFor(agentDir), "utf8")).providers.openrouter).toEqual({ before: "key", key: "MY_OPENROUTER_KEY" });

    const report = await handoff.disconnect(key);
    expect(report.restored).toEqual(["openrouter", "openrouter-bedrock"]);
    expect(readFileSync(auth(), "utf8")).toBe(original);
    expect(modeOf(auth())).toBe(0o600);
    expect(existsSync(new HandoffStateStore(dataDir).pathFor(agentDir))).toBe(false);
  });

  it("removes only what it added: an entry the user changed after connect stays", async () => {
    const original = piFormat({ other: { type: "api_key", key: "OTHER" } });
    writeFileSync(auth(), original, { mode: 0o600 });
    await handoff.connect(key);
    const data = JSON.parse(readFileSync(auth(), "utf8"));
    data["openrouter-bedrock"].key = "MY_OWN_CHOICE";
    writeFileSync(auth(), piFormat(data));
    const report = await handoff.disconnect(key);
    expect(report.removed).toEqual(["openrouter"]);
    expect(JSON.parse(readFileSync(auth(), "utf8"))).toEqual({ other: { type: "api_key", key: "OTHER" }, "openrouter-bedrock": { type: "api_key", key: "MY_OWN_CHOICE" } });
  });

  it("still finds its own entries when the record in the data dir is lost", async () => {
    const original = piFormat({ other: { type: "api_key", key: "OTHER" } });
    writeFileSync(auth(), original, { mode: 0o600 });
    const { command } = await handoff.connect(key);
    rmSync(new HandoffStateStore(dataDir).pathFor(agentDir));
    expect(await handoff.view()).toMatchObject({ connected: ["openrouter", "openrouter-bedrock"], command });
    expect((await handoff.disconnect(null)).removed).toEqual(["openrouter", "openrouter-bedrock"]);
    expect(readFileSync(auth(), "utf8")).toBe(original);
  });

  it("replaces a plaintext copy of the vault key, keeps it out of the backup and the record, and does not write it back", async () => {
    writeFileSync(auth(), piFormat({ openrouter: { type: "api_key", key } }), { mode: 0o600 });
    await handoff.connect(key);
    expect(filesContaining(agentDir, key)).toEqual([]);
    expect(filesContaining(dataDir, key)).toEqual([]);
    const backups = readdirSync(join(agentDir, "switchboard-backups"));
    expect(backups).toHaveLength(1);
    expect(modeOf(join(agentDir, "switchboard-backups", backups[0]!))).toBe(0o600);

    const report = await handoff.disconnect(key);
    expect(report.withoutKey).toEqual(["openrouter"]);
    expect(report.removed).toEqual(["openrouter-bedrock"]);
    expect(JSON.parse(readFileSync(auth(), "utf8"))).toEqual({});
    expect(filesContaining(agentDir, key)).toEqual([]);
  });

  it("refuses, and writes nothing, over a different plaintext key, a non-key entry, or an auth.json that does not parse", async () => {
    for (const text of [piFormat({ openrouter: { type: "api_key", key: "sk-or-v1-someone-elses" } }), piFormat({ "openrouter-bedrock": { type: "oauth", access: "x" } }), '{ "openrouter": '] as const) {
      writeFileSync(auth(), text, { mode: 0o600 });
      await expect(handoff.connect(key)).rejects.toThrow(/nothing was connected|does not parse|not a valid JSON/);
      expect(readFileSync(auth(), "utf8")).toBe(text);
    }
    await expect(handoff.connect(key)).rejects.not.toThrow(new RegExp(key));
  });
});
