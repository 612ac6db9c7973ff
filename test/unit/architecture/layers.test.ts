/**
 * The layers of docs/ARCHITECTURE.md hold in the code: dependency-cruiser reads every import of
 * src-main and src-renderer (type-only ones too) against .dependency-cruiser.mjs. A lower layer
 * importing a higher one, a loop, the renderer reaching past core/common, a Node built-in in
 * core/common, Electron in the core, or a core file on no layer fails here, each named.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { cruise, type ICruiseOptions, type ICruiseResult, type IForbiddenRuleType } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../..");

/** The config the lint runs (plain JavaScript, so depcruise's CLI reads it too). */
interface LayersConfig {
  default: { forbidden: IForbiddenRuleType[]; options: ICruiseOptions };
  LAYERS: { name: string; paths: string[] }[];
}
const { default: config, LAYERS } = (await import(pathToFileURL(join(ROOT, ".dependency-cruiser.mjs")).href)) as LayersConfig;

async function cruiseTree(baseDir: string, options: { tsConfig?: boolean } = {}): Promise<ICruiseResult> {
  const { tsConfig, ...rest } = config.options;
  const result = await cruise(["src-main", "src-renderer"], { ...rest, ...(options.tsConfig ? { tsConfig } : {}), baseDir, validate: true, ruleSet: { forbidden: config.forbidden } });
  return result.output as ICruiseResult;
}

/** Each violation as one line a reader can act on: the rule, the import, and for a loop the whole loop. */
function violations(result: ICruiseResult): string[] {
  return result.summary.violations.map((v) => (v.cycle?.length ? `${v.rule.name}: ${[v.from, ...v.cycle.map((c) => c.name)].join(" → ")}` : `${v.rule.name}: ${v.from} → ${v.to}`));
}

/** Core modules no layer names: a new folder must be given its floor in .dependency-cruiser.mjs. */
function withoutLayer(result: ICruiseResult): string[] {
  const onLayer = (path: string) => LAYERS.some((layer) => layer.paths.some((p) => new RegExp(p).test(path)));
  return result.modules.map((m) => m.source).filter((s) => s.startsWith("src-main/") && !onLayer(s));
}

describe("layers", () => {
  it("src-main and src-renderer import only downwards, in no loop, and every core file sits on a layer", { timeout: 120_000 }, async () => {
    const result = await cruiseTree(ROOT, { tsConfig: true });
    expect(result.modules.length).toBeGreaterThan(100);
    expect(violations(result)).toEqual([]);
    expect(withoutLayer(result)).toEqual([]);
  });

  describe("a tree that breaks each rule", () => {
    const dir = mkdtempSync(join(tmpdir(), "layers-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const files: Record<string, string> = {
      "src-main/core/common/index.ts": `import { readFileSync } from "node:fs";\nexport const read = readFileSync;\n`,
      // The contract's domain files may name each other's types in a loop, never each other's values.
      "src-main/core/common/contract/command.ts": `import type { Target } from "./routing.js";\nexport interface Command { target?: Target }\n`,
      "src-main/core/common/contract/routing.ts": `import type { Command } from "./command.js";\nexport interface Target { made?: Command }\n`,
      "src-main/core/common/contract/one.ts": `import { two } from "./two.js";\nexport const one = () => two;\n`,
      "src-main/core/common/contract/two.ts": `import { one } from "./one.js";\nexport const two = () => one;\n`,
      "src-main/core/files/reads-host.ts": `import type { Service } from "../service.js";\nexport type S = Service;\n`,
      "src-main/core/service.ts": `import type { S } from "./files/reads-host.js";\nexport interface Service { s?: S }\n`,
      "src-main/core/pi/a.ts": `import { b } from "./b.js";\nexport const a = () => b;\n`,
      "src-main/core/pi/b.ts": `import { a } from "./a.js";\nexport const b = () => a;\n`,
      "src-main/core/openrouter/uses-edits.ts": `import { edit } from "../edits/edit.js";\nexport const e = edit;\n`,
      "src-main/core/edits/edit.ts": `export const edit = 1;\n`,
      "src-main/core/nowhere/stray.ts": `export const stray = 1;\n`,
      "src-main/core/vault/shell.ts": `import { app } from "electron";\nexport const a = app;\n`,
      "src-renderer/view.ts": `import type { Service } from "../src-main/core/service.js";\nimport { read } from "../src-main/core/common/index.js";\nexport type V = Service;\nexport const r = read;\n`,
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    mkdirSync(join(dir, "node_modules/electron"), { recursive: true });
    writeFileSync(join(dir, "node_modules/electron/package.json"), JSON.stringify({ name: "electron", main: "index.js" }));
    writeFileSync(join(dir, "node_modules/electron/index.js"), "module.exports = {};\n");

    it("names each violation and the core file on no layer", { timeout: 60_000 }, async () => {
      const result = await cruiseTree(dir);
      expect(violations(result).sort()).toEqual(
        [
          "common-is-pure: src-main/core/common/index.ts → fs",
          "core-without-electron: src-main/core/vault/shell.ts → node_modules/electron/index.js",
          "no-circular-contract: src-main/core/common/contract/one.ts → src-main/core/common/contract/two.ts → src-main/core/common/contract/one.ts",
          "layer-files: src-main/core/files/reads-host.ts → src-main/core/service.ts",
          "layer-openrouter: src-main/core/openrouter/uses-edits.ts → src-main/core/edits/edit.ts",
          "no-circular: src-main/core/files/reads-host.ts → src-main/core/service.ts → src-main/core/files/reads-host.ts",
          "no-circular: src-main/core/pi/a.ts → src-main/core/pi/b.ts → src-main/core/pi/a.ts",
          "renderer-only-common: src-renderer/view.ts → src-main/core/service.ts",
        ].sort(),
      );
      expect(withoutLayer(result)).toEqual(["src-main/core/nowhere/stray.ts"]);
    });
  });
});
