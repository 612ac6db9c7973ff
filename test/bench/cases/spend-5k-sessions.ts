/**
 * spend-5k-sessions: the first read of 5000 pi session files (100 projects, about 12 KB and 10
 * answers each, lines shaped as pi 1.6.0 writes them) into the spend entries, against the floor of
 * reading the same bytes raw (readFile of every file, the same concurrency) in the same run; then a
 * refresh after pi appended an answer to 10 of them, which must read only those: its floor is a
 * stat of every file (how the reader tells an unchanged file), measured in the same run.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sessionFolderName } from "../../../src-main/core/pi/session-dirs.js";
import { SessionSpend } from "../../../src-main/core/sessions/session-spend.js";
import { round } from "../stats.js";
import type { BenchCase } from "../types.js";

const filler = (n: number) => "lorem ipsum dolor sit amet ".repeat(Math.ceil(n / 27)).slice(0, n);

function sessionText(project: string, s: number): string {
  const t0 = Date.UTC(2026, 10, 1) + s * 60_000;
  const lines = [
    JSON.stringify({ type: "session", version: 3, id: `s${s}`, timestamp: new Date(t0).toISOString(), cwd: project }),
    JSON.stringify({ type: "model_change", id: "m", parentId: null, timestamp: new Date(t0).toISOString(), provider: "openrouter", modelId: "openai/gpt-4o-mini" }),
    JSON.stringify({ type: "message", id: "sys", parentId: "m", timestamp: new Date(t0).toISOString(), message: { role: "system", content: "", sections: { preamble: filler(1500) }, timestamp: t0 } }),
  ];
  for (let i = 0; i < 10; i++) lines.push(...turn(t0 + i * 1000, i));
  return `${lines.join("\n")}\n`;
}

function turn(at: number, i: number): string[] {
  const usage = { input: 400 + i, output: 50, cacheRead: 300, cacheWrite: 0, reasoning: 0, totalTokens: 750 + i, cost: { input: 0.00006, output: 0.00003, cacheRead: 0.00001, cacheWrite: 0, total: 0.0001, totalFromProvider: true } };
  return [
    JSON.stringify({ type: "message", id: `u${i}`, parentId: null, timestamp: new Date(at).toISOString(), message: { role: "user", content: [{ type: "text", text: filler(200) }], timestamp: at } }),
    JSON.stringify({ type: "message", id: `a${i}`, parentId: `u${i}`, timestamp: new Date(at).toISOString(), message: { role: "assistant", content: [{ type: "text", text: filler(400) }], api: "openai-completions", provider: "openrouter", model: "openai/gpt-4o-mini", usage, stopReason: "stop", timestamp: at, responseId: `gen-${at}-${i}`, thinkingLevel: "off" } }),
    JSON.stringify({ type: "message", id: `t${i}`, parentId: `a${i}`, timestamp: new Date(at).toISOString(), message: { role: "toolResult", toolCallId: "c", toolName: "read", content: [{ type: "text", text: filler(300) }], isError: false, timestamp: at } }),
  ];
}

async function rawRead(root: string): Promise<number> {
  const files: string[] = [];
  for (const folder of await readdir(root)) for (const name of await readdir(join(root, folder))) files.push(join(root, folder, name));
  let bytes = 0;
  let next = 0;
  // The reader's concurrency (session-spend.ts SCAN_CONCURRENCY).
  const worker = async () => {
    while (next < files.length) {
      const read = await readFile(files[next++]!);
      bytes += read.length;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return bytes;
}

export const spend5kSessions: BenchCase = {
  name: "spend-5k-sessions",
  goal: "first read ≤ 4× a raw read of the same bytes; refresh after 10 appends ≤ 3× a stat of every file",
  async run({ quick }) {
    const count = quick ? 1000 : 5000;
    const root = mkdtempSync(join(tmpdir(), "bench-spend-"));
    const sessions = join(root, "sessions");
    const paths: string[] = [];
    for (let s = 0; s < count; s++) {
      const project = `/home/me/project-${s % 100}`;
      const dir = join(sessions, sessionFolderName(project));
      if (s < 100) mkdirSync(dir, { recursive: true });
      const path = join(dir, `2026-11-01T00-00-00-000Z_s${s}.jsonl`);
      writeFileSync(path, sessionText(project, s));
      paths.push(path);
    }
    try {
      // Warm the page cache for both: the floor and the reader then read the same cached bytes.
      await rawRead(sessions);
      let start = performance.now();
      const bytes = await rawRead(sessions);
      const rawMs = performance.now() - start;
      const spend = new SessionSpend({ dir: sessions, layout: "projects", from: "default" });
      start = performance.now();
      await spend.refresh();
      const firstMs = performance.now() - start;
      const entries = [...spend.entries()].length;
      start = performance.now();
      await Promise.all(paths.map((p) => stat(p)));
      const statMs = performance.now() - start;
      for (const path of paths.slice(0, 10)) appendFileSync(path, `${turn(Date.now(), 99).join("\n")}\n`);
      start = performance.now();
      await spend.refresh();
      const refreshMs = performance.now() - start;
      const after = [...spend.entries()].length;
      const ratio = firstMs / rawMs;
      const refreshRatio = refreshMs / statMs;
      return { files: count, mb: round(bytes / 1e6), raw_ms: round(rawMs), first_read_ms: round(firstMs), ratio: round(ratio), stat_all_ms: round(statMs), refresh_ms: round(refreshMs), refresh_ratio: round(refreshRatio), entries, pass: ratio <= 4 && refreshRatio <= 3 && entries === count * 10 && after === entries + 10 };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
