import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadPiCatalog } from "../../../../src-main/core/pi/pi-install.js";
import { PI_BIN } from "../../../conformance/corpus.js";
import { findTestPi, layGlobalPrefix, missingTestPiReason } from "../../../installed-pis.js";

const scratch = mkdtempSync(join(tmpdir(), "pi-install-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("loadPiCatalog", () => {
  it("reads the installed pi's version and built-in catalog", async () => {
    const catalog = await loadPiCatalog({ PI_SWITCHBOARD_PI: PI_BIN });
    expect(catalog.info).toMatchObject({ found: true, version: "0.73.1", path: PI_BIN, packageName: "@mariozechner/pi-coding-agent", foundBy: "PI_SWITCHBOARD_PI" });
    const openrouter = catalog.providers.get("openrouter")!;
    expect(openrouter.length).toBeGreaterThan(100);
    expect(openrouter.find((m) => m.id === "anthropic/claude-sonnet-4.5")).toMatchObject({ provider: "openrouter", api: "openai-completions", baseUrl: "https://openrouter.ai/api/v1" });
    expect(catalog.info.assumes).toMatch(/^pi 0\.73\.1 rules: key order --api-key, auth.json, env var, models.json apiKey/);
  });

  const pi160 = findTestPi("1.6.0");
  it.skipIf(!pi160)(`reads pi 1.x's catalog (its own bundle) through a global prefix whose package dir is a link${pi160 ? "" : ` — ${missingTestPiReason("pi 1.6.0")}`}`, async () => {
    const bin = layGlobalPrefix(mkdtempSync(join(scratch, "prefix-")), pi160!);
    const catalog = await loadPiCatalog({ PATH: bin });
    expect(catalog.info).toMatchObject({ found: true, version: "1.6.0", packageName: "@earendil-works/pi-coding-agent", foundBy: "shell PATH" });
    expect(catalog.info.catalog).toMatch(/^\d+ built-in models from pi's own bundle \(.*@earendil-works\/pi-coding-agent\/dist\/bundle\)$/);
    expect(catalog.providers.get("openrouter")!.length).toBeGreaterThan(100);
  });

  it("answers pi-ai's env-key questions for the env it is given, not this process's", async () => {
    const catalog = await loadPiCatalog({ PI_SWITCHBOARD_PI: PI_BIN });
    const before = process.env.OPENROUTER_API_KEY;
    process.env.OPENROUTER_API_KEY = "sk-process";
    try {
      expect(catalog.envApiKey("openrouter", { OPENROUTER_API_KEY: "sk-given" })).toBe("sk-given");
      expect(catalog.envApiKey("openrouter", {})).toBeUndefined();
      expect(catalog.envKeyNames("anthropic", { ANTHROPIC_API_KEY: "k" })).toEqual(["ANTHROPIC_API_KEY"]);
      expect(catalog.envKeyNames("openrouter", {})).toEqual([]);
      expect(process.env.OPENROUTER_API_KEY).toBe("sk-process");
    } finally {
      if (before === undefined) delete process.env.OPENROUTER_API_KEY;
      else process.env.OPENROUTER_API_KEY = before;
    }
  });

  it("says so when pi is not installed, with an empty catalog", async () => {
    const catalog = await loadPiCatalog({ PATH: join(scratch, "empty") });
    expect(catalog.info).toMatchObject({ found: false, version: null, path: null });
    expect(catalog.info.catalog).toMatch(/PI_SWITCHBOARD_PI/);
    expect(catalog.providers.size).toBe(0);
  });

  it("says so when the pi it finds is not a Node package", async () => {
    const fake = join(scratch, "pi");
    writeFileSync(fake, "#!/bin/sh\n");
    chmodSync(fake, 0o755);
    const catalog = await loadPiCatalog({ PI_SWITCHBOARD_PI: fake });
    expect(catalog.info).toMatchObject({ found: true, path: fake });
    expect(catalog.info.catalog).toMatch(/not a Node package/);
    expect(catalog.providers.size).toBe(0);
  });
});
