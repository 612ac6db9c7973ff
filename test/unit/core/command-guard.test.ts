/**
 * `!command` values through the API (command-guard.ts): which commands carry them, and that the
 * real ApiHost over a real agent dir refuses to write them from a host that cannot confirm
 * (serve), asks the Electron window to confirm, and writes exactly what was confirmed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shellCommandsIn } from "../../../src-main/core/command-guard.js";
import type { CommandResult } from "../../../src-main/core/contract.js";
import { createHost, type SwitchboardHost } from "../../../src-main/core/create-host.js";
import { PI_BIN, writeAgentDir } from "./openrouter/agent-dir.js";

describe("shellCommandsIn", () => {
  it("finds !commands in a provider apiKey and in headers at any depth of an override, nothing else", () => {
    expect(shellCommandsIn({ type: "upsertProvider", provider: "x", fields: { apiKey: "!pass show or" } })).toEqual(["!pass show or"]);
    expect(shellCommandsIn({ type: "upsertProvider", provider: "x", fields: { apiKey: "  !id" } })).toEqual(["  !id"]);
    expect(shellCommandsIn({ type: "upsertProvider", provider: "x", fields: { apiKey: "$OPENROUTER_API_KEY", baseUrl: "!not-run" } })).toEqual([]);
    expect(shellCommandsIn({ type: "setOverride", provider: "openrouter", id: "a/b", override: { headers: { "X-A": "!whoami", "X-B": "plain" }, name: "!a name" } })).toEqual(["!whoami"]);
    expect(shellCommandsIn({ type: "setOverride", provider: "openrouter", id: "a/b", override: { compat: { x: { headers: { y: "!deep" } } }, apiKey: "!k" } })).toEqual(["!deep", "!k"]);
    expect(shellCommandsIn({ type: "setRouting", target: { level: "provider", provider: "x" }, routing: { only: ["!x"] } })).toEqual([]);
    expect(shellCommandsIn(null)).toEqual([]);
  });
});

describe("the API and !command values", () => {
  let host: SwitchboardHost;
  let dir: string;
  const models = () => readFileSync(join(dir, "models.json"), "utf8");
  const command = { type: "upsertProvider", provider: "openrouter-x", fields: { baseUrl: "https://openrouter.ai/api/v1", apiKey: "!touch /tmp/pwned" } } as const;

  beforeAll(async () => {
    dir = writeAgentDir({ models: { providers: {} } });
    host = await createHost({ agentDir: dir, watch: false, env: { PATH: process.env.PATH, PI_SWITCHBOARD_PI: PI_BIN, PI_SWITCHBOARD_OPENROUTER_URL: "http://127.0.0.1:9/api/v1" } });
  });
  afterAll(() => host.close());

  it("serve (a caller that cannot confirm) is refused, with the command named, and nothing is written", async () => {
    const before = models();
    const plain = (await host.api.invoke("execute", command)) as CommandResult;
    expect(plain).toMatchObject({ ok: false, error: { code: "command-refused", commands: ["!touch /tmp/pwned"] } });
    expect(!plain.ok && plain.error.message).toMatch(/^Refused: `!touch \/tmp\/pwned` is a command pi would run/);
    // Claiming a confirmation does not help a caller that cannot show one.
    const claimed = await host.api.invoke("executeConfirmed", { command, confirmedCommands: ["!touch /tmp/pwned"] });
    expect(claimed).toMatchObject({ ok: false, error: { code: "command-refused" } });
    expect(models()).toBe(before);
  });

  it("the Electron window must confirm exactly the commands written", async () => {
    const electron = { canConfirmCommands: true };
    const before = models();
    expect(await host.api.invoke("execute", command, electron)).toMatchObject({ ok: false, error: { code: "needs-confirmation", commands: ["!touch /tmp/pwned"] } });
    expect(await host.api.invoke("executeConfirmed", { command, confirmedCommands: ["!something else"] }, electron)).toMatchObject({ ok: false, error: { code: "needs-confirmation" } });
    expect(models()).toBe(before);
    expect(await host.api.invoke("executeConfirmed", { command, confirmedCommands: ["!touch /tmp/pwned"] }, electron)).toMatchObject({ ok: true });
    expect(JSON.parse(models()).providers["openrouter-x"].apiKey).toBe("!touch /tmp/pwned");
  });

  it("values that are not commands are written as before, from any caller", async () => {
    expect(await host.api.invoke("execute", { type: "upsertProvider", provider: "openrouter-y", fields: { apiKey: "OPENROUTER_API_KEY" } })).toMatchObject({ ok: true });
  });
});
