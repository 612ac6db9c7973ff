// @vitest-environment jsdom
/**
 * The add-model panel over the real API (a host on a copy of the routed fixture, the fake
 * OpenRouter's catalog): search narrows the list, a bad preset slug says what OpenRouter's slugs
 * look like, an endpoint without tools is flagged, and a models.json changed on disk after the
 * review is never overwritten (expectedVersion), with what to do.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { expect, it } from "vitest";
import { ProvidersView } from "../../../src-renderer/features/providers/ProvidersView";
import { searchCatalog } from "../../../src-renderer/features/add-model/AddModelPanel";
import { renderView } from "./render-view";

it("searchCatalog matches every word in the id or the name, case-insensitively", () => {
  const models = [
    { id: "moonshotai/kimi-k2", name: "MoonshotAI: Kimi K2", contextLength: null, pricing: { prompt: null, completion: null } },
    { id: "openai/gpt-4o-mini", name: "OpenAI: GPT-4o-mini", contextLength: null, pricing: { prompt: null, completion: null } },
  ];
  expect(searchCatalog(models, "KIMI moonshot").map((m) => m.id)).toEqual(["moonshotai/kimi-k2"]);
  expect(searchCatalog(models, "  ")).toHaveLength(2);
  expect(searchCatalog(models, "kimi gpt")).toEqual([]);
});

it("flags a bad preset and a toolless endpoint, and refuses to save over a file changed since the review", async () => {
  const real = await renderView("routed", <ProvidersView onEditRouting={() => undefined} />);
  fireEvent.click(await screen.findByRole("button", { name: "Add OpenRouter model…" }));
  fireEvent.change(await screen.findByRole("searchbox", { name: "Search OpenRouter models" }), { target: { value: "kimi" } });
  await screen.findByText("1 of 3 models");
  fireEvent.click(screen.getByRole("radio", { name: /^MoonshotAI: Kimi K2 moonshotai\/kimi-k2/ }));

  fireEvent.click(screen.getByRole("radio", { name: /^@preset/ }));
  fireEvent.change(screen.getByRole("textbox", { name: "Preset slug" }), { target: { value: "a/b" } });
  expect(screen.getByText(/is not a preset slug: OpenRouter's are lowercase letters, digits/)).toBeInstanceOf(HTMLElement);
  expect(screen.queryByRole("button", { name: "Review changes" })).toBeNull();
  fireEvent.change(screen.getByRole("textbox", { name: "Preset slug" }), { target: { value: "@preset/my-coder" } });

  fireEvent.click(await screen.findByRole("radio", { name: /^Groq groq/ }));
  await screen.findByText(/Groq does not accept tools here, and pi's agent needs tool calls/);
  expect(screen.getByTestId("add-model-fields").textContent).toContain("openrouter-groq/moonshotai/kimi-k2@preset/my-coder");

  await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review changes" })));
  await screen.findByTestId("diff");
  // Someone edits models.json after the review: the save must not overwrite it.
  const path = join(real.dir, "models.json");
  appendFileSync(path, "\n// edited elsewhere\n");
  await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save to models.json" })));
  await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/changed on disk since you reviewed it .* Nothing was written/));
  expect(readFileSync(path, "utf8")).not.toContain("openrouter-groq");
});
