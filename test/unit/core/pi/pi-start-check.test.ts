import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadPiCatalog } from "../../../../src-main/core/pi/pi-install.js";
import { checkPiStarts, firstErrorLine } from "../../../../src-main/core/pi/pi-start-check.js";
import { readAgentState } from "../../../../src-main/core/agent-state.js";
import { readAgentFiles } from "../../../../src-main/core/pi/read-agent-files.js";
import { initialVerdict, PiVerdictAsker } from "../../../../src-main/core/pi/verdict/pi-verdict.js";
import { BROKEN_PI_VERSION, brokenPiPackageDir, NODE22 } from "../../../broken-pi.js";
import { findTestPi, layGlobalPrefix } from "../../../installed-pis.js";

const scratch = mkdtempSync(join(tmpdir(), "pi-start-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A user's PATH with a global prefix that holds this pi package and Node 22. */
const userPath = (packageDir: string) => `${layGlobalPrefix(mkdtempSync(join(scratch, "prefix-")), packageDir, { node: NODE22 })}:/usr/bin:/bin`;

describe("a pi that does not start", () => {
  it(`pi ${BROKEN_PI_VERSION} installed today: the catalog says pi itself fails to start, with pi's own error line, and keeps the built-in models`, async () => {
    const catalog = await loadPiCatalog({ PATH: userPath(brokenPiPackageDir()) });
    expect(catalog.info).toMatchObject({ found: true, version: BROKEN_PI_VERSION, foundBy: "shell PATH" });
    expect(catalog.info.startFailure).toMatchObject({ command: "pi --version", exitCode: 1 });
    expect(catalog.info.startFailure!.firstErrorLine).toMatch(/^SyntaxError: The requested module '@earendil-works\/pi-ai\/oauth' does not provide an export named/);
    expect(catalog.info.problem).toMatch(new RegExp(`^pi ${BROKEN_PI_VERSION.replace(/\./g, "\\.")} itself fails to start: SyntaxError: .* — run \`pi --version\``));
    expect(catalog.info.problem).not.toMatch(/Node\.js v22/);
    // What the files say still needs pi's built-in list: it is read without starting pi.
    expect(catalog.providers.get("openrouter")?.length).toBeGreaterThan(50);

    const verdict = initialVerdict(catalog);
    expect(verdict.state).toBe("unavailable");
    expect(verdict.note).toMatch(/itself fails to start \(SyntaxError: .*\); run `pi --version` to see it\. The app shows what the files say/);
  }, 300_000);

  const pi160 = findTestPi("1.6.0");
  it.skipIf(!pi160)("pi 1.6.0 starts: no start failure and no problem", async () => {
    const catalog = await loadPiCatalog({ PATH: userPath(pi160!) });
    expect(catalog.info.version).toBe("1.6.0");
    expect(catalog.info.startFailure).toBeUndefined();
    expect(catalog.info.problem).toBeNull();
    expect(initialVerdict(catalog).state).toBe("pending");
  }, 60_000);

  it("a pi package whose entry throws at import: its error line, and the path as the command when the shell does not find it", async () => {
    const dir = join(scratch, "thrower");
    mkdirSync(join(dir, "dist"), { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "@earendil-works/pi-coding-agent", version: "9.9.9", type: "module", bin: { pi: "dist/cli.js" } }));
    writeFileSync(join(dir, "dist", "cli.js"), 'import "./missing-dependency.js";\n');
    const failure = await checkPiStarts({ node: NODE22, packageDir: dir, piPath: "/opt/my pi/bin/pi", foundBy: "PI_SWITCHBOARD_PI", env: { PATH: "/usr/bin:/bin" } });
    expect(failure).toMatchObject({ command: '"/opt/my pi/bin/pi" --version', exitCode: 1 });
    expect(failure!.firstErrorLine).toMatch(/^Error \[ERR_MODULE_NOT_FOUND\]: Cannot find module '.*missing-dependency\.js'/);
  });

  it("a pi that does not answer `--version` in time is not called broken, and is not waited for longer than the limit", async () => {
    const dir = join(scratch, "slow");
    mkdirSync(join(dir, "dist"), { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "@earendil-works/pi-coding-agent", version: "9.9.9", type: "module", bin: { pi: "dist/cli.js" } }));
    writeFileSync(join(dir, "dist", "cli.js"), "setInterval(() => {}, 1000);\n");
    const started = Date.now();
    expect(await checkPiStarts({ node: NODE22, packageDir: dir, piPath: "/usr/local/bin/pi", foundBy: "shell PATH", env: {}, timeoutMs: 500 })).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("takes the error line, not Node's file location, caret or version footer", () => {
    const stderr = ["file:///x/dist/core/auth-storage.js:9", 'import { getOAuthApiKey } from "@earendil-works/pi-ai/oauth";', "         ^^^^^^^^^^^^^^", "SyntaxError: The requested module does not provide an export named 'getOAuthApiKey'", "    at ModuleJob._instantiate (node:internal/modules/esm/module_job:226:21)", "", "Node.js v22.23.5"].join("\n");
    expect(firstErrorLine(stderr)).toBe("SyntaxError: The requested module does not provide an export named 'getOAuthApiKey'");
    expect(firstErrorLine("pi: cannot open /home/u/.pi\n\nNode.js v22.1.0")).toBe("pi: cannot open /home/u/.pi");
  });

  it("a pi whose `--version` works but whose SDK crashes at import: the verdict names the crash, not Node's version footer", async () => {
    const root = join(scratch, "sdk-crash", "node_modules", "@earendil-works");
    const pkg = join(root, "pi-coding-agent");
    mkdirSync(join(pkg, "dist"), { recursive: true });
    mkdirSync(join(root, "pi-ai"), { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "@earendil-works/pi-coding-agent", version: "9.9.9", type: "module", main: "dist/index.js", bin: { pi: "dist/cli.js" }, dependencies: { "@earendil-works/pi-ai": "*" } }));
    writeFileSync(join(pkg, "dist", "cli.js"), 'console.log("9.9.9");\n');
    writeFileSync(join(pkg, "dist", "index.js"), 'import "./sdk-part-missing.js";\n');
    writeFileSync(join(root, "pi-ai", "package.json"), JSON.stringify({ name: "@earendil-works/pi-ai", version: "9.9.9", type: "module", main: "index.js" }));
    writeFileSync(join(root, "pi-ai", "index.js"), "export {};\n");
    const env = { PATH: `${join(NODE22, "..")}:/usr/bin:/bin`, HOME: scratch };
    const catalog = await loadPiCatalog({ ...env, PI_SWITCHBOARD_PI: pkg });
    expect(catalog.info.startFailure).toBeUndefined();
    const agent = mkdtempSync(join(scratch, "agent-"));
    writeFileSync(join(agent, "models.json"), '{"providers": {}}');
    const verdict = await new PiVerdictAsker(catalog, env, { tempDir: scratch }).verdictOnDir(agent, await readAgentState(agent, await readAgentFiles(agent), catalog, env));
    expect(verdict?.note).toMatch(/sdk-part-missing\.js/);
    expect(verdict?.note).not.toMatch(/Node\.js v\d/);
  }, 60_000);
});
