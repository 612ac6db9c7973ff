/**
 * The Electron version checks behind `npm run security` (electronegativity.mjs). Electronegativity's
 * own version check reads package.json files inside the folder it scans (src-main has none) and
 * needs the network, so it never ran here; these two say what they found, or why they could not run:
 *
 * - offline: the installed Electron against the Electron advisories vendored in scripts/advisories.json;
 * - online: Electron's release list (the one Electronegativity reads): a later release of the same
 *   major whose notes carry a security section means the installed one lacks fixes.
 *
 * PI_SWITCHBOARD_ELECTRON_RELEASES_URL points the release check elsewhere (tests serve a list locally).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const semver = createRequire(import.meta.url)(join(root, "node_modules", "semver"));

export const ELECTRON_RELEASES_URL = "https://raw.githubusercontent.com/electron/releases/master/index.json";

/** Electronegativity's test for release notes with a security fix. */
const SECURITY_NOTE = [/# Security/i, /\[security\]/i];

/** The Electron the app is built with: the installed package, else package-lock.json's entry. */
export function installedElectronVersion() {
  try {
    return JSON.parse(readFileSync(join(root, "node_modules", "electron", "package.json"), "utf8")).version;
  } catch {
    return JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")).packages?.["node_modules/electron"]?.version ?? null;
  }
}

/** The vendored advisories (scripts/advisories.json) whose range holds `version`. */
export function electronAdvisoriesFor(version, advisories) {
  return advisories.filter((a) => a.package === "electron" && semver.satisfies(version, a.vulnerable, { includePrerelease: true }));
}

/** Releases after `version`, in its major line, whose notes announce security fixes. */
export function securityReleasesAfter(version, releases) {
  const line = `>${version} <${semver.major(version) + 1}.0.0-0`;
  return releases.filter((r) => typeof r?.version === "string" && semver.valid(r.version) && semver.satisfies(r.version, line) && SECURITY_NOTE.some((re) => re.test(String(r.body ?? ""))));
}

/** Electron's release list, or why it could not be fetched (offline, a proxy, a slow host). */
export async function fetchElectronReleases(url, timeoutMs = 10_000) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { ok: false, reason: `${url} answered HTTP ${response.status}` };
    const releases = await response.json();
    if (!Array.isArray(releases)) return { ok: false, reason: `${url} did not answer a list of releases` };
    return { ok: true, releases };
  } catch (error) {
    const cause = error.cause?.code ?? error.cause?.message ?? error.name;
    return { ok: false, reason: `${url} could not be fetched (${error.message}${cause && cause !== error.message ? `: ${cause}` : ""})` };
  }
}

/** Both checks: `ran` and `skipped` lines for the summary, `failures` for what must fail the run. */
export async function checkElectronVersion(url = process.env.PI_SWITCHBOARD_ELECTRON_RELEASES_URL || ELECTRON_RELEASES_URL) {
  const ran = [];
  const skipped = [];
  const failures = [];
  const version = installedElectronVersion();
  if (!version) {
    skipped.push("Electron version checks: no electron in node_modules or package-lock.json, so there is no version to check");
    return { ran, skipped, failures };
  }
  const advisories = JSON.parse(readFileSync(join(root, "scripts", "advisories.json"), "utf8")).advisories;
  const known = advisories.filter((a) => a.package === "electron").length;
  for (const a of electronAdvisoriesFor(version, advisories)) failures.push(`electron@${version}: ${a.id} (${a.severity}) ${a.title}; fixed in ${a.fixed}`);
  ran.push(`electron@${version} against the ${known === 1 ? "Electron advisory" : `${known} Electron advisories`} vendored in scripts/advisories.json`);
  const list = await fetchElectronReleases(url);
  if (!list.ok) {
    skipped.push(`Electron security releases after ${version}: ${list.reason}. Run npm run security where that host is reachable to check them`);
    return { ran, skipped, failures };
  }
  for (const r of securityReleasesAfter(version, list.releases)) failures.push(`electron@${version}: ${r.version} is out with security fixes; update electron in package.json`);
  ran.push(`electron@${version} against Electron's release list (${list.releases.length} releases from ${url})`);
  return { ran, skipped, failures };
}
