#!/usr/bin/env node
/**
 * Release notes for a tag (release.yml): the CHANGELOG.md section whose heading names the version
 * (`## 0.2.0`, `## [0.2.0] - 2026-12-01`, `## v0.2.0`), else the annotated tag's message. Exits 1,
 * saying what to write, when neither has any text, so a release never goes out with empty notes.
 *   node scripts/release-notes.mjs v0.2.0 > notes.md
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The body of the `## <version>` section of a Keep-a-Changelog style file, or null. */
export function changelogSection(changelog, tag) {
  const version = tag.replace(/^v/, "");
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const heading = new RegExp(`^##\\s+\\[?v?${escaped}\\]?(?:\\s|$)`);
  const lines = changelog.replace(/\r\n/g, "\n").split("\n");
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return null;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^##\s/.test(line));
  const body = (end < 0 ? rest : rest.slice(0, end)).join("\n").trim();
  return body || null;
}

/** The notes for `tag`: its CHANGELOG section, else its message (a lightweight tag has none). */
export function releaseNotes(tag, { changelog, tagMessage }) {
  const section = changelog ? changelogSection(changelog, tag) : null;
  if (section) return section;
  const message = (tagMessage ?? "").trim();
  if (message) return message;
  throw new Error(`No release notes for ${tag}: add a "## ${tag.replace(/^v/, "")}" section to CHANGELOG.md, or tag with a message (git tag -a ${tag} -m "…").`);
}

function read(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function tagMessage(tag) {
  try {
    // %(contents) of a lightweight tag is the commit's message, not notes: only annotated tags count.
    if (execFileSync("git", ["cat-file", "-t", tag], { encoding: "utf8" }).trim() !== "tag") return null;
    return execFileSync("git", ["tag", "-l", "--format=%(contents)", tag], { encoding: "utf8" });
  } catch {
    return null;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tag = process.argv[2];
  if (!tag) {
    process.stderr.write("usage: node scripts/release-notes.mjs <tag>\n");
    process.exit(2);
  }
  try {
    process.stdout.write(`${releaseNotes(tag, { changelog: read(new URL("../CHANGELOG.md", import.meta.url)), tagMessage: tagMessage(tag) })}\n`);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
