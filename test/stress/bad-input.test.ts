/**
 * Bad input: thousands of mutated models.json, settings.json and auth.json (truncated, bytes
 * flipped, wrong types, huge, deeply nested, invalid UTF-8, BOM, CRLF) read by the real core.
 * Never a crash; a file pi cannot parse is reported invalid with a position; and a command aimed
 * at such a file is refused without touching a byte of it. Then the same for every API method
 * with junk inputs: a clear refusal, never a crash and never a write.
 *
 * Mutations come from a seeded generator, so a failure names the seed and case to replay.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiHost, ApiInputError } from "../../src-main/core/api-handlers.js";
import { readAgentState, type AgentFiles } from "../../src-main/core/agent-state.js";
import { parseLenientJson, parseStrictJson } from "../../src-main/core/pi/pi-json.js";
import { loadPiCatalog, type PiCatalog } from "../../src-main/core/pi/pi-install.js";
import { SwitchboardService } from "../../src-main/core/service.js";
import { DEV_PI_ENV } from "../installed-pis.js";
import { seededRandom } from "../seeded-random";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "agent-dirs");
const MUTATIONS_PER_FILE = 1000;
const SEED = 20261125;


function seedTexts(name: string): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(FIXTURES)) {
    try {
      out.push(readFileSync(join(FIXTURES, dir, name), "utf8"));
    } catch {
      // this case has no such file
    }
  }
  return out;
}

type Mutator = (text: string, r: () => number) => string;
const pick = <T>(list: T[], r: () => number): T => list[Math.floor(r() * list.length)]!;
const JUNK = ['"', "{", "}", "[", "]", ",", ":", "null", "true", "-1", "1e999", "\\", "\u0000", "//", "/*", "\ufffd", "\u2028", '"\ud800"'];

const mutators: Record<string, Mutator> = {
  truncate: (t, r) => t.slice(0, Math.floor(r() * t.length)),
  flipByte: (t, r) => {
    const i = Math.floor(r() * t.length);
    return t.slice(0, i) + String.fromCharCode(Math.floor(r() * 128)) + t.slice(i + 1);
  },
  insertJunk: (t, r) => {
    const i = Math.floor(r() * t.length);
    return t.slice(0, i) + pick(JUNK, r) + t.slice(i);
  },
  deleteSpan: (t, r) => {
    const i = Math.floor(r() * t.length);
    return t.slice(0, i) + t.slice(i + 1 + Math.floor(r() * 20));
  },
  wrongTypes: (t, r) => t.replace(/"[^"\n]*"|\btrue\b|\bfalse\b|-?\d+(\.\d+)?/g, (m) => (r() < 0.15 ? pick(["[]", "{}", "null", "0", '"x"', "true", "[1]"], r) : m)),
  bom: (t) => `\ufeff${t}`,
  crlf: (t) => t.replace(/\n/g, "\r\n"),
  deepNesting: (t, r) => {
    const depth = 200 + Math.floor(r() * 5000);
    return t.replace(/\{/, `{"deep": ${"[".repeat(depth)}${"]".repeat(depth)},`);
  },
  huge: (t, r) => t.replace(/"id": "/, `"id": "${"x".repeat(100_000 + Math.floor(r() * 200_000))}`),
  swapKeys: (t, r) => t.replace(/"(providers|models|enabledModels|openRouterRouting|only|order|apiKey|baseUrl|type|key)"/g, (m) => (r() < 0.3 ? `"${pick(["providers", "models", "only", "x", ""], r)}"` : m)),
};

function mutate(text: string, r: () => number): { text: string; applied: string[] } {
  let out = text;
  const applied: string[] = [];
  const rounds = 1 + Math.floor(r() * 3);
  for (let i = 0; i < rounds; i++) {
    const name = pick(Object.keys(mutators), r);
    out = mutators[name]!(out, r);
    applied.push(name);
  }
  return { text: out, applied };
}

let catalog: PiCatalog;
let work: string;

beforeAll(async () => {
  catalog = await loadPiCatalog(DEV_PI_ENV);
  work = mkdtempSync(join(tmpdir(), "bad-input-"));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const emptyFiles = (dir: string): AgentFiles => ({
  models: { path: join(dir, "models.json"), text: null },
  settings: { path: join(dir, "settings.json"), text: null },
  auth: { path: join(dir, "auth.json"), text: null },
});

describe.each([
  ["models.json", "models", parseLenientJson, "modelsFile"],
  ["settings.json", "settings", parseStrictJson, "settingsFile"],
  ["auth.json", "auth", parseStrictJson, "authFile"],
] as const)("%s, mutated", (fileName, key, parse, reportKey) => {
  it(`never crashes the core, and reports what pi cannot parse with a position`, async () => {
    const seeds = seedTexts(fileName);
    expect(seeds.length).toBeGreaterThan(5);
    const r = seededRandom(SEED + fileName.length);
    let unparseable = 0;
    for (let i = 0; i < MUTATIONS_PER_FILE; i++) {
      const { text, applied } = mutate(pick(seeds, r), r);
      const files = emptyFiles(work);
      files[key] = { path: join(work, fileName), text };
      let state;
      try {
        state = await readAgentState(work, files, catalog, { OPENROUTER_API_KEY: "sk-or-v1-stress" });
      } catch (error) {
        throw new Error(`case ${i} (${applied.join("+")}) crashed the core`, { cause: error });
      }
      const report = state.snapshot[reportKey];
      // pi reads an empty settings.json or auth.json as "nothing set" (its `!content` check).
      const piParses = (key !== "models" && text === "") || parse(text).ok;
      if (!piParses) {
        unparseable++;
        expect(report.valid, `case ${i} (${applied.join("+")}): ${JSON.stringify(text).slice(0, 300)}`).toBe(false);
        expect(report.errors[0]?.message, `case ${i}`).toBeTruthy();
        if (text.trim() !== "") expect(report.errors[0]?.line, `case ${i} (${applied.join("+")}) has no line`).not.toBeNull();
      }
      // Secrets stay out of messages even when the file is mangled around them.
      for (const p of [...report.errors, ...report.warnings]) expect(p.message).not.toContain("sk-or-v1-");
    }
    // The generator must actually produce broken files, or this test proves nothing.
    expect(unparseable).toBeGreaterThan(MUTATIONS_PER_FILE / 4);
  });
});

describe("commands aimed at a file that does not parse", () => {
  it("are refused, and the file keeps every byte", async () => {
    const r = seededRandom(SEED);
    const seeds = seedTexts("models.json").filter((t) => parseLenientJson(t).ok);
    let refused = 0;
    for (let i = 0; i < 60; i++) {
      const dir = mkdtempSync(join(work, "cmd-"));
      let broken = mutate(pick(seeds, r), r).text;
      // A blank file holds nothing to lose: the write path starts it afresh (write-pi-file.ts), so only text that fails to parse counts here.
      while (parseLenientJson(broken).ok || broken.trim() === "") broken = mutate(pick(seeds, r), r).text;
      // Bytes, not a string: a mutation may leave a lone surrogate that UTF-8 cannot round-trip.
      const brokenBytes = Buffer.from(broken);
      writeFileSync(join(dir, "models.json"), brokenBytes);
      writeFileSync(join(dir, "settings.json"), "{ not json");
      const service = await SwitchboardService.open({ agentDir: dir, watch: false, catalog });
      for (const command of [
        { type: "setRouting", target: { level: "provider", provider: "openrouter-x" }, routing: { only: ["novita"] } },
        { type: "upsertProvider", provider: "openrouter-x", fields: { baseUrl: "https://openrouter.ai/api/v1" } },
        { type: "setScope", patterns: ["a/b"] },
        { type: "setThinkingLevel", level: "high" },
      ]) {
        const result = await service.execute(command);
        expect(result.ok, JSON.stringify(command)).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe("unparseable-file");
          refused++;
        }
      }
      service.close();
      expect(readFileSync(join(dir, "models.json")).equals(brokenBytes)).toBe(true);
      expect(readFileSync(join(dir, "settings.json"), "utf8")).toBe("{ not json");
      expect(readdirSync(dir).sort()).toEqual(["models.json", "settings.json"]);
    }
    expect(refused).toBe(240);
  });

  it("a blank models.json (nothing to lose) is started afresh, not refused", async () => {
    const dir = mkdtempSync(join(work, "blank-"));
    writeFileSync(join(dir, "models.json"), " \n");
    const service = await SwitchboardService.open({ agentDir: dir, watch: false, catalog });
    const result = await service.execute({ type: "setRouting", target: { level: "provider", provider: "openrouter-x" }, routing: { only: ["novita"] } });
    service.close();
    expect(result.ok).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "models.json"), "utf8"))).toEqual({ providers: { "openrouter-x": { compat: { openRouterRouting: { only: ["novita"] } } } } });
  });

  it("a symlinked settings.json is edited through the link, which survives", async () => {
    const dir = mkdtempSync(join(work, "link-"));
    const target = join(work, `real-settings-${Date.now()}.json`);
    writeFileSync(target, '{"theme": "dark"}\n');
    symlinkSync(target, join(dir, "settings.json"));
    cpSync(join(FIXTURES, "virtual-providers", "models.json"), join(dir, "models.json"));
    const service = await SwitchboardService.open({ agentDir: dir, watch: false, catalog });
    const result = await service.execute({ type: "setThinkingLevel", level: "low" });
    service.close();
    expect(result.ok).toBe(true);
    expect(JSON.parse(readFileSync(target, "utf8"))).toEqual({ theme: "dark", defaultThinkingLevel: "low" });
    expect(readdirSync(dir)).toContain("settings.json");
  });

  it("a missing agent dir reads as empty, without creating anything", async () => {
    const dir = join(work, "does", "not", "exist");
    const service = await SwitchboardService.open({ agentDir: dir, watch: false, catalog });
    const s = service.snapshot();
    service.close();
    expect(s.modelsFile.exists).toBe(false);
    expect(s.modelsFile.valid).toBe(true);
    expect(() => readdirSync(dir)).toThrow();
  });
});

describe("junk on every API method", () => {
  it("is refused with a clear error, never a crash and never a write", async () => {
    const dir = mkdtempSync(join(work, "api-"));
    cpSync(join(FIXTURES, "virtual-providers"), dir, { recursive: true });
    const before = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
    const service = await SwitchboardService.open({ agentDir: dir, watch: false, catalog });
    const host = new ApiHost({ service });
    const r = seededRandom(SEED + 7);
    const junk = (depth = 0): unknown => {
      const kinds = ["str", "num", "null", "undef", "bool", "arr", "obj", "proto", "huge"] as const;
      switch (pick([...kinds], r)) {
        case "str": return pick(["", "x", "../../etc/passwd", "openrouter/x", "useModel", "\u0000", "a".repeat(5000)], r);
        case "num": return pick([0, -1, NaN, Infinity, 1e308, 3.5], r);
        case "null": return null;
        case "undef": return undefined;
        case "bool": return r() < 0.5;
        case "arr": return depth > 3 ? [] : Array.from({ length: Math.floor(r() * 4) }, () => junk(depth + 1));
        case "proto": return JSON.parse('{"__proto__": {"polluted": true}, "type": "useModel", "ref": "a/b"}');
        case "huge": return { type: "setScope", patterns: Array.from({ length: 6000 }, () => "x/y") };
        default: return depth > 3 ? {} : Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, () => [pick(["type", "ref", "path", "key", "modelId", "targets", "runId", "provider", "patterns"], r), junk(depth + 1)]));
      }
    };
    const methods = ["getSnapshot", "execute", "listBackups", "restoreBackup", "keySet", "catalogEndpoints", "testStart", "testCancel", "nope", "__proto__", "constructor"];
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const method = pick(methods, r);
      const input = junk();
      try {
        const out = (await host.invoke(method, input)) as { ok?: boolean; error?: { code: string } } | undefined;
        // A method that accepted the input answers with a result, and a command result says why it refused.
        if (out && out.ok === false) {
          expect(out.error?.code).toBeTruthy();
          refused++;
        }
      } catch (error) {
        expect(error, `${method}(${JSON.stringify(input)?.slice(0, 200)})`).toBeInstanceOf(ApiInputError);
        refused++;
      }
    }
    host.close();
    service.close();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(refused).toBeGreaterThan(1000);
    const after = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
    expect(after).toEqual(before);
  });
});
