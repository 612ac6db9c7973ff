/**
 * The OpenRouter catalog against the fake over real HTTP: models and endpoints parsed into the
 * app's units, a disk cache that serves offline, its age in the status, and stale data refreshed
 * in the background.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CatalogStatus } from "../../../../src-main/core/common/index.js";
import { defaultCacheDir, OpenRouterCatalog } from "../../../../src-main/core/openrouter/catalog.js";
import { OPENROUTER_API_URL, openRouterBaseUrl } from "../../../../src-main/core/openrouter/client-url.js";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../../fake-openrouter/server.js";

let fake: FakeOpenRouter;
let offlineUrl: string;
beforeAll(async () => {
  fake = await startFakeOpenRouter();
  const gone = await startFakeOpenRouter();
  offlineUrl = gone.baseUrl;
  await gone.close();
});
afterAll(() => fake.close());

const cacheDir = () => mkdtempSync(join(tmpdir(), "sb-catalog-"));
const online = (dir: string, maxAgeMs?: number) => new OpenRouterCatalog({ cacheDir: dir, env: { PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl }, maxAgeMs });
const offline = (dir: string) => new OpenRouterCatalog({ cacheDir: dir, env: { PI_SWITCHBOARD_OPENROUTER_URL: offlineUrl } });

describe("base URL and cache dir", () => {
  test("openrouter.ai unless PI_SWITCHBOARD_OPENROUTER_URL overrides it", () => {
    expect(openRouterBaseUrl({})).toBe(OPENROUTER_API_URL);
    expect(openRouterBaseUrl({ PI_SWITCHBOARD_OPENROUTER_URL: "http://127.0.0.1:1/x/api/v1/" })).toBe("http://127.0.0.1:1/x/api/v1");
    expect(defaultCacheDir({ XDG_CACHE_HOME: "/tmp/xdg" })).toBe("/tmp/xdg/pi-switchboard");
  });
});

describe("the catalog", () => {
  test("fetches models and endpoints in USD per million tokens and caches them", async () => {
    const dir = cacheDir();
    const catalog = online(dir);
    const models = await catalog.models();
    expect(models.find((m) => m.id === "moonshotai/kimi-k2")).toEqual({
      id: "moonshotai/kimi-k2",
      name: "MoonshotAI: Kimi K2",
      contextLength: 131072,
      pricing: { prompt: 0.5, completion: 2, cacheRead: null, cacheWrite: null },
      supportedParameters: ["max_tokens", "temperature", "top_p", "tools", "tool_choice", "stop", "reasoning", "include_reasoning", "stream_options"],
      inputModalities: ["text"],
      maxCompletionTokens: 16384,
      reasoning: true,
    });
    expect(catalog.status()).toMatchObject({ source: "network", modelCount: 3, refreshing: false, error: null });
    const endpoints = await catalog.endpoints("moonshotai/kimi-k2");
    expect(endpoints?.[0]).toEqual({
      providerName: "Novita",
      slug: "novita/fp8",
      tag: "novita/fp8",
      quantization: "fp8",
      contextLength: 131072,
      maxOutput: 16384,
      pricing: { prompt: 0.57, completion: 2.3, cacheRead: null, cacheWrite: null },
      uptime: 99.5,
      uptime5m: null,
      uptime1d: null,
      latencyMs: { p50: 900, p75: 1170, p90: 1530, p99: 2700 },
      throughput: { p50: 30, p75: 25.5, p90: 19.5, p99: 10.5 },
      supportedParameters: expect.arrayContaining(["tools", "reasoning"]),
      status: 0,
    });
    expect(catalog.endpointsAge("moonshotai/kimi-k2")).toMatchObject({ source: "network" });
    expect(await catalog.endpoints("nobody/nothing")).toBeNull();
    expect(existsSync(join(dir, "models.json"))).toBe(true);
    expect(existsSync(join(dir, "endpoints", "moonshotai__kimi-k2.json"))).toBe(true);
  });

  test("works offline from the cache and says how old it is", async () => {
    const dir = cacheDir();
    const first = online(dir);
    await first.models();
    await first.endpoints("anthropic/claude-sonnet-4");
    const fetchedAt = first.status().fetchedAt;

    const catalog = offline(dir);
    const models = await catalog.models();
    expect(models.map((m) => m.id)).toContain("anthropic/claude-sonnet-4");
    expect(catalog.status()).toMatchObject({ source: "cache", fetchedAt, modelCount: 3 });
    const endpoints = await catalog.endpoints("anthropic/claude-sonnet-4");
    expect(endpoints?.map((e) => e.slug)).toEqual(["anthropic", "amazon-bedrock", "google-vertex"]);
    const status = await catalog.refresh();
    expect(status.source).toBe("cache");
    expect(status.error).toMatch(/offline or unreachable.*showing the cached copy/);
  });

  test("a model's endpoints with their source, age and the last fetch's error (the routing editor's table)", async () => {
    const dir = cacheDir();
    const first = await online(dir).modelEndpoints("moonshotai/kimi-k2", { refresh: false });
    expect(first).toMatchObject({ modelId: "moonshotai/kimi-k2", source: "network", error: null });
    expect(first.endpoints?.map((e) => e.slug)).toContain("novita/fp8");
    expect(Date.parse(first.fetchedAt!)).toBeGreaterThan(Date.now() - 60_000);

    // Offline, Refresh keeps the cached copy and says why it is not new.
    const cached = await offline(dir).modelEndpoints("moonshotai/kimi-k2", { refresh: true });
    expect(cached).toMatchObject({ source: "cache", fetchedAt: first.fetchedAt, error: expect.stringMatching(/offline or unreachable/) });
    expect(cached.endpoints).toEqual(first.endpoints);

    expect(await offline(cacheDir()).modelEndpoints("moonshotai/kimi-k2", { refresh: false })).toMatchObject({ endpoints: null, source: "none", fetchedAt: null, error: expect.stringMatching(/offline or unreachable/) });
  });

  test("offline with no cache: empty, with an error that names the URL", async () => {
    const catalog = offline(cacheDir());
    expect(await catalog.models()).toEqual([]);
    expect(catalog.status()).toMatchObject({ source: "none", fetchedAt: null });
    expect(catalog.status().error).toContain(offlineUrl);
    expect(await catalog.endpoints("moonshotai/kimi-k2")).toBeNull();
  });

  test("stale cache is served at once and refreshed in the background", async () => {
    const dir = cacheDir();
    await online(dir).models();
    const before = fake.requests.filter((r) => r.path.endsWith("/models")).length;
    const catalog = online(dir, 0);
    const seen: CatalogStatus[] = [];
    const refreshed = new Promise<void>((resolve) =>
      catalog.onStatus((s) => {
        seen.push(s);
        if (s.source === "network" && !s.refreshing) resolve();
      }),
    );
    const models = await catalog.models();
    expect(models).toHaveLength(3);
    await refreshed;
    expect(seen[0]!.source).toBe("cache");
    expect(seen.some((s) => s.refreshing)).toBe(true);
    expect(fake.requests.filter((r) => r.path.endsWith("/models")).length).toBe(before + 1);
  });
});
