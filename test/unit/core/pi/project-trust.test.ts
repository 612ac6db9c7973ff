/**
 * Project trust as pi decides it without a prompt (core/project-trust.js, trust-manager.js of pi
 * 0.87.1 and 1.6.0; none before 0.79.0). Real pi agrees: test/conformance/project-conformance.test.ts.
 */
import { describe, expect, it } from "vitest";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import { projectTrust } from "../../../../src-main/core/pi/project-trust.js";

const pi160 = rulesFor("1.6.0");
const trust = (trustJson: Record<string, unknown> | null, defaultProjectTrust?: unknown, rules = pi160) =>
  projectTrust({ canonicalDir: "/home/me/work/app", trustText: trustJson && JSON.stringify(trustJson), defaultProjectTrust }, rules);

describe("projectTrust", () => {
  it("pi before 0.79.0 loads a project's settings unasked", () => {
    expect(trust({ "/home/me/work/app": false }, undefined, rulesFor("0.73.1")).decision).toBe("no-check");
    expect(rulesFor("0.79.0").projectTrust).toBe("saved-or-ask");
    expect(rulesFor("0.79.1").projectTrust).toBe("saved-or-default");
  });

  it("takes the nearest saved decision, the folder's before a parent's; null is no decision", () => {
    expect(trust({ "/home/me/work/app": true }).decision).toBe("trusted");
    expect(trust({ "/home/me/work": false, "/home/me/work/app": true }).decision).toBe("trusted");
    expect(trust({ "/home/me/work": false }).why).toContain("its parent /home/me/work");
    expect(trust({ "/home/me/work/app": null, "/home/me": true }).decision).toBe("trusted");
    expect(trust({ "/home/me/work/application": true }).decision).toBe("ask");
  });

  it("without a saved decision follows defaultProjectTrust (0.79.1), else asks", () => {
    expect(trust(null, "always").decision).toBe("trusted");
    expect(trust(null, "never").decision).toBe("untrusted");
    expect(trust(null, "sometimes").decision).toBe("ask");
    expect(trust(null, "always", rulesFor("0.79.0")).decision).toBe("ask");
  });

  it("says so when trust.json cannot be read", () => {
    expect(projectTrust({ canonicalDir: "/a", trustText: "[1]", defaultProjectTrust: undefined }, pi160).why).toContain("trust.json");
  });
});
