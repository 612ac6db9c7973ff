// @vitest-environment jsdom
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { RoutingEditor } from "../../../src-renderer/features/routing-editor/RoutingEditor";
import type { RoutingTarget } from "../../../src-main/core/common/index.js";
import type { RealApi } from "./real-api";
import { renderView } from "./render-view";

let real: RealApi;

function Editor({ initial }: { initial: RoutingTarget | null }) {
  const [target, setTarget] = useState<RoutingTarget | null>(initial);
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
    expect(row.textContent).toContain("$0.57");
    expect(row.textContent).toContain("$2.3");
    expect(row.textContent).toContain("99.5%");
    fireEvent.click(pin);
    expect(sent()).toEqual({ only: ["novita/fp8"], order: ["novita/fp8"], allow_fallbacks: false });
    expect(screen.getByRole("button", { name: "Pinned to novita/fp8" }).textContent).toBe("Pinned");
  });

  it("undoes an edit", async () => {
    await open({ level: "provider", provider: "openrouter-bedrock" });
    fireEvent.click(screen.getByRole("switch", { name: "Allow data collection" }));
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
    const added = [...diff.querySelectorAll(".diff-add")].map((l) => l.textContent).join("\n");
    expect(added).toMatch(/openRouterRouting/);
    expect(added).toMatch(/"only": \["deepinfra"\]/);
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
    fireEvent.click(screen.getByRole("switch", { name: "Zero data retention" }));
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

describe("Routing editor: endpoint table, slug check, switches, undo last save", () => {
  const KIMI: RoutingTarget = { level: "model", provider: "openrouter-bedrock", id: "moonshotai/kimi-k2" };
  const rowSlugs = () => [...document.querySelectorAll(".table-scroll tbody tr code")].map((c) => c.textContent);

  it("sorts the endpoints by a header, says so with aria-sort, and adds a row's slug to only and order", async () => {
    await open(KIMI);
    await screen.findByRole("button", { name: "Pin to novita/fp8" });
    expect(screen.getByText(/4 endpoints · fetched just now/)).toBeInstanceOf(HTMLElement);
    const price = screen.getByRole("button", { name: "In $/M" });
    fireEvent.click(price);
    expect(price.closest("th")!.getAttribute("aria-sort")).toBe("ascending");
    expect(rowSlugs()).toEqual(["deepinfra/fp4", "novita/fp8", "groq", "together/fp8"]);
    fireEvent.click(price);
    expect(price.closest("th")!.getAttribute("aria-sort")).toBe("descending");
    expect(rowSlugs()[3]).toBe("deepinfra/fp4");
    fireEvent.click(screen.getByRole("button", { name: "Tok/s" }));
    expect(rowSlugs()[0]).toBe("groq");

    fireEvent.click(screen.getByRole("button", { name: "Only together/fp8" }));
    fireEvent.click(screen.getByRole("button", { name: "Order together/fp8" }));
    fireEvent.click(screen.getByRole("button", { name: "Order novita/fp8" }));
    expect(screen.getByRole("button", { name: "Only together/fp8" }).getAttribute("aria-pressed")).toBe("true");
    expect(sent()).toEqual({ only: ["together/fp8"], allow_fallbacks: false, order: ["together/fp8", "novita/fp8"] });
    expect(screen.getByRole("list", { name: "order providers" }).textContent).toMatch(/together\/fp8.*novita\/fp8/);
    // A second click takes it out again; ignoring a provider drops it from only/order.
    fireEvent.click(screen.getByRole("button", { name: "Ignore novita/fp8" }));
    expect(sent()).toEqual({ only: ["together/fp8"], allow_fallbacks: false, order: ["together/fp8"], ignore: ["novita/fp8"] });
  });

  it("flags a typo as it is typed, with did-you-mean and a one-click fix", async () => {
    await open(KIMI);
    await screen.findByRole("button", { name: "Pin to novita/fp8" });
    fireEvent.change(screen.getByRole("combobox", { name: "Add a provider to only" }), { target: { value: "deepinfar" } });
    const check = screen.getByText(/“deepinfar” is not a provider of moonshotai\/kimi-k2/);
    expect(check.textContent).toContain("Did you mean deepinfra?");
    fireEvent.click(screen.getByRole("button", { name: "Add deepinfra" }));
    expect(sent()).toMatchObject({ only: ["deepinfra"] });
    expect(screen.queryByText(/is not a provider of/)).toBeNull();
  });

  it("never saves an unknown slug silently: Save waits for a fix or an explicit acknowledgement", async () => {
    await open(KIMI);
    await screen.findByRole("button", { name: "Pin to novita/fp8" });
    fireEvent.change(screen.getByRole("combobox", { name: "Add a provider to order" }), { target: { value: "deepinfar" } });
    fireEvent.click(within(screen.getByRole("group", { name: "order" })).getByRole("button", { name: "Add" }));
    expect(screen.getByRole("heading", { name: "Checks" })).toBeInstanceOf(HTMLElement);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review changes" })));
    await screen.findByTestId("diff");
    const save = screen.getByRole("button", { name: "Save to models.json" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    const acknowledge = screen.getByRole("checkbox", { name: /Save anyway: I know “deepinfar” is not in the catalog/ });
    fireEvent.click(acknowledge);
    expect(save.disabled).toBe(false);
    // The one-click fix in the chip replaces the typo in place.
    fireEvent.click(within(screen.getByRole("list", { name: "order providers" })).getByRole("button", { name: "Use deepinfra" }));
    expect(sent()).toMatchObject({ order: ["deepinfra"] });
    expect(screen.queryByRole("heading", { name: "Checks" })).toBeNull();
  });

  it("uses switches with a not-set state: absent is OpenRouter's default, not false", async () => {
    await open({ level: "provider", provider: "openrouter-bedrock" });
    const fallbacks = screen.getByRole("switch", { name: "Allow fallbacks" });
    expect(fallbacks.getAttribute("aria-checked")).toBe("false");
    expect(screen.getByRole("switch", { name: "Zero data retention" }).getAttribute("aria-checked")).toBe("false");
    expect(screen.getAllByText("Not set (OpenRouter's default: off)").length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole("button", { name: "Unset Allow fallbacks" }));
    expect(sent()).toEqual({ only: ["amazon-bedrock"] });
    expect(screen.getByRole("switch", { name: "Allow fallbacks" }).getAttribute("aria-checked")).toBe("true");
    fireEvent.click(screen.getByRole("switch", { name: "Allow fallbacks" }));
    expect(sent()).toEqual({ only: ["amazon-bedrock"], allow_fallbacks: false });
  });

  it("enables Review only when something changed", async () => {
    await open({ level: "provider", provider: "openrouter-bedrock" });
    const reviewButton = screen.getByRole("button", { name: "Review changes" }) as HTMLButtonElement;
    expect(reviewButton.disabled).toBe(true);
    fireEvent.click(screen.getByRole("checkbox", { name: "fp8" }));
    expect(reviewButton.disabled).toBe(false);
    fireEvent.click(screen.getByRole("checkbox", { name: "fp8" }));
    expect(reviewButton.disabled).toBe(true);
  });

  it("undoes the last save after showing its diff, and refuses when models.json changed since", async () => {
    await open({ level: "provider", provider: "openrouter-bedrock" });
    const original = modelsText();
    const saveOnce = async () => {
      fireEvent.click(screen.getByRole("switch", { name: "Zero data retention" }));
      await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review changes" })));
      await screen.findByTestId("diff");
      await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save to models.json" })));
      await screen.findByText(/^Saved to /);
    };
    await saveOnce();
    expect(modelsText()).toContain('"zdr": true');
    await act(async () => fireEvent.click(await screen.findByRole("button", { name: "Undo last save" })));
    const dialog = await screen.findByRole("dialog", { name: "Undo last save?" });
    expect(within(dialog).getByTestId("diff").querySelector(".diff-remove")?.textContent).toContain('"zdr": true');
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Undo save" })));
    await screen.findByText(/^Undone: models\.json is back as it was before the save/);
    expect(modelsText()).toBe(original);
    await waitFor(() => expect(screen.queryByRole("button", { name: "Undo last save" })).toBeNull());

    // Saved again, then changed elsewhere: the undo would lose that change, so it refuses.
    await waitFor(() => expect(screen.getByRole("switch", { name: "Zero data retention" }).getAttribute("aria-checked")).toBe("false"));
    await saveOnce();
    const external = modelsText().replace("// Llama for cheap runs", "// Edited elsewhere. Llama for cheap runs");
    writeFileSync(join(real.dir, "models.json"), external);
    await act(async () => fireEvent.click(await screen.findByRole("button", { name: "Undo last save" })));
    expect((await screen.findByRole("alert")).textContent).toMatch(/models\.json changed since that save/);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(modelsText()).toBe(external);
  });

  it("opens on what already has routing, with a summary each, and starts a new target", async () => {
    real = await renderView("routed", <Editor initial={null} />);
    const routed = await screen.findByRole("button", { name: /openrouter-bedrock \(every model of the provider\)/ });
    expect(routed.textContent).toContain("only amazon-bedrock · no fallbacks");
    fireEvent.change(screen.getByRole("combobox", { name: "Provider or model to route" }), { target: { value: "openrouter-bedrock/moonshotai/kimi-k2" } });
    fireEvent.click(screen.getByRole("button", { name: "Edit routing" }));
    expect(await screen.findByRole("button", { name: "Pin to novita/fp8" })).toBeInstanceOf(HTMLElement);
    fireEvent.click(screen.getByRole("button", { name: "All routing" }));
    fireEvent.click(await screen.findByRole("button", { name: /openrouter-bedrock \(every model of the provider\)/ }));
    await screen.findByTestId("provider-object");
    expect(sent()).toEqual({ only: ["amazon-bedrock"], allow_fallbacks: false });
  });
});
