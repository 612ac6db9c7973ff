/**
 * Answers from OpenRouter's API are read with a byte cap (issue 20: a 64 MiB answer to the credits
 * check grew the app to 420 MB). A real local HTTP server stands where OpenRouter would be and
 * sends an endless body, or declares one far over the cap: the credits check, the key check, the
 * generation lookup and the catalog each stop reading at their cap, say so in words, hang up on
 * the server, and the process grows by a bounded amount.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CATALOG_ANSWER_MAX_BYTES, readCappedText, SMALL_ANSWER_MAX_BYTES } from "../../../../src-main/core/openrouter/capped-body.js";
import { OpenRouterCatalog } from "../../../../src-main/core/openrouter/catalog.js";
import { fetchGeneration } from "../../../../src-main/core/openrouter/generation.js";
import { fetchKeyCredits } from "../../../../src-main/core/openrouter/key-info.js";
import { checkKeyWithOpenRouter } from "../../../../src-main/core/vault/key-check.js";

const MiB = 1024 * 1024;
/** What the hostile server does on every path. */
let mode: "endless" | "declared-huge" = "endless";
/** Per request: bytes written, and whether the client hung up before the body ended. */
let served: { bytes: number; closedByClient: boolean }[] = [];

const CHUNK = Buffer.alloc(64 * 1024, " ");

async function hostile(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const record = { bytes: 0, closedByClient: false };
  served.push(record);
  let open = true;
  res.on("close", () => {
    open = false;
    record.closedByClient = !res.writableFinished;
  });
  // A JSON object that never closes: what a broken proxy or a hostile host in between could send.
  res.writeHead(200, { "content-type": "application/json", ...(mode === "declared-huge" ? { "content-length": String(64 * MiB) } : {}) });
  res.write('{"data": {"label": "');
  while (open && record.bytes < 256 * MiB) {
    record.bytes += CHUNK.length;
    if (!res.write(CHUNK)) await drainedOrClosed(res);
  }
  res.end();
}

/** The next drain or close, whichever comes first, leaving no listener behind (a race of two
 *  `once`s kept the loser's, one per full buffer: Node's MaxListeners warning). */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

let server: ReturnType<typeof createServer>;
let origin: string;
const cacheDir = mkdtempSync(join(tmpdir(), "capped-body-"));

beforeAll(async () => {
  server = createServer((req, res) => void hostile(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(cacheDir, { recursive: true, force: true });
});
beforeEach(() => {
  served = [];
  mode = "endless";
});

const env = () => ({ PI_SWITCHBOARD_OPENROUTER_URL: origin });

/** Runs `call` and returns its result and how much the process grew meanwhile. */
async function measured<T>(call: () => Promise<T>): Promise<{ result: T; grewBy: number }> {
  const before = process.memoryUsage().rss;
  const result = await call();
  return { result, grewBy: process.memoryUsage().rss - before };
}

/** The server was hung up on, having sent not much more than the cap (socket buffers in between). */
function expectHungUp(cap: number): void {
  expect(served.length).toBeGreaterThan(0);
  for (const s of served) {
    expect(s.closedByClient).toBe(true);
    expect(s.bytes).toBeLessThan(cap + 16 * MiB);
  }
}

describe("answers from OpenRouter are read with a byte cap", () => {
  it("the credits check stops an endless answer at 4 MiB and says why", async () => {
    const { result, grewBy } = await measured(() => fetchKeyCredits("sk-or-v1-capped-body-test", env()));
    expect(result).toMatchObject({ ok: false, message: `The answer from ${origin}/api/v1/key was larger than 4 MiB, so the app stopped reading it. OpenRouter's answers are far smaller: something between the app and OpenRouter (a proxy, PI_SWITCHBOARD_OPENROUTER_URL) sent it. Try again later, or check that address.` });
    expect(grewBy).toBeLessThan(100 * MiB);
    await expect.poll(() => served.every((s) => s.closedByClient), { timeout: 5_000 }).toBe(true);
    expectHungUp(SMALL_ANSWER_MAX_BYTES);
  });

  it("the key check refuses an answer that declares 64 MiB before reading it", async () => {
    mode = "declared-huge";
    const { result, grewBy } = await measured(() => checkKeyWithOpenRouter("sk-or-v1-capped-body-test", env()));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/\/api\/v1\/key was larger than 4 MiB, so the app stopped reading it/) });
    expect(grewBy).toBeLessThan(100 * MiB);
    await expect.poll(() => served.every((s) => s.closedByClient), { timeout: 5_000 }).toBe(true);
    expectHungUp(SMALL_ANSWER_MAX_BYTES);
  });

  it("the generation lookup stops at 4 MiB and keeps the stream's provider", async () => {
    const { result, grewBy } = await measured(() => fetchGeneration({ baseUrl: `${origin}/api/v1`, id: "gen-1", apiKey: "sk-or-v1-capped-body-test" }));
    expect(result).toMatchObject({ ok: false, note: expect.stringMatching(/\/api\/v1\/generation\?id=gen-1 was larger than 4 MiB.*The verdict uses the stream's provider\.$/) });
    expect(grewBy).toBeLessThan(100 * MiB);
    await expect.poll(() => served.every((s) => s.closedByClient), { timeout: 5_000 }).toBe(true);
    expectHungUp(SMALL_ANSWER_MAX_BYTES);
  });

  it("the catalog stops at 32 MiB and keeps what it had", async () => {
    const catalog = new OpenRouterCatalog({ env: env(), cacheDir });
    const { result, grewBy } = await measured(() => catalog.refresh());
    expect(result).toMatchObject({ source: "none", modelCount: 0, error: expect.stringMatching(/^Could not refresh the OpenRouter catalog from .*: The answer from .*\/api\/v1\/models was larger than 32 MiB, so the app stopped reading it/) });
    expect(grewBy).toBeLessThan(200 * MiB);
    await expect.poll(() => served.every((s) => s.closedByClient), { timeout: 5_000 }).toBe(true);
    expectHungUp(CATALOG_ANSWER_MAX_BYTES);
  });

  it("reads a body of exactly the cap, and refuses one byte more", async () => {
    const cap = 1000;
    expect(await readCappedText(new Response("é".repeat(cap / 2)), cap)).toBe("é".repeat(cap / 2));
    await expect(readCappedText(new Response("x".repeat(cap + 1)), cap)).rejects.toThrow(/was larger than/);
  });
});
