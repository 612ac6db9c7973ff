/**
 * The release as configured, read the way GitHub Actions and electron-builder read it: each OS's
 * runner builds its own installers, signing secrets only ever come from `secrets.*`, notarization
 * and signing are skipped cleanly without them, the update feeds exist for the AppImage and the
 * dmg only, the vault binding stays outside the asar, and the fuses keep the app locked down.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "../../installed-pis";

interface Step { name?: string; uses?: string; run?: string; if?: string; env?: Record<string, string>; with?: Record<string, unknown> }
interface Job { "runs-on": string; needs?: string; if?: string; env?: Record<string, string>; steps: Step[]; strategy?: { matrix: { include: { os: string; target: string }[] } }; permissions?: Record<string, string> }
const workflowText = readFileSync(join(REPO, ".github/workflows/release.yml"), "utf8");
const workflow = parse(workflowText) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };
const builder = parse(readFileSync(join(REPO, "electron-builder.yml"), "utf8")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { dependencies: Record<string, string>; scripts: Record<string, string> };

const packageJob = workflow.jobs.package!;
const steps = packageJob.steps;
const builds = steps.filter((s) => s.run?.includes("electron-builder"));
/** The runner OS a step is limited to by its `if:`, as Actions spells runner.os. */
const osOf = (step: Step): string | null => /runner\.os == '(\w+)'/.exec(step.if ?? "")?.[1] ?? null;

describe("release.yml", () => {
  it("builds on each OS's own runner: macOS, Windows and Linux", () => {
    expect(packageJob.strategy!.matrix.include.map((m) => m.os).sort()).toEqual(["macos-latest", "ubuntu-latest", "windows-latest"]);
    expect(packageJob["runs-on"]).toBe("${{ matrix.os }}");
    expect(new Set(builds.map(osOf))).toEqual(new Set(["macOS", "Windows", "Linux"]));
    for (const step of builds) {
      const flag = { macOS: "--mac", Windows: "--win", Linux: "--linux" }[osOf(step)!];
      expect(step.run).toContain(`electron-builder ${flag} `);
      // Publishing is the release job's, with the notes: a build never uploads on its own.
      expect(step.run).toContain("--publish never");
    }
  });

  it("runs on tags and by hand, and only the release job may write to the repository", () => {
    expect(workflow.on.push).toEqual({ tags: ["v*"] });
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.release).toMatchObject({ needs: "package", permissions: { contents: "write" } });
    expect(workflow.jobs.release!.if).toMatch(/startsWith\(github\.ref, 'refs\/tags\/v'\)/);
  });

  it("references signing and notarization secrets only through secrets.*, never as text", () => {
    const secretNames = ["CSC_LINK", "CSC_KEY_PASSWORD", "WIN_CSC_LINK", "WIN_CSC_KEY_PASSWORD", "APPLE_API_KEY", "APPLE_API_KEY_ID", "APPLE_API_ISSUER", "APPLE_ID", "APPLE_APP_SPECIFIC_PASSWORD", "APPLE_TEAM_ID"];
    const envs = [packageJob.env ?? {}, ...steps.map((s) => s.env ?? {})];
    for (const env of envs) {
      for (const [name, value] of Object.entries(env)) {
        if (secretNames.includes(name)) expect(value, name).toMatch(/^\$\{\{ secrets\.[A-Z_]+( \|\| secrets\.[A-Z_]+)? \}\}$/);
      }
    }
    // No secret value written inline anywhere, and no secret echoed by a run script.
    for (const step of steps) expect(step.run ?? "", step.name).not.toMatch(/secrets\./);
    const referenced = [...workflowText.matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]);
    expect(new Set(referenced)).toEqual(new Set([...secretNames, "GITHUB_TOKEN"]));
  });

  it("signs and notarizes macOS only when the secrets exist, and builds unsigned otherwise instead of failing", () => {
    expect(packageJob.env!.HAS_MAC_CERT).toBe("${{ secrets.CSC_LINK != '' }}");
    expect(packageJob.env!.HAS_NOTARY).toContain("secrets.APPLE_API_KEY != ''");
    const mac = builds.filter((s) => osOf(s) === "macOS");
    const signed = mac.find((s) => s.if!.includes("env.HAS_MAC_CERT == 'true'"))!;
    const unsigned = mac.find((s) => s.if!.includes("env.HAS_MAC_CERT != 'true'"))!;
    expect(signed.run).toContain("-c.mac.notarize=${{ env.HAS_NOTARY }}");
    expect(signed.env).toMatchObject({ CSC_LINK: "${{ secrets.CSC_LINK }}", APPLE_API_KEY: "${{ secrets.APPLE_API_KEY }}", APPLE_ID: "${{ secrets.APPLE_ID }}" });
    expect(unsigned.run).toContain("-c.mac.notarize=false");
    expect(unsigned.env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: "false" });
    expect(JSON.stringify(unsigned)).not.toMatch(/secrets\./);
    const win = builds.filter((s) => osOf(s) === "Windows");
    expect(win.map((s) => s.if)).toEqual(["runner.os == 'Windows' && env.HAS_WIN_CERT == 'true'", "runner.os == 'Windows' && env.HAS_WIN_CERT != 'true'"]);
    expect(win[1]!.env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: "false" });
  });

  it("turns on auto-update only in signed macOS builds (signedBuild), never in unsigned ones", () => {
    const mac = builds.filter((s) => osOf(s) === "macOS");
    expect(mac.filter((s) => s.run!.includes("signedBuild=true")).map((s) => s.if)).toEqual(["runner.os == 'macOS' && env.HAS_MAC_CERT == 'true'"]);
    for (const step of builds.filter((s) => osOf(s) !== "macOS")) expect(step.run).not.toContain("signedBuild");
  });

  it("ships the AppImage and dmg update feeds, and no Windows feed", () => {
    const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact"))!;
    const paths = String(upload.with!.path).trim().split("\n");
    expect(paths).toEqual(expect.arrayContaining(["release/*.dmg", "release/*.zip", "release/*.exe", "release/*.AppImage", "release/*.deb", "release/latest-mac.yml", "release/latest-linux.yml"]));
    expect(paths).not.toContain("release/latest.yml");
    expect(paths.filter((p) => p.endsWith(".yml"))).toEqual(["release/latest-mac.yml", "release/latest-linux.yml"]);
  });

  it("smoke-tests the built app and the packaged one on every runner (Linux under Xvfb)", () => {
    const runs = steps.map((s) => s.run ?? "");
    expect(runs.filter((r) => r.includes("test/electron/smoke.test.ts"))).toHaveLength(2);
    expect(runs.filter((r) => r.includes("test/electron/packaged-smoke.test.ts"))).toHaveLength(2);
    expect(runs.some((r) => r.startsWith("xvfb-run") && r.includes("packaged-smoke"))).toBe(true);
    // After the installers exist.
    const lastBuild = Math.max(...builds.map((b) => steps.indexOf(b)));
    expect(runs.findIndex((r) => r.includes("packaged-smoke"))).toBeGreaterThan(lastBuild);
  });

  it("publishes a draft release with notes from CHANGELOG.md or the tag message", () => {
    const release = workflow.jobs.release!.steps;
    expect(release.find((s) => s.run?.includes("scripts/release-notes.mjs"))?.run).toBe('node scripts/release-notes.mjs "$GITHUB_REF_NAME" > release-notes.md');
    expect(release.find((s) => s.run?.includes("gh release create"))?.run).toMatch(/--draft .*--notes-file release-notes\.md dist\/\*/);
  });
});

describe("electron-builder.yml", () => {
  it("builds dmg and zip per arch on macOS, nsis on Windows, AppImage and deb on Linux", () => {
    expect(builder.mac.target).toEqual([{ target: "dmg", arch: ["x64", "arm64"] }, { target: "zip", arch: ["x64", "arm64"] }]);
    expect(builder.win.target).toEqual([{ target: "nsis", arch: ["x64", "arm64"] }]);
    expect(builder.linux.target).toEqual(["AppImage", "deb"]);
    expect(builder.mac.hardenedRuntime).toBe(true);
  });

  it("keeps signing out of the file: no certificate, password or identity in it", () => {
    const text = readFileSync(join(REPO, "electron-builder.yml"), "utf8").replace(/^\s*#.*$/gm, "");
    expect(text).not.toMatch(/cscLink|cscKeyPassword|certificatePassword|identity:|appleId|password/i);
  });

  it("writes an update feed (GitHub) and depends on electron-updater at run time", () => {
    expect(builder.publish).toEqual({ provider: "github", releaseType: "draft" });
    expect(pkg.dependencies).toHaveProperty("electron-updater");
  });

  it("unpacks the native vault binding from the asar", () => {
    expect(builder.asarUnpack).toContain("node_modules/@napi-rs/keyring*/**");
  });

  it("ships the command line outside the asar, laid out as the npm package (bundle, window, vault binding), and builds it with the app", () => {
    const shipped = (builder.extraResources as { from: string; to: string; filter?: string[] }[]).map((r) => `${r.from} → ${r.to}${r.filter ? ` ${r.filter.join(",")}` : ""}`);
    expect(shipped).toEqual(["out/cli → cli/out/cli", "out/renderer → cli/out/renderer", "node_modules/@napi-rs → cli/node_modules/@napi-rs keyring*/**"]);
    expect(pkg.scripts.build).toMatch(/electron-vite\.js build && node scripts\/build-cli\.mjs$/);
  });

  it("keeps the fuses that lock the app down", () => {
    expect(builder.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it("lists the Linux tray and Secret Service packages for the deb", () => {
    expect(builder.deb.depends).toEqual(expect.arrayContaining(["libsecret-1-0", "libayatana-appindicator3-1 | libappindicator3-1"]));
    expect(builder.deb.recommends).toEqual(["libsecret-tools"]);
  });
});
