import { describe, expect, it } from "vitest";
import { agentPaths, resolveAgentDir } from "../../../../src-main/core/pi/agent-dir.js";

describe("resolveAgentDir: pi's getAgentDir", () => {
  const home = "/home/u";

  it("takes --agent-dir first, then PI_CODING_AGENT_DIR, then ~/.pi/agent", () => {
    expect(resolveAgentDir("/flag", { PI_CODING_AGENT_DIR: "/env" }, home)).toBe("/flag");
    expect(resolveAgentDir(undefined, { PI_CODING_AGENT_DIR: "/env" }, home)).toBe("/env");
    expect(resolveAgentDir(undefined, {}, home)).toBe("/home/u/.pi/agent");
  });

  it("expands ~ and ~/ as pi does, not ~user", () => {
    expect(resolveAgentDir(undefined, { PI_CODING_AGENT_DIR: "~" }, home)).toBe("/home/u");
    expect(resolveAgentDir(undefined, { PI_CODING_AGENT_DIR: "~/pi" }, home)).toBe("/home/u/pi");
    expect(resolveAgentDir("~/x", {}, home)).toBe("/home/u/x");
    expect(resolveAgentDir("/a/~b", {}, home)).toBe("/a/~b");
  });

  it("ignores an empty PI_CODING_AGENT_DIR", () => {
    expect(resolveAgentDir(undefined, { PI_CODING_AGENT_DIR: "" }, home)).toBe("/home/u/.pi/agent");
  });

  it("makes a relative dir absolute", () => {
    expect(resolveAgentDir("rel", {}, home)).toBe(`${process.cwd()}/rel`);
  });
});

describe("agentPaths", () => {
  it("names pi's three files in the dir", () => {
    expect(agentPaths("/d")).toEqual({ dir: "/d", models: "/d/models.json", settings: "/d/settings.json", auth: "/d/auth.json" });
  });
});
