import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script without types
import { changelogSection, releaseNotes } from "../../../scripts/release-notes.mjs";
import { REPO } from "../../installed-pis";

const CHANGELOG = "# Changelog\n\n## [0.2.0] - 2026-12-20\n\n- Preferences.\n- Installers.\n\n## 0.1.0\n\nFirst release.\n";

describe("release notes", () => {
  it("take the version's CHANGELOG section, whichever heading style", () => {
    expect(changelogSection(CHANGELOG, "v0.2.0")).toBe("- Preferences.\n- Installers.");
    expect(changelogSection(CHANGELOG, "v0.1.0")).toBe("First release.");
    expect(changelogSection("## v1.0.0\r\nWindows line ends\r\n", "v1.0.0")).toBe("Windows line ends");
    // 0.1.0 must not match 0.1.00 or 10.1.0.
    expect(changelogSection("## 0.1.00\nx\n## 10.1.0\ny\n", "v0.1.0")).toBeNull();
  });

  it("fall back to the tag message, and refuse to be empty with what to write", () => {
    expect(releaseNotes("v0.3.0", { changelog: CHANGELOG, tagMessage: "Hotfix for the tray.\n" })).toBe("Hotfix for the tray.");
    expect(() => releaseNotes("v0.3.0", { changelog: CHANGELOG, tagMessage: "" })).toThrow(/add a "## 0.3.0" section to CHANGELOG.md, or tag with a message/);
  });

  it("the repository's own CHANGELOG has notes for the current version", () => {
    const version = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;
    const out = execFileSync(process.execPath, [join(REPO, "scripts/release-notes.mjs"), `v${version}`], { encoding: "utf8" });
    expect(out).toMatch(/First release\./);
  });
});
