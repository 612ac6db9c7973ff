/**
 * `npm run security` (scripts/electronegativity.mjs) and `npm run audit` (scripts/audit-deps.mjs),
 * run for real. The security run ends with the list of checks it ran and the ones it skipped, with
 * why: Electron's release list is served here by a local server (or refused, as offline), so both
 * the "ran" and the "skipped" endings are seen, and a later release with security fixes fails it.
 */
import { spawnSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { REPO } from "../../installed-pis.js";
// @ts-expect-error: a plain .mjs script without type declarations
import { electronAdvisoriesFor, installedElectronVersion, securityReleasesAfter } from "../../../scripts/electron-version-check.mjs";

vi.setConfig({ testTimeout: 120_000 });

const electron = installedElectronVersion() as string;
const [major, minor, patch] = electron.split(".").map(Number) as [number, number, number];

describe("Electron version checks (pure parts)", () => {
  it("a later release of the same major with security notes counts; older, other majors, prereleases and plain ones do not", () => {
    const releases = [
      { version: "45.5.1", body: "## Bug Fixes\n* fixed a crash" },
      { version: "45.6.0", body: "# Security\n* Backported fix for CVE-2026-0001" },
      { version: "45.4.0", body: "# Security\n* old" },
      { version: "46.0.1", body: "[security] Chromium update" },
      { version: "45.7.0-beta.1", body: "# Security" },
      { version: "not a version", body: "# Security" },
    ];
    expect(securityReleasesAfter("45.5.0", releases).map((r: { version: string }) => r.version)).toEqual(["45.6.0"]);
    expect(securityReleasesAfter("45.6.0", releases)).toEqual([]);
  });

  it("vendored Electron advisories match by range", () => {
    const advisories = [
      { package: "electron", id: "GHSA-x", severity: "high", vulnerable: "<45.5.1", fixed: "45.5.1", title: "t" },
      { package: "ws", id: "GHSA-y", severity: "high", vulnerable: "*", fixed: "9", title: "t" },
    ];
    expect(electronAdvisoriesFor("45.5.0", advisories).map((a: { id: string }) => a.id)).toEqual(["GHSA-x"]);
    expect(electronAdvisoriesFor("45.5.1", advisories)).toEqual([]);
  });
});

describe("npm run security", () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  async function serveReleases(releases: unknown): Promise<string> {
    server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(releases)));
    await new Promise<void>((done) => server!.listen(0, "127.0.0.1", done));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.json`;
  }

  function security(url: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [join(REPO, "scripts", "electronegativity.mjs")], { cwd: REPO, env: { ...process.env, PI_SWITCHBOARD_ELECTRON_RELEASES_URL: url } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  it("where Electron's release list cannot be fetched, says at the end that it skipped that check and why", async () => {
    const closed = await serveReleases([]);
    await new Promise<void>((done) => server!.close(() => done()));
    server = null;
    const run = await security(closed);
    expect(run.code).toBe(0);
    const ending = run.stdout.slice(run.stdout.indexOf("Checks run:"));
    expect(ending).toMatch(/ran: Electronegativity's \d+ atomic and \d+ global checks over src-main/);
    expect(ending).toContain(`ran: electron@${electron} against the`);
    expect(ending).toContain(`skipped: Electron security releases after ${electron}: ${closed} could not be fetched (fetch failed: ECONNREFUSED)`);
    expect(ending.trimEnd().split("\n").at(-1)).toBe("1 check(s) skipped: the result above does not cover them.");
  });

  it("with the release list, runs the check: a later release with security fixes fails the run", async () => {
    const fixed = `${major}.${minor}.${patch + 1}`;
    const url = await serveReleases([{ version: fixed, body: "# Security\n* Backported fix for CVE-2026-0001" }, { version: electron, body: "" }]);
    const run = await security(url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`FAIL electron@${electron}: ${fixed} is out with security fixes; update electron in package.json`);
    expect(run.stdout).toContain(`ran: electron@${electron} against Electron's release list (2 releases from ${url})`);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("Nothing skipped.");
  });

  it("with the release list and no later security release, passes with nothing skipped", async () => {
    const url = await serveReleases([{ version: `${major}.${minor}.${patch + 1}`, body: "## Bug Fixes" }, { version: `${major + 1}.0.0`, body: "# Security" }]);
    const run = await security(url);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("Nothing skipped.");
  });
});

describe("npm run audit", () => {
  it("is the npm script CI runs, and says which audit ran", () => {
    expect(readFileSync(join(REPO, ".ci", "run"), "utf8")).toMatch(/^npm run --silent audit$/m);
    const run = spawnSync("npm", ["run", "--silent", "audit"], { cwd: REPO, encoding: "utf8", timeout: 90_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^(npm audit: no known vulnerabilities|offline lockfile check: \d+ production packages, none matches the \d+ vendored advisories)/m);
  });
});
