import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DirWatcher } from "../../../../src-main/core/files/watch.js";
import { tempDir } from "./agent-dir-fixture.js";

const NAMES = ["models.json", "settings.json", "auth.json"];

/** A real DirWatcher whose callbacks can be awaited. */
class Recorder {
  readonly calls: Set<string>[] = [];
  private waiters: (() => void)[] = [];
  readonly watcher: DirWatcher;
  constructor(dir: string, timing: { debounceMs?: number; maxWaitMs?: number } = {}) {
    this.watcher = new DirWatcher(dir, {
      ...timing,
      names: NAMES,
      onChange: (names) => {
        this.calls.push(names);
        this.waiters.splice(0).forEach((w) => w());
      },
    });
  }

  /** Resolves when a callback named `name` arrives after call number `after`. */
  async changeOf(name: string, after: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!this.calls.slice(after).some((c) => c.has(name))) {
      if (Date.now() > deadline) throw new Error(`no change of ${name} reported (calls: ${JSON.stringify(this.calls.map((c) => [...c]))})`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 500);
      });
    }
  }

  /** Waits until no callback has come for a while (only used to let late events arrive). */
  async quiet(ms = 300): Promise<void> {
    let count = -1;
    while (count !== this.calls.length) {
      count = this.calls.length;
      await new Promise((r) => setTimeout(r, ms));
    }
  }
}

describe("DirWatcher (real fs.watch on a temp dir)", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let recorder: Recorder | null = null;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => {
    recorder?.watcher.close();
    recorder = null;
    await cleanup();
  });

  it("reports an external write of a pi file", async () => {
    recorder = new Recorder(dir);
    expect(recorder.watcher.mode).toBe("native");
    await writeFile(join(dir, "settings.json"), '{"theme": "light"}');
    await recorder.changeOf("settings.json", 0);
  });

  it("keeps reporting after an editor-style rename-replace", async () => {
    await writeFile(join(dir, "models.json"), "{}");
    recorder = new Recorder(dir);
    await writeFile(join(dir, ".models.json.swp"), '{"providers": {}}');
    await rename(join(dir, ".models.json.swp"), join(dir, "models.json"));
    await recorder.changeOf("models.json", 0);
    for (let i = 0; i < 3; i++) {
      const before = recorder.calls.length;
      await writeFile(join(dir, "models.json"), `{"n": ${i}}`);
      await recorder.changeOf("models.json", before);
    }
  });

  it("waits for an agent dir that does not exist yet and reports files written into it", async () => {
    const agentDir = join(dir, "home", ".pi", "agent");
    recorder = new Recorder(agentDir);
    expect(recorder.watcher.mode).toMatch(/waiting for/);
    await mkdir(agentDir, { recursive: true });
    await writeFile(join(agentDir, "settings.json"), "{}");
    await recorder.changeOf("settings.json", 0);
    expect(recorder.watcher.mode).toBe("native");
    const before = recorder.calls.length;
    await writeFile(join(agentDir, "auth.json"), "{}");
    await recorder.changeOf("auth.json", before);
  });

  it("reports the files of an agent dir that appears already filled (moved into place)", async () => {
    const agentDir = join(dir, "home", ".pi", "agent");
    recorder = new Recorder(agentDir);
    await mkdir(join(dir, "staging", ".pi", "agent"), { recursive: true });
    await writeFile(join(dir, "staging", ".pi", "agent", "models.json"), "{}");
    await rename(join(dir, "staging"), join(dir, "home"));
    await recorder.changeOf("models.json", 0);
  });

  it("coalesces a burst of 50 writes into a few callbacks", async () => {
    // Wider windows than the app's 8/40 ms, so a busy shared machine cannot stretch the burst apart.
    recorder = new Recorder(dir, { debounceMs: 100, maxWaitMs: 2_000 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => writeFile(join(dir, i % 2 ? "settings.json" : "models.json"), `{"i": ${i}}`)));
    await recorder.changeOf("settings.json", 0);
    await recorder.changeOf("models.json", 0);
    await recorder.quiet();
    expect(recorder.calls.length).toBeLessThanOrEqual(3);
  });

  it("still reports a steady stream while it lasts (maxWaitMs)", async () => {
    recorder = new Recorder(dir, { debounceMs: 200, maxWaitMs: 200 });
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        await writeFile(join(dir, "settings.json"), `{"i": ${i}}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // With only a debounce, a write every 20 ms would hold the callback back for as long as it lasts.
    await recorder.changeOf("settings.json", 0);
    writing = false;
    await writer;
  });

  it("ignores files that are not pi's", async () => {
    recorder = new Recorder(dir);
    await writeFile(join(dir, "sessions.jsonl"), "x");
    await writeFile(join(dir, "settings.json.lock"), "x");
    await writeFile(join(dir, "models.json.123.tmp"), "x");
    // A pi file written last: every event before it has been delivered once it is reported.
    await writeFile(join(dir, "auth.json"), "{}");
    await recorder.changeOf("auth.json", 0);
    await recorder.quiet();
    expect(recorder.calls.flatMap((c) => [...c]).every((name) => NAMES.includes(name))).toBe(true);
    expect(recorder.calls.some((c) => c.has("models.json") || c.has("settings.json"))).toBe(false);
  });

  it("stops reporting once closed", async () => {
    recorder = new Recorder(dir);
    recorder.watcher.close();
    await writeFile(join(dir, "settings.json"), "{}");
    await recorder.quiet();
    expect(recorder.calls).toEqual([]);
  });
});
