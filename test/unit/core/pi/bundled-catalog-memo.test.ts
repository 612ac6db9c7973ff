/**
 * pi's bundled catalog is asked once per install, then read from disk (bundled-catalog-memo.ts): a
 * pi package laid out as pi ≥ 0.84.3 is (dist/bundle/cli.js with the SDK's index.js beside it)
 * whose SDK logs each time it is loaded, asked by the real child on a real Node. Each process keeps
 * answers in memory too, so each read here names the Node through a path of its own (a new link
 * to the same binary): the memory misses and only the disk can answer.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { readBundledCatalog } from "../../../../src-main/core/pi/bundled-catalog.js";

const scratch = mkdtempSync(join(tmpdir(), "bundled-memo-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let root: string;
let sdk: string;
let runs: string;
let env: NodeJS.ProcessEnv;
let links = 0;

/** The same Node under a new name: a miss for the in-memory cache, the same install for the disk's key. */
function nodeLink(): string {
  const link = join(root, `node-${links++}`);
  symlinkSync(process.execPath, link);
  return link;
}

const sdkSource = (models: string[]) => `import { appendFileSync } from "node:fs";
appendFileSync(process.env.RUNS_FILE, "run\\n");
export const ModelRuntime = { create: async () => ({ getProviders: () => [{ id: "openrouter", auth: { oauth: false }, getModels: () => ${JSON.stringify(models.map((id) => ({ id })))} }] }) };
`;

beforeEach(() => {
  root = mkdtempSync(join(scratch, "pi-"));
  runs = join(root, "runs.log");
  const bundle = join(root, "dist", "bundle");
  mkdirSync(join(bundle, "chunks"), { recursive: true });
  writeFileSync(join(bundle, "cli.js"), "");
  sdk = join(bundle, "index.js");
  writeFileSync(sdk, sdkSource(["a/one", "b/two"]));
  env = { PATH: "/usr/bin:/bin", XDG_CACHE_HOME: join(root, "cache"), RUNS_FILE: runs };
});

const runCount = () => {
  try {
    return readFileSync(runs, "utf8").split("\n").filter(Boolean).length;
  } catch {
    return 0;
  }
};
const ids = async (node: string, e = env) => (await readBundledCatalog(node, sdk, e)).providers.get("openrouter")!.map((m) => m.id);

describe("pi's bundled catalog on disk", () => {
  it("asks the bundle once: a later process reads the same catalog from disk", async () => {
    expect(await ids(nodeLink())).toEqual(["a/one", "b/two"]);
    expect(await ids(nodeLink())).toEqual(["a/one", "b/two"]);
    expect(runCount()).toBe(1);
    expect(readdirSync(join(root, "cache", "pi-switchboard", "pi-catalogs")).filter((n) => n.endsWith(".json"))).toHaveLength(1);
  });

  it("asks again when the bundle changes (an upgrade), and answers with the new catalog", async () => {
    await ids(nodeLink());
    writeFileSync(sdk, sdkSource(["a/one", "c/three"]));
    expect(await ids(nodeLink())).toEqual(["a/one", "c/three"]);
    expect(runCount()).toBe(2);
  });

  it("asks again under another environment, or when the memo is damaged", async () => {
    await ids(nodeLink());
    await ids(nodeLink(), { ...env, OPENROUTER_BASE_URL: "http://proxy.example" });
    expect(runCount()).toBe(2);
    const dir = join(root, "cache", "pi-switchboard", "pi-catalogs");
    for (const name of readdirSync(dir)) writeFileSync(join(dir, name), '{"providers": "not a list"}');
    expect(await ids(nodeLink())).toEqual(["a/one", "b/two"]);
    expect(runCount()).toBe(3);
  });

  it("keeps no failure: a bundle that cannot load is asked again", async () => {
    writeFileSync(sdk, `import { appendFileSync } from "node:fs";\nappendFileSync(process.env.RUNS_FILE, "run\\n");\nthrow new Error("broken bundle");\n`);
    await expect(readBundledCatalog(nodeLink(), sdk, env)).rejects.toThrow(/broken bundle/);
    await expect(readBundledCatalog(nodeLink(), sdk, env)).rejects.toThrow(/broken bundle/);
    expect(runCount()).toBe(2);
  });
});
