/**
 * Problems that need OpenRouter's word, merged into the snapshot like pi's own (routing-problems.ts):
 * a routing slug the model's cached endpoints do not have (no network while the snapshot is built),
 * and a last test prompt served outside the routing, which clears when the routing changes. Against
 * the fake OpenRouter and real agent dirs.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ModelEntry, TestEvent } from "../../../../src-main/core/common/index.js";
import { OpenRouterCatalog } from "../../../../src-main/core/openrouter/catalog.js";
import { openRouterFeatures } from "../../../../src-main/core/openrouter-features.js";
import { catalogProblemSource } from "../../../../src-main/core/openrouter/routing-problems.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../../fake-openrouter/server.js";
import { DEFAULT_KEY, defaultKeys } from "../../../fake-openrouter/table.js";
import { openAgentDir, virtualProvider } from "./agent-dir.js";

let fake: FakeOpenRouter;
beforeAll(async () => (fake = await startFakeOpenRouter()));
afterAll(() => fake.close());

const problemsOf = (models: ModelEntry[], ref: string) => models.find((m) => `${m.provider}/${m.id}` === ref)?.problems.map((p) => p.code) ?? [];

describe("a slug the cached catalog does not know", () => {
  it("is a problem of the model once the endpoints are cached, and never asks the network itself", async () => {
    const env = { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl };
    const service = await openAgentDir(
      { models: { providers: { "openrouter-typo": virtualProvider(fake.baseUrl, DEFAULT_KEY, { only: ["deepinfar"] }, ["moonshotai/kimi-k2"]), "openrouter-ok": virtualProvider(fake.baseUrl, DEFAULT_KEY, { only: ["deepinfra"] }, ["moonshotai/kimi-k2"]) } } },
      env,
    );
    const catalog = new OpenRouterCatalog({ cacheDir: mkdtempSync(join(tmpdir(), "sb-rp-cache-")), env });
    try {
      service.addProblemSource(catalogProblemSource((id) => catalog.cachedEndpoints(id)));
      await service.refreshProblems();
      // Nothing cached yet: nothing said, and nothing fetched for it.
      expect(problemsOf(service.snapshot().models, "openrouter-typo/moonshotai/kimi-k2")).toEqual([]);
      expect(fake.requests.filter((r) => r.path.includes("/endpoints"))).toEqual([]);

      await catalog.endpoints("moonshotai/kimi-k2");
      await service.refreshProblems();
      const typo = service.snapshot().models.find((m) => m.provider === "openrouter-typo")!;
      expect(typo.problems).toContainEqual(expect.objectContaining({ code: "unknown-slug", severity: "warning", message: expect.stringContaining('"deepinfar" in only matches no provider of moonshotai/kimi-k2; did you mean "deepinfra"?'), hint: expect.stringContaining('Change "deepinfar" to "deepinfra"') }));
      expect(problemsOf(service.snapshot().models, "openrouter-ok/moonshotai/kimi-k2")).toEqual([]);
    } finally {
      service.close();
    }
  });
});

describe("the last test of a model's routing", () => {
  it("served outside the routing is a problem until the routing changes", async () => {
    fake.configure({ keys: defaultKeys(), failing: { groq: 503 } });
    const env = { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl };
    const service = await openAgentDir({ models: { providers: { "openrouter-ordered": virtualProvider(fake.baseUrl, DEFAULT_KEY, { order: ["groq", "together"], allow_fallbacks: false }, ["moonshotai/kimi-k2"]) } } }, env);
    const { tests } = openRouterFeatures(service, { env, cacheDir: mkdtempSync(join(tmpdir(), "sb-rp-cache-")) });
    const ref = "openrouter-ordered/moonshotai/kimi-k2";
    try {
      const done = new Promise<TestEvent>((resolve) => tests.start({ targets: [{ ref }], prompt: "hi" }, (e) => e.type === "done" && resolve(e)));
      expect(await done).toMatchObject({ result: { routingRespected: false } });
      await vi.waitFor(() => expect(problemsOf(service.snapshot().models, ref)).toContain("routing-not-honoured"), { timeout: 5000 });
      expect(service.snapshot().models.find((m) => `${m.provider}/${m.id}` === ref)!.problems.find((p) => p.code === "routing-not-honoured")!.message).toMatch(/^At its last test, OpenRouter served moonshotai\/kimi-k2 from outside its routing\. Served by Together/);

      // The user changes the routing: the old verdict is about another routing.
      expect(await service.execute({ type: "setRouting", target: { level: "provider", provider: "openrouter-ordered" }, routing: { only: ["together"] } })).toMatchObject({ ok: true });
      await service.refreshProblems();
      expect(problemsOf(service.snapshot().models, ref)).not.toContain("routing-not-honoured");
    } finally {
      fake.configure({ failing: {} });
      service.close();
    }
  });
});
