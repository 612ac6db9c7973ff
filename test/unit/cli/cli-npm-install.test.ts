/**
 * The CLI as `npm i -g` installs it: `npm pack` of this repo (its prepack builds the bundle and the
 * window), installed into a fresh prefix, run from `<prefix>/bin/pi-switchboard` with plain Node 22
 * (no tsx, no repo on the side) against a fixture agent dir and real pi 1.6.0 on PATH. `serve` from
 * the install must serve the window it shipped. Nothing Electron may be packed or installed.
 */
import { execFile, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelEntry, PiInfo } from "../../../src-main/core/common/index.js";
import { testPiByVersion } from "../../conformance/pi-versions.js";
import { layGlobalPrefix, REPO } from "../../installed-pis.js";
import { startFakeOpenRouter } from "../../fake-openrouter/server.js";

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), "pi-switchboard-npm-i-"));
const prefix = join(scratch, "prefix");
const bin = join(prefix, "bin", "pi-switchboard");
const pi = testPiByVersion("1.6.0");
// npm's own variables (from `npm test`) would point the inner npm at this repo's config and scripts.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_")));
let packed: string[];
let userEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  // .npmrc turns scripts off for installs; packing must run prepack, which builds what is packed.
  // (Its build logs come first on stdout, npm's JSON report last.)
  const { stdout } = await run("npm", ["pack", "--ignore-scripts=false", "--json", "--pack-destination", scratch], { cwd: REPO, env: cleanEnv, maxBuffer: 16 << 20 });
  const [report] = JSON.parse(stdout.slice(stdout.indexOf("[\n"))) as { filename: string; files: { path: string }[] }[];
  packed = report!.files.map((f) => f.path);
  await run("npm", ["i", "-g", "--prefix", prefix, join(scratch, report!.filename), "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: scratch, env: cleanEnv });
  // A user's terminal: pi 1.6.0 from a global prefix with its Node 22 first on PATH, the app's cache and state private to this test.
  const piBin = layGlobalPrefix(join(scratch, "pi-prefix"), pi.piDir, { node: pi.node });
  userEnv = { PATH: `${piBin}:/usr/bin:/bin`, HOME: scratch, XDG_CACHE_HOME: join(scratch, "cache"), PI_SWITCHBOARD_DATA_DIR: join(scratch, "data"), OPENROUTER_API_KEY: "sk-or-test-env" };
}, 600_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("npm pack", () => {
  it("packs the CLI bundle, pi's oracle script and the window's build, and nothing of Electron", () => {
    expect(packed).toContain("out/cli/pi-switchboard.mjs");
    expect(packed).toContain("out/cli/pi-oracle.mjs");
    expect(packed).toContain("out/renderer/index.html");
    expect(packed.filter((p) => /^out\/(main|preload)\//.test(p) || /^src-/.test(p))).toEqual([]);
  });

  it("installs no Electron and no TypeScript loader", () => {
    const installed = readdirSync(join(prefix, "lib", "node_modules", "pi-switchboard", "node_modules"));
    expect(installed).toContain("@napi-rs");
    for (const name of ["electron", "tsx", "typescript", "react", "vite", "commander"]) expect(installed).not.toContain(name);
  });
});

describe("pi-switchboard from the installed bin", () => {
  it("models --json reads the agent dir with the pi on PATH", async () => {
    const agentDir = join(scratch, "agent");
    cpSync(join(REPO, "test", "fixtures", "agent-dirs", "virtual-providers"), agentDir, { recursive: true });
    const { stdout } = await run(bin, ["models", "--json"], { env: { ...userEnv, PI_CODING_AGENT_DIR: agentDir }, maxBuffer: 16 << 20 });
    const report = JSON.parse(stdout) as { agentDir: string; pi: PiInfo; models: ModelEntry[] };
    expect(report.agentDir).toBe(agentDir);
    expect(report.pi).toMatchObject({ found: true, version: "1.6.0", foundBy: "shell PATH" });
    expect(report.pi.catalog).toMatch(/^\d{3,} built-in models/);
    const refs = report.models.map((m) => `${m.provider}/${m.id}`);
    expect(refs).toEqual(expect.arrayContaining(["openrouter-bedrock/anthropic/claude-sonnet-4.5", "openrouter-novita-fp8/moonshotai/kimi-k2.6"]));
    const novita = report.models.find((m) => m.provider === "openrouter-novita-fp8")!;
    expect(novita.badges.map((b) => b.label).join(" ")).toMatch(/novita/);
  }, 120_000);

  it("writes pi's files from the bundle: use (under pi's lock) and catalog --add-to (models.json and the catalog cache, atomic replace)", async () => {
    const agentDir = join(scratch, "agent-writes");
    cpSync(join(REPO, "test", "fixtures", "agent-dirs", "virtual-providers"), agentDir, { recursive: true });
    const env = { ...userEnv, PI_CODING_AGENT_DIR: agentDir };
    await run(bin, ["use", "openrouter-novita-fp8/moonshotai/kimi-k2.6"], { env });
    expect(JSON.parse(readFileSync(join(agentDir, "settings.json"), "utf8"))).toMatchObject({ defaultProvider: "openrouter-novita-fp8", defaultModel: "moonshotai/kimi-k2.6" });
    const fake = await startFakeOpenRouter();
    try {
      await run(bin, ["catalog", "moonshotai/kimi-k2", "--add-to", "openrouter-added", "--agent-dir", agentDir], { env: { ...env, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl } });
    } finally {
      await fake.close();
    }
    const models = JSON.parse(readFileSync(join(agentDir, "models.json"), "utf8")) as { providers: Record<string, { models?: { id: string }[] }> };
    expect(models.providers["openrouter-added"]?.models?.map((m) => m.id)).toEqual(["moonshotai/kimi-k2"]);
    // The catalog's own cache is written with write-file-atomic, whose CommonJS reads __filename (a bundle must provide it).
    expect(JSON.parse(readFileSync(join(userEnv.XDG_CACHE_HOME!, "pi-switchboard", "models.json"), "utf8"))).toMatchObject({ data: expect.any(Array) });
  }, 120_000);

  it("serve --help names the installed command", async () => {
    const { stdout } = await run(bin, ["serve", "--help"], { env: userEnv });
    expect(stdout).toMatch(/^Usage: pi-switchboard serve \[options\]/);
    expect(stdout).toContain("--no-open");
  }, 60_000);

  it("serve serves the window it was installed with", async () => {
    const child = spawn(bin, ["serve", "--no-open", "--agent-dir", join(REPO, "test", "fixtures", "agent-dirs", "virtual-providers")], { env: userEnv, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once("line", resolve);
        child.once("exit", (code) => reject(new Error(`serve exited (${code}) before printing its URL`)));
      });
      const page = await fetch(new URL("/", url));
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script type="module"[^>]* src="\.\/assets\/index-[\w-]+\.js"/);
    } finally {
      child.kill("SIGTERM");
    }
  }, 120_000);
});
