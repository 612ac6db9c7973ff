/**
 * The vault's OpenRouter key goes to OpenRouter's API hosts only. The attack from issue 12: after
 * `key connect`, point the `openrouter` provider's baseUrl elsewhere through the API (no command
 * value needed) and start a test prompt. Against the real vault (gnome-keyring), the real
 * `secret-tool` command key connect writes, and a loopback server standing in for the foreign
 * host: it must receive no vault key. Also: which command ran is reported, and a streamed answer
 * that echoes the key, even split across chunks, shows it redacted.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionResult, ApiEvents, KeyStatus, TestEvent, TestResult } from "../../../../src-main/core/contract.js";
import { createHost, type SwitchboardHost } from "../../../../src-main/core/create-host.js";
import { isOpenRouterApiHost } from "../../../../src-main/core/openrouter/key-destination.js";
import { runTestPrompt } from "../../../../src-main/core/openrouter/test-prompt.js";
import { createStreamRedactor } from "../../../../src-main/core/openrouter/stream-redact.js";
import { fakeKey, keyringInstalled, removeEntry, requireSecretService, skipNote, tempDir, testLocation } from "../vault/vault-test-env.js";
import { openAgentDir, PI_BIN, writeAgentDir } from "./agent-dir.js";

describe("isOpenRouterApiHost", () => {
  it("is true for https on openrouter.ai and its subdomains only (and the test override's origin)", () => {
    for (const yes of ["https://openrouter.ai/api/v1", "https://openrouter.ai/api/v1/", "https://eu.openrouter.ai/api/v1"]) expect(isOpenRouterApiHost(yes, {}), yes).toBe(true);
    for (const no of ["http://openrouter.ai/api/v1", "https://openrouter.ai.evil.example/api/v1", "https://evil.example/openrouter.ai/api/v1", "https://openrouter.ai:8443/api/v1", "https://me@openrouter.ai/api/v1", "https://notopenrouter.ai/api/v1", "openrouter.ai", ""]) {
      expect(isOpenRouterApiHost(no, {}), no).toBe(false);
    }
    expect(isOpenRouterApiHost("http://127.0.0.1:4000/api/v1", { PI_SWITCHBOARD_OPENROUTER_URL: "http://127.0.0.1:4000/api/v1" })).toBe(true);
    expect(isOpenRouterApiHost("http://127.0.0.1:4001/api/v1", { PI_SWITCHBOARD_OPENROUTER_URL: "http://127.0.0.1:4000/api/v1" })).toBe(false);
  });
});

/** A foreign host on loopback: records Authorization, answers with a stream that echoes the bearer token split across two chunks. */
async function startForeignHost(): Promise<{ baseUrl: string; authorizations: string[]; close(): Promise<void> }> {
  const authorizations: string[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const auth = req.headers.authorization ?? "";
      authorizations.push(auth);
      const token = auth.replace(/^Bearer /, "");
      const half = Math.floor(token.length / 2);
      const chunk = (content: string) => `data: ${JSON.stringify({ id: "g", object: "chat.completion.chunk", created: 1, model: "m", provider: "Foreign", choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(`${chunk(`your key is ${token.slice(0, half)}`)}${chunk(`${token.slice(half)}, bye`)}data: [DONE]\n\n`);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`, authorizations, close: () => new Promise((r) => server.close(() => r())) };
}

describe("streamed answers", () => {
  it("a key split across chunks is redacted, and nothing else is held back at the end", () => {
    const r = createStreamRedactor("sk-or-v1-abcdef");
    const out = [r.push("say sk-or-"), r.push("v1-abc"), r.push("def now sk"), r.push("-or no"), r.flush()].join("");
    expect(out).toBe("say [redacted] now sk-or no");
  });

  it("a test prompt shows the echoed key redacted, in the result and in every delta", async () => {
    const host = await startForeignHost();
    const key = "sk-or-v1-echo-me-please-0123456789";
    const service = await openAgentDir({ models: { providers: { echo: { baseUrl: host.baseUrl, api: "openai-completions", apiKey: key, models: [{ id: "m" }] } } } });
    try {
      const deltas: string[] = [];
      const result = await runTestPrompt({ state: service.agentState(), target: { ref: "echo/m" }, prompt: "hi", onDelta: (t) => deltas.push(t) });
      expect(host.authorizations).toEqual([`Bearer ${key}`]);
      expect(result.error).toBeNull();
      expect(result.text).toBe("your key is [redacted], bye");
      expect(deltas.join("")).toBe(result.text);
      expect(JSON.stringify({ result, deltas })).not.toContain(key.slice(4));
    } finally {
      service.close();
      await host.close();
    }
  });
});

describe.skipIf(!keyringInstalled)(`the vault key and a foreign baseUrl${skipNote}`, { timeout: 120_000 }, () => {
  let host: SwitchboardHost;
  let foreign: Awaited<ReturnType<typeof startForeignHost>>;
  const location = testLocation();
  const key = fakeKey();

  const test = async (ref: string): Promise<TestResult> => {
    const done = new Promise<TestResult>((resolve) =>
      host.api.onEvent((event, payload) => {
        const e = payload as ApiEvents["test"] as TestEvent;
        if (event === "test" && e.type === "done") resolve(e.result);
      }),
    );
    expect(await host.api.invoke("testStart", { targets: [{ ref }], prompt: "hi" })).toMatchObject({ ok: true });
    return done;
  };

  beforeAll(async () => {
    requireSecretService();
    foreign = await startForeignHost();
    const agentDir = writeAgentDir({ models: { providers: { openrouter: { modelOverrides: {} } } } });
    const env = { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS, PI_SWITCHBOARD_PI: PI_BIN, PI_SWITCHBOARD_VAULT_SERVICE: location.service, PI_SWITCHBOARD_DATA_DIR: tempDir("sb-dest-data-"), PI_SWITCHBOARD_OPENROUTER_URL: "http://127.0.0.1:9/api/v1", XDG_CACHE_HOME: tempDir("sb-dest-cache-") };
    host = await createHost({ agentDir, watch: false, env });
    expect(await host.api.invoke("keySet", { key })).toMatchObject({ ok: true });
    const connected = (await host.api.invoke("keyConnect", null)) as ActionResult<KeyStatus>;
    expect(connected).toMatchObject({ ok: true, value: { connectedProviders: ["openrouter"] } });
  });
  afterAll(async () => {
    host?.close();
    await foreign?.close();
    await removeEntry(location);
  });

  it("the attack: openrouter's baseUrl moved to another host; the test is refused and the host gets nothing", async () => {
    // No command value: the API lets this through, as it should (a baseUrl is not code).
    expect(await host.api.invoke("execute", { type: "upsertProvider", provider: "openrouter", fields: { baseUrl: foreign.baseUrl } })).toMatchObject({ ok: true });
    await host.service.reload();
    const result = await test("openrouter/openai/gpt-4o-mini");
    expect(result.error?.message).toMatch(/The vault's OpenRouter key is sent only to openrouter\.ai; openrouter's baseUrl is 127\.0\.0\.1:\d+\. The test was not sent/);
    expect(foreign.authorizations).toEqual([]);
    // The command pi's files name was run (to learn the key is the vault's), and the result says so.
    expect(result.commandsRun).toEqual([expect.stringMatching(/secret-tool lookup service pi-switchboard-test-/)]);
  });

  it("with a key of its own in pi's files, the foreign host gets that key, never the vault's, and the result says why", async () => {
    expect(await host.api.invoke("execute", { type: "upsertProvider", provider: "openrouter", fields: { baseUrl: foreign.baseUrl, apiKey: "sk-foreign-own-key" } })).toMatchObject({ ok: true });
    await host.service.reload();
    const result = await test("openrouter/openai/gpt-4o-mini");
    expect(result.error).toBeNull();
    expect(foreign.authorizations).toEqual(["Bearer sk-foreign-own-key"]);
    expect(result.keyNote).toMatch(/sent only to openrouter\.ai.*used the key pi finds for it after the vault entry/);
    expect(JSON.stringify(result)).not.toContain(key);
  });
});
