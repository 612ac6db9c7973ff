import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appAssetPath, contentSecurityPolicy, isAllowedExternalUrl, mimeType } from "../../../src-main/electron/policy.js";

describe("external link allowlist", () => {
  it.each([
    "https://openrouter.ai",
    "https://openrouter.ai/settings/keys",
    "https://openrouter.ai/docs/features/provider-routing?x=1#only",
    "https://github.com/pi-switchboard/pi-switchboard",
    "https://github.com/pi-switchboard/pi-switchboard/issues/4",
  ])("opens %s", (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    ["plain http", "http://openrouter.ai/keys"],
    ["a look-alike host", "https://openrouter.ai.evil.example/keys"],
    ["a subdomain we did not list", "https://evil.openrouter.ai.example/"],
    ["credentials in the URL", "https://user:pw@openrouter.ai/"],
    ["a non-default port", "https://openrouter.ai:8443/"],
    ["another GitHub repository", "https://github.com/pi-switchboard/pi-switchboard-evil"],
    ["GitHub at large", "https://github.com/attacker/repo"],
    ["a file URL", "file:///etc/passwd"],
    ["a javascript URL", "javascript:alert(1)"],
    ["a custom scheme", "smb://openrouter.ai/share"],
    ["no URL at all", "openrouter.ai"],
  ])("refuses %s", (_why, url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

describe("content security policy", () => {
  const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

  it("allows only the app itself in production: no inline script, no eval, no network, no frames", () => {
    const csp = directives(contentSecurityPolicy(null));
    expect(csp.get("default-src")).toBe("'none'");
    expect(csp.get("script-src")).toBe("'self'");
    expect(csp.get("connect-src")).toBe("'self'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(contentSecurityPolicy(null)).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it("lets the Vite dev server and its HMR socket in during development only", () => {
    const csp = directives(contentSecurityPolicy("http://localhost:5173"));
    expect(csp.get("script-src")).toBe("'self' http://localhost:5173 'unsafe-inline'");
    expect(csp.get("connect-src")).toBe("'self' http://localhost:5173 ws://localhost:5173");
    expect(contentSecurityPolicy("http://localhost:5173")).not.toMatch(/unsafe-eval/);
  });
});

describe("app:// asset resolution", () => {
  const root = join("/opt", "app", "out", "renderer");

  it("maps the origin to index.html and paths to files under the renderer root", () => {
    expect(appAssetPath(root, "app://switchboard/")).toBe(join(root, "index.html"));
    expect(appAssetPath(root, "app://switchboard/assets/index-abc.js?v=1#x")).toBe(join(root, "assets", "index-abc.js"));
  });

  it.each(["app://switchboard/../../etc/passwd", "app://switchboard/%2e%2e/%2e%2e/etc/passwd"])("keeps dot segments of %s inside the root", (url) => {
    expect(appAssetPath(root, url)).toBe(join(root, "etc", "passwd"));
  });

  it.each([
    ["an encoded separator escape", "app://switchboard/assets%2f..%2f..%2f..%2fsecret"],
    ["another host", "app://other/index.html"],
    ["another scheme", "file:///opt/app/out/renderer/index.html"],
    ["a NUL byte", "app://switchboard/index.html%00.png"],
    ["broken percent-encoding", "app://switchboard/%E0%A4%A"],
  ])("refuses %s", (_why, url) => expect(appAssetPath(root, url)).toBeNull());

  it("serves scripts and pages with their MIME types", () => {
    expect(mimeType("/x/index.html")).toBe("text/html; charset=utf-8");
    expect(mimeType("/x/a.JS")).toBe("text/javascript; charset=utf-8");
    expect(mimeType("/x/README")).toBe("application/octet-stream");
  });
});
