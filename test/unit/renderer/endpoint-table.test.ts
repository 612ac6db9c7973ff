import { describe, expect, it } from "vitest";
import type { CatalogEndpoint } from "../../../src-main/core/common/index.js";
import { age, columnOf, COLUMNS, endpointRows, fitColumns, nextSort, sortRows } from "../../../src-renderer/features/routing-editor/endpoint-table";

const endpoint = (slug: string, e: Partial<CatalogEndpoint>): CatalogEndpoint => ({ providerName: slug, slug, quantization: null, contextLength: null, pricing: { prompt: null, completion: null }, uptime: null, status: 0, ...e });
const rows = endpointRows([
  endpoint("novita/fp8", { providerName: "Novita", quantization: "fp8", pricing: { prompt: 0.57, completion: 2.3 }, throughput: { p50: 30, p75: null, p90: null, p99: null }, contextLength: 131072, uptime: 99.5 }),
  endpoint("deepinfra/fp4", { providerName: "DeepInfra", quantization: "fp4", pricing: { prompt: 0.5, completion: 2 }, throughput: { p50: 40, p75: null, p90: null, p99: null }, contextLength: 65536, uptime: 93.4 }),
  endpoint("mystery", { providerName: "Mystery", pricing: { prompt: null, completion: null } }),
  endpoint("groq", { providerName: "Groq", quantization: "fp8", pricing: { prompt: 1, completion: 3 }, throughput: { p50: 300, p75: null, p90: null, p99: null }, contextLength: 131072, uptime: 99.5, supportedParameters: ["max_tokens"] }),
]);
const slugs = (list: typeof rows) => list.map((r) => r.slug);

describe("the endpoint table's sorting", () => {
  it("keeps the catalog's order until a column is chosen", () => {
    expect(slugs(sortRows(rows, null))).toEqual(["novita/fp8", "deepinfra/fp4", "mystery", "groq"]);
  });

  it("sorts prices cheapest first, throughput and context biggest first, unknown values last either way", () => {
    const byPrice = nextSort(null, "prompt");
    expect(byPrice).toEqual({ column: "prompt", direction: "ascending" });
    expect(slugs(sortRows(rows, byPrice))).toEqual(["deepinfra/fp4", "novita/fp8", "groq", "mystery"]);
    expect(slugs(sortRows(rows, nextSort(byPrice, "prompt")))).toEqual(["groq", "novita/fp8", "deepinfra/fp4", "mystery"]);
    expect(slugs(sortRows(rows, nextSort(null, "throughput")))).toEqual(["groq", "deepinfra/fp4", "novita/fp8", "mystery"]);
    // Ties keep the catalog's order.
    expect(slugs(sortRows(rows, nextSort(null, "context")))).toEqual(["novita/fp8", "groq", "deepinfra/fp4", "mystery"]);
    expect(slugs(sortRows(rows, nextSort(null, "provider")))).toEqual(["deepinfra/fp4", "groq", "mystery", "novita/fp8"]);
  });

  it("reads values the way people compare them", () => {
    const [novita, deepinfra, mystery, groq] = rows;
    expect(columnOf("prompt").show(novita!.facts)).toBe("$0.57");
    expect(columnOf("context").show(deepinfra!.facts)).toBe("66K");
    expect(columnOf("uptime").show(deepinfra!.facts)).toBe("93.4%");
    expect(columnOf("tools").show(groq!.facts)).toBe("no");
    expect(columnOf("tools").show(mystery!.facts)).toBe("?");
    expect(columnOf("prompt").show(mystery!.facts)).toBe("–");
  });

  it("says how old the catalog is", () => {
    const now = Date.parse("2026-01-01T12:00:00Z");
    expect(age("2026-01-01T11:59:50Z", now)).toBe("just now");
    expect(age("2026-01-01T11:45:00Z", now)).toBe("15 min ago");
    expect(age("2026-01-01T09:00:00Z", now)).toBe("3 h ago");
    expect(age("2025-12-28T12:00:00Z", now)).toBe("4 days ago");
    expect(age(null, now)).toBe("never fetched");
  });
});

describe("the endpoint table's columns by width", () => {
  const keys = (list: readonly { key: string }[]) => list.map((c) => c.key);
  const facts = COLUMNS.slice(1);

  it("shows every column where they all fit, and all of them before the table is measured", () => {
    expect(fitColumns(facts, 2000).hidden).toEqual([]);
    expect(keys(fitColumns(facts, 0).shown)).toEqual(keys(facts));
  });

  it("keeps price, tools and status at 1280 px (about 1000 px of table) and sends the rest to the details row, in the table's order", () => {
    const fit = fitColumns(facts, 1000);
    expect(keys(fit.shown)).toEqual(expect.arrayContaining(["prompt", "completion", "tools", "status"]));
    // The shown columns keep the table's order; nothing is both shown and hidden.
    expect(keys(fit.shown)).toEqual(keys(facts).filter((k) => keys(fit.shown).includes(k)));
    expect([...keys(fit.shown), ...keys(fit.hidden)].sort()).toEqual(keys(facts).sort());
    expect(fit.hidden.length).toBeGreaterThan(0);
  });

  it("keeps the prices at 420 px (about 360 px of table) and nothing that does not fit; tools and status next as the table widens", () => {
    expect(keys(fitColumns(facts, 360).shown)).toEqual(["prompt", "completion"]);
    expect(keys(fitColumns(facts, 700).shown)).toEqual(["prompt", "completion", "tools", "status"]);
  });

  it("gives a column OpenRouter lists nothing for no place at all (the table drops it before fitting)", () => {
    const fit = fitColumns(facts.filter((c) => c.key !== "tools"), 1000);
    expect(keys(fit.shown)).not.toContain("tools");
    expect(keys(fit.hidden)).not.toContain("tools");
  });
});
