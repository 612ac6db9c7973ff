/**
 * `catalog <model> --add-to <provider>` as a user runs it (the built CLI, test/cli-under-test.ts) against the fake
 * OpenRouter: the model with a variant and a pinned endpoint lands in models.json with its limits,
 * prices and routing, in a new virtual provider; a bad variant, an unknown endpoint or model says
 * what to type instead and writes nothing.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { parseVariantFlag } from "../../../src-main/cli/commands/catalog-add.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../fake-openrouter/server.js";
import { PI_BIN, writeAgentDir } from "../core/openrouter/agent-dir.js";
import { cliArgv } from "../../cli-under-test.js";

vi.setConfig({ testTimeout: 120_000 });

const home = mkdtempSync(join(tmpdir(), "sb-catalog-add-"));
let fake: FakeOpenRouter;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: join(home, "cache"), PI_SWITCHBOARD_PI: PI_BIN, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl };
  return new Promise((done) => execFile(...cliArgv(args), { env, timeout: 90_000 }, (error, stdout, stderr) => done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })));
}

beforeAll(async () => {
  fake = await startFakeOpenRouter();
});
afterAll(() => fake.close());

test("adds a variant with a pinned endpoint into a new virtual provider, with limits, prices and routing", async () => {
  const dir = writeAgentDir({ settings: {} });
  const { code, stdout, stderr } = await cli(["catalog", "moonshotai/kimi-k2", "--add-to", "openrouter-together", "--variant", "floor", "--pin", "together/fp8", "--agent-dir", dir]);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout).toMatch(/^Added openrouter-together\/moonshotai\/kimi-k2:floor to .*models\.json \(new provider openrouter-together, key OPENROUTER_API_KEY\)\./);
  expect(stdout).toContain("cost per million tokens: $1 in, $3 out, $0 cache read, $0 cache write");
  const file = parse(readFileSync(join(dir, "models.json"), "utf8")) as { providers: Record<string, { baseUrl: string; models: unknown[] }> };
  expect(file.providers["openrouter-together"]).toMatchObject({ baseUrl: "https://openrouter.ai/api/v1", api: "openai-completions", apiKey: "OPENROUTER_API_KEY" });
  expect(file.providers["openrouter-together"]!.models).toEqual([
    { id: "moonshotai/kimi-k2:floor", name: "MoonshotAI: Kimi K2 (floor, via Together)", reasoning: true, input: ["text"], contextWindow: 131072, maxTokens: 16384, cost: { input: 1, output: 3, cacheRead: 0, cacheWrite: 0 }, compat: { openRouterRouting: { only: ["together/fp8"], order: ["together/fp8"] } } },
  ]);
});

test("an unknown endpoint or model, or a bad variant: exit 1, what to type, nothing written", async () => {
  const dir = writeAgentDir({ settings: {} });
  const pin = await cli(["catalog", "moonshotai/kimi-k2", "--add-to", "x", "--pin", "nope", "--agent-dir", dir]);
  expect(pin.code).toBe(1);
  expect(pin.stderr).toContain('moonshotai/kimi-k2 has no endpoint "nope"; its endpoints: novita/fp8, deepinfra/fp4, groq, together/fp8.');
  const model = await cli(["catalog", "moonshotai/kimi-k2", "--add-to", "x", "--variant", "free", "--agent-dir", dir]);
  expect(model.code).toBe(1);
  expect(model.stderr).toContain("OpenRouter's catalog has no moonshotai/kimi-k2:free");
  expect(existsSync(join(dir, "models.json"))).toBe(false);
});

test("--variant takes the routing variants, free, and presets; anything else is refused with the list", () => {
  expect(parseVariantFlag(":nitro")).toEqual({ ok: true, variant: { kind: "nitro" } });
  expect(parseVariantFlag("@preset/my-coder")).toEqual({ ok: true, variant: { kind: "preset", slug: "my-coder" } });
  expect(parseVariantFlag("preset/Bad Slug")).toMatchObject({ ok: false, message: expect.stringContaining("is not a preset slug") });
  expect(parseVariantFlag("turbo")).toMatchObject({ ok: false, message: "--variant turbo is not one OpenRouter has: use none, nitro, floor, exacto, free or @preset/<slug>." });
});
