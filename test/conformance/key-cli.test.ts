/**
 * The `key` commands as a user runs them, against the real Secret Service: the key goes in
 * through stdin and never comes out on stdout/stderr: `key print` answers only on Windows, where it
 * is pi's key command, and refuses here, to a pipe and to a terminal (a real pty from util-linux
 * `script`), naming the command pi reads the key with; no file the app wrote holds the key.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Vault } from "../../src-main/core/vault/vault.js";
import { cliShellLine, fakeKey, filesContaining, keyringInstalled, onPath, removeEntry, removeTempDirs, requireSecretService, run, runCli, skipNote, tempDir, testLocation, type RunResult } from "../unit/core/vault/vault-test-env.js";

describe.skipIf(!keyringInstalled)(`pi-switchboard key …${skipNote}`, { timeout: 180_000 }, () => {
  const location = testLocation();
  const key = fakeKey();
  let agentDir: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const outputs: RunResult[] = [];
  const cli = async (args: string[], input?: string) => {
    const result = await runCli(["key", ...args, "--agent-dir", agentDir], { env, input });
    outputs.push(result);
    return result;
  };

  beforeAll(() => {
    requireSecretService();
    agentDir = tempDir("cli-agent");
    dataDir = tempDir("cli-data");
    env = { ...process.env, PI_SWITCHBOARD_DATA_DIR: dataDir, PI_SWITCHBOARD_VAULT_SERVICE: location.service, PI_SWITCHBOARD_OPENROUTER_URL: "http://127.0.0.1:9/api/v1" };
    writeFileSync(join(agentDir, "models.json"), `{ "providers": { "openrouter-bedrock": { "baseUrl": "https://openrouter.ai/api/v1", "api": "openai-completions", "apiKey": "OPENROUTER_API_KEY", "models": [{ "id": "a/b" }] } } }`);
  });
  afterAll(async () => {
    await removeEntry(location);
    removeTempDirs();
  });

  it("set takes the key from stdin; status shows it only by its last four", async () => {
    const set = await cli(["set"], `${key}\n`);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`…${key.slice(-4)}`);
    expect(await new Vault(location).read()).toBe(key);
    const status = await cli(["status", "--json"]);
    expect(JSON.parse(status.stdout)).toMatchObject({ stored: true, last4: key.slice(-4), unconnectedProviders: ["openrouter", "openrouter-bedrock"] });
  });

  it("set on a terminal prompts and does not echo what is typed", async () => {
    const typed = fakeKey();
    const child = spawn("script", ["-qec", cliShellLine(["key", "set", "--vault-service", location.service, "--agent-dir", agentDir]), "/dev/null"], { env, stdio: ["pipe", "pipe", "pipe"] });
    let screen = "";
    child.stdout.on("data", (d: Buffer) => {
      screen += d.toString();
      // Type only once the prompt is up, as a person would.
      if (screen.includes("input hidden") && !child.stdin.writableEnded) child.stdin.end(`${typed}\r`);
    });
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(screen).toContain("Key stored in the vault.");
    expect(screen).not.toContain(typed);
    expect(await new Vault(location).read()).toBe(typed);
    await new Vault(location).store(key);
  });

  it("print answers only on Windows: here it refuses a pipe, a terminal and --force, and names the command pi reads the key with", async () => {
    const piped = await cli(["print"]);
    expect(piped.code).toBe(1);
    expect(piped.stdout).toBe("");
    expect(piped.stderr).toMatch(/`key print` answers only on Windows.*pi reads the key with `.*secret-tool lookup service/s);

    expect(onPath("script"), "util-linux `script` gives the command a real terminal").not.toBeNull();
    const line = cliShellLine(["key", "print", "--vault-service", location.service]);
    const tty = await run("script", ["-qec", line, "/dev/null"], { env });
    expect(tty.stdout).toMatch(/answers only on Windows/);
    expect(tty.stdout).not.toContain(key);
    const forced = await run("script", ["-qec", `${line} --force`, "/dev/null"], { env });
    expect(forced.stdout).not.toContain(key);
  });

  it("connect, status --check, disconnect, import-from-auth, forget never echo the key", async () => {
    const authPath = join(agentDir, "auth.json");
    expect((await cli(["connect"])).code).toBe(0);
    expect(JSON.parse(readFileSync(authPath, "utf8")).openrouter.key).toMatch(/^!.*secret-tool lookup service/);
    const offline = await cli(["status", "--check"]);
    expect(offline.code).toBe(1);
    expect(offline.stdout).toMatch(/OpenRouter could not be reached/);
    // One provider only (the fix for one moved off OpenRouter), then the rest.
    const one = await cli(["disconnect", "--provider", "openrouter-bedrock"]);
    expect(one.stdout).toMatch(/Removed the vault command for: openrouter-bedrock\n/);
    expect(Object.keys(JSON.parse(readFileSync(authPath, "utf8")))).toEqual(["openrouter"]);
    const disconnect = await cli(["disconnect"]);
    expect(disconnect.stdout).toMatch(/Removed the vault command for: openrouter\n/);
    expect(JSON.parse(readFileSync(authPath, "utf8"))).toEqual({});

    await cli(["forget"]);
    writeFileSync(authPath, JSON.stringify({ openrouter: { type: "api_key", key } }, null, 2), { mode: 0o600 });
    const imported = await cli(["import-from-auth"]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/pi reads the vault key for: openrouter, openrouter-bedrock/);
    expect(await new Vault(location).read()).toBe(key);
    expect(filesContaining(agentDir, key)).toEqual([]);
    expect(filesContaining(dataDir, key)).toEqual([]);

    const forget = await cli(["forget"]);
    expect(forget.code).toBe(0);
    expect(await new Vault(location).read()).toBeNull();
    expect((await cli(["print"])).code).toBe(1);

    // No output carries the key: `key print`, the one command that may, answers only on Windows.
    const leaks = outputs.filter((o) => `${o.stdout}${o.stderr}`.includes(key));
    expect(leaks).toEqual([]);
  });
});
