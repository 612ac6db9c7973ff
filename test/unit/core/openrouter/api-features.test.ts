/**
 * The OpenRouter features as a UI reaches them: through createHost's API table (the same one
 * Electron IPC and `serve` use), with input validation at the boundary, test events on the
 * event stream and catalog answers from the fake.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { ApiEvents, TestEvent } from "../../../../src-main/core/common/index.js";
import { createHost, type SwitchboardHost } from "../../../../src-main/core/create-host.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../../fake-openrouter/server.js";
import { DEFAULT_KEY } from "../../../fake-openrouter/table.js";
import { PI_BIN, virtualProvider, writeAgentDir } from "./agent-dir.js";

let fake: FakeOpenRouter;
let host: SwitchboardHost;

beforeAll(async () => {
  fake = await startFakeOpenRouter();
  const agentDir = writeAgentDir({ models: { providers: { "openrouter-groq": virtualProvider(fake.baseUrl, DEFAULT_KEY, { only: ["groq"] }, ["moonshotai/kimi-k2"]) } } });
  const env = { PATH: process.env.PATH, PI_SWITCHBOARD_PI: PI_BIN, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "sb-api-cache-")) };
  host = await createHost({ agentDir, watch: false, env });
});
afterAll(async () => {
  host.close();
  await fake.close();
});

test("testStart streams start, deltas and a done event with the result, then finished", async () => {
  const events: TestEvent[] = [];
  const finished = new Promise<void>((resolve) =>
    host.api.onEvent((event, payload) => {
      if (event !== "test") return;
      const e = payload as ApiEvents["test"];
      events.push(e);
      if (e.type === "finished") resolve();
    }),
  );
  const started = (await host.api.invoke("testStart", { targets: [{ ref: "openrouter-groq/moonshotai/kimi-k2" }], prompt: "hi" })) as { ok: true; value: { runId: string } };
  expect(started.ok).toBe(true);
  await finished;
  expect(events.every((e) => e.runId === started.value.runId)).toBe(true);
  const done = events.find((e) => e.type === "done");
  expect(done?.type === "done" && done.result).toMatchObject({ servedBy: "Groq", routingRespected: true, error: null });
  expect(JSON.stringify(events)).not.toContain(DEFAULT_KEY);
});

test("bad input is refused at the boundary", async () => {
  await expect(host.api.invoke("testStart", { targets: [], prompt: "hi" })).rejects.toThrow(/Invalid input/);
  await expect(host.api.invoke("testStart", { targets: [{ ref: "openrouter-groq/moonshotai/kimi-k2" }], prompt: "hi", timeoutMs: 5 })).rejects.toThrow(/Invalid input/);
});

test("the catalog answers through the table, and its status reaches the event stream", async () => {
  const statuses: unknown[] = [];
  host.api.onEvent((event, payload) => event === "catalog" && statuses.push(payload));
  const models = (await host.api.invoke("catalogModels", null)) as { id: string }[];
  expect(models.map((m) => m.id)).toContain("moonshotai/kimi-k2");
  const endpoints = (await host.api.invoke("catalogEndpoints", { modelId: "moonshotai/kimi-k2" })) as { slug: string }[];
  expect(endpoints.map((e) => e.slug)).toEqual(["novita/fp8", "deepinfra/fp4", "groq", "together/fp8"]);
  expect(await host.api.invoke("catalogStatus", null)).toMatchObject({ source: "network", modelCount: 3 });
  expect(statuses.length).toBeGreaterThan(0);
});
