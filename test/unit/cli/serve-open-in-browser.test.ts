/** The private page serve opens the browser on: where it is written, who can read it, what it says, when it goes. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { redirectPage, writeRedirectFile } from "../../../src-main/cli/open-in-browser.js";

const URL_WITH_TICKET = "http://127.0.0.1:4321/#ticket=AbC_def-123456789012345678901234567890";
const runtimeDirs: string[] = [];
afterEach(() => runtimeDirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function runtimeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "switchboard-runtime-"));
  runtimeDirs.push(dir);
  return dir;
}

describe("writeRedirectFile", () => {
  it("writes a 0600 page in a fresh 0700 directory under XDG_RUNTIME_DIR, whose path holds no ticket", () => {
    const runtime = runtimeDir();
    const page = writeRedirectFile(URL_WITH_TICKET, { env: { XDG_RUNTIME_DIR: runtime } });
    expect(dirname(dirname(page.path))).toBe(runtime);
    expect(statSync(page.path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(page.path)).mode & 0o777).toBe(0o700);
    expect(page.path).not.toContain("AbC_def");
    expect(readFileSync(page.path, "utf8")).toBe(redirectPage(URL_WITH_TICKET));
    page.remove();
    expect(existsSync(dirname(page.path))).toBe(false);
    page.remove();
  });

  it("falls back to the temp dir when XDG_RUNTIME_DIR is unset or gone", () => {
    const page = writeRedirectFile(URL_WITH_TICKET, { env: { XDG_RUNTIME_DIR: join(tmpdir(), "no-such-runtime-dir-here") } });
    try {
      expect(dirname(dirname(page.path))).toBe(tmpdir());
    } finally {
      page.remove();
    }
  });

  it("deletes itself after its lifetime even if nobody removes it", async () => {
    const page = writeRedirectFile(URL_WITH_TICKET, { env: { XDG_RUNTIME_DIR: runtimeDir() }, lifetimeMs: 50 });
    expect(existsSync(page.path)).toBe(true);
    await expect.poll(() => existsSync(dirname(page.path)), { timeout: 2000 }).toBe(false);
  });
});

describe("redirectPage", () => {
  it("redirects by script and by meta refresh, and links the URL", () => {
    const html = redirectPage(URL_WITH_TICKET);
    expect(html).toContain(`location.replace(${JSON.stringify(URL_WITH_TICKET)})`);
    expect(html).toContain(`<meta http-equiv="refresh" content="1;url=${URL_WITH_TICKET}">`);
    expect(html).toContain(`<a href="${URL_WITH_TICKET}">`);
  });

  it("cannot be broken out of by what the URL holds", () => {
    const hostile = `http://127.0.0.1:1/#ticket=x"></script><script>alert(1)</script>'&`;
    const html = redirectPage(hostile);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain("&#34;&#62;&#60;/script&#62;");
    expect(html).not.toContain('x">');
  });
});
