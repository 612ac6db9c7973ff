import { describe, expect, it } from "vitest";
import type { TestResult } from "../../../src-main/core/common/index.js";
import { testNotice } from "../../../src-main/electron/test-notice.js";

const result = (over: Partial<TestResult> = {}): TestResult => ({
  ref: "openrouter-bedrock/anthropic/claude-sonnet-4",
  provider: null,
  servedBy: "Amazon Bedrock",
  model: "anthropic/claude-sonnet-4",
  ttftMs: 412.6,
  totalMs: 900,
  usage: { promptTokens: 10, completionTokens: 1, totalTokens: 11 },
  cost: 0.0000412,
  routingRespected: true,
  routingNote: null,
  commandsRun: [],
 
  request: { url: "https://openrouter.ai/api/v1/chat/completions", model: "anthropic/claude-sonnet-4", provider: { only: ["amazon-bedrock"] } },
  text: "pong",
  error: null,
  ...over,
});

describe("test notification", () => {
  it("names who served the request, how fast and what it cost", () => {
    expect(testNotice(result())).toEqual({ title: "Test passed: openrouter-bedrock/anthropic/claude-sonnet-4", body: "served by Amazon Bedrock, first token 413 ms, $0.000041." });
  });

  it("warns when the routing was not respected", () => {
    const notice = testNotice(result({ servedBy: "Anthropic", routingRespected: false, routingNote: "Anthropic is outside only: amazon-bedrock" }));
    expect(notice.body).toBe("served by Anthropic, first token 413 ms, $0.000041. Routing not respected: Anthropic is outside only: amazon-bedrock.");
  });

  it("passes on the error and what to do about it", () => {
    const notice = testNotice(result({ error: { status: 404, message: "No allowed providers are available.", hint: "Check the only list." } }));
    expect(notice).toEqual({ title: "Test failed: openrouter-bedrock/anthropic/claude-sonnet-4", body: "No allowed providers are available. Check the only list." });
  });

  it("writes out a right-to-left override in the model and the served-by name", () => {
    const notice = testNotice(result({ ref: "openrouter-x/gpt\u202Eai.nepo", servedBy: "Amazon\u202E kcordeB" }));
    expect(notice.title).toBe("Test passed: openrouter-x/gpt⟨U+202E⟩ai.nepo");
    expect(notice.body).toBe("served by Amazon⟨U+202E⟩ kcordeB, first token 413 ms, $0.000041.");
  });
});
