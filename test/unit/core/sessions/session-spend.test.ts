/**
 * The session reader on real files on disk: session files real pi wrote (test/fixtures/sessions),
 * pi's default layout and a custom sessionDir, reads that resume where they stopped (a half-written
 * line waits), files that shrink, are replaced or rewritten in place (pi's migration), an old v1
 * file, and new lines and new sessions followed by the real directory watcher.
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, closeSync, constants, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSpendReport } from "../../../../src-main/core/common/spend-report.js";
import { sessionFolderName, sessionsLocation } from "../../../../src-main/core/pi/session-dirs.js";
import { SessionSpend, sessionSpendFor } from "../../../../src-main/core/sessions/session-spend.js";

const FIXTURES = join(__dirname, "..", "..", "..", "fixtures", "sessions");
const pi16 = readFileSync(join(FIXTURES, "pi-1.6.0.jsonl"), "utf8");
const pi073 = readFileSync(join(FIXTURES, "pi-0.73.1.jsonl"), "utf8");

/** An assistant line as pi 1.6.0 writes it, with the given cost and tokens. */
function answer(cost: number, input = 10, extra: Record<string, unknown> = {}): string {
  const message = { role: "assistant", content: [{ type: "text", text: "ok" }], api: "openai-completions", provider: "openrouter", model: "openai/gpt-4o-mini", usage: { input, output: 2, cacheRead: 5, cacheWrite: 0, totalTokens: input + 7, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: cost } }, stopReason: "stop", timestamp: Date.now(), responseId: `gen-${cost}`, ...extra };
  return `${JSON.stringify({ type: "message", id: "x", parentId: null, timestamp: new Date().toISOString(), message })}\n`;
}

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "session-spend-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const totalCost = (spend: SessionSpend) => [...spend.entries()].reduce((sum, e) => sum + e.cost, 0);

function projectDir(agentDir: string, cwd: string): string {
  const dir = join(agentDir, "sessions", sessionFolderName(cwd));
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe("session files real pi wrote", () => {
  it("reads pi 1.6.0's answer with its thinking level and responseId, and 0.73.1's with the level from its change entry", async () => {
    const agentDir = join(root, "agent");
    writeFileSync(join(projectDir(agentDir, "/a"), "1.jsonl"), pi16);
    writeFileSync(join(projectDir(agentDir, "/b"), "2.jsonl"), pi073);
    const spend = await sessionSpendFor(agentDir, {});
    await spend.refresh();
    const entries = [...spend.entries()].sort((x, y) => x.at - y.at);
    expect(entries).toHaveLength(2);
    const [first, second] = entries as [(typeof entries)[0], (typeof entries)[0]];
    expect(first).toMatchObject({ provider: "openrouter", model: "openai/gpt-4o-mini", thinking: "off", request: true, error: false, cost: 0.00006345, input: 403, output: 5 });
    expect(first.responseId).toMatch(/^gen-/);
    expect(first.project).toBe("/tmp/h-exp/v16/proj");
    expect(second).toMatchObject({ provider: "openrouter-kimi", model: "moonshotai/kimi-k2", thinking: "off", cost: 0.000392 });
  });
});

describe("where pi keeps sessions", () => {
  it("follows sessionDir in settings.json (files side by side) and the environment before it", async () => {
    const agentDir = join(root, "agent");
    mkdirSync(agentDir);
    const custom = join(root, "custom");
    mkdirSync(custom);
    writeFileSync(join(agentDir, "settings.json"), JSON.stringify({ sessionDir: custom }));
    writeFileSync(join(custom, "s.jsonl"), pi16);
    const spend = await sessionSpendFor(agentDir, {});
    expect(spend.location).toMatchObject({ dir: custom, layout: "flat", from: "settings" });
    await spend.refresh();
    expect(spend.stats.files).toBe(1);
    expect(sessionsLocation(agentDir, JSON.stringify({ sessionDir: "~/s" }), { PI_CODING_AGENT_SESSION_DIR: "/env/s" }, "/home/me")).toMatchObject({ dir: "/env/s", from: "env" });
    expect(sessionsLocation(agentDir, JSON.stringify({ sessionDir: "~/s" }), {}, "/home/me").dir).toBe("/home/me/s");
    expect(sessionsLocation(agentDir, "{ not json", {}, "/home/me")).toMatchObject({ dir: join(agentDir, "sessions"), layout: "projects" });
  });
});

describe("incremental reads", () => {
  it("reads only what pi appended; a half-written line waits for its end", async () => {
    const dir = projectDir(join(root, "agent"), "/p");
    const file = join(dir, "s.jsonl");
    writeFileSync(file, `{"type":"session","version":3,"id":"s","timestamp":"2026-01-01T00:00:00.000Z","cwd":"/p"}\n${answer(1)}`);
    const spend = new SessionSpend({ dir: join(root, "agent", "sessions"), layout: "projects", from: "default" });
    await spend.refresh();
    expect(totalCost(spend)).toBe(1);
    const line = answer(2);
    appendFileSync(file, line.slice(0, 40));
    await spend.refresh();
    expect(totalCost(spend)).toBe(1);
    appendFileSync(file, line.slice(40));
    await spend.refresh();
    expect(totalCost(spend)).toBe(3);
    await spend.refresh();
    expect(totalCost(spend)).toBe(3);
  });

  it("counts a session name that is no file (a FIFO) as unreadable at once, and reads the others", async () => {
    const dir = projectDir(join(root, "agent"), "/p");
    writeFileSync(join(dir, "s.jsonl"), `{"type":"session","version":3,"id":"s","timestamp":"2026-01-01T00:00:00.000Z","cwd":"/p"}\n${answer(1)}`);
    const fifo = join(dir, "fifo.jsonl");
    execFileSync("mkfifo", [fifo]);
    const spend = new SessionSpend({ dir: join(root, "agent", "sessions"), layout: "projects", from: "default" });
    const outcome = await Promise.race([spend.refresh().then(() => "read"), new Promise((r) => setTimeout(() => r("still reading after 5 s"), 5_000))]);
    // A reader blocked on the FIFO would hold a thread for good: a writer that opens and closes lets it go.
    if (outcome !== "read") closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    expect(outcome).toBe("read");
    expect(totalCost(spend)).toBe(1);
    expect(spend.stats).toMatchObject({ files: 1, unreadable: 1 });
  });

  it("reads a file again when it shrank, was replaced or rewritten in place, and drops one that went away", async () => {
    const dir = projectDir(join(root, "agent"), "/p");
    const file = join(dir, "s.jsonl");
    const header = (version: number) => `{"type":"session","version":${version},"id":"s","timestamp":"2026-01-01T00:00:00.000Z","cwd":"/p"}\n`;
    writeFileSync(file, header(3) + answer(1) + answer(2));
    const spend = new SessionSpend({ dir: join(root, "agent", "sessions"), layout: "projects", from: "default" });
    await spend.refresh();
    expect(totalCost(spend)).toBe(3);
    writeFileSync(file, header(3) + answer(4));
    await spend.refresh();
    expect(totalCost(spend)).toBe(4);
    writeFileSync(`${file}.tmp`, header(3) + answer(8) + answer(16));
    renameSync(`${file}.tmp`, file);
    await spend.refresh();
    expect(totalCost(spend)).toBe(24);
    // pi migrates an old session in place: same size or larger, other first bytes.
    writeFileSync(file, header(2) + answer(32) + answer(16) + answer(1));
    await spend.refresh();
    expect(totalCost(spend)).toBe(49);
    rmSync(file);
    await spend.refresh();
    expect([...spend.entries()]).toEqual([]);
  });

  it("reads a version 1 session (no ids), usage entries, summaries and an aborted answer as pi counts them", async () => {
    const dir = projectDir(join(root, "agent"), "/old");
    const lines = [
      `{"type":"session","version":1,"id":"s","timestamp":"2025-01-01T00:00:00.000Z","cwd":"/old"}`,
      `{"type":"thinking_level_change","timestamp":"2025-01-01T00:00:01.000Z","thinkingLevel":"medium"}`,
      answer(1, 10).trim().replace(/"id":"x","parentId":null,/, ""),
      `{"type":"usage","id":"u","parentId":null,"timestamp":"2025-01-01T00:00:02.000Z","kind":"cache_warm","provider":"anthropic","model":"claude-sonnet-4-5","usage":{"input":0,"output":0,"cacheRead":50000,"cacheWrite":0,"totalTokens":50000,"cost":{"input":0,"output":0,"cacheRead":0.015,"cacheWrite":0,"total":0.015}}}`,
      `{"type":"compaction","id":"c","parentId":"u","timestamp":"2025-01-01T00:00:03.000Z","summary":"…","firstKeptEntryId":"c","tokensBefore":1,"usage":{"input":100,"output":10,"cacheRead":0,"cacheWrite":0,"totalTokens":110,"cost":{"total":0.5}}}`,
      answer(0.25, 3, { stopReason: "aborted" }).trim(),
      "not json at all",
    ];
    writeFileSync(join(dir, "s.jsonl"), `${lines.join("\n")}\n`);
    const spend = new SessionSpend({ dir: join(root, "agent", "sessions"), layout: "projects", from: "default" });
    await spend.refresh();
    const report = buildSpendReport(spend.entries(), { since: null, by: "model", now: Date.now() });
    expect(report.total).toMatchObject({ cost: 1.765, requests: 3, errors: 1, input: 113, cacheRead: 50010 });
    expect(report.rows.find((r) => r.provider === "")).toMatchObject({ cost: 0.5, requests: 0 });
    const byThinking = buildSpendReport(spend.entries(), { since: null, by: "thinking", now: Date.now() });
    expect(byThinking.rows.find((r) => r.thinking === "medium")?.requests).toBe(3);
  });
});

describe("watching", () => {
  it("follows new lines and a new project's first session", async () => {
    const agentDir = join(root, "agent");
    const dir = projectDir(agentDir, "/p");
    writeFileSync(join(dir, "s.jsonl"), answer(1));
    const spend = new SessionSpend({ dir: join(agentDir, "sessions"), layout: "projects", from: "default" });
    await spend.refresh();
    let changes = 0;
    spend.watch(() => changes++);
    try {
      // Give the watches a moment to be in place before the writes they must see.
      await new Promise((r) => setTimeout(r, 300));
      appendFileSync(join(dir, "s.jsonl"), answer(2));
      await expect.poll(() => totalCost(spend), { timeout: 15_000 }).toBe(3);
      const other = projectDir(agentDir, "/q");
      writeFileSync(join(other, "t.jsonl"), answer(4));
      await expect.poll(() => totalCost(spend), { timeout: 15_000 }).toBe(7);
      expect(changes).toBeGreaterThan(0);
    } finally {
      spend.close();
    }
  });
});
