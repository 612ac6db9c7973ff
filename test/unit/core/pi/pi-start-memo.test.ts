/**
 * `pi --version` runs once per install (pi-start-memo.ts): a pi package on disk whose bin script
 * counts its runs, started by the real start check with a real Node. Every input of the key is
 * changed in turn and the next check must run pi again; a failure is never remembered, so a pi
 * that breaks after it was remembered is reported broken.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { checkPiStarts, type StartCheck } from "../../../../src-main/core/pi/pi-start-check.js";

const scratch = mkdtempSync(join(tmpdir(), "pi-start-memo-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let root: string;
let pkg: string;
let runs: string;
let check: StartCheck;

/** A pi install: the package with a bin script that logs each run, and one dependency beside it (hoisted, as npm lays it out). */
beforeEach(() => {
  root = mkdtempSync(join(scratch, "install-"));
  pkg = join(root, "node_modules", "pi");
  runs = join(root, "runs.log");
  mkdirSync(join(pkg, "dist"), { recursive: true });
  mkdirSync(join(root, "node_modules", "pi-ai"), { recursive: true });
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "pi", version: "9.9.9", type: "module", bin: { pi: "dist/cli.js" }, dependencies: { "pi-ai": "^1.0.0" } }));
  writeFileSync(join(root, "node_modules", "pi-ai", "package.json"), JSON.stringify({ name: "pi-ai", version: "1.0.0", type: "module", main: "index.js" }));
  writeFileSync(join(root, "node_modules", "pi-ai", "index.js"), "export const ok = true;\n");
  writeFileSync(join(pkg, "dist", "cli.js"), `import { appendFileSync } from "node:fs";\nimport { ok } from "pi-ai";\nappendFileSync(${JSON.stringify(runs)}, "run\\n");\nif (!ok) process.exit(3);\nconsole.log("9.9.9");\n`);
  check = { node: process.execPath, packageDir: pkg, piPath: "/usr/local/bin/pi", foundBy: "shell PATH", env: { PATH: "/usr/bin:/bin" }, cacheDir: join(root, "cache") };
});

const runCount = () => {
  try {
    return readFileSync(runs, "utf8").split("\n").filter(Boolean).length;
  } catch {
    return 0;
  }
};

/** Moves a file's mtime, as a reinstall would, without changing its content. */
const touch = (path: string) => utimesSync(path, new Date(), new Date(Date.now() + 5_000));

describe("pi --version, remembered per install", () => {
  it("runs once: the second check of the same install starts no pi", async () => {
    expect(await checkPiStarts(check)).toBeNull();
    expect(await checkPiStarts(check)).toBeNull();
    expect(runCount()).toBe(1);
    expect(Object.keys(JSON.parse(readFileSync(join(root, "cache", "pi-starts.json"), "utf8")).started)).toHaveLength(1);
  });

  it.each([
    ["pi's package.json", () => touch(join(pkg, "package.json"))],
    ["pi's bin script", () => appendFileSync(join(pkg, "dist", "cli.js"), "// changed\n")],
    ["a dependency's package.json", () => touch(join(root, "node_modules", "pi-ai", "package.json"))],
  ])("runs pi again when %s changes", async (_what, change) => {
    await checkPiStarts(check);
    change();
    await checkPiStarts(check);
    expect(runCount()).toBe(2);
  });

  it("runs pi again under another NODE_OPTIONS or Node", async () => {
    await checkPiStarts(check);
    await checkPiStarts({ ...check, env: { ...check.env, NODE_OPTIONS: "--no-warnings" } });
    expect(runCount()).toBe(2);
    const otherNode = join(root, "node");
    writeFileSync(otherNode, readFileSync(process.execPath), { mode: 0o755 });
    await checkPiStarts({ ...check, node: otherNode });
    expect(runCount()).toBe(3);
  });

  it("a pi that breaks after it was remembered is reported broken (its dependency changed under it)", async () => {
    expect(await checkPiStarts(check)).toBeNull();
    // npm replaced pi-ai with a release that no longer exports what pi imports (pi 0.80.7's fate).
    writeFileSync(join(root, "node_modules", "pi-ai", "package.json"), JSON.stringify({ name: "pi-ai", version: "2.0.0", type: "module", main: "index.js" }));
    writeFileSync(join(root, "node_modules", "pi-ai", "index.js"), "export const renamed = true;\n");
    const failure = await checkPiStarts(check);
    expect(failure?.firstErrorLine).toBe("SyntaxError: The requested module 'pi-ai' does not provide an export named 'ok'");
  });

  it("never remembers a failure: each check of a broken pi runs it and says why", async () => {
    writeFileSync(join(pkg, "dist", "cli.js"), `import { appendFileSync } from "node:fs";\nappendFileSync(${JSON.stringify(runs)}, "run\\n");\nconsole.error("Error: broken");\nprocess.exit(1);\n`);
    expect((await checkPiStarts(check))?.firstErrorLine).toBe("Error: broken");
    expect((await checkPiStarts(check))?.firstErrorLine).toBe("Error: broken");
    expect(runCount()).toBe(2);
  });

  it("an unreadable memo is an empty one, and cacheDir null always runs pi", async () => {
    mkdirSync(join(root, "cache"), { recursive: true });
    writeFileSync(join(root, "cache", "pi-starts.json"), "{not json");
    expect(await checkPiStarts(check)).toBeNull();
    expect(await checkPiStarts(check)).toBeNull();
    expect(runCount()).toBe(1);
    await checkPiStarts({ ...check, cacheDir: null });
    expect(runCount()).toBe(2);
  });
});
