/**
 * The boundary check every command passes before the service sees it: well-formed commands of
 * each type pass, and anything else — unknown types, wrong types, extra fields, oversized input —
 * is refused with a message that says where.
 */
import { describe, expect, it } from "vitest";
import { checkCommand } from "../../../../src-main/core/edits/command-schema.js";

const valid = [
  { type: "useModel", ref: "openrouter/anthropic/claude-sonnet-4.5", thinkingLevel: "high" },
  { type: "setThinkingLevel", level: "off" },
  { type: "setScope", patterns: ["openrouter-bedrock/**", "sonnet:high"], expectedVersion: "abc" },
  { type: "toggleScoped", ref: "a/b", scoped: false },
  { type: "upsertProvider", provider: "openrouter-bedrock", fields: { baseUrl: "https://openrouter.ai/api/v1", apiKey: "OPENROUTER_API_KEY" } },
  { type: "removeProvider", provider: "x" },
  { type: "upsertModel", provider: "x", model: { id: "a/b", contextWindow: 1000 } },
  { type: "removeModel", provider: "x", id: "a/b" },
  { type: "setOverride", provider: "openrouter", id: "a/b", override: null },
  { type: "setRouting", target: { level: "model", provider: "x", id: "a/b" }, routing: { only: ["amazon-bedrock"], allow_fallbacks: false } },
];

describe("checkCommand", () => {
  it.each(valid.map((c) => [c.type, c]))("accepts a well-formed %s", (_type, command) => {
    expect(checkCommand(command)).toEqual({ ok: true, command });
  });

  it.each([
    ["an unknown type", { type: "deleteEverything" }],
    ["a ref without a provider", { type: "useModel", ref: "sonnet" }],
    ["an unknown thinking level", { type: "setThinkingLevel", level: "ultra" }],
    ["an extra field", { type: "removeProvider", provider: "x", path: "/etc/passwd" }],
    ["an extra field in provider fields", { type: "upsertProvider", provider: "x", fields: { baseUrl: "u", headers: { a: "b" } } }],
    ["routing that pi's schema rejects", { type: "setRouting", target: { level: "provider", provider: "x" }, routing: { only: "novita" } }],
    ["a non-positive context window", { type: "upsertModel", provider: "x", model: { id: "a", contextWindow: 0 } }],
    ["too many patterns", { type: "setScope", patterns: Array.from({ length: 5001 }, () => "a/b") }],
    ["null", null],
  ])("refuses %s", (_what, input) => {
    const result = checkCommand(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^Invalid command|too large/);
  });
});
