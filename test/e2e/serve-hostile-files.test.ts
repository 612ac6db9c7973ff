/**
 * The real `serve` on an agent dir whose models-store.json is a FIFO (issue 20): the verdict's
 * staging read it with a plain readFile, which waits in open() for a writer that never comes,
 * each wait holding one of libuv's four worker threads. Four verdict previews took them all, and
 * serve answered nothing that needs one (its page, a fifth preview). Now every read of a user
 * file refuses a FIFO at once: all five previews answer, the page loads, the snapshot says why
 * models-store.json was not read.
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PiVerdict, Snapshot } from "../../src-main/core/common/index.js";
import { call, openApiSocket } from "./api-socket";
import { startServeSession, type ServeProcess } from "./serve-process";

let serve: ServeProcess;
let session: string;

beforeAll(async () => {
  ({ serve, session } = await startServeSession("routed"));
});

afterAll(async () => {
  await serve?.stop();
});

const removeModel = (id: string) => ({ type: "removeModel", provider: "openrouter-bedrock", id });

describe("serve with a FIFO as models-store.json", () => {
  it("answers four concurrent verdict previews, then a fifth and its page, and names the FIFO", async () => {
    const fifo = join(serve.dir, "models-store.json");
    rmSync(fifo, { force: true });
    execFileSync("mkfifo", [fifo]);
    const opened = await openApiSocket(serve, { session });
    if (!("ws" in opened)) throw new Error(`no socket: ${opened.status} ${opened.body}`);
    const { ws } = opened;
    try {
      // The watcher sees the new file; the snapshot that follows carries the reader's refusal.
      await expect
        .poll(async () => ((await call(ws, "getSnapshot", null)).value as Snapshot).modelsFile.warnings.map((w) => w.message).join("\n"), { timeout: 10_000, interval: 100 })
        .toMatch(/models-store\.json is a named pipe \(FIFO\), not a plain file, so it was not read/);

      const started = Date.now();
      const four = Array.from({ length: 4 }, () => call(ws, "previewVerdict", removeModel("moonshotai/kimi-k2"), 60_000));
      const page = await fetch(`${serve.origin}/`, { signal: AbortSignal.timeout(10_000) });
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      const fifth = await call(ws, "previewVerdict", removeModel("meta-llama/llama-3.3-70b-instruct"), 60_000);
      for (const answer of [...(await Promise.all(four)), fifth]) {
        expect(answer.ok).toBe(true);
        const verdict = (answer.value as { ok: boolean; value: PiVerdict }).value;
        // pi was asked on a copy without the FIFO: a real answer, not a staging that never ends.
        expect(verdict.state).toMatch(/^(agrees|disagrees)$/);
      }
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(serve.child.exitCode).toBeNull();
    } finally {
      ws.close();
    }
  }, 120_000);
});
