/**
 * `models` says where pi will fail, through the real CLI (the built CLI, test/cli-under-test.ts) with real pi
 * 1.6.0 (PI_SWITCHBOARD_PI) on a real agent dir: `--json` carries each model's `problems` with the
 * fix command the window applies, and the table is followed by one line per problem.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { cliArgv } from "../../cli-under-test.js";

vi.setConfig({ testTimeout: 120_000 });

const REPO = resolve(".");
const PI_160 = join(REPO, ".pis/pi-1.6.0/node_modules/@earendil-works/pi-coding-agent");
const dir = mkdtempSync(join(tmpdir(), "cli-problems-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, "models.json"),
  JSON.stringify({ providers: { "openrouter-bare": { baseUrl: "https://openrouter.ai/api/v1", api: "openai-completions", apiKey: "OPENROUTER_API_KEY", models: [{ id: "openai/gpt-4o" }] } } }),
);

function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((done) => {
    execFile(...cliArgv([...args, "--agent-dir", dir]), { cwd: REPO, env: { ...process.env, PI_SWITCHBOARD_PI: PI_160, OPENROUTER_API_KEY: "sk-or-v1-set" }, timeout: 90_000 }, (error, stdout) =>
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout }),
    );
  });
}

it("models --json carries the problems of each model, with the fix as a command", async () => {
  const run = await cli(["models", "--json"]);
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as { models: { provider: string; id: string; problems: unknown[] }[] };
  const model = report.models.find((m) => m.provider === "openrouter-bare");
  expect(model?.problems).toEqual([
    expect.objectContaining({
      code: "key-is-variable-name",
      severity: "error",
      fix: { label: 'Write "$OPENROUTER_API_KEY" as the key', command: { type: "upsertProvider", provider: "openrouter-bare", fields: { apiKey: "$OPENROUTER_API_KEY" } } },
    }),
  ]);
});

it("models lists each problem under the table, in words", async () => {
  const run = await cli(["models"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('✗ openrouter-bare/openai/gpt-4o: The models.json key for openrouter-bare is the text "OPENROUTER_API_KEY": pi 1.6.0 sends it as written');
});
