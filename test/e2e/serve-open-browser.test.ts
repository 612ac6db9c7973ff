/**
 * How the real `serve` opens the browser, watched by a fake `xdg-open` first on PATH that records
 * what it was given: the one-time ticket is in no process's argv or environment (another local
 * user reads /proc/PID/cmdline), the opener gets a private page (0600, in a 0700 directory) that
 * real Chromium follows to the window, and the page is gone once the ticket is traded or serve exits.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser } from "./browser";
import { startServe, type ServeProcess } from "./serve-process";

interface Opened {
  argv: string[];
  cmdline: string;
  env: string;
  fileMode: string;
  dirMode: string;
  page: string;
}

let root: string;
let runtime: string;
const running: ServeProcess[] = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "switchboard-opener-"));
  const bin = join(root, "bin");
  mkdirSync(bin);
  // Records what it was given, as it was given it, the moment it runs; then ends as FAKE_OPENER_EXIT says.
  writeFileSync(
    join(bin, "xdg-open"),
    `#!/bin/sh
log="$FAKE_OPENER_LOG"
for a in "$@"; do printf '%s\\n' "$a"; done > "$log/argv"
tr '\\0' '\\n' < /proc/$$/cmdline > "$log/cmdline"
env > "$log/env"
if [ -f "$1" ]; then stat -c '%a' "$1" > "$log/file-mode"; stat -c '%a' "$(dirname "$1")" > "$log/dir-mode"; cp "$1" "$log/page.html"; fi
touch "$log/done"
exit "\${FAKE_OPENER_EXIT:-0}"
`,
  );
  chmodSync(join(bin, "xdg-open"), 0o755);
  runtime = join(root, "runtime");
  mkdirSync(runtime, { mode: 0o700 });
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function serveWithOpener(name: string, env: NodeJS.ProcessEnv = {}): Promise<{ serve: ServeProcess; opened: Opened }> {
  const log = join(root, name);
  mkdirSync(log);
  const serve = await startServe("routed", {
    open: true,
    env: { PATH: `${join(root, "bin")}:${process.env.PATH}`, FAKE_OPENER_LOG: log, XDG_RUNTIME_DIR: runtime, ...env },
  });
  running.push(serve);
  await expect.poll(() => existsSync(join(log, "done")), { timeout: 15_000 }).toBe(true);
  const read = (file: string) => (existsSync(join(log, file)) ? readFileSync(join(log, file), "utf8") : "");
  const opened = { argv: read("argv").split("\n").filter(Boolean), cmdline: read("cmdline"), env: read("env"), fileMode: read("file-mode").trim(), dirMode: read("dir-mode").trim(), page: read("page.html") };
  return { serve, opened };
}

/** Every process of ours whose argv or environment holds `secret`, as `PID: where`. */
function processesHolding(secret: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    for (const part of ["cmdline", "environ"]) {
      try {
        if (readFileSync(`/proc/${pid}/${part}`).includes(secret)) found.push(`${pid}: ${part} ${readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").slice(0, 120)}`);
      } catch {
        // gone, or another user's: the ones that matter (serve, its opener, the browser) are ours
      }
    }
  }
  return found;
}

describe.skipIf(process.platform !== "linux")("serve opens the browser without its ticket on a command line", () => {
  it("gives the opener a private page, not the link: the ticket is in no argv or environment", async () => {
    const { serve, opened } = await serveWithOpener("private-page");
    expect(serve.ticket).toMatch(/^[\w-]{40,}$/);
    expect(opened.argv).toHaveLength(1);
    const page = opened.argv[0]!;
    expect(dirname(dirname(page))).toBe(runtime);
    for (const seen of [opened.argv.join("\n"), opened.cmdline, opened.env]) expect(seen).not.toContain(serve.ticket);
    expect(opened.fileMode).toBe("600");
    expect(opened.dirMode).toBe("700");
    expect(opened.page).toContain(`location.replace(${JSON.stringify(serve.url)})`);
    expect(opened.page).toContain(`content="1;url=${serve.url}"`);
    // Not only the opener: serve itself and anything else of ours.
    expect(processesHolding(serve.ticket)).toEqual([]);
    expect(existsSync(page)).toBe(true);
  });

  it.skipIf(!hasChromium)("the page takes real Chromium to the window, and is gone once the ticket is traded", async () => {
    const { serve, opened } = await serveWithOpener("chromium");
    const page = opened.argv[0]!;
    const browser = await launchBrowser();
    try {
      const tab = await browser.context.newPage();
      await tab.goto(pathToFileURL(page).href);
      await tab.waitForURL(`${serve.origin}/`);
      await tab.getByRole("list", { name: "Models" }).waitFor();
      expect(await tab.evaluate(() => sessionStorage.getItem("switchboard.session"))).toMatch(/^[\w-]{40,}$/);
      await expect.poll(() => existsSync(dirname(page)), { timeout: 5000 }).toBe(false);
      expect(processesHolding(serve.ticket)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("removes the page when serve exits before anyone used it", async () => {
    const { serve, opened } = await serveWithOpener("exit");
    const page = opened.argv[0]!;
    expect(existsSync(page)).toBe(true);
    await serve.stop();
    expect(existsSync(dirname(page))).toBe(false);
  });

  it("says so when the opener fails, pointing at the printed link", async () => {
    const { serve } = await serveWithOpener("failing", { FAKE_OPENER_EXIT: "3" });
    await expect.poll(() => serve.stderr(), { timeout: 5000 }).toContain("Could not open a browser (xdg-open exited with code 3); open the link on the first line above yourself.");
    expect(serve.stderr()).not.toContain(serve.ticket);
  });
});
