/**
 * Which catalog entry's endpoints serve a variant id: routing variants and presets the base
 * model's, other suffixes their own entry first.
 */
import { describe, expect, it } from "vitest";
import type { CatalogEndpoint } from "../../../../src-main/core/common/index.js";
import { endpointListIds, variantEndpoints } from "../../../../src-main/core/openrouter/variant-endpoints.js";

const groq: CatalogEndpoint = { providerName: "Groq", slug: "groq", quantization: "fp8", contextLength: 131072, pricing: { prompt: 1, completion: 3 }, uptime: 99.5, status: 0 };

describe("endpointListIds", () => {
  it("routing variants and presets run on the base model's providers", () => {
    for (const id of ["moonshotai/kimi-k2:floor", "moonshotai/kimi-k2:nitro", "moonshotai/kimi-k2:exacto", "moonshotai/kimi-k2:online", "moonshotai/kimi-k2@preset/my-coder"]) {
      expect(endpointListIds(id), id).toEqual(["moonshotai/kimi-k2"]);
    }
  });

  it("a catalog variant (:free) is its own entry first, then the base", () => {
    expect(endpointListIds("meta-llama/llama-3.3-70b-instruct:free")).toEqual(["meta-llama/llama-3.3-70b-instruct:free", "meta-llama/llama-3.3-70b-instruct"]);
  });

  it("a plain id is itself", () => {
    expect(endpointListIds("moonshotai/kimi-k2")).toEqual(["moonshotai/kimi-k2"]);
  });
});

describe("variantEndpoints", () => {
  it("takes the first list the catalog has, and says whose it is", async () => {
    const asked: string[] = [];
    const lookup = async (id: string) => (asked.push(id), id === "moonshotai/kimi-k2" ? [groq] : null);
    expect(await variantEndpoints("moonshotai/kimi-k2:free", lookup)).toEqual({ catalogId: "moonshotai/kimi-k2", endpoints: [groq] });
    expect(asked).toEqual(["moonshotai/kimi-k2:free", "moonshotai/kimi-k2"]);
    expect(await variantEndpoints("nobody/nothing:floor", lookup)).toBeNull();
  });
});
