// `npm run security`: Electronegativity over src-main, failing on any high or medium finding that
// is not a reviewed exception below, then the Electron version checks (electron-version-check.mjs).
// Runs the scanner's API because its CLI breaks on the commander version this project depends on.
// The scanner's own release lookup is left out: it reads package.json files inside src-main (there
// are none) and said nothing when offline; the version checks below say what they ran, or why not.
// The last lines list every check that ran and every one that was skipped, with the reason.
import { fileURLToPath } from "node:url";
import run from "@doyensec/electronegativity/dist/runner.js";
import { checkElectronVersion, installedElectronVersion } from "./electron-version-check.mjs";

const input = fileURLToPath(new URL("../src-main", import.meta.url));

// Reviewed findings: the scanner reads one file at a time and cannot follow a value across modules.
const EXCEPTIONS = [
  {
    ids: ["OPEN_EXTERNAL_JS_CHECK"],
    file: "electron/security.ts",
    why: "openExternal runs only after isAllowedExternalUrl() parses the URL and checks https + host/path against the allowlist (policy.ts, tested in test/unit/electron/policy.test.ts).",
  },
];

// The scanner judges defaults (contextIsolation, sandbox…) by the Electron the app is built with.
const electronVersion = installedElectronVersion() ?? "45.0.0";
const { issues, errors, atomicChecks, globalChecks } = await run(
  { input, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: ["AvailableSecurityFixesGlobalCheck", "ElectronVersionJSONCheck"] },
  false,
);
const severe = (issue) => issue.severity.name === "HIGH" || issue.severity.name === "MEDIUM";
const excepted = (issue) => EXCEPTIONS.find((e) => e.file === issue.file && e.ids.includes(issue.id));

let failed = 0;
for (const issue of issues) {
  const exception = excepted(issue);
  const where = `${issue.file}:${issue.location.line}:${issue.location.column}`;
  if (severe(issue) && !exception) {
    failed++;
    console.error(`FAIL ${issue.severity.name} ${issue.id} ${where} — ${issue.description} (${issue.shortenedURL})`);
  } else {
    console.log(`${exception ? "reviewed" : "info"} ${issue.severity.name} ${issue.id} ${where}${exception ? ` — ${exception.why}` : ""}`);
  }
}
for (const error of errors.filter((e) => !e.tolerable)) {
  failed++;
  console.error(`FAIL could not parse ${error.file}: ${error.message}`);
}
console.log(`${issues.length} finding(s), ${failed} failing (high or medium, not reviewed).`);

const version = await checkElectronVersion();
for (const failure of version.failures) console.error(`FAIL ${failure}`);
failed += version.failures.length;

console.log("\nChecks run:");
console.log(`  ran: Electronegativity's ${atomicChecks} atomic and ${globalChecks} global checks over src-main, judged as Electron ${electronVersion}`);
for (const line of version.ran) console.log(`  ran: ${line}`);
for (const line of version.skipped) console.log(`  skipped: ${line}`);
console.log(version.skipped.length ? `${version.skipped.length} check(s) skipped: the result above does not cover them.` : "Nothing skipped.");
process.exit(failed ? 1 : 0);
