/**
 * The quick switcher's favourites and recents: the pure list rules, the API's bounds and checks on
 * favouriteModels, and recents recorded by the API host after each successful useModel — on a real
 * agent dir, through the same ApiHost every UI (window, popover, tray, serve) switches through.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ActionResult, CommandResult, PreferencesState } from "../../../../../src-main/core/common/index.js";
import { createHost, type SwitchboardHost } from "../../../../../src-main/core/create-host";
import { cleanModelList, isModelRef, MAX_FAVOURITE_MODELS, MAX_RECENT_MODELS, toggleFavouriteModel, withRecentModel } from "../../../../../src-main/core/common/preferences/model-lists";
import { servePreferences } from "../../../../../src-main/core/preferences/app-preferences";
import { DEV_PI_ENV } from "../../../../installed-pis";

const SONNET = "openrouter-bedrock/anthropic/claude-sonnet-4.5";
const LLAMA = "openrouter-bedrock/meta-llama/llama-3.3-70b-instruct";
const KIMI = "openrouter-bedrock/moonshotai/kimi-k2";

describe("model lists (pure)", () => {
  it("puts a used model first, once, and keeps at most eight", () => {
    expect(withRecentModel(["a/1", "b/2", "c/3"], "b/2")).toEqual(["b/2", "a/1", "c/3"]);
    const many = Array.from({ length: 12 }, (_, i) => `p/m${i}`);
    const recents = many.reduce<string[]>((list, ref) => withRecentModel(list, ref), []);
    expect(recents).toHaveLength(MAX_RECENT_MODELS);
    expect(recents[0]).toBe("p/m11");
    expect(recents).not.toContain("p/m3");
  });

  it("toggles a favourite in and out, keeping the order the user starred them", () => {
    const one = toggleFavouriteModel([], "a/1");
    const two = toggleFavouriteModel(one, "b/2");
    expect(two).toEqual(["a/1", "b/2"]);
    expect(toggleFavouriteModel(two, "a/1")).toEqual(["b/2"]);
  });

  it("accepts provider/id refs only, ids with slashes included", () => {
    expect(isModelRef(SONNET)).toBe(true);
    for (const bad of ["claude", "/x", "openrouter/", " a/b", "a".repeat(399) + "/b"]) expect(isModelRef(bad), bad).toBe(false);
    expect(cleanModelList(["a/1", "a/1", "nope", "b/2"], 5)).toEqual(["a/1", "b/2"]);
  });
});

describe("favourites and recents through the API host", () => {
  let dir: string;
  let host: SwitchboardHost;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "switchboard-lists-"));
    cpSync(join(import.meta.dirname, "..", "..", "..", "..", "e2e", "fixtures", "routed"), dir, { recursive: true });
    const preferences = servePreferences({ agentDir: dir, defaultAgentDir: dir, env: {} });
    host = await createHost({ agentDir: dir, env: { ...DEV_PI_ENV, OPENROUTER_API_KEY: "sk-or-test" }, watch: false, features: { preferences } });
  });
  afterEach(() => {
    host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const prefs = async () => (await host.api.invoke("getPreferences", null)) as PreferencesState;
  const use = async (ref: string) => (await host.api.invoke("execute", { type: "useModel", ref })) as CommandResult;

  it("records each model made default, newest first, and nothing for a refused switch", async () => {
    expect((await prefs()).values.recentModels).toEqual([]);
    expect((await use(LLAMA)).ok).toBe(true);
    expect((await use(KIMI)).ok).toBe(true);
    expect((await use(LLAMA)).ok).toBe(true);
    expect((await prefs()).values.recentModels).toEqual([LLAMA, KIMI]);
    expect(JSON.parse(readFileSync(join(dir, "settings.json"), "utf8")).defaultModel).toBe("meta-llama/llama-3.3-70b-instruct");

    expect((await use("openrouter-bedrock/no-such/model")).ok).toBe(false);
    expect((await prefs()).values.recentModels).toEqual([LLAMA, KIMI]);
  });

  it("tells every UI about a new recent (the preferences event)", async () => {
    const seen: string[][] = [];
    const off = host.api.onEvent((name, payload) => {
      if (name === "preferences") seen.push((payload as PreferencesState).values.recentModels);
    });
    await use(KIMI);
    off();
    expect(seen.at(-1)).toEqual([KIMI]);
  });

  it("stores favourites cleaned (each once), and refuses what is not a model ref or too many", async () => {
    const set = (value: unknown) => host.api.invoke("setPreference", { key: "favouriteModels", value }) as Promise<ActionResult<PreferencesState>>;
    const stored = await set([SONNET, KIMI, SONNET]);
    expect(stored.ok && stored.value.values.favouriteModels).toEqual([SONNET, KIMI]);

    const notARef = await set(["claude-sonnet"]);
    expect(notARef.ok).toBe(false);
    expect(!notARef.ok && notARef.error.message).toMatch(/provider\/id/);

    await expect(set(Array.from({ length: MAX_FAVOURITE_MODELS + 1 }, (_, i) => `p/m${i}`))).rejects.toThrow(/Invalid input/);
    await expect(set(["x".repeat(500) + "/y"])).rejects.toThrow(/Invalid input/);
    expect((await prefs()).values.favouriteModels).toEqual([SONNET, KIMI]);
  });

  it("keeps the menu-bar title a tray-app preference under serve", async () => {
    const result = (await host.api.invoke("setPreference", { key: "trayTitle", value: true })) as ActionResult<PreferencesState>;
    expect(result.ok).toBe(false);
    expect((await prefs()).fixed.trayTitle).toMatch(/tray app/);
  });
});
