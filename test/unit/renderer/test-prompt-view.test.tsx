// @vitest-environment jsdom
/**
 * The Test prompt view's parts over the real API (real models.json on disk, the fake OpenRouter's
 * catalog): Pin this provider (OpenRouter's display name → routing slug → diff → save), the result
 * card's verified record and routing verdict, and the comparison table. Running prompts needs the
 * OpenAI SDK outside a DOM, so whole runs (streaming, side by side, cancel) are covered in real
 * Chromium by test/e2e/test-prompt.test.ts; here a result is given as OpenRouter would report it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { TestGeneration, TestResult } from "../../../src-main/core/common/index.js";
import { ComparisonTable } from "../../../src-renderer/features/test-prompt/ComparisonTable";
import { PinProvider } from "../../../src-renderer/features/test-prompt/PinProvider";
import { ResultCard } from "../../../src-renderer/features/test-prompt/ResultCard";
import { newRun, type RunColumn, type TestRun } from "../../../src-renderer/features/test-prompt/test-runs";
import type { RealApi } from "./real-api";
import { renderView } from "./render-view";

let real: RealApi;
const KIMI = "openrouter-fake/moonshotai/kimi-k2";

function generation(provider: string, extra: Partial<TestGeneration> = {}): TestGeneration {
  return { id: "gen-1", provider, model: "moonshotai/kimi-k2", totalCost: 0.000017, latencyMs: 210, generationTimeMs: 500, tokens: { prompt: 12, completion: 40, cached: 3, reasoning: 7 }, finishReason: "stop", ...extra };
}

function result(extra: Partial<TestResult> = {}): TestResult {
  return {
    ref: KIMI, provider: null, servedBy: "DeepInfra", model: "moonshotai/kimi-k2", ttftMs: 180, totalMs: 700,
    usage: { promptTokens: 12, completionTokens: 40, totalTokens: 52 }, cost: 0.000017, routingRespected: null, routingNote: null,
    generation: generation("DeepInfra"), generationNote: null, commandsRun: [],
    request: { url: "", model: "moonshotai/kimi-k2", provider: null }, text: "Hello from DeepInfra.", error: null, ...extra,
  };
}

/** The testpin fixture pointed at this test's fake OpenRouter, then the pin panel for `r`. */
async function openPin(r: TestResult) {
  real = await renderView("testpin", <PinProvider result={r} onClose={() => undefined} />);
  const path = join(real.dir, "models.json");
  writeFileSync(path, readFileSync(path, "utf8").replaceAll("FAKE_OPENROUTER_URL", real.fake.baseUrl));
  return screen.findByRole("region", { name: `Pin ${KIMI} to ${r.generation?.provider ?? r.servedBy}` });
}

/** The lines the diff adds, one string. */
const added = (panel: HTMLElement) => [...panel.querySelectorAll(".diff-add")].map((l) => l.textContent).join("\n");

const routingOf = (id: string) => {
  const file = parse(readFileSync(join(real.dir, "models.json"), "utf8")) as { providers: Record<string, { models: { id: string; compat?: { openRouterRouting?: unknown } }[] }> };
  return file.providers["openrouter-fake"]!.models.find((m) => m.id === id)?.compat?.openRouterRouting;
};

describe("Pin this provider", () => {
  it("maps OpenRouter's DeepInfra to its slug deepinfra/fp4, shows the diff and pi's verdict, and saves with fallbacks as chosen", async () => {
    const panel = await openPin(result());
    await waitFor(() => expect(within(panel).getByTestId("pin-slug").textContent).toBe("OpenRouter's record: DeepInfra → routing slug deepinfra/fp4"));
    await within(panel).findByTestId("diff");
    expect(added(panel)).toContain('"allow_fallbacks": false');
    expect(added(panel)).toContain('"only": ["deepinfra/fp4"]');
    // pi's own verdict on the proposed file (pi run on a copy): asked, then answered.
    await waitFor(() => expect(panel.querySelector(".verdict-line")).not.toBeNull(), { timeout: 30_000 });
    // The user allows fallbacks: the diff follows before anything is written.
    fireEvent.click(within(panel).getByRole("checkbox", { name: /No fallbacks/ }));
    await waitFor(() => expect(added(panel)).not.toContain("allow_fallbacks"));
    expect(added(panel)).toContain('"order": ["deepinfra/fp4"]');
    expect(routingOf("moonshotai/kimi-k2")).toBeUndefined();
    fireEvent.click(within(panel).getByRole("button", { name: "Save to models.json" }));
    await within(panel).findByText(/Pinned openrouter-fake\/moonshotai\/kimi-k2 to deepinfra\/fp4/);
    expect(routingOf("moonshotai/kimi-k2")).toEqual({ only: ["deepinfra/fp4"], order: ["deepinfra/fp4"] });
    // The fixture's comments survive the write.
    expect(readFileSync(join(real.dir, "models.json"), "utf8")).toContain("// Kimi has no routing yet");
  });

  it("a provider name the catalog does not know: says so and lets the user pick from the model's endpoints", async () => {
    const panel = await openPin(result({ generation: generation("Mystery Cloud"), servedBy: "Mystery Cloud" }));
    const pick = await within(panel).findByRole("combobox", { name: "Provider to pin" });
    expect(panel.textContent).toContain("“Mystery Cloud” matches none of the model's endpoints");
    expect(within(panel).queryByTestId("diff")).toBeNull();
    expect(within(pick).getAllByRole("option").map((o) => o.textContent)).toContain("Groq — groq · fp8");
    fireEvent.change(pick, { target: { value: "groq" } });
    await within(panel).findByTestId("diff");
    fireEvent.click(within(panel).getByRole("button", { name: "Save to models.json" }));
    await within(panel).findByText(/Pinned .* to groq/);
    expect(routingOf("moonshotai/kimi-k2")).toEqual({ only: ["groq"], order: ["groq"], allow_fallbacks: false });
  });

  it("writes to the provider instead when the user picks it, keeping the other models' own routing", async () => {
    const panel = await openPin(result({ generation: generation("Together"), servedBy: "Together", provider: "together/fp8" }));
    await waitFor(() => expect(within(panel).getByTestId("pin-slug").textContent).toContain("together/fp8"));
    fireEvent.change(within(panel).getByRole("combobox", { name: "Write the pin to" }), { target: { value: JSON.stringify({ level: "provider", provider: "openrouter-fake" }) } });
    await waitFor(() => expect(within(panel).getByTestId("diff").textContent).toContain('"compat"'));
    fireEvent.click(within(panel).getByRole("button", { name: "Save to models.json" }));
    await within(panel).findByText(/Pinned .* to together\/fp8/);
    const file = parse(readFileSync(join(real.dir, "models.json"), "utf8")) as { providers: Record<string, { compat?: { openRouterRouting?: unknown } }> };
    expect(file.providers["openrouter-fake"]!.compat?.openRouterRouting).toEqual({ only: ["together/fp8"], order: ["together/fp8"], allow_fallbacks: false });
    expect(routingOf("anthropic/claude-sonnet-4")).toEqual({ only: ["amazon-bedrock"], order: ["amazon-bedrock"], allow_fallbacks: false });
  });
});

const column = (r: TestResult | null, state: RunColumn["state"] = "done", provider?: string): RunColumn => ({ target: { ref: KIMI, provider }, text: r?.text ?? "", result: r, state });

describe("The result card", () => {
  it("shows OpenRouter's record as verified: provider, total cost, latency, generation time, native tokens incl. cached and reasoning", () => {
    render(<ResultCard column={column(result({ routingRespected: true }))} onPin={() => undefined} pinning={false} />);
    const verified = screen.getByRole("region", { name: "Verified by OpenRouter" });
    expect(verified.textContent).toContain("Verified by OpenRouter");
    expect(within(verified).getByTestId("verified-provider").textContent).toBe("DeepInfra");
    expect(within(verified).getByTestId("verified-cost").textContent).toBe("$0.000017");
    expect(verified.textContent).toContain("210 ms");
    expect(verified.textContent).toContain("500 ms");
    expect(within(verified).getByTestId("verified-tokens").textContent).toBe("12 prompt · 40 completion · 3 cached · 7 reasoning");
    expect(screen.getByTestId("routing-verdict").textContent).toBe("✓ Routing honoured (per OpenRouter's record).");
    expect(screen.getByRole("button", { name: "Pin this provider" })).toBeInstanceOf(HTMLButtonElement);
  });

  it("without a record says it is not verified and why, and a broken routing says NOT honoured with the note", () => {
    const note = "OpenRouter had no record of generation gen-1 after 7.75 s; the verdict uses the stream's provider.";
    render(<ResultCard column={column(result({ generation: null, generationNote: note, servedBy: "Groq", routingRespected: false, routingNote: "Served by Groq (groq), which is not in only [together]." }))} onPin={() => undefined} pinning={false} />);
    expect(screen.queryByRole("region", { name: "Verified by OpenRouter" })).toBeNull();
    expect(screen.getByTestId("unverified").textContent).toBe(`Not verified by OpenRouter. ${note}`);
    expect(screen.getByTestId("served-by").textContent).toBe("Groq");
    expect(screen.getByTestId("routing-verdict").textContent).toBe("✗ Routing NOT honoured (per the stream). Served by Groq (groq), which is not in only [together].");
  });

  it("queued, running and cancelled columns say so; a cancelled one offers no pin", () => {
    const { rerender } = render(<ResultCard column={column(null, "queued", "groq")} onPin={() => undefined} pinning={false} />);
    expect(screen.getByRole("article", { name: `Result for ${KIMI} via groq` })).toBeInstanceOf(HTMLElement);
    expect(screen.getByTestId("column-status").textContent).toMatch(/^Queued/);
    rerender(<ResultCard column={{ ...column(null, "running", "groq"), text: "Hel" }} onPin={() => undefined} pinning={false} />);
    expect(screen.getByTestId("column-status").textContent).toBe("Streaming…");
    const cancelled = result({ error: { status: null, message: "Test cancelled.", hint: "" }, cancelled: true, text: "" });
    rerender(<ResultCard column={column(cancelled, "done", "groq")} onPin={() => undefined} pinning={false} />);
    expect(screen.getByTestId("column-status").textContent).toBe("Cancelled");
    expect(screen.queryByRole("button", { name: "Pin this provider" })).toBeNull();
  });
});

describe("The comparison table", () => {
  it("marks the best TTFT, tokens/s and cost, each in its own column", () => {
    const run: TestRun = newRun("r1", "hi", "providers", []);
    run.columns = [
      column(result({ ttftMs: 300, generation: generation("Groq", { totalCost: 0.00002, generationTimeMs: 200 }) }), "done", "groq"),
      column(result({ ttftMs: 150, generation: generation("Novita", { totalCost: 0.00001, generationTimeMs: 800 }) }), "done", "novita/fp8"),
      column(null, "queued", "together/fp8"),
    ];
    render(<ComparisonTable run={run} />);
    const rows = within(screen.getByRole("table", { name: "Comparison" })).getAllByRole("row").slice(1);
    const cells = rows.map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));
    expect(rows.map((r) => within(r).getByTestId("row-status").textContent)).toEqual(["done", "done", "queued"]);
    expect(cells[0]).toEqual(["300 ms", "200 tok/s best", "$0.000020"]);
    expect(cells[1]).toEqual(["150 ms best", "50.0 tok/s", "$0.000010 best"]);
    expect(cells[2]).toEqual(["?", "?", "?"]);
    expect(rows[1]!.querySelector(".best")!.className).toBe("best");
  });
});
