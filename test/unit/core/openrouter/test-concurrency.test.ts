/**
 * Test prompts over many providers are bounded: the fake OpenRouter counts the completions it is
 * answering at once, so these tests see from the server's side that no more than N streams are
 * open, that the queue drains in order, and that a cancel stops queued targets before they send.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { TestEvent } from "../../../../src-main/core/common/index.js";
import { ConcurrencyLimit } from "../../../../src-main/core/openrouter/concurrency-limit.js";
import { TestRunner } from "../../../../src-main/core/openrouter/test-prompt.js";
import type { SwitchboardService } from "../../../../src-main/core/service.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../../fake-openrouter/server.js";
import { DEFAULT_KEY } from "../../../fake-openrouter/table.js";
import { openAgentDir, virtualProvider } from "./agent-dir.js";

let fake: FakeOpenRouter;
let service: SwitchboardService;
const KIMI = "openrouter-open/moonshotai/kimi-k2";
const PROVIDERS = ["groq", "together/fp8", "novita/fp8", "deepinfra/fp4"];

beforeAll(async () => {
  fake = await startFakeOpenRouter();
  service = await openAgentDir({ models: { providers: { "openrouter-open": virtualProvider(fake.baseUrl, DEFAULT_KEY, undefined, ["moonshotai/kimi-k2"]) } } }, { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl });
});
afterAll(async () => {
  service.close();
  await fake.close();
});
beforeEach(() => {
  fake.configure({ firstTokenDelayMs: 0 });
  fake.completionsInFlight.peak = 0;
});

function start(runner: TestRunner, providers: string[]) {
  const events: TestEvent[] = [];
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const started = runner.start({ targets: providers.map((provider) => ({ ref: KIMI, provider })), prompt: "Say hi" }, (e) => {
    events.push(e);
    if (e.type === "finished") finish();
  });
  if (!started.ok) throw new Error(started.error.message);
  return { events, finished, runId: started.value.runId };
}

const completionRequests = () => fake.requests.filter((r) => r.path.endsWith("/chat/completions")).length;
const until = async (ready: () => boolean) => {
  while (!ready()) await new Promise((r) => setTimeout(r, 5));
};

describe("bounded test prompts", () => {
  test("never more than the limit in flight at OpenRouter, and every target still answers", async () => {
    // Slow first tokens keep each stream open long enough for the others to pile up if unbounded.
    fake.configure({ firstTokenDelayMs: 150 });
    const runner = new TestRunner({ state: () => service.agentState(), concurrency: 2 });
    const { events, finished } = start(runner, PROVIDERS);
    await finished;
    expect(fake.completionsInFlight.peak).toBe(2);
    const done = events.flatMap((e) => (e.type === "done" ? [e] : []));
    expect(done.map((e) => [e.index, e.result.servedBy]).sort()).toEqual([[0, "Groq"], [1, "Together"], [2, "Novita"], [3, "DeepInfra"]]);
    expect(done.every((e) => e.result.error === null && !e.result.cancelled)).toBe(true);
    // The queue drains in order: the third and fourth start only after a slot frees.
    const order = events.filter((e) => e.type === "start" || e.type === "done").map((e) => `${e.type}:${"index" in e ? e.index : ""}`);
    expect(order.slice(0, 2).sort()).toEqual(["start:0", "start:1"]);
    expect(order.indexOf("start:2")).toBeGreaterThan(order.findIndex((x) => x.startsWith("done:")));
  });

  test("two runs at once share the limit", async () => {
    fake.configure({ firstTokenDelayMs: 120 });
    const runner = new TestRunner({ state: () => service.agentState(), concurrency: 2 });
    const a = start(runner, ["groq", "together/fp8"]);
    const b = start(runner, ["novita/fp8", "deepinfra/fp4"]);
    await Promise.all([a.finished, b.finished]);
    expect(fake.completionsInFlight.peak).toBe(2);
  });

  test("cancel stops the one in flight and the queued ones never send a request", async () => {
    fake.configure({ firstTokenDelayMs: 60_000 });
    const runner = new TestRunner({ state: () => service.agentState(), concurrency: 1 });
    const before = completionRequests();
    const { events, finished, runId } = start(runner, PROVIDERS.slice(0, 3));
    await until(() => completionRequests() > before);
    expect(runner.cancel(runId)).toBe(true);
    await finished;
    expect(completionRequests() - before).toBe(1);
    expect(events.filter((e) => e.type === "start").map((e) => (e as { index: number }).index)).toEqual([0]);
    const done = events.flatMap((e) => (e.type === "done" ? [e] : [])).sort((x, y) => x.index - y.index);
    expect(done.map((e) => e.result.cancelled)).toEqual([true, true, true]);
    expect(done[0]!.result.error?.message).toBe(`Test of ${KIMI} cancelled.`);
    expect(done[1]!.result.error?.message).toBe(`Test of ${KIMI} cancelled before it started.`);
    expect(done[2]!.result.provider).toBe("novita/fp8");
    expect(events.at(-1)!.type).toBe("finished");
    await until(() => fake.completionsInFlight.now === 0);
  });
});

describe("ConcurrencyLimit", () => {
  test("a queued task whose signal aborts leaves the queue and the next one runs", async () => {
    const slots = new ConcurrencyLimit(1);
    let release!: () => void;
    const first = slots.run(() => new Promise<string>((r) => (release = () => r("first"))));
    const controller = new AbortController();
    const skipped = slots.run(async () => "skipped", controller.signal);
    const third = slots.run(async () => "third");
    controller.abort();
    expect(await skipped).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, value: "first" });
    expect(await third).toEqual({ ran: true, value: "third" });
  });

  test("refuses a limit below one", () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(/at least 1/);
  });
});
