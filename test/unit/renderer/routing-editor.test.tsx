// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import { act, fireEvent, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { RoutingEditor } from "../../../src-renderer/features/routing-editor/RoutingEditor";
import type { RoutingTarget } from "../../../src-main/core/contract";
import type { RealApi } from "./real-api";
import { renderView } from "./render-view";

let real: RealApi;

function Editor({ initial }: { initial: RoutingTarget }) {
  const [target, setTarget] = useState<RoutingTarget>(initial);
  return <RoutingEditor target={target} onTarget={setTarget} />;
}

async function open(target: RoutingTarget) {
  real = await renderView("routed", <Editor initial={target} />);
  await screen.findByRole("heading", { name: "What pi will send" });
}

const sent = () => JSON.parse(screen.getByTestId("provider-object").textContent!) as Record<string, unknown>;
const modelsText = () => readFileSync(join(real.dir, "models.json"), "utf8");

describe("Routing editor", () => {
  it("pins a model to one provider in one click: only + order + allow_fallbacks false, merged over the provider's routing", async () => {
    await open({ level: "model", provider: "openrouter-bedrock", id: "meta-llama/llama-3.3-70b-instruct" });
    // Before: the provider-level routing is what pi sends for this model.
    expect(sent()).toEqual({ only: ["amazon-bedrock"], allow_fallbacks: false });
    // The catalog has no endpoints for this model: the editor says so and takes a typed slug.
    expect(await screen.findByText(/catalog has no endpoints for meta-llama/)).toBeInstanceOf(HTMLElement);
    fireEvent.change(screen.getByRole("combobox", { name: "Provider slug to pin" }), { target: { value: "novita/fp8" } });
    fireEvent.click(screen.getByRole("button", { name: "Pin" }));
    expect(sent()).toEqual({ only: ["novita/fp8"], order: ["novita/fp8"], allow_fallbacks: false });
    expect(screen.getByRole("list", { name: "order providers" }).textContent).toContain("novita/fp8");
  });

  it("offers the model's endpoints from the OpenRouter catalog, with price, quantization and uptime, and pins to one", async () => {
    await open({ level: "model", provider: "openrouter-bedrock", id: "moonshotai/kimi-k2" });
    const pin = await screen.findByRole("button", { name: "Pin to novita/fp8" });
    const row = pin.closest("tr")!;
    expect(row.textContent).toContain("Novita");
    expect(row.textContent).toContain("fp8");
    expect(row.textContent).toContain("0.57 · 2.3");
    expect(row.textContent).toContain("99.5%");
    fireEvent.click(pin);
    expect(sent()).toEqual({ only: ["novita/fp8"], order: ["novita/fp8"], allow_fallbacks: false });
    expect(screen.getByRole("button", { name: "Pin to novita/fp8" }).textContent).toBe("Pinned");
  });

  it("undoes an edit", async () => {
    await open({ level: "provider", provider: "openrouter-bedrock" });
    fireEvent.change(screen.getByRole("combobox", { name: "Data collection" }), { target: { value: "deny" } });
    expect(sent()).toEqual({ only: ["amazon-bedrock"], allow_fallbacks: false, data_collection: "deny" });
    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(sent()).toEqual({ only: ["amazon-bedrock"], allow_fallbacks: false });
  });

  it("shows the diff of models.json, then saves it with comments kept", async () => {
    await open({ level: "model", provider: "openrouter-bedrock", id: "meta-llama/llama-3.3-70b-instruct" });
    fireEvent.change(screen.getByRole("combobox", { name: "Provider slug to pin" }), { target: { value: "deepinfra" } });
    fireEvent.click(screen.getByRole("button", { name: "Pin" }));
    fireEvent.change(screen.getByRole("combobox", { name: "Sort by" }), { target: { value: "throughput" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review changes" })));
    const diff = await screen.findByTestId("diff");
    expect(diff.querySelector(".diff-add")?.textContent).toMatch(/compat|openRouterRouting|deepinfra/);
    expect(modelsText()).not.toContain("deepinfra");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save to models.json" })));
    await screen.findByText(/^Saved to .*models\.json\. pi 0\.73\.1 re-reads models\.json when you open \/model/);
    const text = modelsText();
    expect(text).toContain("// Llama for cheap runs; keep this comment.");
    const file = parse(text) as { providers: Record<string, { models: { id: string; compat?: { openRouterRouting: unknown } }[] }> };
    const llama = file.providers["openrouter-bedrock"]!.models.find((m) => m.id === "meta-llama/llama-3.3-70b-instruct")!;
    expect(llama.compat?.openRouterRouting).toEqual({ only: ["deepinfra"], order: ["deepinfra"], allow_fallbacks: false, sort: "throughput" });
  });

  it("refuses to overwrite models.json changed on disk after the review, and says so", async () => {
    await open({ level: "provider", provider: "openrouter-bedrock" });
    fireEvent.change(screen.getByRole("combobox", { name: "Zero data retention" }), { target: { value: "true" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review changes" })));
    await screen.findByTestId("diff");
    const external = modelsText().replace("// Llama for cheap runs", "// Edited elsewhere. Llama for cheap runs");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(real.dir, "models.json"), external);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save to models.json" })));
    expect((await screen.findByRole("alert")).textContent).toMatch(/changed on disk/);
    expect(modelsText()).toBe(external);
  });
});
