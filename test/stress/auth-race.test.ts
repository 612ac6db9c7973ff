/**
 * Concurrent writers on auth.json (issue 6): the app's one write path (as `key connect` uses it:
 * pi's lock, read-merge-write of its own entries, atomic rename) and real pi's AuthStorage write
 * auth.json at the same time. Neither loses the other's entries, pi never fails to take its lock,
 * entries written before the race survive and the file stays owner-only.
 */
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, expect, it, vi } from "vitest";
import { writePiFile } from "../../src-main/core/edits/write-pi-file.js";
import { Backups } from "../../src-main/core/files/backup.js";
import { parseStrictJson } from "../../src-main/core/pi/pi-json.js";
import { makeAgentDir } from "../unit/core/files/agent-dir-fixture.js";
import { startPiWriter } from "./pi-writer-process.js";

vi.setConfig({ testTimeout: 120_000 });

const WRITES = 100;

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

it("the app and real pi writing auth.json at once lose nothing", async () => {
  const made = await makeAgentDir({});
  cleanup = made.cleanup;
  const authPath = join(made.agentDir, "auth.json");
  await writeFile(authPath, `{\n  "anthropic": {"type": "api_key", "key": "ANTHROPIC_API_KEY"},\n  "x-before-the-race": {"type": "api_key", "key": "!pass show x"}\n}\n`, { mode: 0o600 });

  const pi = await startPiWriter<{ last: Record<string, unknown>; writes: number; errors: string[] }>("pi-auth-writer.mjs", [authPath, String(WRITES)]);

  const backups = new Backups(made.agentDir);
  const appLast: Record<string, unknown> = {};
  for (let i = 0; i < WRITES; i++) {
    const provider = `openrouter-app-${i % 4}`;
    const entry = { type: "api_key", key: `!secret-tool lookup service app username n${i}` };
    appLast[provider] = entry;
    await writePiFile({ path: authPath, usePiLock: true, parse: parseStrictJson, changes: () => [{ path: [provider], value: entry }], backups, createMode: 0o600 });
  }
  const { report, stderr } = await pi.stop();
  expect(stderr).toBe("");
  expect(report.writes).toBeGreaterThanOrEqual(WRITES);
  expect(report.errors).toEqual([]);

  const auth = JSON.parse(await readFile(authPath, "utf8")) as Record<string, unknown>;
  for (const [provider, entry] of Object.entries(appLast)) expect(auth[provider], provider).toEqual(entry);
  for (const [provider, entry] of Object.entries(report.last)) expect(auth[provider], provider).toEqual(entry);
  expect(auth.anthropic).toEqual({ type: "api_key", key: "ANTHROPIC_API_KEY" });
  expect(auth["x-before-the-race"]).toEqual({ type: "api_key", key: "!pass show x" });
  expect((await stat(authPath)).mode & 0o777).toBe(0o600);
});
