/**
 * `!command` values through the API (command-guard.ts): which commands carry them, which writes
 * introduce one, and that the real ApiHost over a real agent dir refuses such a write from a host
 * that cannot ask (serve), and otherwise writes only after the caller's own prompt said yes — the
 * main process's native dialog in Electron (ipc.ts; Electron cannot run here, so a caller that
 * answers and records stands in for the box, whose options are tested in command-confirmation.test.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandsIntroduced, shellCommandsIn, type ApiCaller } from "../../../src-main/core/command-guard.js";
import type { CommandResult } from "../../../src-main/core/common/index.js";
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

describe("commandsIntroduced", () => {
  const file = (apiKey: unknown, models: unknown[] = []) => ({ providers: { x: { apiKey, models, modelOverrides: { "a/b": { headers: { "X-A": "!whoami" } } } } } });

  it("names a command that is new or changed at its place, not one that stays", () => {
    expect(commandsIntroduced(file("$KEY"), file("!pass show or"))).toEqual(["!pass show or"]);
    expect(commandsIntroduced(file("!pass show or"), file("!pass show or"))).toEqual([]);
    expect(commandsIntroduced(file("!pass show a"), file("!pass show b"))).toEqual(["!pass show b"]);
    expect(commandsIntroduced({}, file("$KEY"))).toEqual(["!whoami"]);
  });

  it("a command moved to another provider is introduced there; custom models are matched by id, not position", () => {
    expect(commandsIntroduced({ providers: { x: { apiKey: "!k" } } }, { providers: { y: { apiKey: "!k" } } })).toEqual(["!k"]);
    const m = (id: string, cmd?: string) => ({ id, ...(cmd ? { headers: { H: cmd } } : {}) });
    expect(commandsIntroduced(file("$K", [m("one"), m("two", "!h")]), file("$K", [m("two", "!h")]))).toEqual([]);
    expect(commandsIntroduced(file("$K", [m("one"), m("two", "!h")]), file("$K", [m("one", "!h"), m("two", "!h")]))).toEqual(["!h"]);
  });
});

describe("the API and !command values", () => {
  let host: SwitchboardHost;
  let dir: string;
  const models = () => readFileSync(join(dir, "models.json"), "utf8");
  const command = { type: "upsertProvider", provider: "openrouter-x", fields: { baseUrl: "https://openrouter.ai/api/v1", apiKey: "!touch /tmp/pwned" } } as const;
  /** Stands in for Electron's native box: answers as told and records each question. */
  const asking = (answer: boolean | (() => boolean)) => {
    const asked: string[][] = [];
    const caller: ApiCaller = { confirmCommands: async (commands) => (asked.push(commands), typeof answer === "function" ? answer() : answer) };
    return { asked, caller };
  };

  beforeAll(async () => {
    dir = writeAgentDir({ models: { providers: {} } });
    host = await createHost({ agentDir: dir, watch: false, env: { PATH: process.env.PATH, PI_SWITCHBOARD_PI: PI_BIN, PI_SWITCHBOARD_OPENROUTER_URL: "http://127.0.0.1:9/api/v1" } });
  });
  afterAll(() => host.close());

  it("serve (a caller that cannot ask) is refused, with the command named, and nothing is written", async () => {
    const before = models();
    const plain = (await host.api.invoke("execute", command)) as CommandResult;
    expect(plain).toMatchObject({ ok: false, error: { code: "command-refused", commands: ["!touch /tmp/pwned"] } });
    expect(!plain.ok && plain.error.message).toMatch(/^Refused: `!touch \/tmp\/pwned` is a command pi would run/);
    // The old page-side confirmation route is gone: a page cannot claim the user said yes.
    await expect(host.api.invoke("executeConfirmed", { command, confirmedCommands: ["!touch /tmp/pwned"] })).rejects.toThrow(/Unknown method "executeConfirmed"/);
    expect(models()).toBe(before);
  });

  it("Electron: the main process asks about exactly the commands introduced; no writes nothing, yes writes", async () => {
    const before = models();
    const no = asking(false);
    expect(await host.api.invoke("execute", command, no.caller)).toMatchObject({ ok: false, error: { code: "command-declined", commands: ["!touch /tmp/pwned"], message: "Not written: you did not allow pi to run `!touch /tmp/pwned`." } });
    expect(no.asked).toEqual([["!touch /tmp/pwned"]]);
    expect(models()).toBe(before);

    const yes = asking(true);
    expect(await host.api.invoke("execute", command, yes.caller)).toMatchObject({ ok: true });
    expect(yes.asked).toEqual([["!touch /tmp/pwned"]]);
    expect(JSON.parse(models()).providers["openrouter-x"].apiKey).toBe("!touch /tmp/pwned");
  });

  it("a command already written at that place is not asked about, and serve may re-save it", async () => {
    const again = asking(false);
    expect(await host.api.invoke("execute", { ...command, fields: { ...command.fields, baseUrl: "https://openrouter.ai/api/v1/" } }, again.caller)).toMatchObject({ ok: true });
    expect(again.asked).toEqual([]);
    expect(await host.api.invoke("execute", command)).toMatchObject({ ok: true });
    // The same command under another provider is new there.
    expect(await host.api.invoke("execute", { ...command, provider: "openrouter-z" })).toMatchObject({ ok: false, error: { code: "command-refused" } });
  });

  it("a file changed while the user read the question is not written over (the previewed version is pinned)", async () => {
    const changed = { providers: { "openrouter-x": { baseUrl: "https://openrouter.ai/api/v1", apiKey: "$HAND_EDITED" } } };
    const racing = asking(() => {
      writeFileSync(join(dir, "models.json"), JSON.stringify(changed, null, 2));
      return true;
    });
    const result = await host.api.invoke("execute", { ...command, provider: "openrouter-w" }, racing.caller);
    expect(racing.asked).toEqual([["!touch /tmp/pwned"]]);
    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(JSON.parse(models())).toEqual(changed);
  });

  it("values that are not commands are written as before, from any caller", async () => {
    expect(await host.api.invoke("execute", { type: "upsertProvider", provider: "openrouter-y", fields: { apiKey: "OPENROUTER_API_KEY" } })).toMatchObject({ ok: true });
  });
});
