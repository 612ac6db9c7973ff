/** The Test prompt view's pure parts: event folding with queued columns, the slug of a served provider, the pin's routing, tokens/s. */
import { describe, expect, it } from "vitest";
import type { CatalogEndpoint, TestResult } from "../../../src-main/core/common/index.js";
import { bestPerMetric, comparisonRow, tokensPerSecond } from "../../../src-renderer/features/test-prompt/comparison";
import { matchServedSlug, pinnedRouting } from "../../../src-renderer/features/test-prompt/pin-provider";
import { applyToRun, columnStatus, newRun } from "../../../src-renderer/features/test-prompt/test-runs";

const endpoint = (providerName: string, slug: string): CatalogEndpoint => ({ providerName, slug, tag: slug.includes("/") ? slug : null, quantization: "fp8", contextLength: 1, pricing: { prompt: 1, completion: 1 }, uptime: 99, status: 0 });
const ENDPOINTS = [endpoint("DeepInfra", "deepinfra/fp4"), endpoint("Groq", "groq"), endpoint("Novita", "novita/fp8"), endpoint("Novita", "novita/bf16")];

describe("matchServedSlug", () => {
  it("maps a display name to the one endpoint's slug, case-insensitively", () => {
    expect(matchServedSlug("deepinfra", ENDPOINTS)).toEqual({ kind: "one", slug: "deepinfra/fp4" });
  });
  it("a provider with several endpoints asks which, unless the test was pinned to one of them", () => {
    expect(matchServedSlug("Novita", ENDPOINTS)).toEqual({ kind: "several", endpoints: [ENDPOINTS[2], ENDPOINTS[3]] });
    expect(matchServedSlug("Novita", ENDPOINTS, "novita/bf16")).toEqual({ kind: "one", slug: "novita/bf16" });
    expect(matchServedSlug("Novita", ENDPOINTS, "novita")).toEqual({ kind: "one", slug: "novita" });
  });
  it("an unknown name offers every endpoint", () => {
    expect(matchServedSlug("Mystery", ENDPOINTS)).toEqual({ kind: "none", endpoints: ENDPOINTS });
    expect(matchServedSlug("Mystery", ENDPOINTS, "groq")).toEqual({ kind: "none", endpoints: ENDPOINTS });
  });
});

describe("pinnedRouting", () => {
  it("keeps the target's other keys, sets only + order, and fallbacks off only when asked", () => {
    expect(pinnedRouting({ sort: "price", order: ["a", "b"], allow_fallbacks: true }, "groq", true)).toEqual({ sort: "price", order: ["groq"], only: ["groq"], allow_fallbacks: false });
    expect(pinnedRouting({ allow_fallbacks: false }, "groq", false)).toEqual({ only: ["groq"], order: ["groq"] });
    expect(pinnedRouting(null, "groq", false)).toEqual({ only: ["groq"], order: ["groq"] });
  });
});

describe("test runs", () => {
  it("columns go queued → running → done, in any event order, and a cancelled one reads cancelled", () => {
    let run = newRun("r", "hi", "providers", [{ ref: "a/b", provider: "groq" }, { ref: "a/b", provider: "together" }]);
    expect(run.columns.map(columnStatus)).toEqual(["queued", "queued"]);
    run = applyToRun(run, { runId: "r", index: 0, type: "start", target: { ref: "a/b", provider: "groq" } });
    run = applyToRun(run, { runId: "r", index: 0, type: "delta", text: "Hi" });
    expect(run.columns.map(columnStatus)).toEqual(["running", "queued"]);
    const cancelled = { text: "", error: { status: null, message: "cancelled", hint: "" }, cancelled: true } as TestResult;
    run = applyToRun(run, { runId: "r", index: 1, type: "done", result: cancelled });
    // A late start event never turns a finished column back to running.
    run = applyToRun(run, { runId: "r", index: 1, type: "start", target: { ref: "a/b", provider: "together" } });
    expect(run.columns.map(columnStatus)).toEqual(["running", "cancelled"]);
    expect(run.columns[0]!.text).toBe("Hi");
    expect(applyToRun(run, { runId: "r", type: "finished" }).finished).toBe(true);
  });
});

describe("comparison", () => {
  it("tokens/s is OpenRouter's completion tokens over its generation time, else the app's own clock", () => {
    const base = { usage: { promptTokens: 1, completionTokens: 10, totalTokens: 11 }, totalMs: 2000 } as TestResult;
    expect(tokensPerSecond({ ...base, generation: { tokens: { completion: 40 }, generationTimeMs: 500 } } as TestResult)).toEqual({ value: 80, source: "openrouter" });
    expect(tokensPerSecond({ ...base, generation: null })).toEqual({ value: 5, source: "measured" });
  });
  const row = (ttftMs: number | null, tokensPerSecond: number | null, cost: number | null) => ({ ttftMs, tokensPerSecond, cost, speedSource: null, servedBy: null, outsideRouting: false });
  it("marks a best only where two or more columns have a value", () => {
    expect(bestPerMetric([row(300, 10, 0.2), row(100, 50, 0.3), row(null, null, null)])).toEqual({ ttftMs: { rows: [1], tie: false }, tokensPerSecond: { rows: [1], tie: false }, cost: { rows: [0], tie: false } });
    expect(bestPerMetric([row(300, null, null), row(null, null, null)])).toEqual({});
  });
  it("calls figures that read the same a tie, never one of them best", () => {
    // 100.2 ms and 99.8 ms both read "100 ms"; the costs are equal to the micro-dollar.
    const best = bestPerMetric([row(100.2, 40, 0.000012), row(99.8, 20, 0.000012), row(250, 40.04, 0.00002)]);
    expect(best.ttftMs).toEqual({ rows: [0, 1], tie: true });
    expect(best.cost).toEqual({ rows: [0, 1], tie: true });
    expect(best.tokensPerSecond).toEqual({ rows: [0, 2], tie: true });
  });
  it("credits each row's figures to the provider OpenRouter says served it, and flags a server outside the asked routing", () => {
    const result = (over: Partial<TestResult>) => ({ ttftMs: 120, totalMs: 900, usage: null, cost: 0.0001, servedBy: "Novita", generation: { provider: "Together", tokens: { completion: 30 }, generationTimeMs: 600, totalCost: 0.0002 }, routingRespected: false, error: null, ...over }) as TestResult;
    const elsewhere = comparisonRow({ target: { ref: "openrouter/moonshotai/kimi-k2", provider: "novita/fp8" }, text: "", state: "done", result: result({}) });
    expect(elsewhere).toMatchObject({ servedBy: { name: "Together", verified: true }, outsideRouting: true, cost: 0.0002 });
    const asked = comparisonRow({ target: { ref: "openrouter/moonshotai/kimi-k2", provider: "novita/fp8" }, text: "", state: "done", result: result({ generation: null, routingRespected: true }) });
    expect(asked).toMatchObject({ servedBy: { name: "Novita", verified: false }, outsideRouting: false, cost: 0.0001 });
  });
});
