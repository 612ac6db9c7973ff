#!/usr/bin/env node
/**
 * `npm test`: vitest inside a D-Bus session with an unlocked gnome-keyring, so the vault tests
 * talk to a real Secret Service without touching the user's own keyring.
 *
 * 1. Re-run this script under `dbus-run-session --`, which gives it a private session bus that
 *    ends with it (even where the desktop has a session bus of its own).
 * 2. Start `gnome-keyring-daemon --unlock --components=secrets` with a throwaway password on stdin
 *    (it creates and unlocks a login keyring) and export what it prints (GNOME_KEYRING_CONTROL…).
 * 3. Run `vitest run` with the remaining arguments and pass its exit code through, with TMPDIR a
 *    dir of this run's own that goes when vitest ends (Ctrl-C included): the tests make hundreds
 *    of temp agent dirs, caches and browser profiles, and a worker that is stopped, not exited,
 *    cannot clean up after itself.
 * Before all that, the real pis the conformance suite runs against are installed into `.pis/`
 * (scripts/install-test-pis.mjs: idempotent, fails loudly without the npm registry).
 * Without gnome-keyring the tests still run; the vault tests then skip and say why.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installTestPis } from "./install-test-pis.mjs";

const args = process.argv.slice(2);
const which = (name) => (process.env.PATH ?? "").split(delimiter).filter(Boolean).map((dir) => join(dir, name)).find((p) => existsSync(p)) ?? null;

if (!process.env.PI_SWITCHBOARD_TEST_REEXEC) {
  try {
    installTestPis();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

// Always a private session bus when one can be made: even on a desktop with its own session,
// the tests must never reach the user's real keyring.
if (!process.env.PI_SWITCHBOARD_TEST_REEXEC && which("dbus-run-session")) {
  const child = spawn("dbus-run-session", ["--", process.execPath, fileURLToPath(import.meta.url), ...args], {
    stdio: "inherit",
    env: { ...process.env, PI_SWITCHBOARD_TEST_REEXEC: "1" },
  });
  child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
} else {
  // Everything below makes its temp files here (os.tmpdir() reads TMPDIR), removed at the end.
  const runTmp = mkdtempSync(join(tmpdir(), "pi-switchboard-tests-"));
  const env = { ...process.env, TMPDIR: runTmp };
  if (env.DBUS_SESSION_BUS_ADDRESS && which("gnome-keyring-daemon")) {
    // A private home for the keyring files: the tests' entries never land in the user's keyring.
    const keyringHome = mkdtempSync(join(runTmp, "keyring-"));
    const started = spawnSync("gnome-keyring-daemon", ["--unlock", "--components=secrets"], {
      input: "pi-switchboard-tests",
      encoding: "utf8",
      env: { ...env, XDG_DATA_HOME: keyringHome, XDG_RUNTIME_DIR: keyringHome },
    });
    if (started.status === 0) {
      for (const line of started.stdout.split("\n")) {
        const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
        if (m) env[m[1]] = m[2];
      }
    } else {
      process.stderr.write(`run-tests: gnome-keyring-daemon did not start (${started.stderr.trim() || `exit ${started.status}`}); vault tests will skip.\n`);
    }
  } else {
    process.stderr.write("run-tests: no D-Bus session or no gnome-keyring-daemon; vault tests will skip.\n");
  }
  const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
  const child = spawn(process.execPath, [vitest, "run", ...args], { stdio: "inherit", env });
  // Ctrl-C reaches vitest too (same process group): wait for it to stop, then clean up.
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => {
    rmSync(runTmp, { recursive: true, force: true });
    process.exit(signal ? 1 : (code ?? 1));
  });
}
