// @vitest-environment jsdom
/** The searchable model picker: name, id and provider, every word; the chosen model stays listed; long lists are cut with a count. */
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { filterChoices, MAX_CHOICES, ModelSelect, type ModelChoice } from "../../../src-renderer/ui/ModelSelect";

const choices: ModelChoice[] = [
  { ref: "openrouter/moonshotai/kimi-k2", name: "MoonshotAI: Kimi K2" },
  { ref: "openrouter-bedrock/anthropic/claude-sonnet-4.5", name: "Claude Sonnet 4.5 (Bedrock)" },
  { ref: "openrouter/qwen/qwen3-coder", name: "Qwen3 Coder" },
];

describe("the searchable model picker", () => {
  it("matches every word in the name, the provider or the id", () => {
    expect(filterChoices(choices, "kimi").map((c) => c.ref)).toEqual(["openrouter/moonshotai/kimi-k2"]);
    expect(filterChoices(choices, "bedrock sonnet").map((c) => c.ref)).toEqual(["openrouter-bedrock/anthropic/claude-sonnet-4.5"]);
    expect(filterChoices(choices, "CODER qwen3").map((c) => c.name)).toEqual(["Qwen3 Coder"]);
    expect(filterChoices(choices, "")).toHaveLength(3);
  });

  it("narrows the select as the user types, keeps the chosen model listed, and cuts a long list with a count", () => {
    const many: ModelChoice[] = Array.from({ length: 1710 }, (_, i) => ({ ref: `openrouter/vendor/model-${i}`, name: `Model ${i}` }));
    render(<ModelSelect label="Model" choices={many} value="openrouter/vendor/model-1709" onChange={() => undefined} />);
    const select = screen.getByRole("combobox", { name: "Model" });
    expect(select.querySelectorAll("option")).toHaveLength(MAX_CHOICES + 1);
    expect(screen.getByRole("status").textContent).toBe("1710 models; the first 200 listed, type more to narrow");
    fireEvent.change(screen.getByRole("searchbox", { name: "Search: Model" }), { target: { value: "model-5" } });
    const listed = [...select.querySelectorAll("option")].map((o) => o.textContent);
    // model-5, model-50…59, model-500…599, and the chosen model first although it does not match.
    expect(listed).toHaveLength(1 + 1 + 10 + 100);
    expect(listed.slice(0, 3)).toEqual(["Model 1709 — openrouter/vendor/model-1709", "Model 5 — openrouter/vendor/model-5", "Model 50 — openrouter/vendor/model-50"]);
    expect(screen.getByRole("status").textContent).toBe("111 of 1710 match");
  });
});
