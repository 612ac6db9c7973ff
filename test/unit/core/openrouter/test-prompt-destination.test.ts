/**
 * Test prompts send pi's key, headers and command output to OpenRouter only (secret-destination.ts):
 * a model on any other host is refused before anything is resolved, run or sent — the look-alike
 * host receives nothing, and no `!command` runs. On OpenRouter (here: a loopback server standing in
 * through PI_SWITCHBOARD_OPENROUTER_URL), whatever the answer echoes of the key — in the text, split
 * across chunks, in base64, or as the serving provider's name — is shown redacted.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTestPrompt } from "../../../../src-main/core/openrouter/test-prompt.js";
import { openAgentDir } from "./agent-dir.js";

/** A loopback host that records each request's headers and streams back `reply(token)` in two chunks, as `provider: providerName(token)`. */
async function startEchoHost(reply: (token: string) => string, providerName: (token: string) => string = () => "Echo"): Promise<{ baseUrl: string; origin: string; requests: Record<string, string | undefined>[]; close(): Promise<void> }> {
  const requests: Record<string, string | undefined>[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      requests.push({ method: req.method, authorization: req.headers.authorization, "x-home": req.headers["x-home"] as string | undefined });
      const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      const text = reply(token);
      const half = Math.floor(text.length / 2);
      const chunk = (content: string) => `data: ${JSON.stringify({ id: "gen-echo", object: "chat.completion.chunk", created: 1, model: "m", provider: providerName(token), choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(`${chunk(text.slice(0, half))}${chunk(text.slice(half))}data: [DONE]\n\n`);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { baseUrl: `${origin}/openrouter.ai/api/v1`, origin, requests, close: () => new Promise((r) => server.close(() => r())) };
}

describe("a model on a host that only looks like OpenRouter", () => {
  let host: Awaited<ReturnType<typeof startEchoHost>>;
  beforeAll(async () => (host = await startEchoHost((t) => t)));
  afterAll(() => host.close());

  it("is refused before its key command runs or anything is sent", async () => {
    const marker = join(mkdtempSync(join(tmpdir(), "sb-dest-cmd-")), "ran");
    const service = await openAgentDir(
      { models: { providers: { "openrouter-lookalike": { baseUrl: host.baseUrl, api: "openai-completions", apiKey: `!touch ${marker}; printf %s sk-from-command`, headers: { "X-Home": "${HOME}" }, models: [{ id: "m" }] } } } },
      { HOME: "/home/secret-user", PI_SWITCHBOARD_OPENROUTER_URL: "http://127.0.0.1:9/api/v1" },
    );
    try {
      const result = await runTestPrompt({ state: service.agentState(), target: { ref: "openrouter-lookalike/m" }, prompt: "hi" });
      expect(result.error?.message).toMatch(/^openrouter-lookalike\/m does not go to OpenRouter: its baseUrl is 127\.0\.0\.1:\d+, and test prompts send pi's key and headers to OpenRouter only, so nothing was sent\.$/);
      expect(result.error?.hint).toMatch(/set its baseUrl to https:\/\/openrouter\.ai\/api\/v1/);
      expect(result.commandsRun).toEqual([]);
      expect(existsSync(marker)).toBe(false);
      expect(host.requests).toEqual([]);
    } finally {
      service.close();
    }
  });
});

describe("an answer from OpenRouter that echoes the key", () => {
  const key = "sk-or-v1-echo-me-please-0123456789";
  it.each([
    ["in plain text, split across chunks", (t: string) => `your key is ${t}, bye`],
    ["in base64", (t: string) => `encoded: ${Buffer.from(`user:${t}`).toString("base64")} done`],
  ])("%s is shown redacted, in the result and every delta; the provider name too", async (_what, reply) => {
    const host = await startEchoHost(reply, (t) => `Echo ${t}`);
    const service = await openAgentDir({ models: { providers: { echo: { baseUrl: host.baseUrl, api: "openai-completions", apiKey: key, models: [{ id: "m" }] } } } }, { PI_SWITCHBOARD_OPENROUTER_URL: host.origin });
    try {
      const deltas: string[] = [];
      const result = await runTestPrompt({ state: service.agentState(), target: { ref: "echo/m" }, prompt: "hi", onDelta: (t) => deltas.push(t) });
      // The answer, then OpenRouter's generation record: both to OpenRouter, both with the key.
      expect(host.requests.map((r) => `${r.method} ${r.authorization}`)).toEqual([`POST Bearer ${key}`, `GET Bearer ${key}`]);
      expect(result.error).toBeNull();
      expect(result.text).toContain("[redacted]");
      expect(result.servedBy).toBe("Echo [redacted]");
      expect(deltas.join("")).toBe(result.text);
      const shown = JSON.stringify({ result, deltas });
      expect(shown).not.toContain(key.slice(4));
      expect(shown).not.toContain(Buffer.from(`user:${key}`).toString("base64").slice(8, 40));
    } finally {
      service.close();
      await host.close();
    }
  });
});
