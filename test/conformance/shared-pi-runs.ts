/**
 * `pi -p` runs shared by the wire suites. pi-wire compares a run of a test pi on a case with the
 * core's answer, wire-test-prompt compares the same run with the app's test prompt: each asked
 * every pi the same cases, and a `pi -p` costs 2–3 s of CPU, so the suite started every one of
 * those pis twice. Here each (pi, case) runs once per test run:
 *
 * - the default export is a vitest globalSetup (vitest.config.ts): in vitest's main process it
 *   serves a loopback endpoint that runs `pi -p` for a (pi, case) on the first ask, against one
 *   capture server (wire-harness.ts), and answers every later ask with that same run; at most two
 *   pis at once across all test files (each takes a core to start). Nothing starts until a suite asks.
 * - `sharedPiRun` and `sharedCaptures`, for the suites: ask for a run, read what the capture server saw.
 *
 * A run is what the suites read before: pi's exit and output, the requests under its own tag, and
 * the copy of the case's agent dir as pi left it (pi may write auth.json or models-store.json).
 * Its files live in a temp dir that the teardown removes.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { inject } from "vitest";
import type { TestProject } from "vitest/node";
import type { TestPi } from "./pi-versions.js";
import type { Captured, CaptureServer, PiRun, WireCase } from "./wire-harness.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The shared runs' endpoint, `http://127.0.0.1:<port>`. */
    sharedPiRuns: string;
  }
}

export interface SharedRun {
  run: PiRun;
  /** What the capture server saw under this run's tag. */
  requests: Captured[];
  /** The case's agent dir as pi left it; its baseUrls point at `<origin>/<tag>/…`. */
  agentDir: string;
  /** The empty HOME pi ran with. */
  home: string;
  origin: string;
  tag: string;
}

/** Every file under dir, by relative path, with its bytes: what a run of pi on it depends on. */
function dirDigest(dir: string): string {
  const hash = createHash("sha256");
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(`${relative(dir, path)}\0`).update(readFileSync(path)).update("\0");
    }
  };
  walk(dir);
  return hash.digest("hex");
}

/** Two pis at a time across every test file: the machines have two cores, and a pi takes one to start. */
const AT_ONCE = 2;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The harness (and the core modules it imports), the capture server and the temp dir come with
  // the first ask: a vitest run without the wire suites pays for one idle loopback server only.
  let started: Promise<{ harness: typeof import("./wire-harness.js"); capture: CaptureServer; work: string }> | undefined;
  const start = () =>
    (started ??= (async () => {
      const harness = await import("./wire-harness.js");
      return { harness, capture: await harness.startCaptureServer(), work: mkdtempSync(join(tmpdir(), "shared-pi-runs-")) };
    })());
  const runs = new Map<string, Promise<SharedRun>>();
  const tags: string[] = [];
  let running = 0;
  const waiting: (() => void)[] = [];
  const slot = async (): Promise<void> => {
    if (running < AT_ONCE) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
  };
  // A freed slot goes straight to the next waiter, so no ask can slip in between.
  const release = () => (waiting.length > 0 ? waiting.shift()!() : running--);

  const runOnce = (pi: TestPi, c: WireCase): Promise<SharedRun> => {
    // The case's files are part of the key: in watch mode this process outlives an edit of a fixture.
    const id = JSON.stringify([pi.version, pi.node, pi.cli, c.name, c.dir, dirDigest(c.dir), c.model, c.env]);
    let run = runs.get(id);
    if (!run) {
      const tag = `${pi.version}-${tags.length}`;
      tags.push(tag);
      run = (async () => {
        const { harness, capture, work } = await start();
        await slot();
        try {
          const agentDir = harness.wireAgentDir(c, join(work, tag, "agent"), capture.origin, tag);
          const home = join(work, tag, "home");
          const result = await harness.piPrint(pi, { agentDir, home, cwd: join(work, tag, "cwd"), model: c.model, env: c.env });
          return { run: result, requests: capture.requests.get(tag) ?? [], agentDir, home, origin: capture.origin, tag };
        } finally {
          release();
        }
      })();
      runs.set(id, run);
    }
    return run;
  };

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/run") {
        const { pi, wireCase } = JSON.parse(text) as { pi: TestPi; wireCase: WireCase };
        runOnce(pi, wireCase).then(
          (run) => answer(res, 200, run),
          (error: unknown) => answer(res, 500, { error: String(error) }),
        );
      } else if (req.method === "GET" && req.url === "/captures") {
        void start().then(({ capture }) => answer(res, 200, { runTags: tags, requests: Object.fromEntries(capture.requests) }));
      } else answer(res, 404, { error: `no ${req.method} ${req.url}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("sharedPiRuns", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);

  return async () => {
    await new Promise((resolve) => server.close(resolve));
    if (!started) return;
    const { capture, work } = await started;
    await capture.close();
    rmSync(work, { recursive: true, force: true });
  };
}

/** A request to the endpoint with no client-side time limit: an ask waits its turn behind other pis. */
function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const url = new URL(path, inject("sharedPiRuns"));
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { "content-type": "application/json" } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(text) as T) : reject(new Error(`shared pi runs: ${res.statusCode} ${text}`))));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** The one run of `pi -p` by this pi on this case in this test run (made now if no suite asked yet). */
export const sharedPiRun = (pi: TestPi, wireCase: WireCase): Promise<SharedRun> => call("POST", "/run", { pi, wireCase });

/** Every request the shared capture server saw, by tag, and the tags of the runs made so far. */
export const sharedCaptures = (): Promise<{ runTags: string[]; requests: Record<string, Captured[]> }> => call("GET", "/captures");
