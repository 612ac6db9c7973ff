#!/usr/bin/env node
/**
 * `npm run audit`: the production dependency tree must have no known vulnerability.
 *
 * 1. `npm audit --omit=dev --json` when the registry answers its audit endpoint: any advisory fails.
 * 2. When it cannot (offline, or a mirror without the endpoint: this CI's answers 405), an offline
 *    check of package-lock.json: every production package must come from the npm registry (no
 *    git, file or URL dependency that no audit covers) and match none of the advisories vendored
 *    in scripts/advisories.json (affected version ranges of packages in, or likely to enter, our
 *    production tree; extend it when an advisory lands). The output says which check ran.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const semver = createRequire(import.meta.url)(join(root, "node_modules", "semver"));

function online() {
  const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { cwd: root, encoding: "utf8", timeout: 60_000 });
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    return null;
  }
  if (report.error || !report.metadata) return null;
  const counts = report.metadata.vulnerabilities ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total > 0) {
    for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) console.error(`audit: ${name} (${v.severity}): ${v.range}`);
    return { ok: false, summary: `npm audit: ${total} known vulnerabilities in production dependencies` };
  }
  return { ok: true, summary: `npm audit: no known vulnerabilities in ${report.metadata.dependencies?.prod ?? "the"} production dependencies` };
}

function offline() {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
  const advisories = JSON.parse(readFileSync(join(root, "scripts", "advisories.json"), "utf8")).advisories;
  const problems = [];
  const prod = Object.entries(lock.packages ?? {}).filter(([path, p]) => path && !p.dev && !p.devOptional);
  for (const [path, p] of prod) {
    const name = p.name ?? path.replace(/^.*node_modules\//, "");
    if (p.link || (p.resolved && !p.resolved.startsWith("https://registry.npmjs.org/"))) problems.push(`${name}: not from the npm registry (${p.resolved ?? "link"}), so no advisory covers it`);
    if (p.resolved && !/^sha512-/.test(p.integrity ?? "")) problems.push(`${name}: no sha512 integrity in package-lock.json`);
    for (const a of advisories.filter((x) => x.package === name)) {
      if (semver.satisfies(p.version, a.vulnerable, { includePrerelease: true })) problems.push(`${name}@${p.version}: ${a.id} (${a.severity}) ${a.title}; fixed in ${a.fixed}`);
    }
  }
  if (problems.length) {
    problems.forEach((p) => console.error(`audit: ${p}`));
    return { ok: false, summary: `offline lockfile check: ${problems.length} problems in ${prod.length} production packages` };
  }
  return { ok: true, summary: `offline lockfile check: ${prod.length} production packages, none matches the ${advisories.length} vendored advisories (npm audit's endpoint did not answer)` };
}

const result = online() ?? offline();
console.log(result.summary);
process.exit(result.ok ? 0 : 1);
