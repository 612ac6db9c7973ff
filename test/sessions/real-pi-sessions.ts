/**
 * Session files written by a real pi against the fake OpenRouter, for the spend tests: pi's own
 * `-p` runs in two projects, with pi's own sessions (not --no-session), so the files are exactly
 * what users have. What they hold:
 * - project a: `openrouter/openai/gpt-4o-mini`, then a second prompt with --continue (two answers
 *   in one file, the second appended: the reader's incremental path);
 * - project b: `openrouter-groq/moonshotai/kimi-k2` (routing only: ["groq"]) at thinking high, and
 *   a provider whose key OpenRouter does not know (an answer pi records with stopReason "error").
 */
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rulesFor, rulesInfo } from "../../src-main/core/pi/pi-rules.js";
import type { TestPi } from "../conformance/pi-versions.js";
import type { FakeOpenRouter } from "../fake-openrouter/server.js";
import { DEFAULT_KEY } from "../fake-openrouter/table.js";

export interface RecordedSessions {
  agentDir: string;
  projects: { a: string; b: string };
  /** What pi printed per run, for a failing test to show. */
  runs: { args: string[]; code: number | null; output: string }[];
}

/** pi -p with everything but the model call and the session switched off, in `cwd`. */
function piRun(pi: TestPi, agentDir: string, home: string, cwd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const env = { PATH: process.env.PATH ?? "", HOME: home, PI_CODING_AGENT_DIR: agentDir, PI_OFFLINE: "1", PI_TELEMETRY: "0", PI_SKIP_VERSION_CHECK: "1", OPENROUTER_API_KEY: DEFAULT_KEY };
  const all = [pi.cli, "-p", ...args, "--offline", "--no-tools", "--no-extensions", "--no-skills", "--no-context-files"];
  return new Promise((resolve) => {
    const child = spawn(pi.node, all, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export async function recordRealSessions(pi: TestPi, fake: FakeOpenRouter, root: string): Promise<RecordedSessions> {
  const agentDir = join(root, "agent");
  const home = join(root, "home");
  const projects = { a: join(root, "work", "proj-a"), b: join(root, "work", "proj-b") };
  for (const dir of [agentDir, home, projects.a, projects.b]) mkdirSync(dir, { recursive: true });
  const keyRef = rulesInfo(rulesFor(pi.version)).envKeyReference;
  const models = {
    providers: {
      openrouter: { baseUrl: fake.baseUrl },
      "openrouter-groq": {
        baseUrl: fake.baseUrl,
        api: "openai-completions",
        apiKey: keyRef,
        compat: { openRouterRouting: { only: ["groq"] } },
        models: [{ id: "moonshotai/kimi-k2", reasoning: true, cost: { input: 1, output: 3, cacheRead: 0, cacheWrite: 0 } }],
      },
      "openrouter-stale-key": { baseUrl: fake.baseUrl, api: "openai-completions", apiKey: "sk-or-v1-revoked", models: [{ id: "openai/gpt-4o-mini" }] },
    },
  };
  writeFileSync(join(agentDir, "models.json"), `${JSON.stringify(models, null, 2)}\n`);
  const plan: [string, string[]][] = [
    [projects.a, ["hi", "--model", "openrouter/openai/gpt-4o-mini"]],
    [projects.a, ["and again", "--continue", "--model", "openrouter/openai/gpt-4o-mini"]],
    [projects.b, ["hi", "--model", "openrouter-groq/moonshotai/kimi-k2", "--thinking", "high"]],
    [projects.b, ["hi", "--model", "openrouter-stale-key/openai/gpt-4o-mini"]],
  ];
  const runs: RecordedSessions["runs"] = [];
  // One after the other: pi's session files are named by the time they start.
  for (const [cwd, args] of plan) runs.push({ args, ...(await piRun(pi, agentDir, home, cwd, args)) });
  return { agentDir, projects, runs };
}

/** Every session file under the agent dir's sessions/ (pi's default layout: one folder per project). */
export function sessionFiles(agentDir: string): string[] {
  const root = join(agentDir, "sessions");
  return readdirSync(root).flatMap((folder) => readdirSync(join(root, folder)).filter((n) => n.endsWith(".jsonl")).map((n) => join(root, folder, n)));
}

export interface IndependentSums {
  cost: number;
  requests: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  errors: number;
  responseIds: string[];
}

/**
 * The test's own sums over the files, written apart from the app's reader: every line parsed, the
 * assistant messages' usage added up (these runs write no usage, compaction or summary entries;
 * the test checks that too, so a pi that starts writing them fails it instead of passing silently).
 */
export function sumSessionFiles(files: string[]): IndependentSums {
  const sums: IndependentSums = { cost: 0, requests: 0, input: 0, output: 0, cacheRead: 0, cacheWrite: 0, errors: 0, responseIds: [] };
  for (const file of files) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as { type: string; usage?: unknown; message?: { role: string; usage?: Record<string, number> & { cost: { total: number } }; stopReason?: string; responseId?: string } };
      if (entry.type === "usage" || entry.type === "compaction" || entry.type === "branch_summary") {
        if (entry.usage) throw new Error(`${file} has a ${entry.type} entry with usage: sum it here too`);
      }
      const m = entry.message;
      if (entry.type !== "message" || m?.role !== "assistant" || !m.usage) continue;
      sums.requests++;
      sums.cost += m.usage.cost.total;
      sums.input += m.usage.input!;
      sums.output += m.usage.output!;
      sums.cacheRead += m.usage.cacheRead!;
      sums.cacheWrite += m.usage.cacheWrite!;
      if (m.stopReason === "error" || m.stopReason === "aborted") sums.errors++;
      if (m.responseId) sums.responseIds.push(m.responseId);
    }
  }
  return sums;
}
