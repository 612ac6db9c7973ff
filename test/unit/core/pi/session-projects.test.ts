/**
 * The folders pi has sessions for, on a real agent dir: session files as pi writes them
 * (docs/session-format.md: the header line names the cwd), and a session dir pi made at start
 * before any message, decoded against the real filesystem.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listSessionProjects, sessionFolderName } from "../../../../src-main/core/pi/session-projects.js";

const root = realpathSync(mkdtempSync(join(tmpdir(), "session-projects-")));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function session(agentDir: string, cwd: string, file: string, when: number, header: object = { type: "session", version: 3, id: "x", timestamp: "2026-01-01T00:00:00.000Z", cwd }) {
  const dir = join(agentDir, "sessions", sessionFolderName(cwd));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), `${JSON.stringify(header)}\n{"type":"message"}\n`);
  utimesSync(join(dir, file), when, when);
}

describe("listSessionProjects", () => {
  it("encodes a folder as pi does", () => {
    expect(sessionFolderName("/home/me/my-app")).toBe("--home-me-my-app--");
    expect(sessionFolderName("C:\\Users\\me")).toBe("--C--Users-me--");
  });

  it("reads each folder from a session header, most recent first, and says which have .pi/settings.json", async () => {
    const agent = join(root, "agent1");
    const dashed = join(root, "work", "my-app");
    const plain = join(root, "work", "tool");
    mkdirSync(join(dashed, ".pi"), { recursive: true });
    writeFileSync(join(dashed, ".pi", "settings.json"), "{}");
    mkdirSync(plain, { recursive: true });
    session(agent, plain, "2026-01-01_a.jsonl", 1_700_000_000);
    session(agent, dashed, "2026-01-02_b.jsonl", 1_800_000_000);
    session(agent, dashed, "2026-01-01_c.jsonl", 1_600_000_000);
    const projects = await listSessionProjects(agent);
    expect(projects).toEqual([
      { dir: dashed, sessions: 2, lastUsed: new Date(1_800_000_000_000).toISOString(), hasSettings: true },
      { dir: plain, sessions: 1, lastUsed: new Date(1_700_000_000_000).toISOString(), hasSettings: false },
    ]);
  });

  it("decodes a session dir without sessions by the folders that exist, dashes included", async () => {
    const agent = join(root, "agent2");
    const dir = join(root, "a-b", "c-d-e");
    mkdirSync(dir, { recursive: true });
    mkdirSync(join(root, "a"), { recursive: true });
    mkdirSync(join(agent, "sessions", sessionFolderName(dir)), { recursive: true });
    // A gone folder cannot be found again: left out rather than guessed.
    mkdirSync(join(agent, "sessions", sessionFolderName(join(root, "gone-x"))), { recursive: true });
    expect(await listSessionProjects(agent)).toEqual([{ dir, sessions: 0, lastUsed: null, hasSettings: false }]);
  });

  it("ignores a header naming another folder, and an agent dir without sessions", async () => {
    const agent = join(root, "agent3");
    const real = join(root, "real");
    mkdirSync(real, { recursive: true });
    session(agent, real, "s.jsonl", 1_700_000_000, { type: "session", cwd: "/elsewhere" });
    expect((await listSessionProjects(agent)).map((p) => p.dir)).toEqual([real]);
    expect(await listSessionProjects(join(root, "none"))).toEqual([]);
  });
});
