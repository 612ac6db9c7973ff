import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadPiCatalog, locatePi, wellKnownBinDirs } from "../../../../src-main/core/pi/pi-install.js";
import { PI_BIN } from "../../../conformance/corpus.js";

const scratch = mkdtempSync(join(tmpdir(), "pi-install-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("locatePi", () => {
  it("takes PI_SWITCHBOARD_PI when it exists, and reports it missing otherwise", () => {
    expect(locatePi({ PI_SWITCHBOARD_PI: PI_BIN, PATH: "" })).toBe(PI_BIN);
    expect(locatePi({ PI_SWITCHBOARD_PI: join(scratch, "nope"), PATH: "" })).toBeNull();
  });

  it("finds pi on PATH, skipping dirs without it", () => {
    const bin = join(scratch, "bin");
    rmSync(bin, { recursive: true, force: true });
    symlinkSync(join(PI_BIN, ".."), bin);
    expect(locatePi({ PATH: ["", join(scratch, "empty"), bin].join(":") })).toBe(join(bin, "pi"));
    expect(locatePi({ PATH: join(scratch, "empty") }, [])).toBeNull();
  });

  it("finds a global install outside PATH, as an app started from a dock must", () => {
    const home = join(scratch, "home");
    rmSync(home, { recursive: true, force: true });
    const dirs = wellKnownBinDirs({ HOME: home });
    expect(dirs).toContain(join(home, ".local", "bin"));
    expect(dirs).toContain(join(home, ".npm-global", "bin"));
    const bin = join(home, ".npm-global", "bin");
    symlinkSync(join(PI_BIN, ".."), join(scratch, "npm-global-bin"));
    mkdirSync(join(home, ".npm-global"), { recursive: true });
    symlinkSync(join(scratch, "npm-global-bin"), bin);
    expect(locatePi({ PATH: "/usr/bin", HOME: home }, dirs)).toBe(join(bin, "pi"));
  });
});

describe("loadPiCatalog", () => {
  it("reads the installed pi's version and built-in catalog", async () => {
    const catalog = await loadPiCatalog({ PI_SWITCHBOARD_PI: PI_BIN });
    expect(catalog.info).toMatchObject({ found: true, version: "0.73.1", path: PI_BIN });
    const openrouter = catalog.providers.get("openrouter")!;
    expect(openrouter.length).toBeGreaterThan(100);
    expect(openrouter.find((m) => m.id === "anthropic/claude-sonnet-4.5")).toMatchObject({ provider: "openrouter", api: "openai-completions", baseUrl: "https://openrouter.ai/api/v1" });
    expect(catalog.info.assumes).toMatch(/pi 0\.7x/);
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
