/**
 * The verdict's private copy of the agent dir (auth.json included) never outlives its run
 * (issue 20): the real pi-oracle.mjs runs a pi whose SDK blocks for good once the copy is made,
 * the run is cut off and the child killed, and the temp dir is left empty — the app's copy and the
 * oracle's copy inside it; closing the app mid-run removes it at once. A copy a killed app left behind is removed by the next verdict (by its
 * prefix and age); a fresh one (another run in progress) and anything else stay.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readAgentState } from "../../../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../../../src-main/core/pi/read-agent-files.js";
import { loadPiCatalog } from "../../../../src-main/core/pi/pi-install.js";
import { PiVerdictAsker, VERDICT_COPY_PREFIX } from "../../../../src-main/core/pi/verdict/pi-verdict.js";

const work = mkdtempSync(join(tmpdir(), "verdict-copy-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A pi package whose SDK loads, then blocks its thread for good when pi first reads the copied auth.json. */
function blockingPi(): string {
  const root = join(work, "blocking", "node_modules", "@earendil-works");
  const pkg = join(root, "pi-coding-agent");
  mkdirSync(join(pkg, "dist", "core"), { recursive: true });
  mkdirSync(join(root, "pi-ai"), { recursive: true });
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "@earendil-works/pi-coding-agent", version: "9.9.9", type: "module", main: "dist/index.js", dependencies: { "@earendil-works/pi-ai": "*" } }));
  writeFileSync(
    join(pkg, "dist", "index.js"),
    `import { writeFileSync } from "node:fs";\nexport const AuthStorage = { create(path) { writeFileSync(${JSON.stringify(join(work, "copied-auth-path"))}, path); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); } };\n`,
  );
  writeFileSync(join(pkg, "dist", "core", "model-resolver.js"), "export {};\n");
  writeFileSync(join(root, "pi-ai", "package.json"), JSON.stringify({ name: "@earendil-works/pi-ai", version: "9.9.9", type: "module", main: "index.js" }));
  writeFileSync(join(root, "pi-ai", "index.js"), "export {};\n");
  return pkg;
}

function agentDir(): string {
  const dir = mkdtempSync(join(work, "agent-"));
  writeFileSync(join(dir, "models.json"), '{"providers": {}}');
  writeFileSync(join(dir, "auth.json"), JSON.stringify({ openrouter: { type: "api_key", key: "sk-or-v1-private-copy-secret" } }), { mode: 0o600 });
  return dir;
}

describe("the verdict's private copy of the agent dir", () => {
  it("is gone after a run that timed out and whose child was killed mid-read", async () => {
    const tempDir = mkdtempSync(join(work, "tmp-"));
    // The child's temp dir too: an oracle that copied into its own temp dir would leave the copy here.
    const env = { PATH: process.env.PATH ?? "", HOME: work, TMPDIR: tempDir };
    const catalog = await loadPiCatalog({ ...env, PI_SWITCHBOARD_PI: blockingPi() });
    expect(catalog.info).toMatchObject({ found: true, version: "9.9.9" });
    const dir = agentDir();
    const asker = new PiVerdictAsker(catalog, env, { timeoutMs: 3_000, tempDir });
    const verdict = await asker.verdictOnDir(dir, await readAgentState(dir, await readAgentFiles(dir), catalog, env));
    expect(verdict).toMatchObject({ state: "timeout" });
    // pi did read a copy (so there was one to leave behind), and that copy is gone with the rest.
    const copied = readFileSync(join(work, "copied-auth-path"), "utf8");
    expect(copied.startsWith(tempDir)).toBe(true);
    expect(existsSync(copied)).toBe(false);
    expect(readdirSync(tempDir)).toEqual([]);
  }, 30_000);

  it("is gone the moment the app closes mid-run (serve exits right after), the child killed", async () => {
    const tempDir = mkdtempSync(join(work, "tmp-"));
    const env = { PATH: process.env.PATH ?? "", HOME: work, TMPDIR: tempDir };
    const catalog = await loadPiCatalog({ ...env, PI_SWITCHBOARD_PI: blockingPi() });
    const dir = agentDir();
    rmSync(join(work, "copied-auth-path"), { force: true });
    const asker = new PiVerdictAsker(catalog, env, { timeoutMs: 60_000, tempDir });
    const running = asker.verdictOnDir(dir, await readAgentState(dir, await readAgentFiles(dir), catalog, env));
    await expect.poll(() => existsSync(join(work, "copied-auth-path")), { timeout: 20_000, interval: 50 }).toBe(true);
    expect(readdirSync(tempDir)).toHaveLength(1);
    asker.close();
    // Synchronously: nothing of the copy is left for a process.exit() that follows.
    expect(readdirSync(tempDir)).toEqual([]);
    expect(await running).toMatchObject({ state: "error", note: expect.stringMatching(/the app is closing/) });
  }, 30_000);

  it("left by a killed app is removed by the next verdict; a fresh copy and other files stay", async () => {
    const tempDir = mkdtempSync(join(work, "tmp-"));
    const stale = join(tempDir, `${VERDICT_COPY_PREFIX}crashed`);
    const staleOracle = join(tempDir, "pi-oracle-crashed");
    const fresh = join(tempDir, `${VERDICT_COPY_PREFIX}running`);
    const unrelated = join(tempDir, "someone-elses-dir");
    for (const d of [stale, staleOracle, fresh, unrelated]) {
      mkdirSync(join(d, "agent"), { recursive: true });
      writeFileSync(join(d, "agent", "auth.json"), "{}");
    }
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const d of [stale, staleOracle, unrelated]) utimesSync(d, hourAgo, hourAgo);

    const env = { PATH: process.env.PATH ?? "", HOME: work };
    const catalog = await loadPiCatalog({ ...env, PI_SWITCHBOARD_PI: blockingPi() });
    // A stand-in oracle that answers at once: this run is only the occasion for the clean-up.
    const script = join(work, "empty-oracle.mjs");
    writeFileSync(script, `import { writeFileSync } from "node:fs";\nwriteFileSync(process.argv[3], "[]");\n`);
    const dir = agentDir();
    const asker = new PiVerdictAsker(catalog, env, { timeoutMs: 3_000, tempDir, script });
    await asker.verdictOnDir(dir, await readAgentState(dir, await readAgentFiles(dir), catalog, env));
    expect(readdirSync(tempDir).sort()).toEqual([`${VERDICT_COPY_PREFIX}running`, "someone-elses-dir"]);
  }, 30_000);
});
