/**
 * pi's answers on disk (verdict-cache.ts): an answer comes back by its key from another instance
 * (another process), in a private dir (0700, made so if found open) and a private file (0600); a
 * damaged entry or one holding another key's answer is ignored, removed and replaced; the cache
 * keeps the most recently used entries only; an answer carrying pi's error text (which can quote
 * a key from the file it failed on) is never written.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { OracleAnswer } from "../../../../src-main/core/pi/verdict/run-oracle.js";
import { storable, VerdictDiskCache } from "../../../../src-main/core/pi/verdict/verdict-cache.js";

const work = mkdtempSync(join(tmpdir(), "verdict-cache-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let dirs = 0;
const cacheDir = () => join(work, `cache-${++dirs}`, "pi-verdicts");

const answer = (over: Partial<OracleAnswer> = {}): OracleAnswer => ({
  name: "agent",
  piVersion: "1.6.0",
  sdk: "runtime",
  error: null,
  modelsError: null,
  settingsValid: true,
  settingsErrors: [],
  models: [{ provider: "openrouter", id: "a/b", name: "A B", api: "openai-completions", baseUrl: "https://openrouter.ai/api/v1", builtIn: true, routing: null, body: null }],
  available: ["openrouter/a/b"],
  scope: [],
  unmatched: [],
  scopeWarnings: [],
  default: { ref: "openrouter/a/b", thinkingLevel: "medium" },
  keys: { openrouter: { resolves: true, fingerprint: "0123456789abcdef", error: null }, groq: { resolves: false, fingerprint: null, error: 'No API key found for "groq"' } },
  network: [],
  ...over,
});
const KEY_A = "a".repeat(64);
const KEY_B = "b".repeat(64);

describe("pi's answers on disk", () => {
  it("come back by key to another instance, from a 0700 dir and a 0600 file", async () => {
    const dir = cacheDir();
    await new VerdictDiskCache(dir).put(KEY_A, answer());
    expect(await new VerdictDiskCache(dir).get(KEY_A)).toEqual(answer());
    expect(await new VerdictDiskCache(dir).get(KEY_B)).toBeNull();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, `${KEY_A}.json`)).mode & 0o777).toBe(0o600);
  });

  it("make a dir found open to others private", async () => {
    const dir = cacheDir();
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755);
    await new VerdictDiskCache(dir).put(KEY_A, answer());
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("ignore a damaged entry, or one that holds another key's answer, remove it, and take the next answer in its place", async () => {
    const dir = cacheDir();
    const cache = new VerdictDiskCache(dir);
    await cache.put(KEY_A, answer());
    for (const damage of ['{"key": "' + KEY_A + '", "answer": {"piVersion": "1.6.0"', "", JSON.stringify({ key: KEY_B, answer: answer() }), JSON.stringify({ key: KEY_A, answer: { piVersion: "1.6.0", models: "none" } })]) {
      writeFileSync(join(dir, `${KEY_A}.json`), damage);
      expect(await cache.get(KEY_A)).toBeNull();
      expect(existsSync(join(dir, `${KEY_A}.json`))).toBe(false);
    }
    await cache.put(KEY_A, answer({ available: [] }));
    expect(await cache.get(KEY_A)).toEqual(answer({ available: [] }));
  });

  it("keep the most recently used entries within the bound: a hit counts as use", async () => {
    const dir = cacheDir();
    const cache = new VerdictDiskCache(dir, 2);
    const keys = ["1", "2", "3"].map((c) => c.repeat(64));
    await cache.put(keys[0]!, answer());
    await cache.put(keys[1]!, answer());
    // Entry 1 is older on disk than entry 2, then used: entry 2 is now the least recently used.
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(dir, `${keys[0]}.json`), past, past);
    utimesSync(join(dir, `${keys[1]}.json`), new Date(Date.now() - 30_000), new Date(Date.now() - 30_000));
    expect(await cache.get(keys[0]!)).not.toBeNull();
    await cache.put(keys[2]!, answer());
    expect(readdirSync(dir).sort()).toEqual([`${keys[0]}.json`, `${keys[2]}.json`].sort());
  });

  it("never store an answer that carries pi's error text: it can quote the file, key included", async () => {
    const dir = cacheDir();
    const cache = new VerdictDiskCache(dir);
    const secret = "sk-or-v1-quoted-by-json-parse";
    const quoting: OracleAnswer[] = [
      answer({ error: `SyntaxError: Unexpected token 'x', "{"openrouter":{"key":"${secret}"... is not valid JSON` }),
      answer({ modelsError: `Invalid models.json: "${secret}"` }),
      answer({ settingsErrors: [`Unexpected token in "${secret}"`] }),
      answer({ default: { ref: null, thinkingLevel: null, error: secret } }),
      answer({ keys: { openrouter: { resolves: false, fingerprint: null, error: `command failed: ${secret}` } } }),
    ];
    for (const [i, a] of quoting.entries()) {
      expect(storable(a)).toBe(false);
      await cache.put(String(i).repeat(64), a);
    }
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    // pi's own no-key sentences name a provider, a header, a variable only: that answer is stored.
    expect(storable(answer())).toBe(true);
    for (const error of ['Failed to resolve API key for provider "openrouter-mine" from environment variable: MY_KEY', 'Failed to resolve API key for provider "p" from environment variables: A_KEY, B_KEY']) {
      expect(storable(answer({ keys: { p: { resolves: false, fingerprint: null, error } } })), error).toBe(true);
    }
    expect(storable(answer({ keys: { p: { resolves: false, fingerprint: null, error: `Failed to resolve API key for provider "p" from shell command: echo ${secret}` } } }))).toBe(false);
    await cache.put(KEY_A, answer());
    expect(readFileSync(join(dir, `${KEY_A}.json`), "utf8")).not.toContain(secret);
  });
});
